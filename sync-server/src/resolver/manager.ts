import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { EngineBudget } from './engine-budget.ts';
import { LeaseFence } from './lease-fence.ts';
import {
  acquire,
  gone,
  holderOfThisProcess,
  holderUrl,
  release,
  shopPage,
  type Holder,
} from './leases.ts';
import { ShopResolver, type ResolverHooks } from './resolver.ts';

/** Shops read per page while looking for ones nobody resolves. */
const SCAN_PAGE = 200;
/** Pages looked at per tick: a big system is walked over several ticks, not all at once. */
const SCAN_PAGES_PER_TICK = 5;
/** Leases one replica takes per tick, so a replica that starts first does not grab every shop. */
const TAKE_PER_TICK = 100;

export interface ResolverManagerOptions {
  /** how long a lease lasts unless renewed (RESOLVER_LEASE_SECONDS; default 30) */
  leaseSeconds?: number;
  /** estimated memory all shops' engines may take before the least recently used rest */
  engineBudgetBytes?: number;
  /** where the other replicas reach this one (REPLICA_URL), written into its leases */
  replicaUrl?: string;
}

interface Running {
  resolver: ShopResolver;
  fence: LeaseFence;
}

/**
 * Runs one resolver per shop.
 *
 * On LevelDB (or memory) this process alone owns its shops, and shops open lazily: the
 * storage calls `ensure` when a shop loads and `forget` before it unloads.
 *
 * With several server replicas on one CouchDB, a lease per shop in the system database
 * (`lease:resolver:<shopId>`) makes sure only one of them resolves a given shop. Every
 * third of the lease, each replica renews the leases it holds, drops the shops whose
 * lease it lost, and takes over the shops whose lease is free or expired (a dead
 * replica's), a bounded number per tick.
 *
 * What a resolver writes goes through its LeaseFence: a write starts only while the lease
 * has at least a third of its term left by this clock (the term is counted from before
 * the lease was written, so it never ends later here than in the lease document). Another
 * replica takes over only once the term has ended by its clock. So the old holder's last
 * write had a third of the lease (10 s by default) to land, less any clock difference
 * between the replicas, before a successor can write. Should a write still land late (a
 * stalled process, a badly wrong clock), it is harmless to the stock: decisions have
 * deterministic ids and revisions named by their content, the successor replays from the
 * last saved checkpoint and decides the same orders the same way, so whichever write comes
 * second finds the decision stored (skipped) or stores the very same revision.
 */
