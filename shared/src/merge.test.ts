import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mergeFields, pickStamped, type Stamped } from './merge.ts';
import { HybridClock, compareHlc, encodeHlc } from './hlc.ts';
import { productSchema, type Product } from './schemas/product.ts';
import { PRODUCT_MERGE_FIELDS } from './schemas/vocabulary.ts';

/** A deep copy, as a replica would hand back (documents are plain JSON). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// ---------------------------------------------------------------------------
// Generators: revisions of a product-like document.
// ---------------------------------------------------------------------------

/** The fields the merge resolves (a product's, plus a structured one). */
const FIELDS = ['name', 'price', 'cost', 'description', 'active', '_attachments'] as const;
type Field = (typeof FIELDS)[number];
const COUCH = ['_rev', '_revisions', '_conflicts', '_deleted'] as const;

type Doc = Stamped & Record<string, unknown>;

const T0 = 1_714_557_600_000; // 2024-05-01T10:00:00Z
const NODES = ['K3AB', 'K4CD', 'laptop-1', 'K3'];

/** Few walls, counters and nodes, so equal stamps (same node, same tick) happen often. */
const hlcArb = fc.record({
  wall: fc.integer({ min: T0, max: T0 + 3 }),
  counter: fc.integer({ min: 0, max: 2 }),
  node: fc.constantFrom(...NODES),
});
const stampArb = hlcArb.map(encodeHlc);

/** Few distinct values, so the same value often comes from several revisions. */
const valueArb: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.constantFrom('a', 'b', 'Tea 500 g', '', 'undefined', 'null'),
    fc.integer({ min: -2, max: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.record({ x: fc.integer({ min: 0, max: 1 }), y: fc.constantFrom('p', 'q') }),
    fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }),
  )
  .map(clone); // plain JSON, as stored

interface Cell {
  /** undefined: the field is absent from this revision */
  value: unknown;
  /** undefined: this revision carries no stamp for the field */
  stamp: string | undefined;
}
const cellArb: fc.Arbitrary<Cell> = fc.record({
  value: fc.option(valueArb, { nil: undefined, freq: 5 }),
  stamp: fc.option(stampArb, { nil: undefined, freq: 6 }),
});

const isoArb = fc.integer({ min: 0, max: 5 }).map((k) => new Date(T0 + k * 60_000).toISOString());

function build(cells: readonly Cell[], updatedAt: string | undefined, couch: Partial<Doc>): Doc {
  const doc: Doc = {
    _id: 'product:01HX000000000000000000000A',
    type: 'product',
    createdAt: new Date(T0).toISOString(),
    stamps: {},
    ...couch,
  };
  if (updatedAt !== undefined) doc.updatedAt = updatedAt;
  cells.forEach((c, i) => {
    const f = FIELDS[i] ?? '';
    if (c.value !== undefined) doc[f] = c.value;
    if (c.stamp !== undefined) doc.stamps[f] = c.stamp;
  });
  return doc;
}

const couchArb: fc.Arbitrary<Partial<Doc>> = fc.record(
  {
    _rev: fc.integer({ min: 1, max: 9 }).map((n) => `${n}-abc${n}`),
    _revisions: fc.constant({ start: 2, ids: ['abc2', 'abc1'] }),
    _conflicts: fc.constant(['2-def']),
    _deleted: fc.constant(true as const),
  },
  { requiredKeys: [] },
);

const revisionArb: fc.Arbitrary<Doc> = fc
  .tuple(
    fc.tuple(...FIELDS.map(() => cellArb)),
    fc.option(isoArb, { nil: undefined, freq: 6 }),
    couchArb,
  )
  .map(([cells, updatedAt, couch]) => build(cells, updatedAt, couch));

/** Revisions that all carry the very same stamp on every field, with different values. */
const sameStampRevisionsArb: fc.Arbitrary<Doc[]> = fc
  .tuple(
    stampArb,
    fc.array(fc.tuple(...FIELDS.map(() => valueArb)), { minLength: 2, maxLength: 4 }),
  )
  .map(([stamp, rows]) =>
    rows.map((values) =>
      build(
        values.map((value) => ({ value, stamp })),
        undefined,
        {},
      ),
    ),
  );

const revisionsArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(revisionArb, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: sameStampRevisionsArb },
);

// ---------------------------------------------------------------------------
// Helpers: an independent reading of the result.
// ---------------------------------------------------------------------------

const merge = (docs: readonly Doc[]) => mergeFields(docs, FIELDS);
const key = (v: unknown) => (v === undefined ? '<absent>' : JSON.stringify(v));

/** What a merge decides: each field's value (absent stays absent), stamps and updatedAt. */
function decided(d: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (f in d) out[f] = d[f];
  out.stamps = d.stamps;
  if ('updatedAt' in d) out.updatedAt = d.updatedAt;
  return out;
}

/** The document without CouchDB bookkeeping. */
function strip(d: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d };
  for (const k of COUCH) delete out[k];
  return out;
}

const maxOf = (xs: readonly string[]) =>
  xs.reduce<string | undefined>(
    (m, x) => (m === undefined || compareHlc(x, m) > 0 ? x : m),
    undefined,
  );

const permutation = <T>(xs: readonly T[]) =>
  fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

// ---------------------------------------------------------------------------

describe('pickStamped', () => {
  const candArb = fc.record({ value: valueArb, stamp: stampArb });

  it('takes the later stamp, whatever the values', () => {
    fc.assert(
      fc.property(candArb, candArb, (a, b) => {
        fc.pre(a.stamp !== b.stamp);
        const later = compareHlc(a.stamp, b.stamp) > 0 ? a : b;
        expect(pickStamped(a, b)).toBe(later);
        expect(pickStamped(b, a)).toBe(later);
      }),
    );
  });

  it('breaks a tie of equal stamps by value, the same way in either order', () => {
    const stamp = encodeHlc({ wall: T0, counter: 0, node: 'K3AB' });
    expect(pickStamped({ value: 'a', stamp }, { value: 'b', stamp }).value).toBe('b');
    expect(pickStamped({ value: 'b', stamp }, { value: 'a', stamp }).value).toBe('b');
    fc.assert(
      fc.property(valueArb, valueArb, stampArb, (x, y, s) => {
        const a = { value: x, stamp: s };
        const b = { value: y, stamp: s };
        expect(pickStamped(a, b)).toEqual(pickStamped(b, a));
        expect([a, b]).toContain(pickStamped(a, b));
      }),
    );
  });

  it('breaks equal wall time and counter by device (node) id', () => {
    fc.assert(
      fc.property(hlcArb, fc.constantFrom(...NODES), valueArb, valueArb, (h, other, x, y) => {
        fc.pre(other !== h.node);
        const a = { value: x, stamp: encodeHlc(h) };
        const b = { value: y, stamp: encodeHlc({ ...h, node: other }) };
        const winner = other > h.node ? b : a;
        expect(pickStamped(a, b)).toBe(winner);
        expect(pickStamped(b, a)).toBe(winner);
      }),
    );
  });

  it('is associative and idempotent', () => {
    const c = fc.record({
      value: valueArb,
      stamp: fc.constantFrom(...[0, 1].map((k) => encodeHlc({ wall: T0, counter: k, node: 'K3' }))),
    });
    fc.assert(
      fc.property(c, c, c, (a, b, d) => {
        expect(pickStamped(pickStamped(a, b), d)).toEqual(pickStamped(a, pickStamped(b, d)));
        expect(pickStamped(a, a)).toEqual(a);
      }),
    );
  });
});

