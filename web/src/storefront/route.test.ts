import { describe, expect, it } from 'vitest';
import { parseRoute, trackPath } from './route.ts';

describe('the shop page’s addresses', () => {
  it('finds the shop, its checkout, tracking and orders pages', () => {
    expect(parseRoute('/s/green-corner', '')).toEqual({ page: 'shop', slug: 'green-corner' });
    expect(parseRoute('/s/Green-Corner/', '')).toEqual({ page: 'shop', slug: 'green-corner' });
    expect(parseRoute('/s/green-corner/checkout', '')).toEqual({
      page: 'checkout',
      slug: 'green-corner',
    });
    expect(parseRoute('/s/green-corner/track', '#tok_123')).toEqual({
      page: 'track',
      slug: 'green-corner',
      token: 'tok_123',
    });
    expect(parseRoute('/s/green-corner/orders', '')).toEqual({
      page: 'orders',
      slug: 'green-corner',
      token: '',
    });
    expect(parseRoute('/s/green-corner/orders', '#list')).toMatchObject({ token: 'list' });
  });

  it('keeps tokens in the hash, which browsers never send to the server', () => {
    const url = new URL(trackPath('green-corner', 'abc-DEF_123'), 'https://shop.example');
    expect(url.pathname).toBe('/s/green-corner/track');
    expect(url.hash).toBe('#abc-DEF_123');
    expect(parseRoute(url.pathname, url.hash)).toMatchObject({ token: 'abc-DEF_123' });
  });

  it('tells the test payment page from a shop called "pay"', () => {
    expect(parseRoute('/s/pay/01JABCDEF', '')).toEqual({ page: 'pay', id: '01JABCDEF' });
    expect(parseRoute('/s/pay', '')).toEqual({ page: 'shop', slug: 'pay' });
    expect(parseRoute('/s/pay/checkout', '')).toEqual({ page: 'checkout', slug: 'pay' });
  });

  it('has nothing at other addresses', () => {
    for (const [path, hash] of [
      ['/s', ''],
      ['/s/', ''],
      ['/sell', ''],
      ['/s/shop/track', ''],
      ['/s/shop/elsewhere', ''],
      ['/s/shop/orders/extra', ''],
      ['/s/%E0%A4%A', ''],
    ] as const) {
      expect(parseRoute(path, hash), path).toEqual({ page: 'missing' });
    }
  });
});
