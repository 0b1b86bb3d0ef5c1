import type { Storefront } from '@stallkeeper/shared/rest';
import { describe, expect, it } from 'vitest';
import {
  fieldOfPath,
  inputOf,
  issuesToErrors,
  pageUrl,
  suggestSlug,
  timeRow,
  valuesOf,
  weekdayNames,
} from './storefront-fields.ts';

const DEFAULTS = { shopName: 'Green Corner Market', timeZone: 'Europe/Dublin' };
const saved: Storefront = {
  published: true,
  slug: 'green-corner',
  pickup: { place: 'Stall 12', times: [{ day: 6, from: '08:00', to: '13:00' }] },
  delivery: { area: 'Kilkenny town', fee: 350, times: [] },
  minimumOrder: 1000,
  timeZone: 'Europe/Dublin',
  message: 'Order by Friday',
  url: 'https://shop.example/s/green-corner',
};

describe('the online shop settings form', () => {
  it('starts a shop that never set its page with an address from its name and pickup on', () => {
    const v = valuesOf(null, 'EUR', DEFAULTS);
    expect(v).toMatchObject({
      published: false,
      slug: 'green-corner-market',
      pickupOn: true,
      deliveryOn: false,
      fee: '0.00',
      minimumOrder: '',
      timeZone: 'Europe/Dublin',
    });
  });

  it('shows stored money in the shop currency and reads it back to the same settings', () => {
    const v = valuesOf(saved, 'EUR', DEFAULTS);
    expect(v.fee).toBe('3.50');
    expect(v.minimumOrder).toBe('10.00');
    expect(v.pickupTimes.map(({ day, from, to }) => ({ day, from, to }))).toEqual(
      saved.pickup?.times,
    );
    const { url: _, ...stored } = saved;
    expect(inputOf(v, 'EUR')).toEqual({ input: stored });
  });

  it('turning pickup or delivery off saves it as not offered', () => {
    const v = { ...valuesOf(saved, 'EUR', DEFAULTS), deliveryOn: false };
    const built = inputOf(v, 'EUR');
    expect('input' in built && built.input.delivery).toBeNull();
  });

  it('says what is wrong beside each field', () => {
    const v = {
      ...valuesOf(saved, 'EUR', DEFAULTS),
      slug: '-Bad slug',
      place: ' ',
      fee: 'three',
      minimumOrder: '-5',
      timeZone: 'Mars/Olympus',
      pickupTimes: [timeRow(6, '13:00', '08:00'), timeRow(0, '', '10:00')],
    };
    const built = inputOf(v, 'EUR');
    expect('errors' in built && Object.keys(built.errors).sort()).toEqual(
      ['fee', 'minimumOrder', 'pickupTimes.0', 'pickupTimes.1', 'place', 'slug', 'timeZone'].sort(),
    );
  });

  it('will not publish a page that offers neither pickup nor delivery', () => {
    const v = { ...valuesOf(saved, 'EUR', DEFAULTS), pickupOn: false, deliveryOn: false };
    expect(inputOf(v, 'EUR')).toEqual({ errors: { form: expect.any(String) } });
    expect('input' in inputOf({ ...v, published: false }, 'EUR')).toBe(true);
  });

  it('takes an address typed in capitals as the small-letter one', () => {
    const built = inputOf({ ...valuesOf(saved, 'EUR', DEFAULTS), slug: ' Green-Corner ' }, 'EUR');
    expect('input' in built && built.input.slug).toBe('green-corner');
  });

  it("puts the server's messages beside the right field", () => {
    expect(fieldOfPath('pickup.times.1.to')).toBe('pickupTimes.1');
    expect(fieldOfPath('delivery.fee')).toBe('fee');
    expect(fieldOfPath('slug')).toBe('slug');
    expect(fieldOfPath('whatever')).toBe('form');
    expect(
      issuesToErrors([
        { path: 'slug', message: '3–40 letters, digits or dashes (not at either end)' },
        { path: 'slug', message: 'second' },
      ]),
    ).toEqual({ slug: '3–40 letters, digits or dashes (not at either end).' });
  });

  it('suggests an address only when the name gives one', () => {
    expect(suggestSlug('Crème Brûlée & Co.')).toBe('creme-brulee-co');
    expect(suggestSlug('!!')).toBe('');
  });

  it("gives the page's full address, also when the server answers a path", () => {
    expect(pageUrl(saved, 'http://localhost:8787')).toBe('https://shop.example/s/green-corner');
    expect(pageUrl({ slug: 'abc', url: '/s/abc' }, 'http://localhost:8787')).toBe(
      'http://localhost:8787/s/abc',
    );
    expect(pageUrl({ slug: '', url: '' }, 'http://x')).toBe('');
  });

  it('names the days Sunday first', () => {
    expect(weekdayNames('en-US')).toEqual([
      'Sunday',
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
    ]);
  });
});
