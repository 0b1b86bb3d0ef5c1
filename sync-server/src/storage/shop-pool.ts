import type { RevStore } from './rev-store.ts';

/**
 * Memory a loaded shop costs per document, on the safe side: its index (about 270
 * bytes of heap a document, BENCHMARKS.md) plus its open LevelDB and the garbage its
 * requests leave. The resolvers' engines have a budget of their own (engine-budget.ts).
 */
export const BYTES_PER_DOC = 1_000;
/**
 * A shop used this recently stays, even over the budget: a replicator's next request
 * usually follows within it. (A read still running is safe either way: an unload waits for it.)
 */
export const MIN_IDLE_MS = 1_000;
/** Shops leaving memory at once (see #sweep). */
const EVICT_AT_ONCE = 4;
const DAY_MS = 24 * 3_600_000;

export interface PoolOptions {
  /** a shop nobody used for this long leaves memory */
  idleMs: number;
  /** above this estimate, least recently used shops leave first (quiet ones before busy ones) */
  budgetBytes: number;
  /** how often to look (default a tenth of idleMs, at most 30 s) */
  everyMs?: number;
  /** a shop's index has just been loaded (its resolver starts) */
  opened?: (shopId: string) => void;
  /**
   * the shop's resolver is deciding: under pressure it leaves after the quiet ones, as
   * its stop waits for the decisions (behind other shops' engines being read back)
   */
  busy?: (shopId: string) => boolean;
  /** a shop is about to leave memory (its resolver stops and saves) */
  closing?: (shopId: string) => Promise<void>;
  /** old revision bodies are dropped this long after they stopped being leaves (compaction.ts) */
  compactGraceMs?: number;
  /** a compaction failed (the shop is left as it was) */
  failed?: (shopId: string, err: unknown) => void;
}

interface Slot {
  store: RevStore;
  lastUse: number;
  /** when this process last compacted it */
  compacted: number;
}

/**
 * The shops this process has seen. Each is a handle that loads its index on first
 * use; idle ones and, under memory pressure, the least recently used ones unload.
 * A shop with a live `_changes` feed stays loaded while memory allows; over the
 * budget its index leaves memory too, and the feed goes on waiting without it (the
 * store answers it from the position it left at) until a write loads it again.
 */
export class ShopPool {
  readonly #slots = new Map<string, Slot>();
  #opts: PoolOptions | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #sweeping: Promise<string[]> | null = null;
  #soon: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly make: (shopId: string, events: { loaded: () => void }) => RevStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The shop's handle, marked as used now. */
  get(shopId: string): RevStore {
    let slot = this.#slots.get(shopId);
    if (!slot) {
      const store = this.make(shopId, {
        loaded: () => {
          this.#opts?.opened?.(shopId);
          this.#overBudgetSoon();
        },
      });
      slot = { store, lastUse: 0, compacted: 0 };
      this.#slots.set(shopId, slot);
    }
    slot.lastUse = this.now();
    return slot.store;
  }

  /** Forget a shop's handle (after it was destroyed). */
  drop(shopId: string): void {
    this.#slots.delete(shopId);
  }

