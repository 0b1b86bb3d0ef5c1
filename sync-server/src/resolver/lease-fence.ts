import type { ShopDb } from '../storage/shop-db.ts';

/**
 * The writing methods (and any `write…` one, such as the resolver's state): a method
 * added to ShopDb later that writes under another name must be added here.
 */
const SHOP_WRITES: ReadonlySet<string> = new Set([
  'bulkDocs',
  'put',
  'remove',
  'writeState',
  'writeStateParts',
  'destroy',
] satisfies (keyof ShopDb)[]);
const SYSTEM_WRITES: ReadonlySet<string> = new Set([
  'put',
  'post',
  'bulkDocs',
  'remove',
] satisfies (keyof PouchDB.Database)[]);

/** What a fenced write throws once the lease may have passed to another replica. */
export class LeaseLostError extends Error {
  readonly status = 503;
  constructor(readonly shopId: string) {
    super(`the resolver lease for shop ${shopId} is no longer held here`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Guards one resolver's writes with its lease: every write first checks that the
 * lease is still good here (`open`), so each page of decisions, each merge and each
 * checkpoint is written only while this replica holds the shop.
 *
 * Once a check fails the fence stays shut: the resolver may have moved its position
 * past a page it could not write, so it must never save again. The manager throws
 * that resolver away and a new one starts from the last saved checkpoint.
 */
export class LeaseFence {
  #until: number;
  #shut = false;

  constructor(
    readonly shopId: string,
    until = Number.POSITIVE_INFINITY,
  ) {
    this.#until = until;
  }

  /** The lease was renewed: writes may go on until `until` (this clock). */
  extend(until: number): void {
    if (!this.#shut) this.#until = until;
  }

  /** The lease is gone: refuse every later write. */
  shut(): void {
    this.#shut = true;
  }

  get open(): boolean {
    if (!this.#shut && Date.now() >= this.#until) this.#shut = true;
    return !this.#shut;
  }

  /** The shop's database with every write checked first (reads pass through). */
  shop(db: ShopDb): ShopDb {
    return this.#guarded(db, (key) => SHOP_WRITES.has(key) || key.startsWith('write'));
  }

  /** The system database with writes checked (the resolver seals audit entries there). */
  system(db: PouchDB.Database): PouchDB.Database {
    return this.#guarded(db, (key) => SYSTEM_WRITES.has(key));
  }

  #guarded<T extends object>(target: T, isWrite: (key: string) => boolean): T {
    return new Proxy(target, {
      get: (t, key) => {
        const value: unknown = Reflect.get(t, key, t);
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(t);
        if (typeof key !== 'string' || !isWrite(key)) return bound;
        // a rejected promise, never a throw: callers chain .catch() on writes
        return (...args: unknown[]) =>
          this.open ? bound(...args) : Promise.reject(new LeaseLostError(this.shopId));
      },
    });
  }
}
