import type { Storefront, StorefrontInput } from '@stallkeeper/shared/rest';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { StorefrontForm } from './storefront-form.svelte.ts';

/** The storefront routes' contract, in memory: what the form is tested against. */
function fakeApi() {
  let stored: Storefront = {
    published: false,
    slug: '',
    pickup: null,
    delivery: null,
    minimumOrder: 0,
    timeZone: 'UTC',
    message: '',
    url: '',
  };
  let down = false;
  const taken = new Set(['taken-name']);
  return {
    stored: () => stored,
    setDown: (v: boolean) => (down = v),
    api: {
      get: () => (down ? Promise.reject(new NetworkError('offline')) : Promise.resolve(stored)),
      put(_shopId: string, input: StorefrontInput) {
        if (down) return Promise.reject(new NetworkError('offline'));
        if (taken.has(input.slug)) {
          return Promise.reject(new ApiError(409, 'slug_taken', 'That address is in use.'));
        }
        if (input.message?.includes('<')) {
          return Promise.reject(
            new ApiError(400, 'invalid', 'The input is not valid.', [
              { path: 'message', message: 'no markup' },
            ]),
          );
        }
        stored = {
          published: input.published,
          slug: input.slug,
          pickup: input.pickup ?? null,
          delivery: input.delivery ?? null,
          minimumOrder: input.minimumOrder ?? 0,
          timeZone: input.timeZone ?? 'UTC',
          message: input.message ?? '',
          url: `https://shop.example/s/${input.slug}`,
        };
        return Promise.resolve(stored);
      },
    },
  };
}

const context = () => ({
  shopId: 'shop-a',
  shopName: 'Rosa’s Bakery',
  currency: 'EUR',
  timeZone: 'Europe/Lisbon',
});

describe('the online shop section', () => {
  it('publishes the page with pickup times, and is clean once saved', async () => {
    const fake = fakeApi();
    const form = new StorefrontForm(context, fake.api);
    await form.load();
    expect(form.phase).toBe('ready');
    expect(form.values.slug).toBe('rosa-s-bakery');
    // never saved: the suggestions are no edit of the owner's (leaving asks nothing)
    expect(form.dirty).toBe(false);
    form.values.published = true;
    expect(form.dirty).toBe(true);
    form.values.place = 'Stall 4, Mercado';
    form.addTime('pickupTimes');
    form.addTime('pickupTimes');
    expect(form.values.pickupTimes.map((t) => t.day)).toEqual([6, 0]);
    expect(await form.save()).toBe(true);
    expect(form.justSaved).toBe(true);
    expect(form.dirty).toBe(false);
    expect(fake.stored()).toMatchObject({
      published: true,
      slug: 'rosa-s-bakery',
      timeZone: 'Europe/Lisbon',
      pickup: { place: 'Stall 4, Mercado', times: [{ day: 6 }, { day: 0 }] },
    });
    const first = form.values.pickupTimes[0];
    if (!first) throw new Error('no row');
    form.removeTime('pickupTimes', first.key);
    expect(form.dirty).toBe(true);
  });

  it('says the address is taken, and shows the server’s field messages', async () => {
    const fake = fakeApi();
    const form = new StorefrontForm(context, fake.api);
    await form.load();
    form.values.place = 'Stall 4';
    form.values.slug = 'taken-name';
    expect(await form.save()).toBe(false);
    expect(form.errors.slug).toBe('That address is taken. Try another one.');
    form.values.slug = 'rosa';
    form.values.message = '<b>hi</b>';
    expect(await form.save()).toBe(false);
    expect(form.errors).toEqual({ message: 'No markup.' });
  });

  it('checks the fields before asking the server', async () => {
    const fake = fakeApi();
    const form = new StorefrontForm(context, fake.api);
    await form.load();
    form.values.place = '';
    expect(await form.save()).toBe(false);
    expect(form.errors.place).toBeTruthy();
    expect(fake.stored().slug).toBe('');
  });

  it('needs a connection: offline it says so, keeps the edits and saves once back', async () => {
    const fake = fakeApi();
    fake.setDown(true);
    const form = new StorefrontForm(context, fake.api);
    await form.load();
    expect(form.phase).toBe('offline');
    expect(await form.save()).toBe(false);
    fake.setDown(false);
    await form.load();
    form.values.place = 'Stall 4';
    fake.setDown(true);
    expect(await form.save()).toBe(false);
    expect(form.problem).toMatch(/needs a connection/);
    expect(form.values.place).toBe('Stall 4');
    fake.setDown(false);
    expect(await form.save()).toBe(true);
    expect(fake.stored().pickup?.place).toBe('Stall 4');
  });
});
