import {
  devicePrefix,
  formatHumanNumber,
  HybridClock,
  isoNow,
  type Order,
  type OrderEvent,
  type Product,
  type StockMovement,
} from '@stallkeeper/shared';
import { auditDoc, orderEventDoc, saleOf, stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { diskDb, localDb, remoteDb, type Account } from '../support/pouch-client.ts';

/** One simulated phone or laptop: a real PouchDB replica and the real replicator. */
export class Device {
  readonly db: PouchDB.Database;
  readonly clock: HybridClock;
  readonly prefix: string;
  #seq = 0;
  #sync: PouchDB.Replication.Sync<object> | null = null;
  errors = 0;

  readonly id: string;
  readonly userId: string;

  constructor(
    /** the member signed in on this device: its session writes as `account.deviceId` */
    private readonly account: Account,
    private readonly baseUrl: () => string,
    /** keep the replica on disk (LevelDB) instead of in memory */
    diskDir?: string,
  ) {
    this.id = account.deviceId;
    this.userId = account.userId;
    this.db = diskDir ? diskDb(diskDir, this.id) : localDb(this.id);
    this.clock = new HybridClock(this.id);
    this.prefix = devicePrefix(this.id);
  }

  remote(): PouchDB.Database {
    return remoteDb(this.baseUrl(), this.account.shopId, this.account.cookie);
  }

  get online(): boolean {
    return this.#sync !== null;
  }

  goOnline(): void {
    if (this.#sync) return;
    this.#sync = this.db
      .sync(this.remote(), {
        live: true,
        retry: true,
        batch_size: 100,
        back_off_function: () => 250,
      })
      .on('error', () => {
        this.errors += 1;
      });
  }

  goOffline(): void {
    this.#sync?.cancel();
    this.#sync = null;
  }

  /** One-shot two-way sync; returns how many docs moved (0 means in step). */
  async syncOnce(): Promise<number> {
    const res = await this.db.sync(this.remote(), { batch_size: 200 });
    return (res.push?.docs_written ?? 0) + (res.pull?.docs_written ?? 0);
  }

  async audit(
    action: string,
    target: string,
    summary: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    const entry = auditDoc({
      action,
      target,
      summary,
      userName: this.account.name,
      after,
      by: this.userId,
      deviceId: this.id,
    });
    await this.db.put(entry);
  }

  async sell(product: Product, qty: number, channel: Order['channel']): Promise<Order> {
    const order = saleOf(product, qty, {
      number: formatHumanNumber(this.prefix, ++this.#seq),
      channel,
      by: this.userId,
      deviceId: this.id,
    });
    await this.db.put(order);
    await this.audit('order.create', order._id, `Sale ${order.number}`, { total: order.total });
    return order;
  }

  async cancel(order: Order): Promise<OrderEvent> {
    const e = orderEventDoc('cancelled', {
      orderId: order._id,
      reason: 'chaos',
      by: this.userId,
      deviceId: this.id,
    });
    await this.db.put(e);
    return e;
  }

  async restock(productId: string, qty: number): Promise<StockMovement> {
    const m = stockMovementDoc({
      productId,
      qty,
      reason: 'restock',
      by: this.userId,
      deviceId: this.id,
    });
    await this.db.put(m);
    return m;
  }

  /**
   * Edit one field of the local copy, stamped with this device's clock. A live pull
   * can land a newer revision between the read and the write (409): read again and
   * edit that one.
   */
  async edit(productId: string, change: { name?: string; price?: number }): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.db.get<Product>(productId);
      for (const s of Object.values(current.stamps)) this.clock.observe(s);
      const stamp = this.clock.next();
      const stamps = { ...current.stamps };
      for (const k of Object.keys(change)) stamps[k] = stamp;
      try {
        await this.db.put({ ...current, ...change, stamps, updatedAt: isoNow() });
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409 || attempt >= 5) throw err;
      }
    }
  }

  async products(): Promise<Product[]> {
    const res = await this.db.allDocs({
      startkey: 'product:',
      endkey: 'product:\ufff0',
      include_docs: true,
    });
    return res.rows.map((r) => r.doc as unknown as Product);
  }

  async close(): Promise<void> {
    this.goOffline();
    await this.db.destroy();
  }
}
