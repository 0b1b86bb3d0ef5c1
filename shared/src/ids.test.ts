import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ULID_RE, createUlidGenerator, ulid, ulidTime, type RandomBytes } from './ids.ts';

const MAX_TIME = 2 ** 48 - 1;

/** A deterministic random source that hands out the given byte blocks in turn. */
function scripted(blocks: readonly Uint8Array[]): RandomBytes & { calls: number[] } {
  let i = 0;
  const calls: number[] = [];
  const fn = (n: number): Uint8Array => {
    calls.push(n);
    const block = blocks[i++ % blocks.length] ?? new Uint8Array(n);
    return block.slice(0, n);
  };
  return Object.assign(fn, { calls });
}

describe('createUlidGenerator', () => {
  it('encodes the ULID spec example timestamp', () => {
    const gen = createUlidGenerator(scripted([new Uint8Array(10)]));
    const id = gen(1469918176385);
    expect(id).toBe('01ARYZ6S410000000000000000');
    expect(ulidTime(id)).toBe(1469918176385);
  });

  it('encodes 80 random bits as 16 Crockford characters', () => {
    const ones = createUlidGenerator(scripted([new Uint8Array(10).fill(0xff)]))(0);
    expect(ones).toBe('0000000000ZZZZZZZZZZZZZZZZ');
    const bytes = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 33]); // 33 = 0b00001_00001
    expect(createUlidGenerator(scripted([bytes]))(0)).toBe('000000000000000000000000' + '11');
    const top = new Uint8Array(10);
    top[0] = 0x80; // highest of the 80 bits → first random char is 16 = 'G'
    expect(createUlidGenerator(scripted([top]))(0)).toBe('0000000000G000000000000000');
  });

  it('asks the random source for exactly 10 bytes, and only when the millisecond changes', () => {
    const rnd = scripted([new Uint8Array(10)]);
    const gen = createUlidGenerator(rnd);
    gen(1000);
    gen(1000);
    gen(999);
    expect(rnd.calls).toEqual([10]);
    gen(1001);
    expect(rnd.calls).toEqual([10, 10]);
  });

  it('increments the random part within one millisecond, carrying across characters', () => {
    const start = new Uint8Array(10);
    start[9] = 31; // random part ends in 'Z'
    const gen = createUlidGenerator(scripted([start]));
    const a = gen(5);
    const b = gen(5);
    expect(a.slice(10)).toBe('000000000000000Z');
    expect(b.slice(10)).toBe('0000000000000010');
    expect(b.slice(0, 10)).toBe(a.slice(0, 10));
  });

  it('refuses to wrap around when the random part is exhausted within a millisecond', () => {
    const gen = createUlidGenerator(scripted([new Uint8Array(10).fill(0xff)]));
    const first = gen(7);
    expect(first.endsWith('ZZZZZZZZZZZZZZZZ')).toBe(true);
    expect(() => gen(7)).toThrow(/overflow/);
  });

  it('handles the largest 48-bit timestamp', () => {
    const id = createUlidGenerator(scripted([new Uint8Array(10)]))(MAX_TIME);
    expect(id.slice(0, 10)).toBe('7ZZZZZZZZZ');
    expect(ulidTime(id)).toBe(MAX_TIME);
    expect(id).toMatch(ULID_RE);
  });

  it('property: ids from one generator strictly increase, even within one millisecond or when the clock steps back', () => {
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) }, // same millisecond
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 5000 }) },
      { weight: 1, arbitrary: fc.integer({ min: -5000, max: -1 }) }, // clock goes back
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 5000, max: 2 ** 47 }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(fc.uint8Array({ minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 8 }),
        (start, steps, blocks) => {
          // keep the random part away from overflow: the top byte below 0xff leaves ≥ 2^72 headroom
          const safeBlocks = blocks.map((b) => {
            const c = b.slice();
            c[0] = (c[0] ?? 0) & 0x7f;
            return c;
          });
          const gen = createUlidGenerator(scripted(safeBlocks));
          let now = start;
          let maxNow = -1;
          let prev = '';
          for (const s of [0, ...steps]) {
            now += s;
            maxNow = Math.max(maxNow, now);
            const id = gen(now);
            expect(id).toMatch(ULID_RE);
            expect(id > prev).toBe(true);
            // the timestamp never goes backwards: it is the latest time seen
            expect(ulidTime(id)).toBe(maxNow);
            prev = id;
          }
        },
      ),
    );
  });

  it('property: ulidTime recovers the timestamp of a fresh generator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_TIME }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (t, bytes) => {
          const id = createUlidGenerator(() => bytes)(t);
          expect(id).toMatch(ULID_RE);
          expect(id).toHaveLength(26);
          expect(ulidTime(id)).toBe(t);
        },
      ),
    );
  });

  it('property: ids sort by their timestamps across generators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_TIME - 1 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (t, dt, r1, r2) => {
          const later = Math.min(t + dt, MAX_TIME);
          const a = createUlidGenerator(() => r1)(t);
          const b = createUlidGenerator(() => r2)(later);
          expect(a < b).toBe(true);
        },
      ),
    );
  });
});

describe('ulid (default generator)', () => {
  it('uses the current time and crypto randomness', () => {
    const before = Date.now();
    const a = ulid();
    const b = ulid();
    const after = Date.now();
    expect(a).toMatch(ULID_RE);
    expect(b).toMatch(ULID_RE);
    expect(b > a).toBe(true);
    expect(ulidTime(a)).toBeGreaterThanOrEqual(before);
    expect(ulidTime(a)).toBeLessThanOrEqual(after);
  });

  it('produces distinct random parts in different generators', () => {
    const ids = new Set(Array.from({ length: 50 }, () => createUlidGenerator()(1000).slice(10)));
    expect(ids.size).toBe(50);
  });
});

describe('ULID_RE', () => {
  it('accepts Crockford base32 only, 26 characters', () => {
    expect(ULID_RE.test('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    expect(ULID_RE.test('01ARZ3NDEKTSV4RRFFQ69G5FA')).toBe(false); // 25
    expect(ULID_RE.test('01ARZ3NDEKTSV4RRFFQ69G5FAVX')).toBe(false); // 27
    for (const ch of ['I', 'L', 'O', 'U', 'a']) {
      expect(ULID_RE.test(`01ARZ3NDEKTSV4RRFFQ69G5FA${ch}`), ch).toBe(false);
    }
  });
});
