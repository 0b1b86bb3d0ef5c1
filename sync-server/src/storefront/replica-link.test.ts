import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLICA_HEADER, ReplicaLink } from './replica-link.ts';
import { storefrontShop } from './storefront-testing.ts';

const SECRET = 'a shared secret of the replicas, 32+';

describe('ReplicaLink', () => {
  it('knows a request by the shared secret only', () => {
    const link = new ReplicaLink(SECRET);
    expect(link.enabled).toBe(true);
    expect(link.trusted(SECRET)).toBe(true);
    expect(link.trusted(`${SECRET}x`)).toBe(false);
    expect(link.trusted(SECRET.slice(1))).toBe(false);
    expect(link.trusted('')).toBe(false);
    expect(link.trusted(undefined)).toBe(false);
  });

  it('trusts nothing without a secret', () => {
    const link = new ReplicaLink(undefined);
    expect(link.enabled).toBe(false);
    expect(link.trusted('')).toBe(false);
    expect(link.trusted(SECRET)).toBe(false);
  });

  it('answers null when the holder cannot be reached', async () => {
    const link = new ReplicaLink(SECRET);
    expect(await link.forwardCheckout('http://127.0.0.1:9', 'shop', {}, null)).toBeNull();
  });
});

describe('the public routes and a request from another replica', () => {
  let t: Awaited<ReturnType<typeof storefrontShop>>;
  beforeAll(async () => {
    t = await storefrontShop({ publicRateLimit: 2, replica: { secret: SECRET } }, 'relay-market');
  });
  afterAll(() => t.server.close());

  it('does not rate-limit what a replica passes on, and limits anyone claiming to be one', async () => {
    const path = `/shops/${t.slug}`;
    const relayed = await Promise.all(
      [1, 2, 3, 4].map(() => t.call('GET', path, undefined, { [REPLICA_HEADER]: SECRET })),
    );
    expect(relayed.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const forged = [];
    for (let i = 0; i < 3; i++) {
      forged.push((await t.call('GET', path, undefined, { [REPLICA_HEADER]: 'guess' })).status);
    }
    expect(forged).toEqual([200, 200, 429]);
  });
});
