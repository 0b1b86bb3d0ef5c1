import { describe, expect, it } from 'vitest';
import { altchaPayload, isAltchaChallenge, solveAltcha, type AltchaChallenge } from './altcha.ts';
import { sha256Hex } from './sha256.ts';

/** A challenge made the way altcha-lib/v1's createChallenge makes one (unsigned here). */
function challenge(salt: string, number: number, maxNumber = 50_000): AltchaChallenge {
  return {
    algorithm: 'SHA-256',
    challenge: sha256Hex(salt + number),
    maxNumber,
    salt,
    signature: 'sig',
  };
}

describe('the ALTCHA v1 proof of work', () => {
  it('finds the number the server hid, reporting progress on the way', () => {
    const c = challenge('4f1c2a9e7b3d5c6a?expires=1767225600&', 12_345);
    const seen: number[] = [];
    expect(solveAltcha(c, (n) => seen.push(n))).toBe(12_345);
    expect(seen).toEqual([5_000, 10_000]);
  });

  it('gives up at the largest number the server allows', () => {
    expect(solveAltcha(challenge('salt', 900, 500))).toBeNull();
  });

  it('refuses an algorithm it does not do, rather than searching forever', () => {
    expect(() => solveAltcha({ ...challenge('s', 1), algorithm: 'SHA-512' })).toThrow(/SHA-512/);
  });

  it('sends the standard payload: base64 JSON of the challenge and the number', () => {
    const c = challenge('abc', 7);
    const decoded = JSON.parse(atob(altchaPayload(c, 7, 812.4))) as Record<string, unknown>;
    expect(decoded).toEqual({
      algorithm: 'SHA-256',
      challenge: c.challenge,
      number: 7,
      salt: 'abc',
      signature: 'sig',
      took: 812,
    });
  });

  it('tells a challenge from anything else the server might answer', () => {
    expect(isAltchaChallenge(challenge('a', 1))).toBe(true);
    expect(isAltchaChallenge({ error: 'nope' })).toBe(false);
    expect(isAltchaChallenge(null)).toBe(false);
  });
});
