import { DOC_KINDS, parseShopDoc, ulid, type DocKind, type Role } from '@stallkeeper/shared';
import { sampleDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { checkIncoming, type Existing } from './validate.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const STAMP = '001772359200000-0000-dev1';
const USER = '01jabcdefghjkmnpqrstvwxyz0';
const DEVICE = 'phone-1';

type Doc = Record<string, unknown> & { _id: string };

/** One valid document of every kind; the customer has no stamps (its JSON is edited below). */
const sample = (kind: DocKind): Doc => sampleDoc(kind, { at: NOW, by: USER, deviceId: DEVICE });
const SAMPLES: Record<DocKind, () => Doc> = {
  ...(Object.fromEntries(DOC_KINDS.map((k) => [k, () => sample(k)])) as Record<DocKind, () => Doc>),
  customer: () => ({ ...sample('customer'), stamps: {} }),
};

const KINDS = Object.keys(SAMPLES) as DocKind[];
const EXISTS: Existing = { rev: '1-abc', deleted: false };
const TOMBSTONE: Existing = { rev: '2-def', deleted: true };

/**
 * The permission table, written out here on its own so a change to the shared table
 * shows up as a failing test: [create, update, delete] per role and kind.
 */
const ALLOWED: Record<Role, Record<DocKind, [boolean, boolean, boolean]>> = {
  owner: {
    product: [true, true, false],
    customer: [true, true, true],
    order: [true, false, false],
    orderevent: [true, false, false],
    stock: [true, false, false],
    invoice: [true, false, false],
    allocation: [false, false, false],
    alert: [false, true, false],
    audit: [true, false, false],
    settings: [true, true, false],
    mail: [true, false, false],
    mailstatus: [false, false, false],
  },
  seller: {
    product: [false, false, false],
    customer: [true, true, false],
    order: [true, false, false],
    orderevent: [true, false, false],
    stock: [false, false, false],
    invoice: [true, false, false],
    allocation: [false, false, false],
    alert: [false, false, false],
    audit: [true, false, false],
    settings: [false, false, false],
    mail: [true, false, false],
    mailstatus: [false, false, false],
  },
};

const fromJson = (text: string): unknown => JSON.parse(text) as unknown;

describe('the samples', () => {
  it.each(KINDS)('a %s sample is a valid document', (kind) => {
    const parsed = parseShopDoc(SAMPLES[kind]());
    expect(parsed.ok ? parsed.kind : parsed.reason).toBe(kind);
  });
});

describe('checkIncoming: role × kind × operation', () => {
  const cases = (['owner', 'seller'] as const).flatMap((role) =>
    KINDS.map((kind) => [role, kind, ...ALLOWED[role][kind]] as const),
  );

  it.each(cases)('%s / %s: create=%s update=%s delete=%s', (role, kind, create, update, del) => {
    const doc = SAMPLES[kind]();
    const created = checkIncoming(doc, role, undefined);
    expect(created === null, created?.reason).toBe(create);

    const updated = checkIncoming({ ...doc, _rev: '1-abc' }, role, {
      ...EXISTS,
      doc: { ...doc, _rev: '1-abc' },
    });
    expect(updated === null, updated?.reason).toBe(update);

    const deleted = checkIncoming({ _id: doc._id, _rev: '1-abc', _deleted: true }, role, EXISTS);
    expect(deleted === null, deleted?.reason).toBe(del);

    for (const refusal of [created, updated, deleted]) {
      if (!refusal) continue;
      expect(refusal).toEqual({
        id: doc._id,
        error: 'forbidden',
        name: 'forbidden',
        status: 403,
        reason: expect.any(String),
      });
      expect(refusal.reason).toMatch(new RegExp(`${kind}`));
    }
  });

  it('says why, in words', () => {
    expect(checkIncoming(SAMPLES.product(), 'seller', undefined)?.reason).toBe(
      'a seller may not create product documents',
    );
    expect(checkIncoming(SAMPLES.order(), 'owner', EXISTS)?.reason).toBe(
      'order documents are append-only and cannot be changed',
    );
    expect(checkIncoming(SAMPLES.alert(), 'owner', undefined)?.reason).toBe(
      'alert documents are written by the server only',
    );
  });

  it('deleting a mutable document that does not exist is harmless', () => {
    expect(
      checkIncoming(
        { _id: `customer:${ulid()}`, _rev: '1-abc', _deleted: true },
        'seller',
        undefined,
      ),
    ).toBeNull();
  });

  it('deleting an append-only document is refused even when it does not exist', () => {
    for (const kind of [
      'order',
      'orderevent',
      'stock',
      'invoice',
      'audit',
      'allocation',
    ] as const) {
      const res = checkIncoming(
        { _id: SAMPLES[kind]()._id, _rev: '1-abc', _deleted: true },
        'owner',
        undefined,
      );
      expect(res?.reason, kind).toMatch(/append-only/);
    }
  });

  it('writing over a tombstone is a create, so server-only kinds stay server-only', () => {
    const a = SAMPLES.alert();
    expect(checkIncoming({ ...a, _rev: '3-abc' }, 'owner', TOMBSTONE)?.reason).toMatch(
      /server only/,
    );
    // re-creating a deleted customer is fine for whoever may create customers
    const c = SAMPLES.customer();
    expect(checkIncoming({ ...c, _rev: '3-abc' }, 'seller', TOMBSTONE)).toBeNull();
  });

  it('a deletion carrying a body must still be a valid document', () => {
    const c = SAMPLES.customer();
    // a full body marked deleted, as put({...doc, _deleted: true}) sends it, is fine
    expect(checkIncoming({ ...c, _rev: '1-abc', _deleted: true }, 'owner', EXISTS)).toBeNull();
    // but not a smuggled payload, on an existing document or on nothing
    const smuggled = { _id: c._id, _rev: '1-abc', _deleted: true, payload: 'x'.repeat(1000) };
    expect(checkIncoming(smuggled, 'owner', EXISTS)?.reason).toMatch(/^customer: /);
    expect(
      checkIncoming({ ...smuggled, _id: `product:${ulid()}` }, 'seller', undefined)?.reason,
    ).toMatch(/^product: /);
    expect(
      checkIncoming({ ...c, _rev: '1-abc', _deleted: true, payload: 'x' }, 'owner', EXISTS)?.reason,
    ).toBe('customer: unknown field payload');
    const withHtml = {
      _id: `product:${ulid()}`,
      _deleted: true,
      _attachments: {
        'x.html': { content_type: 'text/html', data: Buffer.from('<script>').toString('base64') },
      },
    };
    expect(checkIncoming(withHtml, 'owner', undefined)).not.toBeNull();
  });
});

describe('checkIncoming: alerts', () => {
  it('an owner may acknowledge an alert, and only that', () => {
    const current = { ...SAMPLES.alert(), _rev: '1-abc' };
    const existing: Existing = { ...EXISTS, doc: current };
    const ack = {
      ...current,
      acknowledgedAt: NOW,
      acknowledgedBy: USER,
      resolution: 'recounted',
      stamps: { resolution: STAMP },
    };
    expect(checkIncoming(ack, 'owner', existing)).toBeNull();
    expect(
      checkIncoming({ ...ack, message: 'nothing happened' }, 'owner', existing)?.reason,
    ).toMatch(/only the acknowledgement of an alert can change \(not message\)/);
    expect(checkIncoming({ ...ack, productIds: ['product:x'] }, 'owner', existing)?.reason).toMatch(
      /productIds/,
    );
    expect(checkIncoming({ ...ack, kind: 'conflict' }, 'owner', existing)?.reason).toMatch(/kind/);
    expect(checkIncoming(ack, 'seller', existing)?.reason).toMatch(/seller may not update alert/);
  });
});

describe('checkIncoming: document shape', () => {
  it('refuses what is not a document', () => {
    for (const raw of [null, undefined, 42, 'customer:x', [], [SAMPLES.customer()]]) {
      expect(checkIncoming(raw, 'owner', undefined)).toMatchObject({
        id: '',
        error: 'forbidden',
        reason: 'a document must be a JSON object',
      });
    }
    expect(checkIncoming({ type: 'customer' }, 'owner', undefined)?.reason).toBe('_id is missing');
    expect(checkIncoming({ _id: 42 }, 'owner', undefined)?.reason).toBe('_id is missing');
  });

  it('refuses design documents and unknown kinds', () => {
    expect(checkIncoming({ _id: '_design/x', views: {} }, 'owner', undefined)?.reason).toMatch(
      /design documents/,
    );
    expect(checkIncoming({ _id: '_local/x' }, 'owner', undefined)?.reason).toMatch(
      /unknown document kind/,
    );
    expect(
      checkIncoming({ ...SAMPLES.customer(), _id: `coupon:${ulid()}` }, 'owner', undefined)?.reason,
    ).toMatch(/unknown document kind for id coupon:/);
    expect(
      checkIncoming({ ...SAMPLES.customer(), _id: `Customer:${ulid()}` }, 'owner', undefined)
        ?.reason,
    ).toMatch(/unknown document kind/);
    expect(
      checkIncoming({ ...SAMPLES.customer(), _id: `__proto__:${ulid()}` }, 'owner', undefined)
        ?.reason,
    ).toMatch(/unknown document kind/);
  });

  it('refuses schema violations with the field named', () => {
    const o = SAMPLES.order();
    expect(
      checkIncoming(
        { ...o, subtotal: Number(o.subtotal) + 1, total: Number(o.total) + 1 },
        'seller',
        undefined,
      )?.reason,
    ).toMatch(/^order: subtotal: subtotal is not the sum of lines/);
    expect(
      checkIncoming({ ...SAMPLES.customer(), email: 'nope' }, 'owner', undefined)?.reason,
    ).toMatch(/^customer: email/);
    expect(checkIncoming({ ...SAMPLES.product(), price: 1.5 }, 'owner', undefined)?.reason).toMatch(
      /^product: price/,
    );
    expect(
      checkIncoming({ ...SAMPLES.customer(), _id: 'customer:not-a-ulid' }, 'owner', undefined)
        ?.reason,
    ).toMatch(/_id/);
    // the kind named by the id must match the type field
    expect(
      checkIncoming({ ...SAMPLES.customer(), type: 'product' }, 'owner', undefined),
    ).not.toBeNull();
    expect(
      checkIncoming({ ...SAMPLES.customer(), _rev: 'abc' }, 'owner', undefined)?.reason,
    ).toMatch(/_rev/);
  });

  it('refuses unknown fields, top-level and nested', () => {
    expect(
      checkIncoming({ ...SAMPLES.customer(), role: 'owner' }, 'seller', undefined)?.reason,
    ).toBe('customer: unknown field role');
    const o = SAMPLES.order();
    const lines = o.lines as Record<string, unknown>[];
    const withExtra = { ...o, lines: [{ ...lines[0], discount: 10 }] };
    expect(checkIncoming(withExtra, 'seller', undefined)?.reason).toBe(
      'order: unknown field lines.0.discount',
    );
    const p = SAMPLES.product();
    const att = {
      ...p,
      _attachments: { 'a.png': { content_type: 'image/png', data: 'iVBORw0K', evil: true } },
    };
    expect(checkIncoming(att, 'owner', undefined)?.reason).toBe(
      'product: unknown field _attachments.a.png.evil',
    );
  });

  it('refuses __proto__ and constructor keys wherever they are', () => {
    const c = SAMPLES.customer();
    const json = JSON.stringify(c);
    const top = fromJson(json.replace(/^\{/, '{"__proto__":{"role":"owner"},'));
    expect(Object.hasOwn(top as object, '__proto__')).toBe(true);
    expect(checkIncoming(top, 'seller', undefined)?.reason).toBe(
      'customer: unknown field __proto__',
    );
    const inStamps = fromJson(json.replace('"stamps":{}', `"stamps":{"__proto__":"${STAMP}"}`));
    expect(checkIncoming(inStamps, 'seller', undefined)?.reason).toMatch(
      /unknown field stamps\.__proto__/,
    );
    const ctor = fromJson(json.replace(/^\{/, '{"constructor":{"prototype":{"x":1}},'));
    expect(checkIncoming(ctor, 'seller', undefined)?.reason).toBe(
      'customer: unknown field constructor',
    );
    // and the check did not pollute anything
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});

describe('checkIncoming: attachments', () => {
  const withAttachment = (att: Record<string, unknown>) => ({
    ...SAMPLES.product(),
    _attachments: { photo: att },
  });
  const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');

  it.each(['image/png', 'image/jpeg', 'image/webp', 'image/gif'])(
    'accepts a small %s image',
    (type) => {
      expect(
        checkIncoming(withAttachment({ content_type: type, data: b64(100) }), 'owner', undefined),
      ).toBeNull();
    },
  );

  it.each([
    'text/html',
    'image/svg+xml',
    'application/javascript',
    'application/octet-stream',
    'image/png; charset=utf-8',
    'IMAGE/PNG',
    '',
  ])('refuses the content type %j', (type) => {
    const res = checkIncoming(
      withAttachment({ content_type: type, data: b64(10) }),
      'owner',
      undefined,
    );
    expect(res?.reason).toBe('attachment photo: only PNG, JPEG, WebP or GIF images are allowed');
  });

  it('refuses an attachment without a content type', () => {
    expect(checkIncoming(withAttachment({ data: b64(10) }), 'owner', undefined)).not.toBeNull();
  });

  it('accepts exactly 1 MB and refuses anything larger, inline or as a stub', () => {
    const MB = 1024 * 1024;
    expect(
      checkIncoming(
        withAttachment({ content_type: 'image/jpeg', data: b64(MB) }),
        'owner',
        undefined,
      ),
    ).toBeNull();
    for (const bytes of [MB + 1, MB + 2, MB + 3, 3 * MB]) {
      const res = checkIncoming(
        withAttachment({ content_type: 'image/jpeg', data: b64(bytes) }),
        'owner',
        undefined,
      );
      expect(res?.reason, `${bytes} bytes`).toMatch(/images may be at most 1 MB/);
    }
    const stub = {
      content_type: 'image/jpeg',
      stub: true,
      length: 2 * MB,
      digest: 'md5-abc',
      revpos: 1,
    };
    expect(checkIncoming(withAttachment(stub), 'owner', undefined)?.reason).toMatch(/at most 1 MB/);
    expect(checkIncoming(withAttachment({ ...stub, length: 1000 }), 'owner', undefined)).toBeNull();
  });

  it('refuses attachments on kinds that have none', () => {
    const c = {
      ...SAMPLES.customer(),
      _attachments: { 'a.png': { content_type: 'image/png', data: b64(10) } },
    };
    expect(checkIncoming(c, 'owner', undefined)?.reason).toMatch(/unknown field _attachments/);
  });
});
