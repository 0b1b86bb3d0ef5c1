/**
 * Counts failed logins per key (account or address) in a sliding window. In memory:
 * with several server replicas each limits on its own, which still bounds guessing.
 */
export class FailureLimiter {
  readonly #hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 if allowed now. */
  retryAfter(key: string): number {
    const hits = this.#recent(key);
    if (hits.length < this.max) return 0;
    const oldest = hits[0] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const hits = this.#recent(key);
    hits.push(this.now());
    this.#hits.set(key, hits);
    if (this.#hits.size > 50_000) this.#sweep();
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.#hits.get(key) ?? []).filter((t) => t > cutoff);
  }

  #sweep(): void {
    for (const key of this.#hits.keys()) if (this.#recent(key).length === 0) this.#hits.delete(key);
  }
}
