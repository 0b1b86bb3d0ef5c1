import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ORDER_EVENT_KINDS, orderEventDoc, productDoc, sampleDoc } from '../fixtures/index.ts';
import { compileAcceptor, safeParseAsIs } from './as-is.ts';
import { acceptsAsIs, DOC_KINDS, DOC_SCHEMAS, parseShopDoc, type DocKind } from './index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside `value` (the root excluded). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      [...prefix, k],
      ...pathsOf(v, [...prefix, k]),
    ]);
  }
  return [];
}

/** An own property, as JSON.parse makes one (plain assignment to `__proto__` would set the prototype). */
const own = (target: object, key: string | number, value: Json) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

type Edit =
  | { op: 'set'; value: Json }
  | { op: 'delete' }
  | { op: 'add'; key: string; value: Json }
  /** a new key holding a copy of one of the object's own values (valid in a record) */
  | { op: 'copy'; key: string };

/** A copy of `doc` with one edit at `path` (or beside it, for 'add'). */
function edited(doc: Json, path: Path, edit: Edit): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string, Json>)[step] ?? null;
  const last = path[path.length - 1];
  if (last === undefined || parent === null || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, Json>;
  if (edit.op === 'set') {
    own(target, last, edit.value);
  } else if (edit.op === 'delete') {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else {
    const at = target[last];
    if (at && typeof at === 'object' && !Array.isArray(at)) {
      const value = edit.op === 'add' ? edit.value : Object.values(at)[0];
      if (value !== undefined) own(at, edit.key, value);
    }
  }
  return copy;
}

const samples = (): { kind: DocKind; doc: Json }[] => [
  ...DOC_KINDS.map((kind) => ({ kind, doc: sampleDoc(kind) as unknown as Json })),
  ...ORDER_EVENT_KINDS.map((k) => ({
    kind: 'orderevent' as const,
    doc: orderEventDoc(k),
  })),
  {
    kind: 'product' as const,
    doc: {
      ...(productDoc() as unknown as Record<string, Json>),
      _rev: '2-abc',
      _revisions: { start: 2, ids: ['abc', 'def'] },
      _attachments: {
        'photo.jpg': {
          content_type: 'image/jpeg',
          stub: true,
          digest: 'md5-xyz',
          length: 10,
          revpos: 1,
        },
      },
    },
  },
];

/** Values near the edges of what the schemas allow. */
const nearby: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    '',
    ' ',
    ' x',
    'x ',
    'EUR',
    'eur',
    -1,
    0,
    1,
    0.5,
    1e13,
    1e13 + 1,
    -1e13 - 1,
  ),
  fc.integer({ min: -1e15, max: 1e15 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom<Json>(null, true, false, [], {}),
  fc.constantFrom<Json>(
    '2024-05-01T10:00:00.000Z',
    '2024-05-01T10:00:00Z',
    '2024-05-01',
    'product:01HZX4AAAAAAAAAAAAAAAAAAAA',
    'order:01HZX4AAAAAAAAAAAAAAAAAAAA',
    'x'.repeat(1001),
  ),
);

const newKey = fc.oneof(
  fc.constantFrom('extra', '__proto__', 'constructor', 'type', '_id', 'note', 'k'.repeat(41)),
  fc.string({ maxLength: 45 }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), value: nearby }),
  fc.constant({ op: 'delete' as const }),
  fc.record({
    op: fc.constant('add' as const),
    key: newKey,
    value: nearby,
  }),
  fc.record({ op: fc.constant('copy' as const), key: newKey }),
);

/** A sample with a few random edits anywhere inside it. */
const mutated = fc
  .record({
    sample: fc.constantFrom(...samples()),
    edits: fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 3 }),
  })
  .map(({ sample, edits }) => {
    let doc = sample.doc;
    for (const [pick, e] of edits) {
      const paths = pathsOf(doc);
      const path = paths[pick % Math.max(1, paths.length)];
      if (path) doc = edited(doc, path, e);
    }
    return { kind: sample.kind, doc };
  });

