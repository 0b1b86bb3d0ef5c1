/**
 * Hybrid logical clock. A stamp orders events across devices whose wall clocks
 * disagree: (wall ms, counter, node). Encoded as a fixed-width string so plain
 * string comparison is the clock order: `000001732212345678-0000-K3AB`.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

export const HLC_RE = /^\d{15}-[0-9a-f]{4}-[A-Za-z0-9_-]{1,40}$/;

/** How far ahead of our wall clock a remote stamp may be before we refuse it. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString().padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function decodeHlc(s: string): Hlc {
  if (!HLC_RE.test(s)) throw new Error(`not a clock stamp: ${s}`);
  const [wall = '0', counter = '0', ...rest] = s.split('-');
  return { wall: Number(wall), counter: parseInt(counter, 16), node: rest.join('-') };
}

/** Now as an ISO-8601 timestamp (UTC). */
export const isoNow = (ms: number = Date.now()): string => new Date(ms).toISOString();

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The counter has 4 hex digits; past that, borrow the next millisecond so stamps stay ordered. */
function carry(h: Hlc): Hlc {
  return h.counter > 0xffff ? { wall: h.wall + 1, counter: 0, node: h.node } : h;
}

/** The stamp for a local event at wall time `now`. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, node: last.node };
  return carry({ wall: last.wall, counter: last.counter + 1, node: last.node });
}

/** Advance our clock past a stamp we received, so our next stamp sorts after it. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.wall - now > MAX_DRIFT_MS) return tick(last, now); // ignore a wildly wrong clock
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) {
    counter = Math.max(last.counter, remote.counter) + 1;
  } else if (wall === last.wall) {
    counter = last.counter + 1;
  } else if (wall === remote.wall) {
    counter = remote.counter + 1;
  }
  return carry({ wall, counter, node: last.node });
}

/** A stateful clock for one device. */
export class HybridClock {
  #last: Hlc;
  constructor(
    node: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#last = { wall: 0, counter: 0, node };
  }
  next(): string {
    this.#last = tick(this.#last, this.now());
    return encodeHlc(this.#last);
  }
  observe(stamp: string): void {
    if (HLC_RE.test(stamp)) this.#last = receive(this.#last, decodeHlc(stamp), this.now());
  }
}
