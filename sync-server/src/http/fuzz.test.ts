import { isSafeLine, lineTotal, parseShopDoc, ulid } from '@stallkeeper/shared';
import { customerDoc, orderDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { createShopDatabase } from '../shops/shop-db.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  bulkDocs,
  registerUser,
  TEST_BASE as BASE,
  type TestAccount as Account,
} from '../test-helpers.ts';

/**
 * Hostile requests from a seeded generator (fast-check is not a dependency of the
 * server, so a small PRNG stands in; set FUZZ_SEED to replay a run). The server must
 * answer every one below 500 with a clean JSON error, store nothing invalid, and leave
 * Object.prototype alone.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026);
const REQUESTS = 1500;
const NOW = '2026-03-01T10:00:00.000Z';
/** The device every account here writes from (its stamps name it). */
const DEVICE = 'dev1';
const STAMP = `001772359200000-0000-${DEVICE}`;
/** Mallory's name: an audit entry may only carry its writer's. */
const MALLORY = 'Mallory';
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

// ---- a seeded generator ----------------------------------------------------

class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (!xs.length) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += this.int(0, 255).toString(16).padStart(2, '0');
    return s;
  }
}

const rng = new Rng(SEED);

const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'toString',
  'hasOwnProperty',
];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u202dreversed',
  '\ud800',
  '\udfff\ud800',
  '😀👩‍👩‍👧',
  'ﬀ ǅ İ ß',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '..%2f..%2fstallkeeper_system',
  '%00',
  '%zz',
  '_design/evil',
  '_local/x',
  '_users',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  '{"polluted":true}',
];
const UNICODE = [
  0x41, 0x7a, 0xe9, 0x3b1, 0x5d0, 0x627, 0x4e2d, 0x1f600, 0x200b, 0xfeff, 0xd800, 0xdc00, 0x0, 0x7f,
  0x85,
];

function randomString(maxLen = 40): string {
  const r = rng.next();
  if (r < 0.3) return rng.pick(NASTY_STRINGS);
  if (r < 0.33) return 'x'.repeat(rng.int(1_000, 100_000)); // huge
  const len = rng.int(0, maxLen);
  let s = '';
  for (let i = 0; i < len; i++) {
    s += rng.bool(0.7)
      ? String.fromCharCode(rng.int(0x20, 0x7e))
      : String.fromCodePoint(rng.pick(UNICODE) + rng.int(0, 3));
  }
  return s;
}

/** An object whose keys may include `__proto__` as an own key (JSON.stringify keeps it). */
function bareObject(entries: [string, unknown][]): Record<string, unknown> {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) o[k] = v;
  return o;
}

const FIELD_KEYS = [
  'docs',
  'new_edits',
  'keys',
  'doc_ids',
  'code',
  'name',
  'email',
  'password',
  'role',
  '_id',
  '_rev',
  '_deleted',
  'type',
  'id',
  'rev',
  'polluted',
  'isAdmin',
];

function randomValue(depth = 0): unknown {
  const r = rng.next();
  if (depth > 4 || r < 0.35) {
    return rng.pick<() => unknown>([
      () => null,
      () => rng.bool(),
      () => rng.pick([0, -0, 1, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, 1e-300, 4294967296]),
      () => rng.int(-1e6, 1e6),
      () => randomString(),
    ])();
  }
  if (r < 0.6) return Array.from({ length: rng.int(0, 5) }, () => randomValue(depth + 1));
  const n = rng.int(0, 5);
  const entries: [string, unknown][] = [];
  for (let i = 0; i < n; i++) {
    const key = rng.bool(0.3)
      ? rng.pick(NASTY_KEYS)
      : rng.bool(0.5)
        ? rng.pick(FIELD_KEYS)
        : randomString(12);
    const value =
      key === '__proto__' || key === 'constructor' || key === 'prototype'
        ? bareObject([
            ['polluted', true],
            ['isAdmin', true],
            ['prototype', bareObject([['polluted', true]])],
          ])
        : randomValue(depth + 1);
    entries.push([key, value]);
  }
  return bareObject(entries);
}

const BAD_JSON = [
  '{',
  '{"docs": [',
  '{"a":}',
  "{'a': 1}",
  'NaN',
  'undefined',
  '\ufeff{}',
  '{"a":1} trailing',
  '[1, 2, ]',
  '/* comment */ {}',
  '{"a": "\\x41"}',
  '{"a": 01}',
  '{"a": 1e}',
  '"unterminated',
  '\u0000\u0001\u0002',
  '   ',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"docs": {"length": 100000000}}',
  '{"docs": [{"_id": "customer:x", "__proto__": {"polluted": true}}]}',
];

function deepText(): string {
  const depth = rng.int(1_000, 20_000);
  const kind = rng.int(0, 2);
  if (kind === 0) return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  if (kind === 1) return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `{"docs":[${'{"__proto__":'.repeat(depth)}{}${'}'.repeat(depth)}]}`;
}

function randomBody(): string | undefined {
  const r = rng.next();
  if (r < 0.15) return undefined;
  if (r < 0.4) return rng.pick(BAD_JSON);
  if (r < 0.48) return deepText();
  if (r < 0.53) return JSON.stringify({ name: 'x'.repeat(rng.int(60_000, 100_000)) }); // past /api's limit
  return JSON.stringify(randomValue());
}

/** Percent-encoding that also takes lone surrogates (as the invalid UTF-8 a client could send). */
function enc(s: string): string {
  let out = '';
  for (const ch of s) {
    // for...of yields a lone surrogate on its own; encodeURIComponent would throw on it
    out += /^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch);
  }
  return out;
}

