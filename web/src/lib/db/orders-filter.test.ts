import { describe, expect, it } from 'vitest';
import type { OrderRow } from './local.ts';
import { orderMatches } from './orders.ts';

const row = (o: Partial<OrderRow>): OrderRow =>
  ({
    id: 'order:x',
    number: 'K3-0001',
    createdAt: '2026-11-20T10:00:00.000Z',
    channel: 'counter',
    customerId: '',
    customerName: '',
    deviceId: 'dev-a',
    by: 'user-a',
    total: 100,
    currency: 'EUR',
    method: 'cash',
    status: 'completed',
    paymentStatus: 'paid',
    balance: 0,
    itemCount: 1,
    ...o,
  }) as OrderRow;

describe('order filters', () => {
  const rows = [
    row({
      id: 'order:1',
      number: 'K3-0001',
      deviceId: 'dev-a',
      by: 'user-a',
      customerId: 'customer:1',
      customerName: 'Ana',
    }),
    row({
      id: 'order:2',
      number: 'K3-0002',
      deviceId: 'dev-b',
      by: 'user-b',
      createdAt: '2026-11-21T09:00:00.000Z',
      status: 'cancelled',
    }),
    row({
      id: 'order:3',
      number: 'P7-0001',
      deviceId: 'dev-b',
      by: 'user-a',
      createdAt: '2026-11-19T23:59:00.000Z',
    }),
  ];
  const ids = (f: Parameters<typeof orderMatches>[0]) =>
    rows.filter(orderMatches(f)).map((r) => r.id);

  it('filters by device, seller, customer, status, dates and text', () => {
    expect(ids({ deviceId: 'dev-b' })).toEqual(['order:2', 'order:3']);
    expect(ids({ by: 'user-a' })).toEqual(['order:1', 'order:3']);
    expect(ids({ customerId: 'customer:1' })).toEqual(['order:1']);
    expect(ids({ status: 'cancelled' })).toEqual(['order:2']);
    expect(ids({ from: '2026-11-20T00:00:00.000Z' })).toEqual(['order:1', 'order:2']);
    expect(ids({ to: '2026-11-20' })).toEqual(['order:1', 'order:3']);
    expect(ids({ search: 'p7' })).toEqual(['order:3']);
    expect(ids({ search: 'ana' })).toEqual(['order:1']);
    expect(ids({ deviceId: 'dev-b', by: 'user-a' })).toEqual(['order:3']);
  });
});
