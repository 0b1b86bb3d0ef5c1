import { describe, expect, it } from 'vitest';
import { orderDoc, orderEventDoc, orderLine } from '../fixtures/index.ts';
import { foldOrder } from '../order-state.ts';
import type { Order, OrderEvent } from '../schemas/index.ts';
import { ORDER_COLUMNS, ORDER_LINE_COLUMNS, orderLinesTable, ordersTable } from './orders.ts';

const names = {
  people: new Map([['user_1', 'Sam Stall']]),
  devices: new Map([['dev-K3AB', "Sam's phone"]]),
};
const cheese = orderLine({
  productId: 'product:01J00000000000000000000001',
  code: 'CHZ',
  name: 'Crème fraîche, "extra"',
  unit: 'kg',
  unitPrice: 1800,
  qty: 1250,
});
const bread = orderLine({
  productId: 'product:01J00000000000000000000002',
  code: 'BRD',
  name: 'Bread',
  unitPrice: 300,
  qty: 2,
});
const fold = (order: Order, events: OrderEvent[] = []) => ({
  order,
  state: foldOrder(order, events),
});

describe('ordersTable', () => {
  it('writes one row per order with the folded amounts as decimals and names for people', () => {
    const sale = orderDoc({
      number: 'K3-0007',
      createdAt: '2026-11-02T09:15:00.000Z',
      lines: [cheese, bread],
      tax: 420,
      customerName: 'Ana Pereira',
    });
    const t = ordersTable([fold(sale)], names);
    expect(t.name).toBe('orders');
    expect(t.columns).toEqual([...ORDER_COLUMNS]);
    expect(t.rows).toEqual([
      [
        'K3-0007',
        '2026-11-02T09:15:00.000Z',
        'counter',
        'completed',
        'paid',
        'Ana Pereira',
        'Sam Stall',
        "Sam's phone",
        'card',
        '28.50',
        '4.20',
        '32.70',
        '32.70',
        '0.00',
        '0.00',
        'EUR',
        2,
      ],
    ]);
  });

  it('writes yen without decimals, a refund and an unknown person as an empty name (never an id)', () => {
    const sale = orderDoc({
      number: 'T1-0001',
      currency: 'JPY',
      createdAt: '2026-11-03T01:00:00.000Z',
      lines: [orderLine({ code: 'TEA', name: '抹茶', unitPrice: 1500, qty: 2 })],
      by: 'user_2',
      deviceId: 'dev-ZZZZ',
    });
    const refund = orderEventDoc('returned', {
      orderId: sale._id,
      at: '2026-11-03T02:00:00.000Z',
      items: [{ productId: sale.lines[0]?.productId ?? '', qty: 1 }],
      refund: 1500,
      refundMethod: 'cash',
    });
    const [row] = ordersTable([fold(sale, [refund])], names).rows;
    expect(row).toEqual([
      'T1-0001',
      '2026-11-03T01:00:00.000Z',
      'counter',
      'completed',
      'partial',
      '',
      '',
      '',
      'card',
      '3000',
      '0',
      '3000',
      '3000',
      '1500',
      '1500',
      'JPY',
      1,
    ]);
  });

  it('reads an amended order by the lines and totals that hold now', () => {
    const pickup = orderDoc({ channel: 'pickup', number: 'K3-0009', lines: [bread] });
    const amended = orderEventDoc('amended', {
      orderId: pickup._id,
      lines: [cheese],
      subtotal: cheese.lineTotal,
      tax: 0,
      total: cheese.lineTotal,
      customerName: 'Bea',
    });
    const [row] = ordersTable([fold(pickup, [amended])], names).rows;
    expect(row?.slice(3, 6)).toEqual(['open', 'unpaid', 'Bea']);
    expect(row?.slice(9, 16)).toEqual(['22.50', '0.00', '22.50', '0.00', '0.00', '22.50', 'EUR']);
    expect(row?.at(-1)).toBe(1);
  });
});

describe('orderLinesTable', () => {
  it('writes one row per line, weighed goods in kilograms with the price per kilogram', () => {
    const sale = orderDoc({
      number: 'K3-0007',
      createdAt: '2026-11-02T09:15:00.000Z',
      lines: [cheese, bread],
    });
    const t = orderLinesTable([fold(sale)]);
    expect(t.name).toBe('order-lines');
    expect(t.columns).toEqual([...ORDER_LINE_COLUMNS]);
    expect(t.rows).toEqual([
      [
        'K3-0007',
        '2026-11-02T09:15:00.000Z',
        'CHZ',
        'Crème fraîche, "extra"',
        'kg',
        '1.25',
        '18.00',
        '22.50',
        'EUR',
      ],
      ['K3-0007', '2026-11-02T09:15:00.000Z', 'BRD', 'Bread', 'piece', '2', '3.00', '6.00', 'EUR'],
    ]);
  });

  it('writes the amended lines, not the ones first sold', () => {
    const pickup = orderDoc({ channel: 'pickup', number: 'K3-0009', lines: [bread] });
    const grams = orderLine({ ...cheese, qty: 500, lineTotal: 900 });
    const amended = orderEventDoc('amended', {
      orderId: pickup._id,
      lines: [grams],
      subtotal: 900,
      tax: 0,
      total: 900,
    });
    const rows = orderLinesTable([fold(pickup, [amended])]).rows;
    expect(rows.map((r) => [r[2], r[5], r[7]])).toEqual([['CHZ', '0.5', '9.00']]);
  });
});
