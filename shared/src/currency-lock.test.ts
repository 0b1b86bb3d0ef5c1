import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesCurrency, type CurrencyRevision } from './currency-lock.ts';
import { encodeHlc } from './hlc.ts';
import { mergeFields } from './merge.ts';

const T0 = 1_764_633_600_000; // 2025-12-02T00:00:00Z

/** Few walls and nodes, so equal stamps happen often. */
const stampArb = fc
  .record({
    wall: fc.integer({ min: T0, max: T0 + 2 }),
    counter: fc.integer({ min: 0, max: 1 }),
    node: fc.constantFrom('K3AB', 'K4CD'),
  })
  .map(encodeHlc);

const revisionArb: fc.Arbitrary<CurrencyRevision> = fc.record({
  currency: fc.constantFrom('EUR', 'USD', 'KES'),
  stamps: fc.record({ currency: stampArb, shopName: stampArb }),
});

describe('changesCurrency', () => {
  it('a revision that builds on the held settings changes the currency exactly when its own differs', () => {
    fc.assert(
      fc.property(revisionArb, revisionArb, (next, current) => {
        expect(changesCurrency(next, current, true)).toBe(next.currency !== current.currency);
      }),
    );
  });

  it("a branch changes the currency exactly when the resolver's merge would take its currency", () => {
    fc.assert(
      fc.property(revisionArb, revisionArb, (next, current) => {
        const { merged } = mergeFields([current, next], ['currency', 'shopName']);
        expect(changesCurrency(next, current, false)).toBe(merged.currency !== current.currency);
      }),
    );
  });

  it('the same currency never counts as a change, whatever the stamps', () => {
    fc.assert(
      fc.property(revisionArb, stampArb, fc.boolean(), (current, stamp, builds) => {
        const next = { currency: current.currency, stamps: { currency: stamp } };
        expect(changesCurrency(next, current, builds)).toBe(false);
      }),
    );
  });

  it('a stale branch with the old currency under its old stamp changes nothing', () => {
    const older = encodeHlc({ wall: T0, counter: 0, node: 'K3AB' });
    const newer = encodeHlc({ wall: T0 + 1, counter: 0, node: 'K4CD' });
    const current = { currency: 'USD', stamps: { currency: newer } };
    const stale = { currency: 'EUR', stamps: { currency: older } };
    expect(changesCurrency(stale, current, false)).toBe(false);
    expect(changesCurrency(stale, current, true)).toBe(true);
  });
});
