import type { PublicProduct } from '@stallkeeper/shared/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { Cart, cartKey } from './cart.svelte.ts';
import { useMemoryStorage } from './test-storage.ts';

const product = (over: Partial<PublicProduct> = {}): PublicProduct => ({
  id: '01JEGGS',
  name: 'Free-range eggs',
  description: '',
  category: 'Dairy',
  unit: 'piece',
  price: 45,
  imageUrl: null,
  stock: 'in_stock',
  ...over,
});
const potatoes = product({ id: '01JPOTATO', name: 'Potatoes', unit: 'kg', price: 180 });

let stored: Map<string, string>;
beforeEach(() => {
  stored = useMemoryStorage();
});

describe('the cart of one shop on this device', () => {
  it('adds, steps and removes, in the product’s own steps', () => {
    const cart = new Cart('green-corner');
    cart.add(product());
    cart.add(product());
    cart.add(potatoes);
    cart.add(potatoes);
    expect(cart.lines.map((l) => [l.name, l.qty])).toEqual([
      ['Free-range eggs', 2],
      ['Potatoes', 500],
    ]);
    cart.takeOne(potatoes.id);
    cart.takeOne(potatoes.id);
    expect(cart.qtyOf(potatoes.id)).toBe(0);
    expect(cart.lines).toHaveLength(1);
  });

  it('stops at what the shop says is left', () => {
    const cart = new Cart('green-corner');
    const few = product({ stock: 'low', available: 2 });
    for (let i = 0; i < 5; i++) cart.add(few);
    expect(cart.qtyOf(few.id)).toBe(2);
    cart.addTo(few.id);
    expect(cart.qtyOf(few.id)).toBe(2);
  });

  it('is still there after a reload, and kept apart from another shop’s', () => {
    const first = new Cart('green-corner');
    first.add(product());
    new Cart('other-stall').add(potatoes);
    const again = new Cart('green-corner');
    expect(again.lines.map((l) => [l.productId, l.qty])).toEqual([['01JEGGS', 1]]);
    expect(new Cart('other-stall').lines.map((l) => l.productId)).toEqual(['01JPOTATO']);
    again.clear();
    expect(stored.has(cartKey('green-corner'))).toBe(false);
    expect(new Cart('green-corner').lines).toEqual([]);
  });

  it('ignores a stored cart it cannot read', () => {
    stored.set(cartKey('green-corner'), '{"lines":[{"productId":"x","qty":-2},"junk"]}');
    expect(new Cart('green-corner').lines).toEqual([]);
    stored.set(cartKey('green-corner'), 'not json');
    expect(new Cart('green-corner').lines).toEqual([]);
  });

  it('follows the shop’s current list: new prices, products gone, fewer left', () => {
    const cart = new Cart('green-corner');
    for (let i = 0; i < 6; i++) cart.add(product());
    cart.add(potatoes);
    cart.add(product({ id: '01JHONEY', name: 'Honey' }));
    const changes = cart.reconcile([
      product({ price: 50, stock: 'low', available: 4 }),
      { ...potatoes, price: 200 },
    ]);
    expect(changes).toEqual({ removed: ['Honey'], reduced: ['Free-range eggs'] });
    expect(cart.lines.map((l) => [l.name, l.qty, l.price])).toEqual([
      ['Free-range eggs', 4, 50],
      ['Potatoes', 250, 200],
    ]);
  });

  it('takes the checkout’s “not enough left” answer: lines cut down or out', () => {
    const cart = new Cart('green-corner');
    for (let i = 0; i < 6; i++) cart.add(product());
    cart.add(potatoes);
    const asked = cart.limitTo([
      { productId: '01JEGGS', available: 4 },
      { productId: '01JPOTATO', available: 0 },
    ]);
    expect(asked.map((l) => [l.name, l.qty])).toEqual([
      ['Free-range eggs', 6],
      ['Potatoes', 250],
    ]);
    expect(cart.lines.map((l) => [l.name, l.qty, l.available])).toEqual([
      ['Free-range eggs', 4, 4],
    ]);
    // and + stops there now
    cart.addTo('01JEGGS');
    expect(cart.qtyOf('01JEGGS')).toBe(4);
  });
});
