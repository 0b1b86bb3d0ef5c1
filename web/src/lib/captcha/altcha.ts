import { sha256Hex } from './sha256.ts';

/** A challenge from `GET /api/captcha` (the ALTCHA v1 protocol). */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  /** the largest number the server may have picked */
  maxNumber?: number;
  /** older servers spell it in lower case */
  maxnumber?: number;
  salt: string;
  signature: string;
}

/** The widest search we accept, whatever a server says: past this a phone would take minutes. */
const SEARCH_LIMIT = 10_000_000;
/** How often (in numbers tried) the search reports its progress. */
export const PROGRESS_EVERY = 5_000;

export function isAltchaChallenge(value: unknown): value is AltchaChallenge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.algorithm === 'string' &&
    typeof v.challenge === 'string' &&
    typeof v.salt === 'string' &&
    typeof v.signature === 'string'
  );
}

/** How far the search may go for this challenge. */
export function searchLimit(c: AltchaChallenge): number {
  return Math.min(c.maxNumber ?? c.maxnumber ?? 1_000_000, SEARCH_LIMIT);
}

/**
 * The proof of work: the number n with SHA-256(salt + n) = challenge, or null when
 * there is none up to the limit. `progress` hears how many numbers were tried so far.
 */
export function solveAltcha(c: AltchaChallenge, progress?: (tried: number) => void): number | null {
  if (c.algorithm.toUpperCase() !== 'SHA-256') {
    throw new Error(`Unsupported captcha algorithm ${c.algorithm}.`);
  }
  const target = c.challenge.toLowerCase();
  const max = searchLimit(c);
  for (let n = 0; n <= max; n++) {
    if (sha256Hex(c.salt + n) === target) return n;
    if (progress && n % PROGRESS_EVERY === 0 && n > 0) progress(n);
  }
  return null;
}

/** What a form sends as `altcha`: base64 of the standard ALTCHA payload. */
export function altchaPayload(c: AltchaChallenge, number: number, tookMs: number): string {
  return btoa(
    JSON.stringify({
      algorithm: c.algorithm,
      challenge: c.challenge,
      number,
      salt: c.salt,
      signature: c.signature,
      took: Math.round(tookMs),
    }),
  );
}
