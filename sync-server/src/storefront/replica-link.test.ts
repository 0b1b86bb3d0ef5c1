import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Captcha } from '../captcha/captcha.ts';
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
    t = await storefrontShop({ publicRateLimit: 3, replica: { secret: SECRET } }, 'relay-market');
    // the shop is set up; from now on customers must solve the captcha
    const services = t.server.app.services;
    services.captcha = new Captcha(true, services.storage.system());
  });
  afterAll(() => t.server.close());

  it('takes a checkout a replica passes on without a second limit or captcha, and nothing else', async () => {
    const jam = await t.product('Relayed jam', 20, null);
    const checkout = (header: string) =>
      t.call('POST', `/shops/${t.slug}/orders`, t.order([{ productId: jam, qty: 1 }]), {
        [REPLICA_HEADER]: header,
      });
    // the forwarding replica counted and challenged these already
    const relayed = [];
    for (let i = 0; i < 4; i++) relayed.push((await checkout(SECRET)).status);
    expect(relayed).toEqual([201, 201, 201, 201]);
    // anyone else claiming to be a replica is challenged and counted like any customer
    const forged = await checkout('guess');
    expect(forged).toMatchObject({ status: 400, body: { error: 'captcha_required' } });
    // and the secret counts for checkouts only: other routes are limited as ever
    const reads = [];
    for (let i = 0; i < 4; i++) {
      reads.push(
        (await t.call('GET', `/shops/${t.slug}`, undefined, { [REPLICA_HEADER]: SECRET })).status,
      );
    }
    expect(reads).toEqual([200, 200, 429, 429]);
  });
});
