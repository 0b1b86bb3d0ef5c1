import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  isRevision,
  MAX_REV_JUMP,
  MAX_REV_POS,
  parseRev,
  REVS_LIMIT,
  revisionFieldsError,
  revJumpError,
} from './revision.ts';
import { couchFields } from './schemas/common.ts';

/** The rule as the brief states it, written independently of revision.ts. */
const SHAPE = /^[1-9]\d{0,15}-[0-9a-f]{1,64}$/;
const isValid = (s: string): boolean =>
  SHAPE.test(s) && BigInt(s.slice(0, s.indexOf('-'))) <= BigInt(MAX_REV_POS);

const HEX = '0123456789abcdef';
const hexArb = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...HEX), minLength: min, maxLength: max });

/** Positions as text: plain, near the limits, with leading zeros or signs, too long. */
const posTextArb = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 18n }).map(String),
  fc.bigInt({ min: BigInt(MAX_REV_POS) - 3n, max: BigInt(MAX_REV_POS) + 3n }).map(String),
  fc.constantFrom('9999999999999999', '99999999999999999', '1000000000', '999999999'),
  fc.nat().map((n) => `0${n}`),
  fc.constantFrom('', '-1', '+1', '1e3', ' 1', '1.0', '١'),
);
/** Hashes: lowercase hex of any length, with a stray character now and then. */
const hashTextArb = fc.oneof(
  hexArb(0, 70),
  fc.string({ unit: fc.constantFrom(...HEX, 'A', 'F', 'g', 'z', '-', ' ', '\n'), maxLength: 70 }),
);
/** A valid revision: any position up to the limit, a hash of 1..64 lowercase hex. */
const validRevArb = fc
  .tuple(fc.bigInt({ min: 1n, max: BigInt(MAX_REV_POS) }), hexArb(1, 64))
  .map(([p, h]) => `${p}-${h}`);

/** Strings that look like revisions, or nearly (and some that are). */
const revLikeArb = fc.oneof(
  validRevArb,
  fc
    .tuple(posTextArb, fc.constantFrom('-', '-', '-', '_', '--', ''), hashTextArb)
    .map(([p, sep, h]) => `${p}${sep}${h}`),
  fc.string(),
);

describe('parseRev', () => {
  it('accepts exactly <1..16 digits, no leading zero>-<1..64 lowercase hex> with a position up to MAX_REV_POS', () => {
    fc.assert(
      fc.property(revLikeArb, (s) => {
        const parsed = parseRev(s);
        expect(parsed !== null, s).toBe(isValid(s));
        if (parsed) {
          const dash = s.indexOf('-');
          expect(String(parsed.pos)).toBe(s.slice(0, dash));
          expect(parsed.id).toBe(s.slice(dash + 1));
          expect(isRevision(s)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('draws the line at MAX_REV_POS, below the last safe integer', () => {
    expect(MAX_REV_POS).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(parseRev(`${MAX_REV_POS}-a`)).toEqual({ pos: MAX_REV_POS, id: 'a' });
    expect(parseRev(`${Number.MAX_SAFE_INTEGER}-a`)).toBeNull();
    // 16 digits can exceed the safe range; 17 never parse
    expect(parseRev('9999999999999999-a')).toBeNull();
    expect(parseRev('10000000000000000-a')).toBeNull();
    // the old store's limit (9 digits) is not the rule: an honest 10-digit position parses
    expect(parseRev('1000000000-abc')).toEqual({ pos: 1_000_000_000, id: 'abc' });
    // uppercase hex is not what CouchDB or PouchDB make
    expect(parseRev('1-ABC')).toBeNull();
    expect(parseRev(`1-${'a'.repeat(65)}`)).toBeNull();
  });

  it('gives every valid revision a child position that is still a safe integer', () => {
    fc.assert(
      fc.property(validRevArb, (rev) => {
        const parsed = parseRev(rev);
        expect(parsed).not.toBeNull();
        const pos = parsed?.pos ?? 0;
        expect(Number.isSafeInteger(pos)).toBe(true);
        expect(Number.isSafeInteger(pos + 1)).toBe(true);
        // and the position is exact, not rounded
        expect(BigInt(pos)).toBe(BigInt(rev.slice(0, rev.indexOf('-'))));
      }),
    );
  });

  it('is null for anything that is not a string', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((v) => typeof v !== 'string'),
        (v) => {
          expect(parseRev(v)).toBeNull();
          expect(isRevision(v)).toBe(false);
        },
      ),
    );
  });
});

describe('revJumpError', () => {
  it('refuses exactly the positions more than MAX_REV_JUMP beyond what is held', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        hexArb(1, 32),
        (held, pos, hash) => {
          const error = revJumpError(`${pos}-${hash}`, held);
          expect(error === null).toBe(pos <= held + MAX_REV_JUMP);
        },
      ),
    );
    expect(revJumpError(`999999999-${'a'.repeat(32)}`, 1)).toMatch(/implausibly far ahead/);
    expect(revJumpError(`${1 + MAX_REV_JUMP}-a`, 1)).toBeNull();
    // what is not a revision is another rule's to refuse
    expect(revJumpError('garbage', 0)).toBeNull();
  });
});

// ---- _rev and _revisions together ------------------------------------------

/** `_revisions` values: well formed, mismatched, oversized, or not even an object. */
function revisionsArb(rev: string | undefined) {
  const parsed = rev === undefined ? null : parseRev(rev);
  const matching =
    parsed === null
      ? fc.constant(undefined)
      : fc
          .array(hexArb(1, 8), { maxLength: Math.min(parsed.pos - 1, 5) })
          .map((older) => ({ start: parsed.pos, ids: [parsed.id, ...older] }));
  return fc.oneof(
    fc.constant(undefined),
    matching,
    fc.record({
      start: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.constant(MAX_REV_POS + 1), fc.double()),
      ids: fc.oneof(
        fc.array(hexArb(1, 8), { maxLength: 25 }),
        fc.array(fc.oneof(hexArb(0, 3), fc.constant('ABC'), fc.integer()), { maxLength: 4 }),
      ),
    }),
    fc.record({ start: fc.constant(1), ids: fc.constant(['a']), extra: fc.constant(true) }),
    fc.constantFrom(null, [], 'x', 3),
  );
}

