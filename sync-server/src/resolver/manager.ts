import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { listByPrefix } from '../system-db.ts';
import { ShopResolver, type ResolverHooks } from './resolver.ts';

const LEASE_MS = 30_000;
const RENEW_MS = 10_000;

interface LeaseDoc {
  _id: string;
  _rev?: string;
  holder: string;
  expiresAt: number;
}

/**
 * Runs one resolver per shop. With several server replicas on one CouchDB, a lease
 * in the system database makes sure only one of them resolves a given shop.
 */
export class ResolverManager {
  readonly #resolvers = new Map<string, ShopResolver>();
  readonly #instance = randomUUID();
  #timer: ReturnType<typeof setInterval> | null = null;
  #stopped = false;
  #started = false;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly hooks: ResolverHooks = {},
  ) {}

  async start(): Promise<void> {
    this.#started = true;
    const shops = await listByPrefix<{ id: string }>(this.storage.system(), 'shop:');
    for (const s of shops) await this.ensure(s.id);
    this.#timer = setInterval(() => void this.#renew(), RENEW_MS);
    this.#timer.unref();
  }

  /** Start the shop's resolver here if no other replica holds its lease. */
  async ensure(shopId: string): Promise<ShopResolver | null> {
    if (this.#stopped || !this.#started) return null;
    const running = this.#resolvers.get(shopId);
    if (running) return running;
    if (!(await this.#lease(shopId))) return null;
    const r = new ShopResolver(
      shopId,
      this.storage.shop(shopId),
      this.storage.system(),
      this.log,
      this.hooks,
    );
    this.#resolvers.set(shopId, r);
    await r.start();
    return r;
  }

  get(shopId: string): ShopResolver | undefined {
    return this.#resolvers.get(shopId);
  }

  /** Stop every resolver; resolves with the shops whose final save failed (each logged). */
  async stop(): Promise<string[]> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    const all = [...this.#resolvers.values()];
    const saved = await Promise.all(all.map((r) => r.stop()));
    this.#resolvers.clear();
    return all.filter((_, i) => !saved[i]).map((r) => r.shopId);
  }

  async forget(shopId: string): Promise<void> {
    const r = this.#resolvers.get(shopId);
    this.#resolvers.delete(shopId);
    await r?.stop();
  }

  async #lease(shopId: string): Promise<boolean> {
    if (this.storage.kind !== 'couchdb') return true; // one process owns its LevelDB
    const system = this.storage.system();
    const id = `lease:resolver:${shopId}`;
    const current = await system.get<LeaseDoc>(id).catch(() => null);
    if (current && current.holder !== this.#instance && current.expiresAt > Date.now()) {
      return false;
    }
    try {
      await system.put<LeaseDoc>({
        _id: id,
        ...(current?._rev ? { _rev: current._rev } : {}),
        holder: this.#instance,
        expiresAt: Date.now() + LEASE_MS,
      });
      return true;
    } catch {
      return false; // another replica won the race
    }
  }

  async #renew(): Promise<void> {
    for (const shopId of [...this.#resolvers.keys()]) {
      if (!(await this.#lease(shopId))) {
        this.log.warn('resolver lease lost', { shopId });
        await this.forget(shopId);
      }
    }
  }
}
