/** What the budget asks of a resolver whose engine is in memory. */
export interface EngineHolder {
  /** Save the engine and let it leave memory; false when it is busy deciding (it stays). */
  restNow(): boolean;
}

/**
 * Estimated heap of one engine part (engine-parts.ts). Measured on the many-shops
 * benchmark's shop: 17,007 parts of a 5,000-order shop took 9 MB once read back.
 */
export const BYTES_PER_PART = 550;

/**
 * The resolvers' engines of one process share a memory budget. Each engine is read
 * from its saved parts on its shop's first decision and rests (saved, then dropped)
 * after a quiet spell; when many shops decide at once (a market morning on a server
 * of many shops) the engines used least recently rest first, so memory stays bounded
 * however many shops have a device syncing.
 */
export class EngineBudget {
  /** holders in order of use, least recent first, with their engines' estimated bytes */
  readonly #held = new Map<EngineHolder, number>();
  #total = 0;
  /** read-backs running, and those waiting their turn */
  #reading = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly budgetBytes: number,
    /**
     * Engines read back at once. A read-back holds every part's JSON until it is
     * parsed (about 9 MB for a 5,000-order shop), and the parsing takes the one main
     * thread anyway: ten shops reading at once (phones syncing after a market day)
     * were a hundred megabytes of heap for no gain in speed.
     */
    readonly readsAtOnce = 2,
  ) {}

  /** Run `read` (an engine's read-back) when fewer than `readsAtOnce` are running. */
  async readBack<T>(read: () => Promise<T>): Promise<T> {
    if (this.#reading >= this.readsAtOnce) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#reading++;
    }
    try {
      return await read();
    } finally {
      // the turn passes straight to the next in line, or is given back
      const next = this.#waiting.shift();
      if (next) next();
      else this.#reading--;
    }
  }

  /** Read-backs waiting their turn (for tests). */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Estimated bytes of the engines in memory. */
  get totalBytes(): number {
    return this.#total;
  }

  get engines(): number {
    return this.#held.size;
  }

  /** `holder`'s engine was just used and is about `bytes`; over budget, others rest. */
  used(holder: EngineHolder, bytes: number): void {
    this.#total += bytes - (this.#held.get(holder) ?? 0);
    this.#held.delete(holder);
    this.#held.set(holder, bytes);
    let over = this.#total - this.budgetBytes;
    for (const [other, size] of this.#held) {
      if (over <= 0) break;
      // the one just used stays even if it alone is over: it is deciding now.
      // One asked to rest is counted out at once, so it is not asked twice.
      if (other !== holder && other.restNow()) {
        over -= size;
        this.released(other);
      }
    }
  }

  /** `holder`'s engine left memory (rested or stopped). */
  released(holder: EngineHolder): void {
    this.#total -= this.#held.get(holder) ?? 0;
    this.#held.delete(holder);
  }
}
