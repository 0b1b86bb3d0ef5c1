import { describe, expect, it } from 'vitest';
import type { ReportLine } from '@stallkeeper/shared';
import type { OrderRow, ReportOrderRow } from './local.ts';
import {
  dayParts,
  markAllDaysStale,
  markDaysStale,
  PART_CHARS,
  readReportOrders,
  remakeStaleDays,
} from './report-days.ts';
import { decodeOrder, encodeOrder, type OrderTuple } from './report-codec.ts';
import { reportRow } from './report-row.ts';
import { addProduct, cashSale, openTestShop, settle } from './testing.ts';

/** A copy of a real order row, moved to another time. */
const at = (row: OrderRow, id: string, createdAt: string): OrderRow => ({ ...row, id, createdAt });

async function shopWithOrders() {
  const ctx = await openTestShop();
  const product = await addProduct(ctx, { price: 300 });
  await cashSale(ctx, product, 1);
  await settle(ctx);
  const [sold] = await ctx.local.orders.toArray();
  if (!sold) throw new Error('no order row');
  const rows = [
    at(sold, 'order:a', '2026-03-01T23:30:00.000Z'),
    at(sold, 'order:b', '2026-03-02T08:00:00.000Z'),
    at(sold, 'order:c', '2026-03-02T17:00:00.000Z'),
    at(sold, 'order:d', '2026-03-04T10:00:00.000Z'),
  ];
  await ctx.local.transaction('rw', [ctx.local.orders, ctx.local.reportStale], async () => {
    await ctx.local.orders.bulkPut(rows);
    await markDaysStale(ctx.local, rows);
  });
  return { ctx, rows };
}

const decoded = (text: string | undefined) =>
  (JSON.parse(text ?? '[]') as OrderTuple[]).map(decodeOrder);

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

/** A report row as the day rows keep it when the catalogue names its products. */
const catalogued = (row: ReportOrderRow): ReportOrderRow => {
  const bare = ({ code: _c, name: _n, ...l }: ReportLine): ReportLine => l;
  return {
    ...row,
    doc: { ...row.doc, lines: row.doc.lines.map(bare) },
    amendedLines: row.amendedLines?.map(bare) ?? null,
  };
};
const always = () => true;

describe("the reports' day rows", () => {
  it('answer a period from the order rows while its days are stale, and the same from day rows once remade', async () => {
    const { ctx } = await shopWithOrders();
    const from = '2026-03-01T23:00:00.000Z';
    const to = '2026-03-02T12:00:00.000Z';
    const before = await readReportOrders(ctx.local, from, to);
    expect(ids(before)).toEqual(['order:a', 'order:b']);
    while (await remakeStaleDays(ctx.local)) {
      /* remade a couple of days at a time */
    }
    expect(await ctx.local.reportStale.count()).toBe(0);
    const day = await ctx.local.reportDays.get('2026-03-02#000');
    expect(decoded(day?.orders).map((o) => o.id)).toEqual(['order:b', 'order:c']);
    const after = await readReportOrders(ctx.local, from, to);
    // the same orders; the lines leave their names to the catalogue, which holds the product
    expect(after).toEqual(before.map(catalogued));
    expect(after[0]?.doc.lines[0]).not.toHaveProperty('name');
    expect(
      ids(
        await readReportOrders(ctx.local, '2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z'),
      ),
    ).toEqual(['order:a', 'order:b', 'order:c', 'order:d']);
  });

  it('read a changed order from its row until its day is remade', async () => {
    const { ctx, rows } = await shopWithOrders();
    while (await remakeStaleDays(ctx.local));
    const b = rows[1];
    if (!b) throw new Error('no row');
    const refunded = { ...b, status: 'cancelled' as const, refunded: b.total };
    await ctx.local.transaction('rw', [ctx.local.orders, ctx.local.reportStale], async () => {
      await ctx.local.orders.put(refunded);
      await markDaysStale(ctx.local, [refunded]);
    });
    const period = ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'] as const;
    const read = await readReportOrders(ctx.local, ...period);
    expect(read.find((o) => o.id === 'order:b')).toEqual(reportRow(refunded));
    await remakeStaleDays(ctx.local);
    expect(await readReportOrders(ctx.local, ...period)).toEqual(read.map(catalogued));
  });

  it('are remade by the projector once sales stop coming', async () => {
    const ctx = await openTestShop();
    const product = await addProduct(ctx);
    const order = await cashSale(ctx, product, 2);
    await settle(ctx);
    const day = order.createdAt.slice(0, 10);
    // (the projector waits for a quiet second before remaking)
    await expect
      .poll(async () => decoded((await ctx.local.reportDays.get(`${day}#000`))?.orders), {
        timeout: 4000,
      })
      .toMatchObject([{ id: order._id, total: 200 }]);
    expect(await ctx.local.reportStale.count()).toBe(0);
  });
});

