import { describe, expect, it } from 'vitest';
import { sameSecret } from './same-secret.ts';

describe('sameSecret', () => {
  it('accepts the very secret and nothing near it', () => {
    const secret = 'Vx3-k9_QmZ2tR8wLp0aYbN4cD6eF1gH7jK5sU';
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret.slice(0, -1), secret)).toBe(false);
    expect(sameSecret(`${secret}x`, secret)).toBe(false);
    expect(sameSecret(secret.toLowerCase(), secret)).toBe(false);
    expect(sameSecret('', secret)).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });
});
