import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  HLC_RE,
  HybridClock,
  MAX_DRIFT_MS,
  compareHlc,
  decodeHlc,
  encodeHlc,
  receive,
  tick,
  type Hlc,
} from './hlc.ts';

const MAX_WALL = 999_999_999_999_999; // 15 digits
const MAX_COUNTER = 0xffff;

const nodeArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const hlcArb: fc.Arbitrary<Hlc> = fc.record({
  wall: fc.integer({ min: 0, max: MAX_WALL }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  node: nodeArb,
});
/** Realistic wall clock values (ms since epoch, 1970 … ~2255). */
const wallArb = fc.integer({ min: 0, max: 9e12 });
/** A stamp from a device with a realistic wall clock. */
const realHlcArb: fc.Arbitrary<Hlc> = fc.record({
  wall: wallArb,
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  node: nodeArb,
});

function cmpTuple(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A clock whose `now` replays the given wall times, then repeats the last one. */
function replay(times: readonly number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)] ?? 0;
}

describe('encodeHlc / decodeHlc', () => {
  it('uses a fixed-width layout', () => {
    expect(encodeHlc({ wall: 1732212345678, counter: 0, node: 'K3AB' })).toBe(
      '001732212345678-0000-K3AB',
    );
    expect(encodeHlc({ wall: 5, counter: 255, node: 'n' })).toBe('000000000000005-00ff-n');
    expect(decodeHlc('001732212345678-002a-dev_1-x')).toEqual({
      wall: 1732212345678,
      counter: 42,
      node: 'dev_1-x',
    });
  });

  it('rejects strings that are not stamps', () => {
    for (const bad of [
      '',
      'x',
      '1732212345678-0000-K3AB',
      '001732212345678-00G0-K3AB',
      '001732212345678-0000-',
      '001732212345678-0000-a b',
    ]) {
      expect(() => decodeHlc(bad), bad).toThrow(/not a clock stamp/);
    }
  });

  it('property: round-trips and matches HLC_RE', () => {
    fc.assert(
      fc.property(hlcArb, (h) => {
        const s = encodeHlc(h);
        expect(s).toMatch(HLC_RE);
        expect(decodeHlc(s)).toEqual(h);
      }),
    );
  });

  it('property: string order equals (wall, counter, node) order', () => {
    const near = fc.tuple(hlcArb, hlcArb).map(([a, b]) => [a, b] as const);
    // also compare stamps that share a wall and/or counter so the later fields matter
    const sameWall = fc
      .tuple(hlcArb, fc.integer({ min: 0, max: MAX_COUNTER }), nodeArb, fc.boolean())
      .map(
        ([a, counter, node, sameCounter]) =>
          [a, { wall: a.wall, counter: sameCounter ? a.counter : counter, node }] as const,
      );
    fc.assert(
      fc.property(fc.oneof(near, sameWall), ([a, b]) => {
        const sa = encodeHlc(a);
        const sb = encodeHlc(b);
        expect(Math.sign(compareHlc(sa, sb))).toBe(cmpTuple(a, b));
        expect(Math.sign(compareHlc(sb, sa))).toBe(-cmpTuple(a, b) || 0); // not -0
      }),
    );
  });
});