// ---- documents -------------------------------------------------------------

type Doc = Record<string, unknown> & { _id: string };
/** Hostile but allowed text: what `isSafeLine` refuses (NUL, bidi overrides, lone surrogates) is left out. */
const hostileText = (max: number) => {
  const s = `x${[...randomString(Math.min(max, 60))].filter(isSafeLine).join('')}`;
  return s.length > max ? s.slice(0, max) : s;
};

let productCodes = 0;

/** A valid document of a kind the owner may create, with hostile (but allowed) text. */
function validDoc(by: string): Doc {
  const kind = rng.pick([
    'product',
    'customer',
    'order',
    'orderevent',
    'stock',
    'invoice',
    'audit',
  ] as const);
  switch (kind) {
    case 'product':
      return {
        _id: `product:${ulid()}`,
        type: 'product',
        // unique: a second product with a taken code is rightly refused
        code: `P-${++productCodes}-${rng.int(1, 99999)}`,
        name: hostileText(200),
        unit: rng.pick(['piece', 'kg', 'l', 'm']),
        price: rng.int(0, 1_000_000),
        cost: rng.bool() ? null : rng.int(0, 1000),
        description: hostileText(2000),
        imageUrl: null,
        lowStockThreshold: null,
        active: rng.bool(),
        createdAt: NOW,
        updatedAt: NOW,
        stamps: { price: STAMP },
        ...(rng.bool(0.2)
          ? { _attachments: { 'photo.png': { content_type: 'image/png', data: PNG_1PX } } }
          : {}),
      };
    case 'customer':
      return {
        _id: `customer:${ulid()}`,
        type: 'customer',
        name: hostileText(200),
        phone: '+1 (555) 010-0000',
        email: '',
        address: hostileText(500),
        location: '',
        notes: hostileText(2000),
        createdAt: NOW,
        updatedAt: NOW,
        stamps: {},
      };
    case 'order': {
      const line = {
        productId: `product:${ulid()}`,
        code: 'P1',
        name: hostileText(200),
        unit: 'piece' as const,
        unitPrice: rng.int(0, 10_000),
        qty: rng.int(1, 50),
      };
      const total = lineTotal(line.unitPrice, line.qty, line.unit);
      return {
        _id: `order:${ulid()}`,
        type: 'order',
        number: 'K3-0042',
        channel: rng.pick(['counter', 'delivery', 'pickup']),
        customerId: null,
        customerName: hostileText(200),
        lines: [{ ...line, lineTotal: total }],
        currency: 'EUR',
        subtotal: total,
        tax: 0,
        total,
        payment: { method: 'card', paid: total, tendered: null, change: null },
        note: hostileText(1000),
        createdAt: NOW,
        by,
        deviceId: DEVICE,
      };
    }
    case 'orderevent': {
      const orderId = ulid();
      return {
        _id: `orderevent:${orderId}:${ulid()}`,
        type: 'orderevent',
        orderId: `order:${orderId}`,
        kind: 'note',
        note: hostileText(1000),
        at: NOW,
        by,
        deviceId: DEVICE,
      };
    }
    case 'stock':
      return {
        _id: `stock:${ulid()}`,
        type: 'stock',
        productId: `product:${ulid()}`,
        qty: rng.pick([-5, 3, 1_000_000]),
        reason: 'adjustment',
        counted: null,
        alertId: null,
        note: hostileText(1000),
        at: NOW,
        by,
        deviceId: DEVICE,
      };
    case 'invoice':
      return {
        _id: `invoice:${ulid()}`,
        type: 'invoice',
        number: 'IK3-0042',
        orderId: `order:${ulid()}`,
        orderNumber: 'K3-0042',
        issuedOn: '2026-03-01',
        dueOn: '2026-03-31',
        customerId: null,
        customerName: hostileText(200),
        customerAddress: hostileText(500),
        currency: 'EUR',
        lines: [
          {
            productId: `product:${ulid()}`,
            code: 'APL',
            name: 'Apples',
            unit: 'piece',
            unitPrice: 250,
            qty: 2,
            lineTotal: 500,
          },
        ],
        subtotal: 500,
        tax: 0,
        total: 500,
        taxRate: 0,
        taxInclusive: true,
        seller: { name: 'Stall', address: hostileText(500), contact: '', taxId: '' },
        paymentInstructions: hostileText(1000),
        footer: '',
        note: hostileText(1000),
        at: NOW,
        by,
        deviceId: DEVICE,
      };
    case 'audit':
      return {
        _id: `audit:${ulid()}`,
        type: 'audit',
        action: 'customer.update',
        target: 'customer:x',
        summary: hostileText(500),
        userName: MALLORY,
        before: null,
        after: bareObject([['name', hostileText(100)]]),
        at: NOW,
        by,
        deviceId: DEVICE,
      };
  }
}

const BAD_IDS = [
  '',
  'settings/../x',
  '../settings',
  '_design/evil',
  '_local/sneaky',
  'product:not-a-ulid',
  'product:',
  'coupon:01JABCDEFGHJKMNPQRSTVWXYZ0',
  '__proto__',
  'constructor',
  'customer:..%2f..',
  'customer:😀',
  `customer:${'A'.repeat(26)}\u0000`,
];

