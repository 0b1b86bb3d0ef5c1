/**
 * A short-lived memo for answers read on every request (a session, a membership),
 * for a store only this process writes. Every write through this process clears it,
 * and an answer read while a write was in flight is not kept, so a revoked session or
 * a removed member is refused on the very next request. `ttlMs = 0` turns it off
 * (several replicas over one CouchDB cannot see each other's writes).
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  #generation = 0;

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<V>, until = Infinity): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const generation = this.#generation;
    const value = await load();
    if (generation === this.#generation) {
      if (this.#entries.size > 10_000) this.#entries.clear();
      this.#entries.set(key, { value, until: Math.min(now + this.ttlMs, until) });
    }
    return value;
  }

  /** Forget everything. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** Run a write of what this caches, forgetting everything before and after it. */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    this.clear();
    try {
      return await write();
    } finally {
      this.clear();
    }
  }
}
