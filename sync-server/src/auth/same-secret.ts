import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

/**
 * Whether a given secret (a token, a MAC) is the expected one, in a time that tells
 * nothing of where they differ or of the expected one's length.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
