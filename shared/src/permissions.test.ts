import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  APPEND_ONLY,
  ROLES,
  SCREEN_IDS,
  SERVER_ONLY,
  canSee,
  canWrite,
  runsShop,
  type Role,
  type ScreenId,
  type WriteOp,
  mayCancelOrder,
} from './permissions.ts';
import { DOC_KINDS, type DocKind } from './schemas/index.ts';

const OPS: readonly WriteOp[] = ['create', 'update', 'delete'];

/**
 * The expected table, written out independently of the implementation:
 * for each kind, which ops each role may perform (c = create, u = update, d = delete).
 */
const EXPECTED: Record<DocKind, Record<Role, string>> = {
  product: { owner: 'cu', seller: '' },
  customer: { owner: 'cud', seller: 'cu' },
  order: { owner: 'c', seller: 'c' },
  orderevent: { owner: 'c', seller: 'c' },
  stock: { owner: 'c', seller: '' },
  invoice: { owner: 'c', seller: 'c' },
  allocation: { owner: '', seller: '' },
  alert: { owner: 'u', seller: '' },
  audit: { owner: 'c', seller: 'c' },
  settings: { owner: 'cu', seller: '' },
  mail: { owner: 'c', seller: 'c' },
  mailstatus: { owner: '', seller: '' },
};

const roleArb = fc.constantFrom(...ROLES);
const kindArb = fc.constantFrom(...DOC_KINDS);
const opArb = fc.constantFrom(...OPS);

describe('canWrite', () => {
  it('covers every document kind', () => {
    expect([...DOC_KINDS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('matches the written-out permission table for every role, kind and op', () => {
    for (const kind of DOC_KINDS) {
      for (const role of ROLES) {
        for (const op of OPS) {
          const allowed = EXPECTED[kind][role].includes(op[0] ?? '?');
          expect(canWrite(role, kind, op).allowed, `${role} ${op} ${kind}`).toBe(allowed);
        }
      }
    }
  });

  it('sellers cannot create products, stock movements or settings', () => {
    for (const kind of ['product', 'stock', 'settings'] as const) {
      const d = canWrite('seller', kind, 'create');
      expect(d).toEqual({ allowed: false, reason: `a seller may not create ${kind} documents` });
    }
  });

  it('nobody creates allocations or alerts: the server writes them', () => {
    for (const role of ROLES) {
      for (const kind of ['allocation', 'alert'] as const) {
        const d = canWrite(role, kind, 'create');
        expect(d.allowed).toBe(false);
        if (!d.allowed) expect(d.reason).toMatch(/server only/);
      }
    }
  });

  it('append-only kinds can never be updated or deleted', () => {
    for (const role of ROLES) {
      for (const kind of [
        'order',
        'orderevent',
        'stock',
        'invoice',
        'allocation',
        'audit',
      ] as const) {
        for (const op of ['update', 'delete'] as const) {
          const d = canWrite(role, kind, op);
          expect(d.allowed, `${role} ${op} ${kind}`).toBe(false);
          if (!d.allowed) expect(d.reason).toMatch(/append-only/);
        }
      }
    }
  });

  it('owners can update products and settings and acknowledge alerts', () => {
    expect(canWrite('owner', 'product', 'update')).toEqual({ allowed: true });
    expect(canWrite('owner', 'settings', 'update')).toEqual({ allowed: true });
    expect(canWrite('owner', 'alert', 'update')).toEqual({ allowed: true });
    expect(canWrite('seller', 'alert', 'update').allowed).toBe(false);
  });

  it('products are archived, never deleted; customers are deleted only by owners', () => {
    for (const role of ROLES) expect(canWrite(role, 'product', 'delete').allowed).toBe(false);
    expect(canWrite('owner', 'customer', 'delete').allowed).toBe(true);
    expect(canWrite('seller', 'customer', 'delete')).toEqual({
      allowed: false,
      reason: 'a seller may not delete customer documents',
    });
  });

  it('both roles can record sales', () => {
    for (const role of ROLES) {
      for (const kind of ['order', 'orderevent', 'invoice', 'audit', 'customer'] as const) {
        expect(canWrite(role, kind, 'create').allowed, `${role} create ${kind}`).toBe(true);
      }
    }
  });

  it('property: the append-only and server-only sets are honoured and every refusal has a reason', () => {
    fc.assert(
      fc.property(roleArb, kindArb, opArb, (role, kind, op) => {
        const d = canWrite(role, kind, op);
        if (op !== 'create' && APPEND_ONLY.has(kind)) expect(d.allowed).toBe(false);
        if (op === 'create' && SERVER_ONLY.has(kind)) expect(d.allowed).toBe(false);
        if (!d.allowed) expect(d.reason.length).toBeGreaterThan(10);
        else expect(Object.keys(d)).toEqual(['allowed']);
      }),
    );
  });

  it('property: a seller is never allowed something an owner is not', () => {
    fc.assert(
      fc.property(kindArb, opArb, (kind, op) => {
        if (canWrite('seller', kind, op).allowed) {
          expect(canWrite('owner', kind, op).allowed).toBe(true);
        }
      }),
    );
  });
});

describe('APPEND_ONLY / SERVER_ONLY', () => {
  it('lists the kinds from the design', () => {
    expect([...APPEND_ONLY].sort()).toEqual([
      'allocation',
      'audit',
      'invoice',
      'mail',
      'order',
      'orderevent',
      'stock',
    ]);
    expect([...SERVER_ONLY].sort()).toEqual(['alert', 'allocation', 'mailstatus']);
    expect(ROLES).toEqual(['owner', 'seller']);
  });
});

describe('who may open which screen', () => {
  // Written out on its own, so a change to the rules shows up here.
  const EXPECTED: Record<Role, ScreenId[]> = {
    owner: [
      'sell',
      'orders',
      'products',
      'customers',
      'dashboard',
      'reports',
      'alerts',
      'activity',
      'team',
      'deliveries',
      'invoices',
      'settings',
    ],
    seller: [
      'sell',
      'orders',
      'products',
      'customers',
      'dashboard',
      'reports',
      'deliveries',
      'invoices',
      'settings',
    ],
  };
  it.each(ROLES)('%s', (role) => {
    expect(SCREEN_IDS.filter((s) => canSee(role, s))).toEqual(EXPECTED[role]);
    expect(runsShop(role)).toBe(role === 'owner');
  });
});

describe('mayCancelOrder', () => {
  const order = { by: 'user_1' };
  it('lets the owner and the seller who took the order cancel it; other sellers only when allowed', () => {
    const no = { allowSellerCancel: false };
    const yes = { allowSellerCancel: true };
    expect(mayCancelOrder('owner', 'owner_1', order, no)).toBe(true);
    expect(mayCancelOrder('seller', 'user_1', order, no)).toBe(true);
    expect(mayCancelOrder('seller', 'user_2', order, no)).toBe(false);
    expect(mayCancelOrder('seller', 'user_2', order, yes)).toBe(true);
  });
});
