import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeKey, emptyCodeIndex, onProductCode } from './catalog-codes.ts';

const AT = '2026-03-01T10:00:00.000Z';
const names = { 'product:A': 'Apples', 'product:B': 'Bananas', 'product:C': 'Cherries' };

describe('product codes', () => {
  it('compare without case or surrounding spaces', () => {
    expect(codeKey(' Apl-1 ')).toBe(codeKey('apl-1'));
  });

  it('raise one alert naming both products when a second takes a code, and clear it on a rename', () => {
    const idx = emptyCodeIndex();
    expect(onProductCode(idx, 'product:A', 'APL', names, AT)).toEqual([]);
    const [raised] = onProductCode(idx, 'product:B', 'apl ', names, AT);
    expect(raised).toMatchObject({
      kind: 'duplicate_code',
      cleared: false,
      productIds: ['product:A', 'product:B'],
    });
    expect(raised?.message).toContain('“Apples” and “Bananas”');
    expect(raised?.message).toContain('apl');
    // a third one does not raise a second alert for the same code
    expect(onProductCode(idx, 'product:C', 'APL', names, AT)).toEqual([]);
    expect(onProductCode(idx, 'product:C', 'CHE', names, AT)).toEqual([]);
    const [cleared] = onProductCode(idx, 'product:B', 'BAN', names, AT);
    expect(cleared).toMatchObject({ id: raised?.id, cleared: true });
    // the same code shared again later is a new alert (the old one stays resolved)
    const [again] = onProductCode(idx, 'product:B', 'APL', names, AT);
    expect(again?.id).not.toBe(raised?.id);
  });

  it('keeps an alert open exactly while two or more products share a code', () => {
    const products = ['product:A', 'product:B', 'product:C'];
    const codes = ['x', 'X', 'y', 'z'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...products), fc.constantFrom(...codes)), {
          maxLength: 40,
        }),
        (edits) => {
          const idx = emptyCodeIndex();
          const open = new Map<string, boolean>();
          const current = new Map<string, string>();
          for (const [p, code] of edits) {
            for (const a of onProductCode(idx, p, code, names, AT)) {
              const key = Object.entries(idx.alerts).find(([, s]) => s.id === a.id)?.[0] ?? '';
              // never raised twice, never cleared unless raised
              expect(open.get(key) ?? false).toBe(a.cleared);
              open.set(key, !a.cleared);
            }
            current.set(p, codeKey(code));
          }
          for (const key of new Set(current.values())) {
            const holders = [...current].filter(([, k]) => k === key).length;
            expect(open.get(key) ?? false).toBe(holders >= 2);
          }
        },
      ),
    );
  });
});
