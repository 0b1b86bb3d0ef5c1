import { randomBytes } from 'node:crypto';
import { DOC_KINDS, ulid, type DocKind, type Role } from '@stallkeeper/shared';
import { sampleDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  bulkDocs as postBulkDocs,
  registerUser,
  type BulkRow,
  type TestAccount,
} from '../test-helpers.ts';

/**
 * Role × kind × operation, end to end: through `_bulk_docs` (both as an app write and
 * as the replicator writes, with new_edits=false), checked by reading the store back.
 */

const NOW = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T09:30:00.000Z';
const DEVICE = 'phone-1';

type Op = 'create' | 'update' | 'delete';
type Doc = Record<string, unknown> & { _id: string };

/**
 * Who may do what, from DESIGN.md §2: sellers create orders, order events, customers,
 * invoices and audit entries and edit customers; only owners write products, stock and
 * settings; append-only kinds (order, orderevent, stock, invoice, allocation, audit) are
 * never updated or deleted; allocations and alerts are never created by clients; an
 * owner may acknowledge an alert (the update below changes only the acknowledgement);
 * products are archived, not deleted; only an owner removes a customer.
 */
const EXPECTED: Record<Role, Record<DocKind, Record<Op, boolean>>> = {
  owner: {
    product: { create: true, update: true, delete: false },
    customer: { create: true, update: true, delete: true },
    order: { create: true, update: false, delete: false },
    orderevent: { create: true, update: false, delete: false },
    stock: { create: true, update: false, delete: false },
    invoice: { create: true, update: false, delete: false },
    allocation: { create: false, update: false, delete: false },
    alert: { create: false, update: true, delete: false },
    audit: { create: true, update: false, delete: false },
    settings: { create: true, update: true, delete: false },
    mail: { create: true, update: false, delete: false },
    mailstatus: { create: false, update: false, delete: false },
  },
  seller: {
    product: { create: false, update: false, delete: false },
    customer: { create: true, update: true, delete: false },
    order: { create: true, update: false, delete: false },
    orderevent: { create: true, update: false, delete: false },
    stock: { create: false, update: false, delete: false },
    invoice: { create: true, update: false, delete: false },
    allocation: { create: false, update: false, delete: false },
    alert: { create: false, update: false, delete: false },
    audit: { create: true, update: false, delete: false },
    settings: { create: false, update: false, delete: false },
    mail: { create: true, update: false, delete: false },
    mailstatus: { create: false, update: false, delete: false },
  },
};

/** One valid document of each kind, written by `who` from their device. */
const sample = (kind: DocKind, who: TestAccount): Doc =>
  sampleDoc(kind, { at: NOW, by: who.userId, deviceId: who.deviceId, userName: who.name });

/** The edit each kind gets in the update case (for alerts: the acknowledgement only). */
function edit(kind: DocKind, by: string): Record<string, unknown> {
  switch (kind) {
    case 'product':
      return { name: 'Green apples', updatedAt: LATER };
    case 'customer':
      return { name: 'Ada Lovelace', updatedAt: LATER };
    case 'order':
    case 'orderevent':
    case 'stock':
    case 'invoice':
      return { note: 'changed afterwards' };
    case 'allocation':
      return { status: 'released' };
    case 'alert':
      return { acknowledgedAt: LATER, acknowledgedBy: by, resolution: 'recounted' };
    case 'audit':
      return { summary: 'Rewritten history' };
    case 'settings':
      return { shopName: 'Renamed shop', updatedAt: LATER };
    case 'mail':
      return { to: 'someone.else@example.com' };
    case 'mailstatus':
      return { status: 'failed', reason: 'forged' };
  }
}

// ---- http ------------------------------------------------------------------

let app: App;

const bulkDocs = (
  who: TestAccount,
  shopId: string,
  docs: unknown[],
  newEdits: boolean,
): Promise<BulkRow[]> => postBulkDocs(app, who.cookie, shopId, docs, newEdits);

const hex = () => randomBytes(16).toString('hex');

