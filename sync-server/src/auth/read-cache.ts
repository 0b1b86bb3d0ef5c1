/**
 * A short-lived memo for answers read on every request (a session, a membership),
 * for a store only this process writes. Every write through this process forgets what
 * it may change (the keys it names, or everything), and an answer read while such a
 * write was in flight is not kept, so a revoked session or a removed member is refused
 * on the very next request. `ttlMs = 0` turns it off (several replicas over one
 * CouchDB cannot see each other's writes).
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  #generation = 0;
  /** counts the edges of keyed writes (each start and end), to order them against reads */
  #tick = 0;
  /** key → the tick of the last start or end of a write naming it */
  readonly #touched = new Map<string, number>();
  /** key → keyed writes naming it still under way */
  readonly #writing = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<V>, until = Infinity): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const generation = this.#generation;
    const tick = this.#tick;
    const value = await load();
    const touched = this.#touched.get(key);
    if (
      generation === this.#generation &&
      !this.#writing.has(key) &&
      (touched === undefined || touched <= tick)
    ) {
      if (this.#entries.size > 10_000) this.#entries.clear();
      this.#entries.set(key, { value, until: Math.min(now + this.ttlMs, until) });
    }
    return value;
  }

  /** Forget one answer (it has expired by its own clock). */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** Forget everything. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    // everything read before now is refused by the generation; writes under way stay marked
    for (const key of this.#touched.keys()) if (!this.#writing.has(key)) this.#touched.delete(key);
  }

  /**
   * Run a write of what this caches, forgetting before and after it what it may change:
   * the answers under `keys`, or everything when no keys are named. A keyed write leaves
   * every other answer in place: one session's "last seen" must not send every other
   * device's next request back to the database.
   */
  async writing<T>(write: () => Promise<T>, keys?: readonly string[]): Promise<T> {
    if (!keys) {
      this.clear();
      try {
        return await write();
      } finally {
        this.clear();
      }
    }
    this.#mark(keys, 1);
    try {
      return await write();
    } finally {
      this.#mark(keys, -1);
    }
  }

  #mark(keys: readonly string[], step: 1 | -1): void {
    const tick = ++this.#tick;
    for (const key of keys) {
      this.#entries.delete(key);
      this.#touched.set(key, tick);
      const n = (this.#writing.get(key) ?? 0) + step;
      if (n > 0) this.#writing.set(key, n);
      else this.#writing.delete(key);
    }
    // the marks only matter to reads that began before them: past a bound, start over
    if (this.#touched.size > 10_000) this.clear();
  }
}
