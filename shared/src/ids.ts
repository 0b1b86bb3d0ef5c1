/**
 * Time-ordered ids (ULID layout: 48-bit ms timestamp + 80 random bits, Crockford
 * base32). Generated on the device, so a retried upload never creates a second
 * document. Monotonic within one generator, so ids made in the same millisecond
 * still sort in creation order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type RandomBytes = (n: number) => Uint8Array;

const defaultRandom: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/**
 * The first ten characters of every ULID made at `ms`: ids sort by time, so a range
 * of them is the documents made in a range of time (`order:<prefix>`…).
 */
export function ulidTimePrefix(ms: number): string {
  return encodeTime(ms);
}

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 chars.
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

function increment(random: string): string {
  const chars = random.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const idx = ALPHABET.indexOf(chars[i] ?? '0');
    if (idx < 31) {
      chars[i] = ALPHABET[idx + 1] ?? '0';
      return chars.join('');
    }
    chars[i] = '0';
  }
  throw new Error('ulid random part overflow');
}

export interface IdGenerator {
  (now?: number): string;
}

export function createUlidGenerator(random: RandomBytes = defaultRandom): IdGenerator {
  let lastTime = -1;
  let lastRandom = '';
  return (now = Date.now()) => {
    if (now <= lastTime) {
      lastRandom = increment(lastRandom);
      return encodeTime(lastTime) + lastRandom;
    }
    lastTime = now;
    lastRandom = encodeRandom(random(10));
    return encodeTime(now) + lastRandom;
  };
}

export const ulid: IdGenerator = createUlidGenerator();

export const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Milliseconds since the epoch encoded in a ULID. */
export function ulidTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}