/** The store's view of one id: the winning revision (or null) and how many leaves it has. */
async function stored(shopId: string, id: string) {
  const db = app.services.storage.shop(shopId);
  const leaves = await db.getOpenRevs(id, 'all').catch(() => []);
  const live = await db.get<Doc>(id).catch((e: { status?: number }) => {
    if (e.status === 404) return null;
    throw e;
  });
  return { doc: live, leaves: leaves.length };
}

/** A shop of its own for each case, with the owner and the seller as members and no documents. */
async function freshShop(): Promise<string> {
  const shop = await app.services.shops.create('Matrix', owner.userId);
  await app.services.shops.addMember(shop.id, seller.userId, 'seller');
  return shop.id;
}

let owner: TestAccount;
let seller: TestAccount;

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [owner, seller] = await Promise.all([
    registerUser(app, 'Olga', { deviceId: DEVICE }),
    registerUser(app, 'Sam', { deviceId: DEVICE }),
  ]);
});

afterAll(async () => {
  await app.services.storage.close();
});

// ---- the matrix ------------------------------------------------------------

const ROLES: Role[] = ['owner', 'seller'];
const OPS: Op[] = ['create', 'update', 'delete'];
const MODES = [
  ['app write', true],
  ['replicated (new_edits=false)', false],
] as const;

const CASES = MODES.flatMap(([mode, newEdits]) =>
  ROLES.flatMap((role) =>
    DOC_KINDS.flatMap((kind) =>
      OPS.map((op) => [mode, role, kind, op, EXPECTED[role][kind][op], newEdits] as const),
    ),
  ),
);

describe('role × kind × operation through _bulk_docs', () => {
  it('the expected table covers every kind the schemas know', () => {
    for (const role of ROLES) {
      expect(Object.keys(EXPECTED[role]).sort()).toEqual([...DOC_KINDS].sort());
    }
    expect(CASES).toHaveLength(2 * ROLES.length * DOC_KINDS.length * OPS.length);
  });

  it.each(CASES)(
    '%s: %s / %s / %s → allowed=%s',
    async (_mode, role, kind, op, allowed, newEdits) => {
      const who = role === 'owner' ? owner : seller;
      const shopId = await freshShop();
      const db = app.services.storage.shop(shopId);
      const base = sample(kind, who);

      let seededRev: string | null = null;
      if (op !== 'create') {
        // the existing document, put straight into the store (as the server would hold it)
        seededRev = (await db.put(base)).rev;
      }

      let incoming: Doc;
      if (op === 'create') incoming = { ...base };
      else if (op === 'update') incoming = { ...base, ...edit(kind, who.userId), _rev: seededRev };
      else incoming = { _id: base._id, _rev: seededRev, _deleted: true };

      if (!newEdits) {
        // the replicator sends the new revision and its history
        const h = hex();
        const parent = seededRev ? [seededRev.slice(seededRev.indexOf('-') + 1)] : [];
        incoming = {
          ...incoming,
          _rev: `${parent.length + 1}-${h}`,
          _revisions: { start: parent.length + 1, ids: [h, ...parent] },
        };
      }

      const rows = await bulkDocs(who, shopId, [incoming], newEdits);
      expect(rows).toHaveLength(1);
      const row = rows[0];
      if (allowed) {
        expect(row, JSON.stringify(row)).toMatchObject({ ok: true, id: base._id });
      } else {
        expect(row, JSON.stringify(row)).toMatchObject({ id: base._id, error: 'forbidden' });
        expect(row?.ok).toBeUndefined();
        expect(row?.reason).toMatch(new RegExp(kind));
      }

      // read it back from the store
      const after = await stored(shopId, base._id);
      if (op === 'create') {
        if (allowed) {
          expect(after.doc).toMatchObject({ ...base, _rev: expect.stringMatching(/^1-/) });
          if (!newEdits) expect(after.doc?._rev).toBe(incoming._rev);
        } else {
          expect(after.doc).toBeNull();
          expect(after.leaves).toBe(0);
        }
      } else if (op === 'update') {
        if (allowed) {
          expect(after.doc).toMatchObject({ ...base, ...edit(kind, who.userId) });
          expect(after.doc?._rev).toMatch(/^2-/);
          if (!newEdits) expect(after.doc?._rev).toBe(incoming._rev);
        } else {
          expect(after.doc).toEqual({ ...base, _rev: seededRev });
        }
        expect(after.leaves).toBe(1); // no conflict branch either way
      } else {
        if (allowed) {
          expect(after.doc).toBeNull();
        } else {
          expect(after.doc).toEqual({ ...base, _rev: seededRev });
          expect(after.leaves).toBe(1);
        }
      }
    },
  );
});

