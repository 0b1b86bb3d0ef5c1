import {
  APPEND_ONLY,
  applyDoc,
  integrityAlert,
  kindOfId,
  parseShopDoc,
  type EngineDoc,
  type EngineOutput,
  type EngineState,
  type MailRequest,
} from '@stallkeeper/shared';
import type { Logger } from '../log.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import { resolveConflict } from './conflicts.ts';

/** The kinds the resolver decides on (stock, allocations, codes, thresholds). */
const DECIDES: ReadonlySet<string> = new Set([
  'order',
  'orderevent',
  'stock',
  'product',
  'settings',
]);

/** Server-written documents the resolver must not feed back into itself. */
const OWN = new Set(['allocation', 'alert', 'mailstatus']);

/** What one document's step needs of its shop's resolver. */
export interface DocContext {
  db: ShopDb;
  shopId: string;
  log: Logger;
  /** a new request to email a customer (the mail desk queues it) */
  mailRequested?: (shopId: string, doc: MailRequest) => Promise<void>;
  /** seal a first revision of an audit entry into the shop's chain */
  seal: (doc: Record<string, unknown> & { _id: string }) => Promise<void>;
}

/**
 * One document from the shop's feed, in arrival order: conflicts merged, email
 * requests handed over, audit entries sealed, and what the engine decides on
 * decided. `engine` reads the engine back only when a document needs it.
 */
export async function processDoc(
  ctx: DocContext,
  engine: () => Promise<EngineState>,
  doc: (Record<string, unknown> & { _id: string; _conflicts?: string[] }) | undefined,
): Promise<EngineOutput | null> {
  if (!doc || doc._id.startsWith('_') || doc._deleted) return null;
  const kind = kindOfId(doc._id);
  if (!kind || OWN.has(kind)) {
    if (kind === 'alert' && doc._conflicts?.length) {
      await resolveConflict(ctx.db, doc._id, new Date().toISOString());
    }
    return null;
  }
  const at = new Date().toISOString();
  // An append-only document has one version; two (stored before the server refused
  // them) cannot be merged: the winning one is decided on, and the owner told.
  const twoVersions = APPEND_ONLY.has(kind) && Boolean(doc._conflicts?.length);
  if (doc._conflicts?.length && !twoVersions) {
    await resolveConflict(ctx.db, doc._id, at);
    return null; // the merged revision comes back through the feed
  }
  if (kind === 'mail') {
    const parsed = String(doc._rev).startsWith('1-') ? parseShopDoc(doc) : null;
    if (parsed?.ok && parsed.kind === 'mail' && ctx.mailRequested) {
      await ctx.mailRequested(ctx.shopId, parsed.doc as MailRequest);
    }
    return twoVersions ? { decisions: [], alerts: [integrityAlert(doc, 'versions', at)] } : null;
  }
  if (kind === 'audit') {
    // Entries are append-only: only a first revision is sealed, and every stored one
    // is, readable or not — the chain seals by position, so skipping one would shift
    // every later seal. A changed entry is not re-sealed: verification reports it.
    if (String(doc._rev).startsWith('1-')) {
      await ctx.seal(doc);
    }
  }
  const versions = twoVersions ? [integrityAlert(doc, 'versions', at)] : [];
  if (!DECIDES.has(kind)) return versions.length ? { decisions: [], alerts: versions } : null;
  const parsed = parseShopDoc(doc);
  if (!parsed.ok) {
    ctx.log.warn('resolver could not read a document', { shopId: ctx.shopId, id: doc._id });
    return { decisions: [], alerts: [integrityAlert(doc, 'unreadable', at)] };
  }
  const out = applyDoc(await engine(), parsed.doc as EngineDoc);
  return { decisions: out.decisions, alerts: [...out.alerts, ...versions] };
}
