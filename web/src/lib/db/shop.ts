import { HybridClock, parseShopDoc, type ShopDoc } from '@stallkeeper/shared';
import { ShopLocalDb } from './local.ts';
import { openLocal, type PouchDatabase } from './pouch.ts';
import { Projector } from './projector.ts';

export interface Actor {
  userId: string;
  userName: string;
  deviceId: string;
}

export class ValidationError extends Error {
  override name = 'ValidationError';
}

/**
 * One open shop on this device: its PouchDB replica (the truth), its Dexie read
 * models, and the single write path every data-access module uses.
 */
export class ShopContext {
  readonly clock: HybridClock;
  readonly projector: Projector;

  private constructor(
    readonly shopId: string,
    readonly pouch: PouchDatabase,
    readonly local: ShopLocalDb,
    readonly actor: Actor,
  ) {
    this.clock = new HybridClock(actor.deviceId);
    this.projector = new Projector(pouch, local);
  }

  static async open(shopId: string, actor: Actor, pouch?: PouchDatabase): Promise<ShopContext> {
    const ctx = new ShopContext(
      shopId,
      pouch ?? (await openLocal(shopId)),
      new ShopLocalDb(shopId),
      actor,
    );
    await ctx.projector.start();
    return ctx;
  }

  /**
   * Validate with the same schema the server uses, note it in the outbox, then
   * store it. The outbox entry goes first so a crash can only over-count pending.
   */
  async put<T extends ShopDoc>(doc: T): Promise<T & { _rev: string }> {
    const parsed = parseShopDoc(doc);
    if (!parsed.ok) throw new ValidationError(parsed.reason);
    const at = new Date().toISOString();
    await this.local.outbox.put({
      id: doc._id,
      rev: doc._rev ?? '',
      kind: parsed.kind,
      at,
      refused: null,
    });
    // zod and @types/pouchdb describe attachments slightly differently; the doc is validated above.
    const res = await this.pouch.put(doc as PouchDB.Core.PutDocument<object>);
    await this.local.outbox.update(doc._id, { rev: res.rev });
    return { ...doc, _rev: res.rev };
  }

  async get<T extends ShopDoc>(id: string): Promise<T | null> {
    try {
      return (await this.pouch.get(id)) as unknown as T;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  async close(): Promise<void> {
    this.projector.stop();
    this.local.close();
    await this.pouch.close();
  }
}