  /** Start unloading idle shops (and call the hooks). */
  manage(opts: PoolOptions): void {
    this.#opts = opts;
    if (this.#timer) clearInterval(this.#timer);
    const every = opts.everyMs ?? Math.min(30_000, Math.max(1_000, opts.idleMs / 10));
    this.#timer = setInterval(() => void this.sweep(), every);
    this.#timer.unref();
  }

  /** A load took the pool over its budget: sweep now rather than at the next tick. */
  #overBudgetSoon(): void {
    const opts = this.#opts;
    if (!opts || this.#soon || this.footprint() <= opts.budgetBytes) return;
    this.#soon = setTimeout(() => {
      this.#soon = null;
      void this.sweep();
    }, MIN_IDLE_MS);
    this.#soon.unref();
  }

  /** Estimated heap of the loaded shops. */
  footprint(): number {
    let bytes = 0;
    for (const { store } of this.#slots.values()) {
      if (store.loaded) bytes += store.indexSize * BYTES_PER_DOC;
    }
    return bytes;
  }

  loadedCount(): number {
    let n = 0;
    for (const { store } of this.#slots.values()) if (store.loaded) n++;
    return n;
  }

  /** Unload what is idle or over the budget; resolves with the shops unloaded. */
  sweep(): Promise<string[]> {
    this.#sweeping ??= this.#sweep().finally(() => {
      this.#sweeping = null;
      // loads during a long sweep may have taken the pool over again
      this.#overBudgetSoon();
    });
    return this.#sweeping;
  }

  async #sweep(): Promise<string[]> {
    const opts = this.#opts;
    if (!opts) return [];
    const busy = (id: string) => (opts.busy?.(id) ? 1 : 0);
    const loaded = [...this.#slots.entries()]
      .filter(([, s]) => s.store.loaded)
      .map(([id, s]) => ({ id, s, busy: busy(id) }))
      .sort((a, b) => a.busy - b.busy || a.s.lastUse - b.s.lastUse)
      .map(({ id, s }) => [id, s] as const);
    /** estimated bytes of the evictions under way: what the pool is about to give back */
    let leaving = 0;
    const over = () => this.footprint() - leaving - opts.budgetBytes;
    const gone = new Set<string>();
    const running = new Set<Promise<void>>();
    for (const [shopId, slot] of loaded) {
      const idle = this.now() - slot.lastUse;
      // a live feed keeps its shop unless memory is short
      const evict =
        (!slot.store.held && idle >= opts.idleMs) || (over() > 0 && idle >= MIN_IDLE_MS);
      if (!evict) continue;
      const size = slot.store.indexSize * BYTES_PER_DOC;
      leaving += size;
      const run = this.#evict(shopId, slot, opts, () => over() + size)
        // a shop that failed to leave stays loaded; the next sweep tries again
        .catch(() => false)
        .then((out) => void (out && gone.add(shopId)))
        .finally(() => {
          leaving -= size;
          running.delete(run);
        });
      running.add(run);
      // A resolver's stop may wait for its engine to be read back (behind other shops'):
      // several leave at once, so one slow stop does not hold the rest in memory.
      if (running.size >= EVICT_AT_ONCE) await Promise.race(running);
    }
    await Promise.all(running);
    const now = this.now();
    // shops a live feed keeps loaded are compacted now and then too
    const every = Math.max(opts.compactGraceMs ?? DAY_MS, 3_600_000);
    for (const [shopId, slot] of this.#slots) {
      if (slot.store.loaded && now - slot.compacted >= every) {
        await this.#compact(shopId, slot, opts, now);
      }
    }
    return loaded.map(([id]) => id).filter((id) => gone.has(id));
  }

  /** Stop a shop's resolver, compact it and unload it; false when it stays after all. */
  async #evict(
    shopId: string,
    slot: Slot,
    opts: PoolOptions,
    /** how far over the budget the pool is, counting this shop as still loaded */
    over: () => number,
  ): Promise<boolean> {
    const used = slot.lastUse;
    await opts.closing?.(shopId).catch(() => undefined);
    await this.#compact(shopId, slot, opts, this.now());
    // used again while its resolver stopped, or a feed came under no pressure: it stays
    // (the next load restarts it)
    if (slot.lastUse !== used || (slot.store.held && over() <= 0)) {
      opts.opened?.(shopId);
      return false;
    }
    await slot.store.unload();
    return true;
  }

  async #compact(shopId: string, slot: Slot, opts: PoolOptions, now: number): Promise<void> {
    slot.compacted = now;
    try {
      await slot.store.compact(now, opts.compactGraceMs ?? DAY_MS);
    } catch (err) {
      opts.failed?.(shopId, err);
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#soon) clearTimeout(this.#soon);
    this.#soon = null;
    await this.#sweeping?.catch(() => undefined);
    const all = [...this.#slots.values()].map((s) => s.store);
    this.#slots.clear();
    await Promise.allSettled(all.map((s) => s.close()));
  }
}
