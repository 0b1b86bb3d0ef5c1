import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

async function reference(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sha256Hex', () => {
  it('gives the published digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('agrees with Web Crypto at every length around the block edges, and on any text', async () => {
    for (let n = 0; n < 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text)).toBe(await reference(text));
    }
    for (const text of ['a1b2c3d4e5f6a1b2c3d4e5f6?expires=1767225600' + 31337, 'Grüße €5 🍎']) {
      expect(sha256Hex(text)).toBe(await reference(text));
    }
  });
});