export class ResolverManager {
  readonly #running = new Map<string, Running>();
  readonly #starting = new Map<string, Promise<ShopResolver | null>>();
  /** shops asked for before start(): started then */
  readonly #wanted = new Set<string>();
  readonly #me: Holder;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #engines: EngineBudget;
  #timer: ReturnType<typeof setInterval> | null = null;
  #tick: Promise<void> | null = null;
  /** the last shop id scanned: the next tick goes on from there */
  #cursor: string | null = null;
  #stopped = false;
  #started = false;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly hooks: ResolverHooks = {},
    opts: ResolverManagerOptions = {},
  ) {
    this.#me = holderOfThisProcess(randomUUID(), opts.replicaUrl);
    this.#leaseMs = (opts.leaseSeconds ?? 30) * 1000;
    this.#renewMs = Math.floor(this.#leaseMs / 3);
    this.#engines = new EngineBudget(opts.engineBudgetBytes ?? Infinity);
  }

  get #leased(): boolean {
    return this.storage.kind === 'couchdb';
  }

  async start(): Promise<void> {
    this.#started = true;
    if (!this.#leased) {
      // Shops open on use; the ones opened before now get their resolver here.
      const wanted = [...this.#wanted];
      this.#wanted.clear();
      for (const shopId of wanted) await this.ensure(shopId);
      return;
    }
    this.log.info('resolver leases', { ...this.#me, leaseMs: this.#leaseMs });
    await this.tick();
    this.#timer = setInterval(() => void this.tick(), this.#renewMs);
    this.#timer.unref();
  }

  /** Start the shop's resolver here unless another replica holds its lease. Idempotent. */
  async ensure(shopId: string): Promise<ShopResolver | null> {
    if (this.#stopped) return null;
    if (!this.#started) {
      this.#wanted.add(shopId);
      return null;
    }
    const running = this.#running.get(shopId);
    if (running) return running.resolver;
    const starting = this.#starting.get(shopId);
    if (starting) return starting;
    const started = this.#claim(shopId).finally(() => this.#starting.delete(shopId));
    this.#starting.set(shopId, started);
    return started;
  }

  /** Whether the shop's resolver is starting or deciding (stopping it would wait for that). */
  busy(shopId: string): boolean {
    return this.#starting.has(shopId) || (this.#running.get(shopId)?.resolver.busy ?? false);
  }

  get(shopId: string): ShopResolver | undefined {
    return this.#running.get(shopId)?.resolver;
  }

  /** The URL of the other replica that resolves this shop now, when it gave one (CouchDB only). */
  async holderUrl(shopId: string): Promise<string | null> {
    if (!this.#leased || this.#stopped) return null;
    return holderUrl(this.storage.system(), this.#me, shopId);
  }

  /** Stop every resolver; resolves with the shops whose final save failed (each logged). */
  async stop(): Promise<string[]> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#tick?.catch(() => undefined);
    await Promise.allSettled(this.#starting.values());
    const all = [...this.#running.entries()];
    this.#running.clear();
    const saved = await Promise.all(all.map(([, r]) => r.resolver.stop()));
    // Saved and let go: another replica takes these shops at its next tick.
    if (this.#leased) await Promise.allSettled(all.map(([id]) => this.#release(id)));
    return all.filter((_, i) => !saved[i]).map(([id]) => id);
  }

  /** Stop the shop's resolver here (saved) and give up its lease. */
  async forget(shopId: string): Promise<void> {
    this.#wanted.delete(shopId);
    await this.#starting.get(shopId)?.catch(() => undefined);
    const r = this.#running.get(shopId);
    if (!r) return;
    this.#running.delete(shopId);
    await r.resolver.stop();
    if (this.#leased && r.fence.open) await this.#release(shopId);
  }

  /**
   * One round of lease work (CouchDB only; runs every third of the lease): renew what
   * is held here, drop what was lost, take over what nobody holds.
   */
  tick(): Promise<void> {
    this.#tick ??= this.#round()
      .catch((err: unknown) => this.log.error('resolver lease round failed', { err: String(err) }))
      .finally(() => (this.#tick = null));
    return this.#tick;
  }

  async #round(): Promise<void> {
    if (this.#stopped || !this.#leased) return;
    await this.#renew();
    if (!this.#stopped) await this.#takeOver();
  }

  async #claim(shopId: string): Promise<ShopResolver | null> {
    if (!this.#leased) return this.#run(shopId, new LeaseFence(shopId));
    const { held, since } = await acquire(this.storage.system(), this.#me, [shopId], this.#leaseMs);
    if (!held.has(shopId) || this.#stopped) return this.#running.get(shopId)?.resolver ?? null;
    return this.#run(shopId, new LeaseFence(shopId, this.#until(since)));
  }

  async #run(shopId: string, fence: LeaseFence): Promise<ShopResolver> {
    const leased = this.#leased;
    const db = this.storage.shop(shopId);
    const system = this.storage.system();
    const resolver = new ShopResolver(
      shopId,
      leased ? fence.shop(db) : db,
      leased ? fence.system(system) : system,
      this.log,
      this.hooks,
      this.#engines,
    );
    this.#running.set(shopId, { resolver, fence });
    try {
      await resolver.start();
    } catch (err) {
      this.#running.delete(shopId);
      throw err;
    }
    return resolver;
  }

  /** Until when this replica may write for a lease written at `since` (by its clock). */
  #until(since: number): number {
    return since + this.#leaseMs - this.#renewMs;
  }

  async #renew(): Promise<void> {
    // A shut fence (the term ran out before a renewal came through): that resolver may
    // have moved past a page it could not write, so it goes; a fresh one starts below.
    for (const [shopId, r] of [...this.#running]) {
      if (r.fence.open) continue;
      this.log.warn('resolver lease ran out before it was renewed', { shopId });
      this.#running.delete(shopId);
      await r.resolver.stop(); // its save is refused: the next holder replays
    }
    // A shop deleted through another replica: its resolver stops here and lets go.
    for (const shopId of await gone(this.storage.system(), [...this.#running.keys()])) {
      await this.forget(shopId);
    }
    const ids = [...this.#running.keys()];
    if (!ids.length) return;
    const { held, since } = await acquire(this.storage.system(), this.#me, ids, this.#leaseMs);
    for (const shopId of ids) {
      const r = this.#running.get(shopId);
      if (!r) continue;
      if (held.has(shopId)) {
        r.fence.extend(this.#until(since));
        continue;
      }
      this.log.warn('resolver lease lost', { shopId });
      r.fence.shut();
      this.#running.delete(shopId);
      await r.resolver.stop();
    }
  }

  /** Take the shops whose lease is free or expired: a few pages of shops a tick. */
  async #takeOver(): Promise<void> {
    const system = this.storage.system();
    let room = TAKE_PER_TICK;
    for (let page = 0; page < SCAN_PAGES_PER_TICK && room > 0 && !this.#stopped; page++) {
      const shopIds = await shopPage(system, this.#cursor, SCAN_PAGE);
      this.#cursor = shopIds.length < SCAN_PAGE ? null : (shopIds.at(-1) ?? null);
      const free = shopIds.filter((id) => !this.#running.has(id) && !this.#starting.has(id));
      const { held, since } = await acquire(system, this.#me, free, this.#leaseMs, room);
      room -= held.size;
      for (const shopId of held) {
        if (this.#stopped || this.#running.has(shopId) || this.#starting.has(shopId)) continue;
        this.log.info('resolver lease taken', { shopId });
        const started = this.#run(shopId, new LeaseFence(shopId, this.#until(since)))
          .then((r): ShopResolver | null => r)
          .catch((err: unknown) => {
            this.log.error('resolver did not start', { shopId, err: String(err) });
            return null;
          })
          .finally(() => this.#starting.delete(shopId));
        // not awaited: reading a big shop's saved state must not hold up the next renewals
        this.#starting.set(shopId, started);
      }
      if (this.#cursor === null) break; // walked to the end: start again next tick
    }
  }

  async #release(shopId: string): Promise<void> {
    await release(this.storage.system(), this.#me, shopId).catch((err: unknown) =>
      this.log.warn('resolver lease not released', { shopId, err: String(err) }),
    );
  }
}