describe('mergeFields', () => {
  it('worked example: two devices edit a product offline', () => {
    const base = {
      _id: 'product:01HX000000000000000000000A',
      type: 'product',
      code: 'TEA',
      name: 'Tea',
      unit: 'piece',
      price: 500,
      cost: null,
      description: '',
      imageUrl: null,
      lowStockThreshold: null,
      active: true,
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
    } satisfies Omit<Product, 'stamps'>;
    const s0 = encodeHlc({ wall: T0, counter: 0, node: 'laptop-1' });
    const stamps = Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, s0]));
    const sA = encodeHlc({ wall: T0 + 5_000, counter: 0, node: 'K3AB' });
    const sB = encodeHlc({ wall: T0 + 9_000, counter: 0, node: 'K4CD' });
    const owner: Product = {
      ...base,
      _rev: '2-aaa',
      price: 550,
      name: 'Green tea',
      updatedAt: '2024-05-01T10:00:05.000Z',
      stamps: { ...stamps, price: sA, name: sA },
    };
    const seller: Product = {
      ...base,
      _rev: '2-bbb',
      _conflicts: ['2-aaa'],
      name: 'Tea (loose)',
      active: false,
      updatedAt: '2024-05-01T10:00:09.000Z',
      stamps: { ...stamps, name: sB, active: sB },
    };
    const { merged, overwritten } = mergeFields([owner, seller], PRODUCT_MERGE_FIELDS);
    expect(merged).toEqual({
      ...base,
      price: 550,
      name: 'Tea (loose)',
      active: false,
      updatedAt: '2024-05-01T10:00:09.000Z',
      stamps: { ...stamps, price: sA, name: sB, active: sB },
    });
    const parsed = productSchema.safeParse(merged);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(overwritten).toEqual(
      expect.arrayContaining([
        { field: 'name', value: 'Green tea', stamp: sA },
        { field: 'price', value: 500, stamp: s0 },
        { field: 'active', value: true, stamp: s0 },
      ]),
    );
    expect(overwritten).toHaveLength(3);
    expect(mergeFields([seller, owner], PRODUCT_MERGE_FIELDS).merged).toEqual(merged);
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeFields([], FIELDS)).toThrow();
  });

  it('is commutative: the order of revisions never changes the merged fields, stamps or updatedAt', () => {
    fc.assert(
      fc.property(revisionArb, revisionArb, (a, b) => {
        expect(decided(merge([a, b]).merged)).toStrictEqual(decided(merge([b, a]).merged));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        revisionsArb.chain((docs) => fc.tuple(fc.constant(docs), permutation(docs))),
        ([docs, shuffled]) => {
          expect(decided(merge(shuffled).merged)).toStrictEqual(decided(merge(docs).merged));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is associative: merging in any grouping gives the same document', () => {
    fc.assert(
      fc.property(revisionArb, revisionArb, revisionArb, (a, b, c) => {
        const all = merge([a, b, c]).merged;
        const left = merge([merge([a, b]).merged, c]).merged;
        const right = merge([a, merge([b, c]).merged]).merged;
        expect(left).toStrictEqual(all);
        expect(right).toStrictEqual(all);
      }),
      { numRuns: 500 },
    );
  });

  it('is associative for revisions that share one stamp (ties broken by value)', () => {
    fc.assert(
      fc.property(
        sameStampRevisionsArb.filter((d) => d.length >= 3),
        ([a, b, c]) => {
          if (!a || !b || !c) return;
          const all = merge([a, b, c]).merged;
          expect(merge([merge([a, b]).merged, c]).merged).toStrictEqual(all);
          expect(merge([a, merge([b, c]).merged]).merged).toStrictEqual(all);
          expect(decided(merge([c, b, a]).merged)).toStrictEqual(decided(all));
        },
      ),
    );
  });

  it('is idempotent: a revision merged with itself, or a merge merged again, is unchanged', () => {
    fc.assert(
      fc.property(revisionArb, revisionsArb, (a, docs) => {
        const self = merge([a, clone(a)]);
        expect(self.merged).toStrictEqual(strip(a));
        expect(self.overwritten).toEqual([]);
        expect(merge([a]).merged).toStrictEqual(strip(a));

        const m = merge(docs).merged;
        expect(merge([m, m]).merged).toStrictEqual(m);
        expect(merge([m]).merged).toStrictEqual(m);
        expect(merge([m, m]).overwritten).toEqual([]);
        // merging the result with any of its inputs again changes nothing either
        for (const d of docs) expect(decided(merge([m, d]).merged)).toStrictEqual(decided(m));
      }),
      { numRuns: 300 },
    );
  });

  it('lets the maximal stamp win each field; unstamped values lose to stamped ones', () => {
    fc.assert(
      fc.property(revisionsArb, (docs) => {
        const { merged } = merge(docs);
        expect(
          Object.keys(merged.stamps).every((f) => (FIELDS as readonly string[]).includes(f)),
        ).toBe(true);
        for (const f of FIELDS) {
          const stamps = docs.flatMap((d) => (d.stamps[f] === undefined ? [] : [d.stamps[f]]));
          const best = maxOf(stamps);
          expect(merged.stamps[f]).toBe(best);
          const contenders = docs.filter((d) => d.stamps[f] === best);
          const values = new Set(contenders.map((d) => key(d[f])));
          // the merged value is one that carried the winning stamp …
          expect(values).toContain(key(merged[f]));
          // … the only one, when the winners agree
          if (values.size === 1) expect(f in merged).toBe(f in (contenders[0] ?? {}));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('lists exactly the distinct losing values in `overwritten`, each with a stamp it carried', () => {
    fc.assert(
      fc.property(revisionsArb, (docs) => {
        const { merged, overwritten } = merge(docs);
        for (const f of FIELDS) {
          const mine = overwritten.filter((o) => o.field === f);
          const losing = new Set(docs.map((d) => key(d[f])));
          losing.delete(key(merged[f]));
          expect(mine.map((o) => key(o.value)).sort()).toEqual([...losing].sort());
          for (const o of mine) {
            const carriers = docs.filter((d) => key(d[f]) === key(o.value));
            expect(carriers.map((d) => d.stamps[f] ?? '')).toContain(o.stamp);
          }
        }
        for (const o of overwritten) {
          expect(FIELDS as readonly string[]).toContain(o.field as Field);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the latest updatedAt', () => {
    fc.assert(
      fc.property(revisionsArb, (docs) => {
        const times = docs.flatMap((d) => (typeof d.updatedAt === 'string' ? [d.updatedAt] : []));
        const { merged } = merge(docs);
        if (times.length === 0) {
          expect('updatedAt' in merged).toBe(false);
        } else {
          const latest = Math.max(...times.map((t) => Date.parse(t)));
          expect(merged.updatedAt).toBe(new Date(latest).toISOString());
        }
      }),
    );
  });

  it('never carries CouchDB bookkeeping into the result, nor changes its inputs', () => {
    fc.assert(
      fc.property(revisionsArb, (docs) => {
        const before = clone(docs);
        const { merged } = merge(docs);
        for (const k of COUCH) expect(k in merged).toBe(false);
        expect(docs).toEqual(before);
        // unstamped, unmerged fields come through untouched
        expect(merged).toMatchObject({
          _id: docs[0]?._id,
          type: 'product',
          createdAt: docs[0]?.createdAt,
        });
      }),
    );
  });

  it('a causally later edit wins over the edit it saw, even from a device with a slower clock', () => {
    const scenario = fc.record({
      skewA: fc.integer({ min: -60_000, max: 60_000 }),
      skewB: fc.integer({ min: -60_000, max: 60_000 }),
      field: fc.constantFrom(...FIELDS),
      first: valueArb,
      second: valueArb,
      bFirst: fc.boolean(),
    });
    fc.assert(
      fc.property(scenario, ({ skewA, skewB, field, first, second, bFirst }) => {
        let t = T0;
        const clockA = new HybridClock('K3AB', () => t + skewA);
        const clockB = new HybridClock('K4CD', () => t + skewB);
        const [writer, reader] = bFirst ? [clockB, clockA] : [clockA, clockB];
        const one = build([], undefined, {});
        one[field] = first;
        one.stamps[field] = writer.next();
        t += 1; // a moment later the other device syncs, then edits the same field
        reader.observe(one.stamps[field] ?? '');
        const two = build([], undefined, {});
        two[field] = second;
        two.stamps[field] = reader.next();
        for (const docs of [
          [one, two],
          [two, one],
        ]) {
          const { merged } = merge(docs);
          expect(merged[field]).toEqual(second);
          expect(merged.stamps[field]).toBe(two.stamps[field]);
        }
      }),
    );
  });
});
