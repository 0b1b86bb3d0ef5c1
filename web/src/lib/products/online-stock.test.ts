import { describe, expect, it } from 'vitest';
import { onlineStock, onlineStockWords, type OnlineStockProduct } from './online-stock.ts';

const product = (over: Partial<OnlineStockProduct> = {}): OnlineStockProduct => ({
  id: 'product:A',
  active: 1,
  online: 1,
  onlineAllowance: null,
  onHand: 10,
  ...over,
});

describe('what online orders may still take of a product', () => {
  it('takes all free stock without an allowance', () => {
    expect(onlineStock([product()], []).get('product:A')).toEqual({
      held: 0,
      allowance: null,
      mayTake: 10,
    });
  });

  it('counts what open online orders hold against the allowance', () => {
    const holds = [
      { id: 'order:1', lines: [{ productId: 'product:A', qty: 2 }] },
      {
        id: 'order:2',
        lines: [
          { productId: 'product:A', qty: 1 },
          { productId: 'product:B', qty: 5 },
        ],
      },
    ];
    // on hand is after those orders' lines (they are sales not cancelled)
    expect(
      onlineStock([product({ onlineAllowance: 4, onHand: 7 })], holds).get('product:A'),
    ).toEqual({
      held: 3,
      allowance: 4,
      mayTake: 1,
    });
    expect(
      onlineStock([product({ onlineAllowance: 2, onHand: 7 })], holds).get('product:A')?.mayTake,
    ).toBe(0);
  });

  it('never promises more than is on the shelf, nor stock that was oversold', () => {
    expect(
      onlineStock([product({ onlineAllowance: 50, onHand: 3 })], []).get('product:A')?.mayTake,
    ).toBe(3);
    expect(onlineStock([product({ onHand: -2 })], []).get('product:A')?.mayTake).toBe(0);
  });

  it('says nothing of products not sold online, and nothing may be taken of archived ones', () => {
    expect(onlineStock([product({ online: 0 })], []).size).toBe(0);
    expect(onlineStock([product({ online: undefined })], []).size).toBe(0);
    expect(onlineStock([product({ active: 0 })], []).get('product:A')?.mayTake).toBe(0);
  });
});

describe("the owner's line about online stock", () => {
  it('says what may still be ordered, what is held and the limit, in the product unit', () => {
    expect(onlineStockWords({ held: 2000, allowance: 5000, mayTake: 3000 }, 'kg', 'en-US')).toBe(
      '3 kg more may be ordered online · 2 kg held by online orders · limit 5 kg',
    );
    expect(onlineStockWords({ held: 0, allowance: null, mayTake: 0 }, 'piece', 'en-US')).toBe(
      'No more may be ordered online now · no limit',
    );
  });
});