const revFieldsArb = fc
  .oneof(fc.constant(undefined), validRevArb, revLikeArb, fc.constantFrom('1-a', '3-abc', '2-b'))
  .chain((rev) =>
    revisionsArb(rev).map((revisions) => {
      const doc: Record<string, unknown> = {};
      if (rev !== undefined) doc._rev = rev;
      if (revisions !== undefined) doc._revisions = revisions;
      return doc;
    }),
  );

const couchSchema = z.object(couchFields);

describe('revisionFieldsError', () => {
  it('passes exactly the histories a store can take as they are', () => {
    fc.assert(
      fc.property(revFieldsArb, (doc) => {
        const error = revisionFieldsError(doc);
        const rev = doc._rev;
        const h = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
        const ids = Array.isArray(h?.ids) ? (h.ids as unknown[]) : null;
        const expected =
          (rev === undefined || (typeof rev === 'string' && isValid(rev))) &&
          (h === undefined ||
            (typeof h === 'object' &&
              h !== null &&
              !Array.isArray(h) &&
              Object.keys(h).every((k) => k === 'start' || k === 'ids') &&
              typeof h.start === 'number' &&
              Number.isSafeInteger(h.start) &&
              h.start >= 1 &&
              h.start <= MAX_REV_POS &&
              ids !== null &&
              ids.length >= 1 &&
              ids.length <= Math.min(h.start, REVS_LIMIT) &&
              ids.every((x) => typeof x === 'string' && /^[0-9a-f]{1,64}$/.test(x)) &&
              (rev === undefined ||
                (typeof rev === 'string' && rev === `${String(h.start)}-${String(ids[0])}`))));
        expect(error === null, JSON.stringify(doc)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the document schemas: what it passes, every schema passes', () => {
    fc.assert(
      fc.property(revFieldsArb, (doc) => {
        const schemaOk = couchSchema.safeParse(doc).success;
        if (revisionFieldsError(doc) === null) expect(schemaOk, JSON.stringify(doc)).toBe(true);
        if (!schemaOk) expect(revisionFieldsError(doc)).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('and the schemas take the longest valid revision (81 characters) too', () => {
    const longest = `${MAX_REV_POS}-${'f'.repeat(64)}`;
    expect(longest).toHaveLength(81);
    expect(revisionFieldsError({ _rev: longest })).toBeNull();
    expect(couchSchema.safeParse({ _rev: longest }).success).toBe(true);
    expect(couchSchema.safeParse({ _conflicts: [longest] }).success).toBe(true);
  });

  it('and the schemas take exactly the _rev values the rule takes', () => {
    fc.assert(
      fc.property(revLikeArb, (rev) => {
        expect(couchSchema.safeParse({ _rev: rev }).success, rev).toBe(isValid(rev));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a history longer than REVS_LIMIT, and one that does not match _rev', () => {
    const ids = Array.from({ length: REVS_LIMIT + 1 }, (_, i) => i.toString(16));
    expect(revisionFieldsError({ _rev: '1001-0', _revisions: { start: 1001, ids } })).toMatch(
      /at most 1000/,
    );
    const fits = { _rev: '1000-0', _revisions: { start: 1000, ids: ids.slice(0, REVS_LIMIT) } };
    expect(revisionFieldsError(fits)).toBeNull();
    expect(revisionFieldsError({ _rev: '2-b', _revisions: { start: 2, ids: ['c', 'a'] } })).toMatch(
      /does not match/,
    );
    // a history reaching back past position 1 is impossible
    expect(revisionFieldsError({ _rev: '1-a', _revisions: { start: 1, ids: ['a', 'b'] } })).toMatch(
      /_revisions must be/,
    );
  });
});