describe('a busy day', () => {
  it('is kept in parts small enough to stay inline, each order whole and in order', async () => {
    const { ctx, rows } = await shopWithOrders();
    const sample = reportRow(rows[0] as OrderRow);
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...sample,
      id: `order:${String(i).padStart(4, '0')}`,
    }));
    const parts = dayParts('2026-03-01', many, () => false);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.orders.length).toBeLessThanOrEqual(PART_CHARS);
    expect(parts.map((p) => p.key)).toEqual(
      parts.map((_, i) => `2026-03-01#${String(i).padStart(3, '0')}`),
    );
    expect(parts.flatMap((p) => decoded(p.orders))).toEqual(many);
    await ctx.local.reportDays.bulkPut(parts);
    await ctx.local.reportStale.clear(); // (as if remade)
    expect(
      await readReportOrders(ctx.local, '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
    ).toEqual(many);
  });
});

describe('a report row as an array', () => {
  it('comes back exactly, amended lines and ids without their usual prefix too', async () => {
    const { rows } = await shopWithOrders();
    const row = reportRow(rows[0] as OrderRow);
    const odd = {
      ...row,
      id: 'legacy-id',
      amendedLines: row.doc.lines.map((l) => ({ ...l, productId: 'gone', qty: l.qty + 1 })),
    };
    for (const r of [row, odd]) expect(decodeOrder(encodeOrder(r, () => false))).toEqual(r);
    expect(decodeOrder(encodeOrder(odd, (id) => id !== 'gone'))).toEqual({
      ...catalogued(odd),
      amendedLines: odd.amendedLines,
    });
    const text = (r: ReportOrderRow, c: (id: string) => boolean) =>
      JSON.stringify(encodeOrder(r, c));
    expect(text(row, () => false).length).toBeLessThan(JSON.stringify(row).length * 0.7);
    expect(text(row, always).length).toBeLessThan(text(row, () => false).length);
  });
});

describe('a product leaving the catalogue', () => {
  it("makes every day stale, so its lines' names are read from the order rows and kept from then on", async () => {
    const { ctx, rows } = await shopWithOrders();
    while (await remakeStaleDays(ctx.local));
    const productId = rows[0]?.doc.lines[0]?.productId ?? '';
    const period = ['2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z'] as const;
    expect((await readReportOrders(ctx.local, ...period))[0]?.doc.lines[0]).not.toHaveProperty(
      'name',
    );
    await ctx.local.transaction(
      'rw',
      [ctx.local.products, ctx.local.reportDays, ctx.local.reportStale],
      async () => {
        await ctx.local.products.delete(productId);
        await markAllDaysStale(ctx.local);
      },
    );
    const named = (await readReportOrders(ctx.local, ...period)).map((o) => o.doc.lines[0]?.name);
    expect(named).toEqual(rows.map((r) => r.doc.lines[0]?.name));
    expect(named[0]).toBeTruthy();
    while (await remakeStaleDays(ctx.local));
    expect((await readReportOrders(ctx.local, ...period)).map((o) => o.doc.lines[0]?.name)).toEqual(
      named,
    );
  });
});