describe('compareHlc', () => {
  it('returns -1, 0, 1', () => {
    const a = encodeHlc({ wall: 1, counter: 0, node: 'a' });
    const b = encodeHlc({ wall: 1, counter: 1, node: 'a' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
    const sorted = [b, a].sort(compareHlc);
    expect(sorted).toEqual([a, b]);
  });
});

describe('tick', () => {
  it('takes the wall clock when it moved forward, else bumps the counter', () => {
    const last: Hlc = { wall: 100, counter: 3, node: 'a' };
    expect(tick(last, 200)).toEqual({ wall: 200, counter: 0, node: 'a' });
    expect(tick(last, 100)).toEqual({ wall: 100, counter: 4, node: 'a' });
    expect(tick(last, 50)).toEqual({ wall: 100, counter: 4, node: 'a' });
  });

  it('never produces a counter that no longer fits the 4 hex digits', () => {
    const next = tick({ wall: 100, counter: MAX_COUNTER, node: 'a' }, 100);
    const s = encodeHlc(next);
    expect(s).toMatch(HLC_RE);
    expect(s > encodeHlc({ wall: 100, counter: MAX_COUNTER, node: 'a' })).toBe(true);
  });

  it('property: the result always sorts after the last stamp', () => {
    fc.assert(
      fc.property(hlcArb, wallArb, (last, now) => {
        fc.pre(last.wall < MAX_WALL);
        const next = tick(last, now);
        expect(next.node).toBe(last.node);
        expect(encodeHlc(next)).toMatch(HLC_RE);
        expect(encodeHlc(next) > encodeHlc(last)).toBe(true);
        expect(next.wall).toBeGreaterThanOrEqual(Math.max(last.wall, now));
      }),
    );
  });
});

describe('receive', () => {
  it('merges remote and local clocks', () => {
    const last: Hlc = { wall: 100, counter: 2, node: 'a' };
    expect(receive(last, { wall: 100, counter: 7, node: 'b' }, 50)).toEqual({
      wall: 100,
      counter: 8,
      node: 'a',
    });
    expect(receive(last, { wall: 150, counter: 7, node: 'b' }, 50)).toEqual({
      wall: 150,
      counter: 8,
      node: 'a',
    });
    expect(receive(last, { wall: 90, counter: 7, node: 'b' }, 50)).toEqual({
      wall: 100,
      counter: 3,
      node: 'a',
    });
    expect(receive(last, { wall: 150, counter: 7, node: 'b' }, 300)).toEqual({
      wall: 300,
      counter: 0,
      node: 'a',
    });
  });

  it('still sorts after a remote stamp whose counter is at its 4-hex-digit maximum', () => {
    const remote: Hlc = { wall: 100, counter: MAX_COUNTER, node: 'b' };
    const next = receive({ wall: 100, counter: 0, node: 'a' }, remote, 50);
    expect(encodeHlc(next)).toMatch(HLC_RE);
    expect(encodeHlc(next) > encodeHlc(remote)).toBe(true);
  });

  it('ignores a remote clock more than MAX_DRIFT_MS ahead', () => {
    const last: Hlc = { wall: 100, counter: 0, node: 'a' };
    const now = 1000;
    const wild: Hlc = { wall: now + MAX_DRIFT_MS + 1, counter: 0, node: 'b' };
    expect(receive(last, wild, now)).toEqual({ wall: now, counter: 0, node: 'a' });
    const edge: Hlc = { wall: now + MAX_DRIFT_MS, counter: 0, node: 'b' };
    expect(receive(last, edge, now)).toEqual({ wall: now + MAX_DRIFT_MS, counter: 1, node: 'a' });
  });

  it('property: the result sorts after both the last stamp and the remote stamp', () => {
    fc.assert(
      fc.property(realHlcArb, realHlcArb, wallArb, (last, remote, now) => {
        fc.pre(remote.wall - now <= MAX_DRIFT_MS);
        fc.pre(last.wall < MAX_WALL && remote.wall < MAX_WALL);
        const next = receive(last, remote, now);
        const s = encodeHlc(next);
        expect(s).toMatch(HLC_RE);
        expect(s > encodeHlc(last)).toBe(true);
        expect(s > encodeHlc(remote)).toBe(true);
        expect(next.node).toBe(last.node);
      }),
    );
  });
});

describe('HybridClock', () => {
  it('starts from the wall clock', () => {
    const clock = new HybridClock('K3AB', () => 1732212345678);
    expect(clock.next()).toBe('001732212345678-0000-K3AB');
    expect(clock.next()).toBe('001732212345678-0001-K3AB');
  });

  it('keeps increasing when the wall clock jumps back an hour', () => {
    const clock = new HybridClock(
      'dev',
      replay([10_000_000, 10_000_000 - 3_600_000, 10_000_001 - 3_600_000]),
    );
    const a = clock.next();
    const b = clock.next();
    const c = clock.next();
    expect(b > a).toBe(true);
    expect(c > b).toBe(true);
    expect(decodeHlc(c).wall).toBe(10_000_000);
  });

  it('stays strictly increasing and well-formed past 65 536 stamps in one millisecond', () => {
    const clock = new HybridClock('dev', () => 42);
    let prev = '';
    for (let i = 0; i < 70_000; i++) {
      const s = clock.next();
      if (!(s > prev) || !HLC_RE.test(s)) {
        expect.fail(`stamp ${i} (${s}) after ${prev} is out of order or malformed`);
      }
      prev = s;
    }
  });

  it('property: next() strictly increases even when the wall clock goes backwards', () => {
    fc.assert(
      fc.property(nodeArb, fc.array(wallArb, { minLength: 1, maxLength: 100 }), (node, times) => {
        const clock = new HybridClock(node, replay(times));
        let prev = '';
        let maxTime = -1;
        for (const t of times) {
          maxTime = Math.max(maxTime, t);
          const s = clock.next();
          expect(s).toMatch(HLC_RE);
          expect(s > prev).toBe(true);
          const h = decodeHlc(s);
          expect(h.node).toBe(node);
          expect(h.wall).toBe(maxTime); // never runs ahead of the latest wall time seen
          prev = s;
        }
      }),
    );
  });

  it('property: after observe(remote), next() sorts after remote', () => {
    fc.assert(
      fc.property(
        nodeArb,
        fc.array(wallArb, { minLength: 1, maxLength: 20 }),
        realHlcArb,
        fc.integer({ min: 0, max: 20 }),
        (node, times, remote, localBefore) => {
          const clock = new HybridClock(node, replay(times));
          for (let i = 0; i < localBefore; i++) clock.next();
          const at = times[Math.min(localBefore, times.length - 1)] ?? 0;
          fc.pre(remote.wall - at <= MAX_DRIFT_MS);
          const r = encodeHlc(remote);
          clock.observe(r);
          const s = clock.next();
          expect(s > r).toBe(true);
          expect(decodeHlc(s).node).toBe(node);
        },
      ),
    );
  });

  it('ignores malformed or wildly-ahead remote stamps', () => {
    const clock = new HybridClock('a', () => 1000);
    expect(() => clock.observe('garbage')).not.toThrow();
    clock.observe(encodeHlc({ wall: 1000 + MAX_DRIFT_MS + 1, counter: 0, node: 'b' }));
    const s = decodeHlc(clock.next());
    expect(s.wall).toBe(1000);
  });

  it('orders two devices that exchange stamps causally', () => {
    // b's wall clock is an hour behind a's
    const a = new HybridClock('a', () => 5_000_000);
    const b = new HybridClock('b', () => 5_000_000 - 3_600_000);
    const sa = a.next();
    b.observe(sa);
    const sb = b.next();
    a.observe(sb);
    const sa2 = a.next();
    expect([sa2, sb, sa].sort(compareHlc)).toEqual([sa, sb, sa2]);
  });
});