/** A document guaranteed to be refused: a valid one with one or more breaking mutations. */
function brokenDoc(by: string): unknown {
  const r = rng.next();
  if (r < 0.06) return rng.pick([null, 42, 'doc', [], [validDoc(by)], true]);
  if (r < 0.18) {
    // a sound body whose revision history only is bad (the schema's shape check passes it)
    const [rev, history] = rng.pick<[string, unknown]>([
      ['1-abc', { start: 7, ids: [] }],
      ['3-abc', { start: -1, ids: ['abc', 'def'] }],
      ['1-abc', { start: 1, ids: ['def'] }],
      ['2-abc', { start: 2, ids: ['abc', 'def', 'f00'] }],
      ['0-abc', { start: 0, ids: ['abc'] }],
    ]);
    return { ...validDoc(by), _rev: rev, _revisions: history };
  }
  if (r < 0.26) {
    // a bare tombstone with a bad revision (no body, so no schema to catch it)
    return bareObject([
      ['_id', `customer:${ulid()}`],
      ['_deleted', true],
      ...rng.pick<[string, unknown][]>([
        [['_rev', 5]],
        [['_rev', 'zz']],
        [
          ['_rev', '1-abc'],
          ['_revisions', 'x'],
        ],
        [
          ['_rev', '1-abc'],
          ['_revisions', { start: 'a', ids: 5 }],
        ],
        [
          ['_rev', '1-abc'],
          ['_revisions', { start: 1, ids: [] }],
        ],
      ]),
    ]);
  }
  const doc: Record<string, unknown> = bareObject(Object.entries(validDoc(by)));
  const mutations = rng.int(1, 3);
  for (let i = 0; i < mutations; i++) {
    const fields = Object.keys(doc).filter((k) => !k.startsWith('_'));
    const m = rng.int(0, 8);
    if (m === 0 && fields.length) {
      delete doc[rng.pick(fields)]; // a required field missing
    } else if (m === 1) {
      // a string, number or boolean field of the wrong type
      const typed = fields.filter((k) => ['string', 'number', 'boolean'].includes(typeof doc[k]));
      const k = rng.pick(typed.length ? typed : ['type']);
      const was = typeof doc[k];
      doc[k] = rng.pick(
        [
          [1],
          bareObject([['a', 1]]),
          was === 'string' ? 12 : 'twelve',
          was === 'boolean' ? 0 : true,
        ].filter((v) => typeof v !== was),
      );
    } else if (m === 2) {
      doc[rng.pick([...NASTY_KEYS.slice(0, 3), 'isAdmin', 'stock', randomString(8) || 'extra'])] =
        bareObject([['polluted', true]]); // an unknown field, __proto__ and friends included
    } else if (m === 3) {
      doc._id = rng.bool(0.8) ? rng.pick(BAD_IDS) : rng.pick([42, null, {}, ['a']]);
    } else if (m === 4) {
      const strings = fields.filter((k) => typeof doc[k] === 'string');
      doc[rng.pick(strings.length ? strings : ['type'])] = 'y'.repeat(rng.int(2_001, 100_000));
    } else if (m === 5) {
      doc.type = rng.pick(['coupon', 'settings', 'allocation', '', 'Product']);
      if (doc.type === '' || doc.type === 'Product' || doc.type === 'coupon') continue;
      doc._id = `customer:${ulid()}`; // a known kind with another kind's body
    } else if (m === 6) {
      doc._rev = rng.pick(['zz', 5, '1-', '-1-abc', '0-abc', '1-XYZ', '1-abc/..']);
    } else if (m === 7) {
      doc._rev = '1-abc';
      doc._revisions = rng.pick<unknown>([
        'x',
        { start: 'a', ids: 5 },
        { start: 7, ids: [] },
        { start: -1, ids: ['abc'] },
        { start: 1, ids: ['def'] },
        { start: 1, ids: ['abc'], extra: 1 },
      ]);
    } else {
      doc._attachments = bareObject([
        ['x.html', { content_type: 'text/html', data: Buffer.from('<script>').toString('base64') }],
      ]);
      if (!String(doc._id).startsWith('product:')) doc.extra = true; // only products take files
    }
  }
  // make sure it is refused whatever the dice said: a field no schema knows
  if (rng.bool(0.3) || !hasBreakingChange(doc)) doc.unknownField = randomValue(2);
  return doc;
}

function hasBreakingChange(doc: Record<string, unknown>): boolean {
  const parsed = parseShopDoc({ ...doc });
  return !parsed.ok || Object.keys(doc).some((k) => !Object.hasOwn(parsed.doc, k));
}

// ---- http ------------------------------------------------------------------

let app: App;

interface Sent {
  method: string;
  path: string;
  body?: string | undefined;
  headers: Record<string, string>;
}

const describeReq = (r: Sent) =>
  `seed=${SEED} ${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers)} body=${(r.body ?? '').slice(0, 200)}`;

