import type { PublicShop } from '@stallkeeper/shared/rest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Cart } from './cart.svelte.ts';
import { Checkout } from './checkout.svelte.ts';
import { useMemoryStorage } from './test-storage.ts';

const shop: PublicShop = {
  name: 'Green Corner',
  slug: 'green-corner',
  currency: 'EUR',
  taxInclusive: true,
  taxRate: 0,
  pickup: { place: 'Stall 12', slots: [] },
  delivery: null,
  minimumOrder: 0,
  message: '',
  contact: '',
  categories: [],
};
const jam = {
  id: '01JJAM',
  name: 'Plum jam',
  description: '',
  category: '',
  unit: 'piece' as const,
  price: 450,
  imageUrl: null,
  stock: 'in_stock' as const,
};
const placed = { id: '1', number: 'WEB-0001', status: 'open', total: 900, trackingToken: 't' };

/** The checkout requests the page sent, and what each was answered. */
function server(answers: (() => Response)[]) {
  const sent: { key: string | null; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string, init: RequestInit = {}) => {
      if (path === '/api/auth/options') {
        return Promise.resolve(Response.json({ captcha: false, mail: false }));
      }
      sent.push({
        key: new Headers(init.headers).get('Idempotency-Key'),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
      });
      const answer = answers.shift();
      if (!answer) return Promise.reject(new TypeError('no answer scripted'));
      try {
        return Promise.resolve(answer());
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }),
  );
  return sent;
}

function filled(): Checkout {
  const cart = new Cart('green-corner');
  cart.add(jam);
  cart.add(jam);
  const co = new Checkout(shop, cart);
  Object.assign(co.form, { name: 'Aoife', phone: '087 555 0142' });
  return co;
}

beforeEach(() => {
  useMemoryStorage();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('placing an order', () => {
  it('sends a retry after a lost answer with the same Idempotency-Key', async () => {
    const offline = () => {
      throw new TypeError('Failed to fetch');
    };
    const sent = server([offline, () => Response.json(placed, { status: 201 }), offline]);
    const co = filled();
    expect(await co.submit()).toBeNull();
    expect(co.failure).toMatch(/will not be placed twice/);
    expect(await co.submit()).toEqual(placed);
    // another checkout is another attempt
    expect(await filled().submit()).toBeNull();
    const keys = sent.map((s) => s.key);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('cuts the cart to what is left after “out of stock”, and tries again with a new key', async () => {
    const sent = server([
      () =>
        Response.json(
          {
            error: 'out_of_stock',
            reason: 'One item is no longer available in that quantity.',
            items: [{ productId: '01JJAM', available: 1 }],
          },
          { status: 409 },
        ),
      () => Response.json(placed, { status: 201 }),
    ]);
    const co = filled();
    expect(await co.submit()).toBeNull();
    expect(co.short).toEqual([
      expect.objectContaining({
        name: 'Plum jam',
        available: 1,
        asked: expect.objectContaining({ qty: 2 }),
      }),
    ]);
    expect(co.cart.lines.map((l) => l.qty)).toEqual([1]);
    expect(await co.submit()).toEqual(placed);
    expect(sent.map((s) => (s.body as { lines: unknown }).lines)).toEqual([
      [{ productId: '01JJAM', qty: 2 }],
      [{ productId: '01JJAM', qty: 1 }],
    ]);
    expect(sent[1]?.key).not.toBe(sent[0]?.key);
  });

  it('puts the server’s refusal under the field it names', async () => {
    server([
      () =>
        Response.json(
          { error: 'bad_request', reason: 'slot: that time is no longer offered. Choose another.' },
          { status: 400 },
        ),
    ]);
    const co = filled();
    expect(await co.submit()).toBeNull();
    expect(co.errors).toEqual({ slot: 'That time is no longer offered. Choose another.' });
    expect(co.failure).toBe('');
  });

  it('does not send an order below the shop’s minimum', async () => {
    const sent = server([]);
    const co = filled();
    const small = new Checkout({ ...shop, minimumOrder: 1000 }, co.cart);
    Object.assign(small.form, { name: 'Aoife', phone: '087 555 0142' });
    expect(small.totals.shortOfMinimum).toBe(100);
    expect(await small.submit()).toBeNull();
    expect(sent).toEqual([]);
  });
});