describe('the edges of the table', () => {
  it('an owner may change an alert’s acknowledgement, nothing else of it', async () => {
    const shopId = await freshShop();
    const db = app.services.storage.shop(shopId);
    const a = sample('alert', owner);
    const { rev } = await db.put(a);
    for (const change of [
      { message: 'Nothing to see here' },
      { kind: 'oversell' },
      { productIds: [`product:${ulid()}`] },
      { acknowledgedAt: LATER, acknowledgedBy: owner.userId, createdAt: LATER },
    ]) {
      const [row] = await bulkDocs(owner, shopId, [{ ...a, ...change, _rev: rev }], true);
      expect(row?.error, JSON.stringify(change)).toBe('forbidden');
      expect(row?.reason).toMatch(/only the acknowledgement/);
    }
    expect(await db.get(a._id)).toEqual({ ...a, _rev: rev });
  });

  it('a deleted server-only or append-only document cannot be written again', async () => {
    const shopId = await freshShop();
    const db = app.services.storage.shop(shopId);
    for (const kind of ['allocation', 'alert'] as const) {
      const doc = sample(kind, owner);
      const { rev } = await db.put(doc);
      await db.remove(doc._id, rev);
      for (const who of [owner, seller]) {
        const [row] = await bulkDocs(who, shopId, [doc], true);
        expect(row?.error, `${kind} recreated`).toBe('forbidden');
        expect(row?.reason).toMatch(/server only/);
      }
      expect((await stored(shopId, doc._id)).doc).toBeNull();
    }
  });

  it('a seller cannot resurrect a product the owner deleted in the store', async () => {
    const shopId = await freshShop();
    const db = app.services.storage.shop(shopId);
    const p = sample('product', owner);
    const { rev } = await db.put(p);
    await db.remove(p._id, rev);
    const [row] = await bulkDocs(seller, shopId, [{ ...p, price: 1 }], true);
    expect(row?.error).toBe('forbidden');
    expect((await stored(shopId, p._id)).doc).toBeNull();
  });

  it('a replicated sibling revision of an append-only document is refused', async () => {
    const shopId = await freshShop();
    const db = app.services.storage.shop(shopId);
    const o = sample('order', seller);
    const { rev } = await db.put(o);
    const h = hex();
    const [row] = await bulkDocs(
      seller,
      shopId,
      [{ ...o, total: 0, _rev: `1-${h}`, _revisions: { start: 1, ids: [h] } }],
      false,
    );
    expect(row?.error).toBe('forbidden');
    const after = await stored(shopId, o._id);
    expect(after.doc).toEqual({ ...o, _rev: rev });
    expect(after.leaves).toBe(1);
  });

  it('one refused document does not cost the rest of the batch', async () => {
    const shopId = await freshShop();
    const docs = DOC_KINDS.map((kind) => sample(kind, seller));
    const rows = await bulkDocs(seller, shopId, docs, true);
    const outcome = Object.fromEntries(DOC_KINDS.map((k, i) => [k, rows[i]?.ok === true]));
    expect(outcome).toEqual(
      Object.fromEntries(DOC_KINDS.map((k) => [k, EXPECTED.seller[k].create])),
    );
    for (const [i, kind] of DOC_KINDS.entries()) {
      const after = await stored(shopId, docs[i]?._id ?? '');
      expect(after.doc !== null, kind).toBe(EXPECTED.seller[kind].create);
    }
  });
});
