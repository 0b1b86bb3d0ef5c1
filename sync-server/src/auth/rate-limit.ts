/**
 * How a Backoff judges a key: the first `free` failures cost nothing, then each further
 * failure doubles the wait before the next attempt (firstDelayMs, 2×, 4× … maxDelayMs).
 * The wait runs from the last counted failure, so nobody is ever locked out for long.
 */
export interface BackoffPolicy {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** a key with no counted failure for this long starts over */
  forgetMs: number;
  /** keys kept at most: memory stays bounded; the longest-quiet keys go first */
  maxKeys: number;
}

interface Entry {
  count: number;
  /** when the last failure was counted */
  last: number;
  /** for distinct counting: who has failed on this key already */
  members?: Set<string>;
}

/**
 * Failure counters with exponential delay, in memory. With several server replicas each
 * counts on its own, which still bounds guessing.
 *
 * `fail(key, member)` counts each member once per key (an address counts distinct
 * accounts, an account distinct addresses), so one noisy source cannot fill the counter.
 */
export class Backoff {
  // Insertion order is the order of the last counted failure: the oldest come first.
  readonly #entries = new Map<string, Entry>();
  /** past this many members the wait is at its maximum anyway: stop remembering them */
  readonly #memberCap: number;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {
    if (policy.forgetMs < policy.maxDelayMs) throw new Error('forgetMs must cover maxDelayMs');
    this.#memberCap =
      policy.free + Math.ceil(Math.log2(policy.maxDelayMs / policy.firstDelayMs)) + 1;
  }

  /** Seconds until the key may try again, or 0 if it may now. */
  retryAfter(key: string): number {
    const entry = this.#live(key);
    if (!entry) return 0;
    const left = entry.last + this.#delayAfter(entry.count) - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /**
   * Counts one attempt as failed unless the key must wait: 0 when counted, else the
   * seconds to wait (and nothing counted). Counting before the password is checked
   * means a burst of parallel guesses is judged as it arrives; `reset` or `forgive`
   * takes it back when the password was right.
   */
  charge(key: string, member?: string): number {
    const wait = this.retryAfter(key);
    if (wait === 0) this.fail(key, member);
    return wait;
  }

  /** Counts a failure (once per member when one is given). */
  fail(key: string, member?: string): void {
    const now = this.now();
    this.#sweep(now);
    const entry = this.#live(key) ?? { count: 0, last: now };
    if (member !== undefined) {
      if (entry.members?.has(member)) return;
      entry.members ??= new Set();
      if (entry.members.size < this.#memberCap) entry.members.add(member);
    }
    entry.count += 1;
    entry.last = now;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.policy.maxKeys) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** Takes back one member's failure (its attempt turned out to be right). */
  forgive(key: string, member: string): void {
    const entry = this.#entries.get(key);
    if (!entry?.members?.delete(member)) return;
    entry.count = Math.max(0, entry.count - 1);
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  /** keys held now (for tests of the bounds) */
  get size(): number {
    return this.#entries.size;
  }

  #delayAfter(count: number): number {
    if (count < this.policy.free) return 0;
    const doublings = Math.min(count - this.policy.free, 40);
    return Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** doublings);
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && this.now() - entry.last > this.policy.forgetMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops forgotten keys; they sit at the front, so this stops at the first live one. */
  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (now - entry.last <= this.policy.forgetMs) break;
      this.#entries.delete(key);
    }
  }
}
