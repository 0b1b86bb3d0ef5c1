import { describe, expect, it } from 'vitest';
import { orderDoc, orderLine } from './fixtures/index.ts';
import { receiptParts, receiptText, type ReceiptShop } from './receipt.ts';
import { DEFAULT_SETTINGS } from './schemas/vocabulary.ts';

const ROSA: ReceiptShop = { ...DEFAULT_SETTINGS, shopName: 'Rosa Fruit Stall' };

describe('the text receipt', () => {
  it('says what was paid in cash and the change given', () => {
    const o = orderDoc({ payment: { method: 'cash', paid: 250, tendered: 1000, change: 750 } });
    const text = receiptText(o, ROSA, { locale: 'en-US' });
    expect(text).toContain('Paid: €2.50 (Cash)');
    expect(text).toContain('Cash given: €10.00');
    expect(text).toContain('Change: €7.50');
    expect(text).not.toContain('CANCELLED');
  });

  it('says an unpaid delivery is still to pay, never "Paid: €0.00"', () => {
    const o = orderDoc({
      channel: 'delivery',
      payment: { method: 'cash', paid: 0, tendered: null, change: null },
    });
    const text = receiptText(o, ROSA, { locale: 'en-US' });
    expect(text).toContain('Not paid yet — to pay on delivery (Cash)');
    expect(text).toContain('To deliver later');
    expect(text).not.toContain('Paid: €0.00');
  });

  it('adds an online delivery order’s fee before the total, so the figures add up', () => {
    const line = orderLine({ unitPrice: 300, qty: 3 });
    const o = orderDoc({ channel: 'delivery', lines: [line], total: 900 + 400, deliveryFee: 400 });
    const text = receiptText(o, ROSA, { locale: 'en-US' });
    expect(text).toMatch(/Subtotal: €9\.00\n+Delivery: €4\.00\nTotal: €13\.00/);
    expect(receiptParts(orderDoc(), ROSA).deliveryFee).toBeNull();
  });

  it('says a cancelled order was cancelled', () => {
    const o = orderDoc();
    const text = receiptText(
      o,
      ROSA,
      { locale: 'en-US' },
      {
        status: 'cancelled',
        paid: o.total,
        refunded: 0,
      },
    );
    // at the top, under the receipt's number and date, before any line
    const lines = text.split('\n');
    const cancelled = lines.indexOf('CANCELLED — this order no longer stands');
    expect(cancelled).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Receipt ')));
    expect(cancelled).toBeLessThan(lines.indexOf('Apples'));
  });

  it('prints the shop’s address, contact and tax id, and its own footer', () => {
    const shop = {
      ...ROSA,
      address: '12 Market Lane\nNairobi',
      contact: '+254 700 000 000',
      taxId: 'P051234567X',
      receiptFooter: 'Goods once sold are exchanged within 7 days',
    };
    const text = receiptText(orderDoc(), shop, { locale: 'en-US' });
    const head = text.split('\n').slice(0, 5);
    expect(head).toEqual([
      'Rosa Fruit Stall',
      '12 Market Lane',
      'Nairobi',
      '+254 700 000 000',
      'Tax ID: P051234567X',
    ]);
    expect(text.endsWith('Goods once sold are exchanged within 7 days')).toBe(true);
    expect(text).not.toContain('Thank you!');
  });

  it('says no tax id or address the shop has not set', () => {
    const text = receiptText(orderDoc(), ROSA, { locale: 'en-US' });
    expect(text).not.toContain('Tax ID');
    expect(text).toContain('Thank you!');
  });

  it('states tax added to the prices with its rate, in the order’s currency', () => {
    const o = orderDoc({ currency: 'KES', subtotal: 10_000, tax: 1_600, total: 11_600 });
    const text = receiptText(o, { ...ROSA, taxRate: 1600 }, { locale: 'en-US' })
      // Intl puts a no-break space between a currency code and the amount.
      .replace(/\u00a0/g, ' ');
    expect(text).toContain('Tax 16%: KES 16.00');
    expect(text).toContain('Total: KES 116.00');
  });

  it('states tax included in the prices as such', () => {
    const o = orderDoc({ subtotal: 1100, tax: 100, total: 1100 });
    const text = receiptText(o, { ...ROSA, taxRate: 1000 }, { locale: 'en-US' });
    expect(text).toContain('Incl. 10% tax: €1.00');
    expect(text).toContain('Total: €11.00');
  });

  it('prints no tax line for a shop without tax', () => {
    expect(receiptText(orderDoc(), ROSA, { locale: 'en-US' })).not.toMatch(/tax:/i);
  });

  it('tells the time in the time zone it is given, and a weighed line in kg at its price per kg', () => {
    const o = orderDoc({
      createdAt: '2026-12-04T23:30:00.000Z',
      lines: [orderLine({ name: 'Potatoes', unit: 'kg', unitPrice: 180, qty: 1250 })],
    });
    const text = receiptText(o, ROSA, { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    expect(text).toContain('5 Dec 2026, 08:30');
    expect(text).toContain('Potatoes\n  1.25 kg × €1.80/kg = €2.25');
    const dublin = receiptParts(o, ROSA, { locale: 'en-GB', timeZone: 'Europe/Dublin' });
    expect(dublin.when).toBe('4 Dec 2026, 23:30');
  });

  it('lists what came back and the money paid back, when the order’s state has them', () => {
    const apples = orderLine({ name: 'Apples', unit: 'kg', unitPrice: 300, qty: 2000 });
    const o = orderDoc({ lines: [apples] });
    const text = receiptText(
      o,
      ROSA,
      { locale: 'en-US', timeZone: 'UTC' },
      {
        status: 'completed',
        paid: o.total,
        refunded: 150,
        returned: new Map([[apples.productId, 500]]),
        refunds: [
          {
            eventId: 'e1',
            at: '2026-12-05T09:00:00.000Z',
            amount: 150,
            method: 'cash',
            reference: '',
          },
        ],
      },
    );
    expect(text).toContain('Returned:\n  0.5 kg × Apples');
    expect(text).toContain('Refund, Dec 5, 2026, 9:00 AM (Cash): €1.50');
  });
});