const LEAK = /\bat .*\((?:file:|\/|node:)|\bat .*:\d+:\d+|node_modules|\/work\/|\.ts:\d+|\.js:\d+/;

/** Send one request and hold the answer to the rules every answer must follow. */
async function send(r: Sent): Promise<{ status: number; text: string }> {
  const what = describeReq(r);
  const res = await Promise.race([
    Promise.resolve(
      app.request(`${BASE}${r.path}`, {
        method: r.method,
        headers: r.headers,
        ...(r.body !== undefined ? { body: r.body } : {}),
      }),
    ),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within 5 s: ${what}`)), 5_000),
    ),
  ]);
  const text = await res.text();
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400 && r.method !== 'HEAD') {
    expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
    const body = JSON.parse(text) as Record<string, unknown>;
    // (the REST API also says what a schema found wrong, field by field)
    const keys = Object.keys(body).sort();
    expect(keys, what).toEqual(
      keys.includes('issues') ? ['error', 'issues', 'reason'] : ['error', 'reason'],
    );
    expect(typeof body.error, what).toBe('string');
    expect(typeof body.reason, what).toBe('string');
    expect(text, what).not.toMatch(LEAK);
  }
  return { status: res.status, text };
}

// ---- the run ---------------------------------------------------------------

let mallory: Account; // the fuzzer: owner of her own shop
let victim: Account; // owner of a shop mallory does not belong to
const protoNamesBefore = {
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
};

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [mallory, victim] = await Promise.all([
    registerUser(app, MALLORY, { deviceId: DEVICE }),
    registerUser(app, 'Victor', { deviceId: DEVICE }),
  ]);
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('hostile requests', () => {
  const validIds = new Set<string>();
  let sent = 0;
  let victimBefore = 0;

  it(`answers ${REQUESTS} of them below 500, with clean JSON errors`, async () => {
    victimBefore = (await app.services.storage.shop(victim.shopId).info()).doc_count;

    const shopIds = () =>
      rng.pick([
        ...Array<string>(12).fill(mallory.shopId),
        victim.shopId,
        ulid().toLowerCase(),
        mallory.shopId.toUpperCase(),
        '..%2f..%2fstallkeeper_system',
        '..',
        '%2e%2e',
        '_design',
        '_users',
        'shop_' + mallory.shopId,
        enc(randomString(20)),
        'ß'.repeat(26),
      ]);
    const otherShop = () =>
      rng.pick([victim.shopId, ulid().toLowerCase(), '..%2f', '%zz', '0'.repeat(26)]);
    const ids = () =>
      rng.bool(0.3)
        ? rng.pick([
            'settings',
            'x',
            `customer:${ulid()}`,
            '_all_docs',
            '_changes',
            '%2e%2e%2f%2e%2e',
            '%00',
            '%zz',
            '..%2f..%2f',
            '_design%2fx',
            'a%2Fb',
            '%C0%AF',
            '%ED%A0%80',
          ])
        : enc(randomString(rng.bool(0.05) ? 100_000 : 30)) || 'x';

    interface Template {
      path: () => string;
      /** the methods the route serves: picked most of the time */
      methods: string[];
      /** a body shaped like the route's own, filled with hostile values */
      shaped?: () => unknown;
    }
    const v = () => randomValue(3);
    /** an id the store holds, so revision lookups reach its revision tree */
    const existingId = () => (rng.bool(0.5) ? 'settings' : rng.pick(['settings', ...validIds]));
    const someId = () =>
      rng.pick<unknown>([existingId(), `customer:${ulid()}`, randomString(20), 42, null]);
    const someRev = () =>
      rng.pick<unknown>(['1-abc', `1-${rng.hex(16)}`, 'zz', '0-1', 5, null, randomString(10)]);
    const TEMPLATES: Template[] = [
      // what a replicator reads, with revisions the store never had
      {
        path: () => `/db/${mallory.shopId}/_bulk_get?revs=true&latest=true`,
        methods: ['POST'],
        shaped: () => ({
          docs: [
            { id: existingId(), rev: `${rng.int(1, 3)}-${rng.hex(16)}` },
            { id: existingId() },
            { id: someId(), rev: someRev() },
          ],
        }),
      },
      {
        path: () =>
          `/db/${mallory.shopId}/${encodeURIComponent(existingId())}${rng.pick([
            `?rev=1-${rng.hex(4)}&latest=true`,
            `?open_revs=${encodeURIComponent(`["1-${rng.hex(4)}"]`)}&latest=true&revs=true`,
            `?open_revs=${enc(JSON.stringify(rng.pick<unknown>([{ a: 1 }, 'x', 7, true, [1], [[]]])))}`,
            `?open_revs=${enc(JSON.stringify(randomValue(2)))}`,
            '?open_revs=all&latest=true&revs=true',
            '?revs=true&conflicts=true&revs_info=true',
          ])}`,
        methods: ['GET'],
      },
      { path: () => '/api/health', methods: ['GET'] },
      {
        path: () => '/api/auth/register',
        methods: ['POST'],
        shaped: () => ({
          name: v(),
          email: v(),
          password: v(),
          passwordConfirm: v(),
          shopName: v(),
        }),
      },
      {
        path: () => '/api/auth/login',
        methods: ['POST'],
        shaped: () => ({ email: rng.pick<unknown>(['mallory@example.com', v()]), password: v() }),
      },
      { path: () => '/api/auth/logout', methods: ['POST'] }, // sent without mallory's cookie
      { path: () => '/api/auth/session', methods: ['GET'] },
      {
        path: () => '/api/account',
        methods: ['PATCH', 'DELETE'],
        shaped: () => ({ name: v(), email: v(), password: v() }),
      },
      {
        path: () => '/api/account/password',
        methods: ['POST'],
        shaped: () => ({ currentPassword: v(), newPassword: v(), newPasswordConfirm: v() }),
      },
      // (a DELETE of every session goes without mallory's cookie: see randomRequest)
      { path: () => '/api/account/sessions', methods: ['GET', 'DELETE'] },
      { path: () => `/api/account/sessions/${ids()}`, methods: ['DELETE'] },
      { path: () => '/api/shops', methods: ['GET', 'POST'], shaped: () => ({ name: v() }) },
      { path: () => `/api/shops/${otherShop()}`, methods: ['DELETE'] },
      { path: () => `/api/shops/${shopIds()}/members`, methods: ['GET'] },
      {
        path: () => `/api/shops/${shopIds()}/members/${rng.bool() ? mallory.userId : ids()}`,
        methods: ['PATCH', 'DELETE'],
        shaped: () => ({ role: rng.pick<unknown>(['owner', 'seller', 'admin', v()]) }),
      },
      {
        path: () =>
          `/api/shops/${shopIds()}/members/${rng.bool() ? mallory.userId : ids()}/sessions`,
        methods: ['GET', 'DELETE'],
      },
      {
        path: () => `/api/shops/${shopIds()}/invites`,
        methods: ['GET', 'POST'],
        shaped: () => ({ role: rng.pick<unknown>(['owner', 'seller', 'admin', v()]) }),
      },
      { path: () => `/api/shops/${shopIds()}/invites/${ids()}`, methods: ['DELETE'] },
      { path: () => '/api/invites/accept', methods: ['POST'], shaped: () => ({ code: v() }) },
      { path: () => `/api/${ids()}`, methods: ['GET', 'POST'] },
      { path: () => '/db/', methods: ['GET'] },
      { path: () => `/db/${shopIds()}`, methods: ['GET', 'PUT'] },
      { path: () => `/db/${shopIds()}/`, methods: ['GET', 'PUT'] },
      {
        path: () => `/db/${shopIds()}/_changes`,
        methods: ['GET', 'POST'],
        shaped: () => ({ doc_ids: rng.pick<unknown>([[someId(), someId()], v()]) }),
      },
      {
        path: () => `/db/${shopIds()}/_revs_diff`,
        methods: ['POST'],
        shaped: () =>
          bareObject([
            [String(someId()), [someRev(), someRev()]],
            [rng.pick(NASTY_KEYS), rng.pick<unknown>([[someRev()], v()])],
          ]),
      },
      {
        path: () => `/db/${shopIds()}/_bulk_docs`,
        methods: ['POST'],
        shaped: () => ({ docs: [v(), brokenDoc(mallory.userId)], new_edits: v() }),
      },
      {
        path: () =>
          `/db/${shopIds()}/_bulk_get${rng.pick(['', '?revs=true&latest=true', '?latest=true'])}`,
        methods: ['POST'],
        shaped: () => ({
          docs: rng.pick<unknown>([
            [],
            [{ id: someId(), rev: someRev() }, { id: someId() }],
            [v(), { id: someId(), atts_since: v(), attachments: v() }],
          ]),
        }),
      },
      {
        path: () => `/db/${shopIds()}/_all_docs`,
        methods: ['GET', 'POST'],
        shaped: () => ({ keys: rng.pick<unknown>([[someId(), someId()], v()]) }),
      },
      { path: () => `/db/${shopIds()}/_ensure_full_commit`, methods: ['POST'] },
      {
        path: () => `/db/${shopIds()}/_local/${ids()}`,
        methods: ['GET', 'PUT', 'DELETE'],
        shaped: () =>
          bareObject([
            ['_rev', someRev()],
            ['last_seq', v()],
            [rng.pick(NASTY_KEYS), v()],
          ]),
      },
      { path: () => `/db/${shopIds()}/_design/${ids()}`, methods: ['GET', 'PUT', 'DELETE'] },
      {
        path: () =>
          `/db/${shopIds()}/${ids()}${rng.pick([
            '',
            '',
            `?rev=1-${rng.hex(4)}&latest=true`,
            `?open_revs=${encodeURIComponent(`["1-${rng.hex(4)}"]`)}&latest=true&revs=true`,
            `?open_revs=${encodeURIComponent(JSON.stringify(randomValue(2)))}`,
            '?open_revs=all&latest=true',
          ])}`,
        methods: ['GET', 'PUT', 'DELETE'],
        shaped: () => brokenDoc(mallory.userId),
      },
      { path: () => `/db/${shopIds()}/${ids()}/${ids()}`, methods: ['GET'] },
      { path: () => `/db/${shopIds()}/${ids()}/${ids()}/${ids()}`, methods: ['GET'] },
      { path: () => `/${ids()}`, methods: ['GET'] },
      // the REST API, as a program would call it with the session
      {
        path: () => '/api/v1/me',
        methods: ['GET', 'PATCH'],
        shaped: () => ({ name: v(), email: v() }),
      },
      {
        path: () => `/api/v1/shops/${shopIds()}/${rng.pick(['products', 'customers'])}`,
        methods: ['GET', 'POST'],
        shaped: () => ({ code: v(), name: v(), unit: v(), price: v(), phone: v() }),
      },
      {
        path: () =>
          `/api/v1/shops/${shopIds()}/${rng.pick(['products', 'customers', 'orders'])}/${ids()}`,
        methods: ['GET', 'PATCH', 'DELETE'],
        shaped: () => ({ price: v(), name: v(), active: v() }),
      },
      {
        path: () => `/api/v1/shops/${shopIds()}/stock`,
        methods: ['GET', 'POST'],
        shaped: () => ({ productId: v(), qty: v(), reason: rng.pick(['restock', 'count', v()]) }),
      },
      {
        path: () => `/api/v1/shops/${shopIds()}/orders`,
        methods: ['GET', 'POST'],
        shaped: () => ({
          channel: rng.pick(['counter', v()]),
          lines: [{ productId: v(), qty: v() }],
          payment: v(),
        }),
      },
      {
        path: () => `/api/v1/shops/${shopIds()}/orders/${ids()}/${rng.pick(['lines', 'events'])}`,
        methods: ['GET', 'POST'],
        shaped: () => ({
          kind: rng.pick(['payment', 'dispatched', v()]),
          productId: v(),
          qty: v(),
        }),
      },
    ];
    const ODD_METHODS = [
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'HEAD',
      'OPTIONS',
      'COPY',
      'PROPFIND',
      'PURGE',
    ];
    const QUERY_KEYS = [
      'since',
      'limit',
      'include_docs',
      'style',
      'filter',
      'doc_ids',
      'keys',
      'startkey',
      'endkey',
      'start_key',
      'open_revs',
      'revs',
      'latest',
      'rev',
      'conflicts',
      'attachments',
      'new_edits',
      'descending',
      'revs_info',
      'feed',
      '__proto__',
      'constructor',
    ];
    const QUERY_VALUES = () =>
      rng.pick([
        'true',
        'false',
        'all',
        'now',
        '0',
        '-1',
        '1e400',
        '9'.repeat(400),
        'null',
        '[]',
        '{}',
        '[1,2]',
        '["1-abc"]',
        '["settings"]',
        '"settings"',
        `["${'1-' + rng.hex(16)}"]`,
        '_doc_ids',
        'all_docs',
        encodeURIComponent(`${'['.repeat(3000)}${']'.repeat(3000)}`),
        enc(randomString(30)),
        enc(JSON.stringify(randomValue(2))),
      ]);
    const query = () => {
      if (rng.bool(0.5)) return '';
      const parts: string[] = [];
      for (let i = rng.int(1, 5); i > 0; i--) {
        const key = rng.pick(QUERY_KEYS);
        // a longpoll must not wait out its 60 s default
        parts.push(
          key === 'feed' ? `feed=longpoll&timeout=${rng.int(1, 30)}` : `${key}=${QUERY_VALUES()}`,
        );
      }
      return `?${parts.join('&')}`;
    };
    const cookie = (): string | undefined =>
      rng.pick([
        ...Array<string>(12).fill(mallory.cookie),
        undefined,
        'sk_session=',
        'sk_session=../../etc/passwd',
        `sk_session=${'a'.repeat(64)}`,
        `sk_session=${'z'.repeat(5000)}`,
        `${mallory.cookie}; sk_session=bogus`,
        'sk_session="\\"; other=1',
      ]);

    /** A request to a random route with a random method, query, headers and body. */
    function randomRequest(): Sent {
      const t = rng.pick(TEMPLATES);
      let path = t.path();
      const q = query();
      if (q) path += path.includes('?') ? `&${q.slice(1)}` : q;
      const method = rng.bool(0.75) ? rng.pick(t.methods) : rng.pick(ODD_METHODS);
      const headers: Record<string, string> = {};
      // What signs mallory out (logout, logout everywhere, an owner signing out a
      // member's devices) goes without her cookie: the fuzz needs her session to the end.
      const signsOut =
        path.startsWith('/api/auth/logout') ||
        (method === 'DELETE' && /\/sessions\/*(?:$|\?)/.test(path));
      const c = signsOut ? rng.pick([undefined, 'sk_session=x']) : cookie();
      if (c) headers.Cookie = c;
      if (rng.bool(0.85)) {
        headers['Content-Type'] = rng.pick([
          'application/json',
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
        ]);
      }
      if (rng.bool(0.05)) {
        headers.Origin = rng.pick(['http://localhost', 'http://evil.example', 'null']);
      }
      if (rng.bool(0.03)) path = path.replace(/\//g, rng.pick(['//', '/./']));
      let body: string | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        body = t.shaped && rng.bool(0.6) ? JSON.stringify(t.shaped()) : randomBody();
      }
      return { method, path, headers, ...(body !== undefined ? { body } : {}) };
    }

    /** A `_bulk_docs` batch to mallory's shop: valid documents among broken ones. */
    async function bulkBatch(): Promise<void> {
      const newEdits = rng.bool(0.7);
      const docs: { doc: unknown; valid: boolean }[] = [];
      for (let i = rng.int(1, 20); i > 0; i--) {
        if (rng.bool(0.4)) {
          const doc = validDoc(mallory.userId);
          if (!newEdits) {
            const h = rng.hex(16);
            Object.assign(doc, { _rev: `1-${h}`, _revisions: { start: 1, ids: [h] } });
          }
          docs.push({ doc, valid: true });
        } else {
          docs.push({ doc: brokenDoc(mallory.userId), valid: false });
        }
      }
      let body = JSON.stringify({ docs: docs.map((d) => d.doc), new_edits: newEdits });
      const spoil = rng.next();
      let wellFormed = true;
      if (spoil < 0.05) {
        body = body.slice(0, rng.int(0, body.length - 1)); // cut short
        wellFormed = false;
      } else if (spoil < 0.08) {
        body = `${body.slice(0, -1)},"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`;
        wellFormed = false;
      }
      const r: Sent = {
        method: 'POST',
        path: `/db/${mallory.shopId}/_bulk_docs`,
        headers: { Cookie: mallory.cookie, 'Content-Type': 'application/json' },
        body,
      };
      const { status, text } = await send(r);
      sent++;
      const what = describeReq(r);
      if (!wellFormed) {
        expect(status, what).toBe(400);
        return;
      }
      expect(status, what).toBe(201);
      const rows = JSON.parse(text) as {
        ok?: boolean;
        id?: unknown;
        error?: unknown;
        reason?: unknown;
      }[];
      expect(rows, what).toHaveLength(docs.length);
      docs.forEach((d, i) => {
        const row = rows[i];
        if (d.valid) {
          expect(row, `${what} #${i}`).toMatchObject({ ok: true, id: (d.doc as Doc)._id });
          validIds.add((d.doc as Doc)._id);
        } else {
          expect(row?.ok, `${what} #${i}: ${JSON.stringify(row)}`).toBeUndefined();
          expect(typeof row?.error, `${what} #${i}`).toBe('string');
          expect(typeof row?.reason, `${what} #${i}`).toBe('string');
          expect(JSON.stringify(row), `${what} #${i}`).not.toMatch(LEAK);
        }
      });
    }

    const started = Date.now();
    while (sent < REQUESTS) {
      if (rng.bool(0.25)) {
        await bulkBatch();
      } else {
        await send(randomRequest());
        sent++;
      }
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(validIds.size).toBeGreaterThan(100);
  }, 60_000);

  it('stored only the valid documents, each of which parses', async () => {
    const db = app.services.storage.shop(mallory.shopId);
    const all = await db.allDocs({ include_docs: true });
    const ids = all.rows.map((r) => r.id).sort();
    expect(ids).toEqual(['settings', ...validIds].sort());
    expect((await db.info()).doc_count).toBe(validIds.size + 1);
    for (const row of all.rows) {
      const doc = row.doc as unknown as Record<string, unknown>;
      const parsed = parseShopDoc(doc);
      expect(parsed.ok, `${row.id}: ${parsed.ok ? '' : parsed.reason}`).toBe(true);
      if (parsed.ok) {
        const extra = Object.keys(doc).filter((k) => !Object.hasOwn(parsed.doc, k));
        expect(extra, row.id).toEqual([]);
      }
    }
    // nothing reached the shop mallory does not belong to
    expect((await app.services.storage.shop(victim.shopId).info()).doc_count).toBe(victimBefore);
    expect(await app.services.shops.roleOf(victim.shopId, mallory.userId)).toBeNull();
  });

  it('left Object.prototype (and friends) unpolluted', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNamesBefore.object);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(protoNamesBefore.array);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(
      protoNamesBefore.function,
    );
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  });

  it('still answers afterwards: health, the session and the shop', async () => {
    const health = await app.request(`${BASE}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const me = await app.request(`${BASE}/api/auth/session`, {
      headers: { Cookie: mallory.cookie },
    });
    expect(me.status).toBe(200);
    const info = await app.request(`${BASE}/db/${mallory.shopId}/`, {
      headers: { Cookie: mallory.cookie },
    });
    expect(info.status).toBe(200);
    // and a fresh write still goes through
    const doc = validDoc(mallory.userId);
    const [row] = await bulkDocs(app, mallory.cookie, mallory.shopId, [doc]);
    expect(row?.ok).toBe(true);
  });
});

describe('hostile requests that once broke the server', () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const customer = () => customerDoc({ createdAt: NOW, stamps: { name: STAMP } });
  const audit = (after: string) =>
    `{"_id":"audit:${ulid()}","type":"audit","action":"product.create","target":"x","summary":"s","userName":"u","before":null,"after":${after},"at":"${NOW}","by":"user-1","deviceId":"dev-1"}`;

  type Check = (status: number, body: unknown) => void;
  /** a body, or one made for the writer (whose id is known only once the tests run) */
  type Body = string | ((who: Account) => string) | undefined;
  const SOMEONE_ELSE = '01jzzzzzzzzzzzzzzzzzzzzzzz';
  const forbiddenRows = (status: number, body: unknown) => {
    expect(status).toBe(201);
    return (body as { ok?: boolean; error?: string; reason?: string }[]).map(
      (r) => r.error ?? r.ok,
    );
  };
  const orderBy = (by: string, rev: string) => ({
    ...orderDoc({ _id: 'order:01JZZZZZZZZZZZZZZZZZZZZZZZ', by, deviceId: DEVICE, createdAt: NOW }),
    _rev: rev,
    _revisions: { start: 1, ids: [rev.slice(2)] },
  });
  const CASES: [string, string, string, Body, Check][] = [
    [
      '_bulk_get asking for 20,000 distinct documents (no bound)',
      'POST',
      '/_bulk_get',
      JSON.stringify({ docs: Array.from({ length: 20_000 }, (_, i) => ({ id: `customer:${i}` })) }),
      (status) => expect(status).toBe(400),
    ],
    [
      '_bulk_get asking for one document 6,000 times (a 9 KB request answered with 136 MB)',
      'POST',
      '/_bulk_get?attachments=true',
      JSON.stringify({ docs: Array.from({ length: 6_000 }, () => ({ id: 'settings' })) }),
      (status, body) => {
        expect(status).toBe(200);
        expect((body as { results: unknown[] }).results).toHaveLength(1);
      },
    ],
    [
      '_all_docs?keys repeating one document 1,000 times (crashed the process)',
      'POST',
      '/_all_docs?include_docs=true',
      JSON.stringify({ keys: Array<string>(1_000).fill('settings') }),
      (status, body) => {
        expect(status).toBe(200);
        expect((body as { rows: unknown[] }).rows).toHaveLength(1);
      },
    ],
    [
      'a forged resolver state in _local/resolver (the resolver loaded it)',
      'PUT',
      '/_local/resolver',
      JSON.stringify({ seq: 999_999, engine: {}, chain: {}, version: 1 }),
      (status) => expect(status).toBe(400),
    ],
    [
      'two versions of one new order in a batch (stored conflicted, never allocated)',
      'POST',
      '/_bulk_docs',
      (who) =>
        JSON.stringify({
          docs: [
            orderBy(who.userId, `1-${'a'.repeat(32)}`),
            orderBy(who.userId, `1-${'b'.repeat(32)}`),
          ],
          new_edits: false,
        }),
      (status, body) => expect(forbiddenRows(status, body)).toEqual([true, 'forbidden']),
    ],
    [
      "an order in another member's name (sealed as genuine)",
      'POST',
      '/_bulk_docs',
      JSON.stringify({ docs: [orderDoc({ by: SOMEONE_ELSE, deviceId: DEVICE })] }),
      (status, body) => expect(forbiddenRows(status, body)).toEqual(['forbidden']),
    ],
    [
      'revision 999,999,999 of a new customer (later edits failed, and the whole push)',
      'POST',
      '/_bulk_docs',
      JSON.stringify({
        docs: [{ ...customer(), _rev: `999999999-${'c'.repeat(32)}` }],
        new_edits: false,
      }),
      (status, body) => expect(forbiddenRows(status, body)).toEqual(['forbidden']),
    ],
    [
      'a name with NUL and a direction override',
      'POST',
      '/_bulk_docs',
      JSON.stringify({ docs: [{ ...customer(), name: 'Ann\u0000a\u202e' }] }),
      (status, body) => expect(forbiddenRows(status, body)).toEqual(['forbidden']),
    ],
    [
      'a clock stamp a year ahead (wins every merge)',
      'POST',
      '/_bulk_docs',
      JSON.stringify({
        docs: [
          { ...customer(), stamps: { name: `00${Date.now() + 365 * 86_400_000}-0000-${DEVICE}` } },
        ],
      }),
      (status, body) => expect(forbiddenRows(status, body)).toEqual(['forbidden']),
    ],
    [
      'a checkpoint nested 5,000 deep (crashed the process in the store)',
      'PUT',
      '/_local/deep',
      deep(5_000),
      (status) => expect(status).toBe(400),
    ],
    [
      'a document nested 5,000 deep',
      'POST',
      '/_bulk_docs',
      `{"docs":[${audit(deep(5_000))}]}`,
      (status) => expect(status).toBe(400),
    ],
    [
      'an empty _bulk_get (never answered)',
      'POST',
      '/_bulk_get',
      '{"docs":[]}',
      (status, body) => expect({ status, body }).toEqual({ status: 200, body: { results: [] } }),
    ],
    [
      '_bulk_get?latest=true for a revision the store never had (hung the database)',
      'POST',
      '/_bulk_get?revs=true&latest=true',
      '{"docs":[{"id":"settings","rev":"1-abc"},{"id":"settings"}]}',
      (status, body) => {
        expect(status).toBe(200);
        const results = (body as { results: { id: string; docs: Record<string, unknown>[] }[] })
          .results;
        expect(results).toHaveLength(2);
        expect(results).toContainEqual({
          id: 'settings',
          docs: [
            { error: { id: 'settings', rev: '1-abc', error: 'not_found', reason: 'missing' } },
          ],
        });
        expect(results.some((r) => r.docs[0]?.ok)).toBe(true);
      },
    ],
    [
      'GET ?rev=…&latest=true for an unknown revision (hung the database)',
      'GET',
      '/settings?rev=1-abc&latest=true',
      undefined,
      (status) => expect(status).toBe(404),
    ],
    [
      'GET ?open_revs=[unknown]&latest=true (hung the database)',
      'GET',
      `/settings?latest=true&open_revs=${encodeURIComponent('["1-abc"]')}`,
      undefined,
      (status, body) =>
        expect({ status, body }).toEqual({ status: 200, body: [{ missing: '1-abc' }] }),
    ],
    [
      'open_revs that is neither "all" nor a list (was a 500)',
      'GET',
      `/settings?open_revs=${encodeURIComponent('{"a":1}')}`,
      undefined,
      (status) => expect(status).toBe(400),
    ],
    [
      'a replicated document with an empty revision history (hung the database)',
      'POST',
      '/_bulk_docs',
      JSON.stringify({
        docs: [{ ...customer(), _rev: '1-abc', _revisions: { start: 7, ids: [] } }],
        new_edits: false,
      }),
      (status, body) => {
        expect(status).toBe(201);
        expect((body as { error?: string }[])[0]?.error).toBe('forbidden');
      },
    ],
    [
      'a bare tombstone with a malformed history (hung the database)',
      'POST',
      '/_bulk_docs',
      JSON.stringify({
        docs: [
          {
            _id: `customer:${ulid()}`,
            _deleted: true,
            _rev: '1-abc',
            _revisions: { start: 'a', ids: 5 },
          },
          { _id: `customer:${ulid()}`, _deleted: true, _rev: '1-abc', _revisions: 'x' },
          { ...customer(), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } },
        ],
        new_edits: false,
      }),
      (status, body) => {
        expect(status).toBe(201);
        const rows = body as { ok?: boolean; error?: string }[];
        expect(rows.map((r) => r.error ?? r.ok)).toEqual(['forbidden', 'forbidden', true]);
      },
    ],
    [
      'a bare tombstone with a malformed _rev (failed the whole batch)',
      'POST',
      '/_bulk_docs',
      JSON.stringify({
        docs: [{ _id: `customer:${ulid()}`, _deleted: true, _rev: 5 }, customer()],
      }),
      (status, body) => {
        expect(status).toBe(201);
        const rows = body as { ok?: boolean; error?: string }[];
        expect(rows.map((r) => r.error ?? r.ok)).toEqual(['forbidden', true]);
      },
    ],
  ];

  it.each(CASES)('%s', async (_name, method, rest, given, check) => {
    const body = typeof given === 'function' ? given(mallory) : given;
    const shop = await app.services.shops.create('Regression', mallory.userId);
    await createShopDatabase(app.services.storage, shop.id, shop.name);
    const headers: Record<string, string> = { Cookie: mallory.cookie };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const { status, text } = await send({
      method,
      path: `/db/${shop.id}${rest}`,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    check(status, JSON.parse(text));
    // and the shop's database still answers
    const after = await send({
      method: 'GET',
      path: `/db/${shop.id}/_all_docs?include_docs=true`,
      headers: { Cookie: mallory.cookie },
    });
    expect(after.status).toBe(200);
  });
});