describe('acceptsAsIs', () => {
  it('is compiled for every kind, so the server skips zod for the common case', () => {
    for (const kind of DOC_KINDS) expect(compileAcceptor(DOC_SCHEMAS[kind]), kind).not.toBeNull();
  });

  it('accepts every valid sample as it is', () => {
    for (const { kind, doc } of samples()) expect(acceptsAsIs(kind, doc), kind).toBe(true);
  });

  it('says yes only where zod accepts and returns the input unchanged', () => {
    fc.assert(
      fc.property(mutated, ({ kind, doc }) => {
        if (!acceptsAsIs(kind, doc)) return;
        const parsed = parseShopDoc(doc);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.doc).toEqual(doc);
      }),
      { numRuns: 10_000 },
    );
    // 10,000 documents through zod: seconds, more on a busy 2-core machine
  }, 30_000);

  it('says yes wherever zod returns the input unchanged (no inline attachment data)', () => {
    fc.assert(
      fc.property(mutated, ({ kind, doc }) => {
        const parsed = parseShopDoc(doc);
        if (!parsed.ok || JSON.stringify(doc).includes('"data"')) return;
        // toEqual ignores key order, which zod may change; stripped or trimmed values it catches
        if (!isDeepStrictEqualJson(parsed.doc, doc)) return;
        expect(acceptsAsIs(kind, doc)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('refuses to decide what zod would rewrite or strip', () => {
    const order = sampleDoc('order') as unknown as Record<string, Json>;
    expect(acceptsAsIs('order', { ...order, customerName: ' Ann' })).toBe(false);
    expect(parseShopDoc({ ...order, customerName: ' Ann' }).ok).toBe(true);
    expect(acceptsAsIs('order', { ...order, extra: 1 })).toBe(false);
    expect(acceptsAsIs('order', { ...order, total: -1 })).toBe(false);
    expect(acceptsAsIs('order', { ...order, type: 'product' })).toBe(false);
    expect(acceptsAsIs('product', order)).toBe(false);
  });

  it('leaves unions to zod when an earlier option could parse by stripping', () => {
    const schema = z.union([
      z.object({ a: z.string() }),
      z.object({ a: z.string(), b: z.number() }),
    ]);
    const accept = compileAcceptor(schema);
    expect(accept?.({ a: 'x' })).toBe(true);
    // zod parses this with the first option and drops b: not "as is"
    expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x' });
    expect(accept?.({ a: 'x', b: 1 })).toBe(false);
  });

  it('runs checks in zod order: a trim before a length check is honoured', () => {
    const accept = compileAcceptor(z.string().trim().min(1));
    expect(accept?.('a')).toBe(true);
    expect(accept?.(' a')).toBe(false);
    expect(accept?.('')).toBe(false);
  });

  it('returns null for what it does not model', () => {
    expect(compileAcceptor(z.xor([z.string(), z.string().min(1)]))).toBeNull();
    expect(compileAcceptor(z.string().transform((s) => s.length))).toBeNull();
    expect(compileAcceptor(z.object({ a: z.string().default('x') }))).toBeNull();
    expect(compileAcceptor(z.object({ a: z.string() }).catchall(z.number().default(1)))).toBeNull();
  });
});

describe('safeParseAsIs (request bodies)', () => {
  const objects = {
    strict: z.strictObject({ a: z.string().max(3), n: z.number().int().optional() }),
    loose: z.looseObject({ a: z.string().max(3) }),
    catchall: z
      .object({ a: z.string().max(3) })
      .catchall(z.union([z.string().max(2), z.number(), z.boolean(), z.null()])),
    record: z.record(z.string().max(3), z.array(z.string().max(2)).max(2)),
  };
  const json = fc.dictionary(
    fc.oneof(fc.constantFrom('a', 'n', 'b', '__proto__'), fc.string({ maxLength: 4 })),
    fc.oneof(
      fc.constantFrom<Json>(null, true, 1, 1.5, -2, 'x', 'xyz', 'long!', ['x'], ['x', 'yy', 'z']),
      fc.jsonValue() as fc.Arbitrary<Json>,
    ),
    { maxKeys: 4 },
  );
  const withOwnKeys = json.map((o) => JSON.parse(JSON.stringify(o)) as Json);

  it.each(Object.entries(objects))(
    '%s: answers as zod does, with the input as zod’s output',
    (_, schema) => {
      expect(compileAcceptor(schema)).not.toBeNull();
      fc.assert(
        fc.property(withOwnKeys, (value) => {
          const fast = safeParseAsIs(schema, value);
          const slow = schema.safeParse(value);
          expect(fast.success).toBe(slow.success);
          if (fast.success && slow.success) expect(fast.data).toEqual(slow.data);
        }),
        { numRuns: 3000 },
      );
    },
  );

  it('skips zod’s copy only for a value valid as it is', () => {
    const valid = { a: 'x', extra: null, more: 2 };
    expect(safeParseAsIs(objects.catchall, valid).data).toBe(valid);
    expect(safeParseAsIs(objects.loose, valid).data).toBe(valid);
    // strict: the unknown key fails in zod, with zod's message
    const strict = safeParseAsIs(objects.strict, valid);
    expect(strict.success).toBe(false);
    expect(strict.error?.issues[0]?.code).toBe('unrecognized_keys');
    // stripped by zod: a copy without it
    const plain = z.object({ a: z.string() });
    expect(safeParseAsIs(plain, { a: 'x', b: 1 }).data).toEqual({ a: 'x' });
  });
});

/** Deep equality over JSON values, ignoring key order. */
function isDeepStrictEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => isDeepStrictEqualJson(v, b[i]))
    );
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        isDeepStrictEqualJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
