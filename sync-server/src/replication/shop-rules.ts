import {
  amendable,
  CURRENCY_LOCKED_REASON,
  changesCurrency,
  DEFAULT_SETTINGS,
  mayCancelOrder,
  parseRev,
  type Role,
} from '@stallkeeper/shared';
import type { ShopDb } from '../storage/shop-db.ts';

/**
 * The rules that depend on the rest of the shop, not on one document and its writer:
 * the currency lock, who may cancel an order, and that a counter sale is never
 * amended. They read the store once a batch, and only when a batch holds a settings
 * document or an order event that cancels or amends.
 */

/** A document of the batch that passed every check on its own. */
export interface Candidate {
  index: number;
  id: string;
  doc: Record<string, unknown>;
}

/** Who sends the batch, from the session. */
export interface RuleWriter {
  role: Role;
  userId: string;
}

export const COUNTER_SALE_AMENDED = 'a counter sale is never amended: it is corrected by a return';
export const NOT_YOURS_TO_CANCEL =
  'this order was taken by someone else: only they or the owner can cancel it, unless the owner allows it in the settings';

type Held = Record<string, unknown>;

/** Shops known to have sales. Orders are never deleted, so once true it stays true. */
const withSales = new WeakSet<ShopDb>();

/** Whether the shop holds any order: one key-range read of at most one row. */
async function storeHasSales(db: ShopDb): Promise<boolean> {
  if (withSales.has(db)) return true;
  const res = await db.allDocs({ startkey: 'order:', endkey: 'order:\ufff0', limit: 1 });
  const found = res.rows.some((r) => r.id.startsWith('order:'));
  if (found) withSales.add(db);
  return found;
}

/** Whether `doc` builds on the held revision `heldRev` (else it starts a branch of its own). */
function buildsOn(doc: Held, heldRev: unknown, newEdits: boolean): boolean {
  if (newEdits) return doc._rev === heldRev;
  const held = parseRev(heldRev);
  const history = doc._revisions as { start: number; ids: string[] } | undefined;
  if (!held || !history) return false;
  return history.ids[history.start - held.pos] === held.id;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Per-document refusals of the batch's `docs` (index → reason). Orders written in the
 * same batch count as held: a device pushes an order and its events together. An
 * event whose order the server has not seen yet is let through: only the device that
 * took the order can know its id before it syncs, and refusing would lose the event
 * for good (a denied document is not retried).
 */
export async function shopRuleErrors(
  db: ShopDb,
  writer: RuleWriter,
  docs: readonly Candidate[],
  newEdits: boolean,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  // Whoever may cancel any order (whoever took it, whatever the settings) needs no read.
  const cancelsAny = mayCancelOrder(writer.role, writer.userId, { by: '' }, DEFAULT_SETTINGS);
  const settings: Candidate[] = [];
  const events: Candidate[] = [];
  const batchOrders = new Map<string, Held>();
  for (const d of docs) {
    if (d.doc._deleted === true) continue;
    if (d.id === 'settings') {
      settings.push(d);
    } else if (d.id.startsWith('order:')) {
      batchOrders.set(d.id, d.doc);
    } else if (d.id.startsWith('orderevent:')) {
      const kind = d.doc.kind;
      if (kind === 'amended' || (kind === 'cancelled' && !cancelsAny)) events.push(d);
    }
  }
  if (!settings.length && !events.length) return refused;

  const orderIds = new Set<string>();
  for (const e of events) {
    const orderId = str(e.doc.orderId);
    if (!batchOrders.has(orderId)) orderIds.add(orderId);
  }
  const wantSettings = settings.length > 0 || events.some((e) => e.doc.kind === 'cancelled');
  const keys = [...(wantSettings ? ['settings'] : []), ...orderIds];
  const held = new Map<string, Held>();
  const rows = await db.allDocs({ keys, include_docs: true });
  for (const r of rows.rows) if ('doc' in r && r.doc) held.set(r.id, r.doc);
  const shopSettings = held.get('settings');

  let sales: boolean | null = batchOrders.size > 0 ? true : null;
  for (const s of settings) {
    if (!shopSettings) continue; // every shop is created with its settings
    const next = { currency: str(s.doc.currency), stamps: stampsOf(s.doc) };
    const current = { currency: str(shopSettings.currency), stamps: stampsOf(shopSettings) };
    if (!changesCurrency(next, current, buildsOn(s.doc, shopSettings._rev, newEdits))) continue;
    sales ??= await storeHasSales(db);
    if (sales) refused.set(s.index, CURRENCY_LOCKED_REASON);
  }

  const allowSellerCancel =
    typeof shopSettings?.allowSellerCancel === 'boolean'
      ? shopSettings.allowSellerCancel
      : DEFAULT_SETTINGS.allowSellerCancel;
  for (const e of events) {
    const orderId = str(e.doc.orderId);
    const order = batchOrders.get(orderId) ?? held.get(orderId);
    if (!order) continue; // not on the server yet: see above
    if (e.doc.kind === 'amended') {
      if (!amendable(str(order.channel), null, str(e.doc.at))) {
        refused.set(e.index, COUNTER_SALE_AMENDED);
      }
    } else if (
      !mayCancelOrder(writer.role, writer.userId, { by: str(order.by) }, { allowSellerCancel })
    ) {
      refused.set(e.index, NOT_YOURS_TO_CANCEL);
    }
  }
  return refused;
}

function stampsOf(doc: Held): Record<string, string> {
  const stamps = doc.stamps;
  return stamps && typeof stamps === 'object' ? (stamps as Record<string, string>) : {};
}
