import type { ShopDb } from '../storage/shop-db.ts';
import { createHash } from 'node:crypto';
import { getOrNull } from '../system-db.ts';
import { canonicalJson } from './canonical.ts';

/**
 * The tamper-evident audit trail: each shop's audit entries, in the order they
 * reached the server, chained by SHA-256. Seals live in the system database, which
 * no device can write; the entries themselves are append-only in the shop.
 */
export interface ChainHead {
  n: number;
  hash: string;
}

export const GENESIS: ChainHead = { n: 0, hash: '0'.repeat(64) };

interface SealDoc {
  _id: string;
  type: 'seal';
  shopId: string;
  n: number;
  auditId: string;
  prev: string;
  hash: string;
}

const sealId = (shopId: string, n: number) => `seal:${shopId}:${String(n).padStart(10, '0')}`;

/** What an entry contributes to the chain: its content, without CouchDB bookkeeping. */
export function entryHash(prev: string, entry: Record<string, unknown>): string {
  const content = Object.fromEntries(
    Object.entries(entry).filter(([k]) => k !== '_rev' && k !== '_revisions' && k !== '_conflicts'),
  );
  return createHash('sha256')
    .update(`${prev}\n${canonicalJson(content)}`)
    .digest('hex');
}

export class AuditChain {
  constructor(
    private readonly system: PouchDB.Database,
    private readonly shopId: string,
  ) {}

  /** Append one entry after `head`; replaying an already sealed position is a no-op. */
  async seal(
    head: ChainHead,
    entry: Record<string, unknown> & { _id: string },
  ): Promise<ChainHead> {
    const n = head.n + 1;
    const hash = entryHash(head.hash, entry);
    const existing = await getOrNull<SealDoc>(this.system, sealId(this.shopId, n));
    if (existing) return { n, hash: existing.hash };
    const seal: SealDoc = {
      _id: sealId(this.shopId, n),
      type: 'seal',
      shopId: this.shopId,
      n,
      auditId: entry._id,
      prev: head.hash,
      hash,
    };
    try {
      await this.system.put(seal);
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err;
    }
    return { n, hash };
  }

  /** Walk the chain: ok, or the first link whose entry no longer matches its seal. */
  async verify(
    shop: ShopDb,
  ): Promise<
    | { ok: true; entries: number; head: string }
    | { ok: false; brokenAt: number; auditId: string; reason: string }
  > {
    const seals = await this.system.allDocs({
      startkey: `seal:${this.shopId}:`,
      endkey: `seal:${this.shopId}:\ufff0`,
      include_docs: true,
    });
    let prev = GENESIS.hash;
    const docs = seals.rows.map((r) => r.doc as unknown as SealDoc);
    for (let i = 0; i < docs.length; i += 200) {
      const page = docs.slice(i, i + 200);
      const entries = await shop.allDocs({ keys: page.map((s) => s.auditId), include_docs: true });
      for (const [j, seal] of page.entries()) {
        const row = entries.rows[j];
        const entry =
          row && 'doc' in row ? (row.doc as unknown as Record<string, unknown> | null) : null;
        if (seal.prev !== prev) {
          return {
            ok: false,
            brokenAt: seal.n,
            auditId: seal.auditId,
            reason: 'the chain is broken (missing or reordered seal)',
          };
        }
        if (!entry) {
          return {
            ok: false,
            brokenAt: seal.n,
            auditId: seal.auditId,
            reason: 'the audit entry is missing',
          };
        }
        if (entryHash(prev, entry) !== seal.hash) {
          return {
            ok: false,
            brokenAt: seal.n,
            auditId: seal.auditId,
            reason: 'the audit entry was changed after it was sealed',
          };
        }
        prev = seal.hash;
      }
    }
    return { ok: true, entries: docs.length, head: prev };
  }
}
