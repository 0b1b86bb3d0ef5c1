import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEVICE_PREFIX_RE,
  HUMAN_NUMBER_RE,
  devicePrefix,
  formatHumanNumber,
  nextSequence,
  parseHumanNumber,
} from './numbers.ts';
import { createUlidGenerator } from './ids.ts';

const prefixArb = fc.stringMatching(/^[A-Z][A-Z0-9]{1,3}$/);
const sequenceArb = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

describe('devicePrefix', () => {
  it('is two characters without easily confused ones', () => {
    for (const id of ['dev1', 'K3AB-phone', '', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'ünïcödé']) {
      const p = devicePrefix(id);
      expect(p).toMatch(DEVICE_PREFIX_RE);
      expect(p).toHaveLength(2);
      expect(p).toMatch(/^[A-HJKMNP-Z][A-HJKMNP-Z2-9]$/);
    }
  });

  it('property: stable for a device and always a valid prefix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (id) => {
        const p = devicePrefix(id);
        expect(p).toMatch(DEVICE_PREFIX_RE);
        expect(p).not.toMatch(/[ILO01]/);
        expect(devicePrefix(id)).toBe(p);
        expect(devicePrefix(id.slice())).toBe(p);
      }),
    );
  });

  it('spreads different devices over many prefixes', () => {
    const gen = createUlidGenerator();
    const prefixes = new Set<string>();
    for (let i = 0; i < 2000; i++) prefixes.add(devicePrefix(gen(1_700_000_000_000 + i)));
    // 23 × 31 = 713 possible prefixes; a working hash uses a large share of them
    expect(prefixes.size).toBeGreaterThan(400);
  });
});

describe('formatHumanNumber', () => {
  it('pads the sequence to at least four digits', () => {
    expect(formatHumanNumber('K3', 42)).toBe('K3-0042');
    expect(formatHumanNumber('K3', 1)).toBe('K3-0001');
    expect(formatHumanNumber('AB12', 9999)).toBe('AB12-9999');
    expect(formatHumanNumber('K3', 12345)).toBe('K3-12345');
  });

  it('rejects bad prefixes and sequences', () => {
    for (const bad of ['k3', 'K', 'K3456', '3K', 'K-3', '', 'K3 ']) {
      expect(() => formatHumanNumber(bad, 1), bad).toThrow(/bad device prefix/);
    }
    for (const bad of [
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 1,
    ]) {
      expect(() => formatHumanNumber('K3', bad), String(bad)).toThrow(/sequence/);
    }
  });
});

describe('parseHumanNumber', () => {
  it('splits a number into prefix and sequence', () => {
    expect(parseHumanNumber('K3-0042')).toEqual({ prefix: 'K3', sequence: 42 });
    expect(parseHumanNumber('AB12-123456')).toEqual({ prefix: 'AB12', sequence: 123456 });
  });

  it('returns null for anything else', () => {
    for (const bad of [
      '',
      'K3-042',
      'k3-0042',
      'K3_0042',
      ' K3-0042',
      'K3-0042 ',
      'K3-00a2',
      'K-0042',
      '3K-0042',
      'K3--0042',
    ]) {
      expect(parseHumanNumber(bad), bad).toBeNull();
    }
  });

  it('property: round-trips with formatHumanNumber', () => {
    fc.assert(
      fc.property(prefixArb, sequenceArb, (prefix, sequence) => {
        const n = formatHumanNumber(prefix, sequence);
        expect(n).toMatch(HUMAN_NUMBER_RE);
        expect(parseHumanNumber(n)).toEqual({ prefix, sequence });
      }),
    );
  });

  it('property: numbers of one prefix sort by sequence once they have the same width', () => {
    fc.assert(
      fc.property(
        prefixArb,
        fc.integer({ min: 1, max: 9998 }),
        fc.integer({ min: 1, max: 9998 }),
        (prefix, a, d) => {
          const b = Math.min(a + d, 9999);
          fc.pre(b > a);
          expect(formatHumanNumber(prefix, a) < formatHumanNumber(prefix, b)).toBe(true);
        },
      ),
    );
  });
});

describe('nextSequence', () => {
  it('starts at 1 and continues after the highest number of the prefix', () => {
    expect(nextSequence('K3', [])).toBe(1);
    expect(nextSequence('K3', ['K3-0001', 'K3-0007', 'K3-0003'])).toBe(8);
    expect(nextSequence('K3', ['AB-0099', 'K3-0002'])).toBe(3);
    expect(nextSequence('K3', ['AB-0099'])).toBe(1);
    expect(nextSequence('K3', ['garbage', 'k3-0050', 'K3-50', 'K3-0004'])).toBe(5);
    expect(nextSequence('K3', new Set(['K3-0010']))).toBe(11);
  });

  it('property: is one more than the largest issued sequence of that prefix', () => {
    const issuedArb = fc.array(
      fc.tuple(fc.constantFrom('K3', 'AB', 'ZZ9'), fc.integer({ min: 1, max: 1e9 })),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(
        issuedArb,
        fc.constantFrom('K3', 'AB', 'ZZ9', 'Q7'),
        fc.array(
          fc.string().filter((s) => !HUMAN_NUMBER_RE.test(s)),
          { maxLength: 5 },
        ),
        (issued, prefix, junk) => {
          const numbers = [...issued.map(([p, s]) => formatHumanNumber(p, s)), ...junk];
          const next = nextSequence(prefix, numbers);
          const mine = issued.filter(([p]) => p === prefix).map(([, s]) => s);
          expect(next).toBe(Math.max(0, ...mine) + 1);
          // the next number is new
          expect(numbers).not.toContain(formatHumanNumber(prefix, next));
        },
      ),
    );
  });
});
