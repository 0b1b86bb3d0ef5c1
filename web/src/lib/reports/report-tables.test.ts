import { describe, expect, it } from 'vitest';
import { reportCharts } from './report-charts.ts';
import { csvChoices, csvKeys } from './report-files.ts';
import { reportFormat } from './report-format.ts';
import { summaryTiles } from './report-summary.ts';
import {
  cellText,
  ordersTables,
  owedTables,
  salesTables,
  stockTables,
  type ReportNames,
  type TextTable,
} from './report-tables.ts';
import { sampleReport } from './testing.ts';

const f = reportFormat('KES', 'en-US');
const names: ReportNames = {
  seller: (id) => (id === 'user-1' ? 'Wanjiru' : 'Another seller'),
  device: (id) => (id === 'dev-1' ? 'This device' : 'Another device'),
};
const text = (t: TextTable) => t.rows.all().map((r) => r.map(cellText));
/** en-US writes the code and the amount with a no-break space between */
const KES = (amount: string) => `KES\u00a0${amount}`;
const days = { first: '2026-11-01', last: '2026-11-30' };

describe('the report in words', () => {
  it('gives the headline figures with their change in words', () => {
    const r = sampleReport();
    const tiles = summaryTiles(r.sales.summary, r.sales.previous, f, 'previous month');
    const revenue = tiles.find((t) => t.key === 'revenue');
    expect(revenue?.value).toBe(KES('12,345.00'));
    expect(revenue?.change).toMatchObject({ word: 'Up', text: '+12 % vs previous month' });
    expect(revenue?.good).toBe(true);
    // refunds going up is not good news, whatever the arrow says
    expect(tiles.find((t) => t.key === 'refunds')?.good).toBe(false);
    expect(tiles.find((t) => t.key === 'orders')?.change?.word).toBe('Down');
  });

  it('compares nothing while the period before is still being read', () => {
    const r = sampleReport();
    const tiles = summaryTiles(r.sales.summary, null, f, 'previous month');
    expect(tiles.map((t) => t.change)).toEqual(tiles.map(() => null));
    expect(tiles[0]?.value).toBe(KES('12,345.00'));
  });

  it('names products, sellers and devices, and says when a cost is unknown', () => {
    const [byProduct, byCategory, , bySeller, byDevice] = salesTables(sampleReport(), f, names);
    expect(text(byProduct!)).toEqual([
      ['Tomatoes', '1.25 kg', KES('10,000.00'), KES('6,000.00')],
      ['Paper bag', '3', KES('2,345.00'), 'cost unknown'],
    ]);
    expect(text(byCategory!)[1]?.[0]).toBe('No category');
    expect(text(bySeller!)).toEqual([['Wanjiru', '3', KES('12,345.00')]]);
    expect(text(byDevice!)[0]?.[0]).toBe('This device');
  });

  it('leaves the by-seller table out of a seller’s own report', () => {
    const keys = salesTables(sampleReport({ onlyBy: 'user-1' }), f, names).map((t) => t.key);
    expect(keys).not.toContain('sales-by-seller');
    expect(keys).toContain('sales-by-device');
  });

  it('links cancelled orders and customers who owe', () => {
    const cancellations = ordersTables(sampleReport(), f).find((t) => t.key === 'cancellations');
    expect(cancellations?.rows.all()[0]?.[0]).toEqual({
      text: 'K3-0004',
      link: { to: 'order', id: 'order:X' },
    });
    const [aging, customers] = owedTables(sampleReport(), f);
    // only the ages something is owed in
    expect(text(aging!)).toEqual([['1–30 days late', '1', KES('50.00')]]);
    expect(customers?.rows.all()[0]?.[0]).toEqual({
      text: 'Ana',
      link: { to: 'customer', id: 'customer:1' },
    });
  });

  it('shows only the kinds of stock movement that happened, and marks low stock', () => {
    const [onHand, moves] = stockTables(sampleReport(), f);
    expect(moves?.columns.map((c) => c.label)).toEqual(['Product', 'Sold']);
    expect(text(moves!)).toEqual([['Tomatoes', '-1.25 kg']]);
    expect(onHand?.rows.all()[0]?.[4]).toEqual({ text: 'Low', tone: 'warn' });
  });
});

describe('the report’s charts and files', () => {
  it('draws days, hours, categories, methods and statuses; none without sales', () => {
    const keys = reportCharts(sampleReport(), f).map((c) => c.key);
    expect(keys).toEqual([
      'sales-by-day',
      'sales-by-hour',
      'sales-by-category',
      'sales-by-payment-method',
      'orders-by-status',
    ]);
    const r = sampleReport();
    const quiet = sampleReport({
      sales: { ...r.sales, summary: { ...r.sales.summary, orders: 0 }, byMethod: [] },
      orders: { ...r.orders, byStatus: [] },
    });
    expect(reportCharts(quiet, f)).toEqual([]);
  });

  it('offers a CSV of every section shown: the seller’s without the shop-wide ones', () => {
    expect(csvKeys(sampleReport())).toHaveLength(18);
    const r = sampleReport();
    const own = sampleReport({
      onlyBy: 'user-1',
      stock: { ...r.stock, products: [] },
      owed: { ...r.owed, customers: [], source: 'hidden' },
    });
    const keys = csvKeys(own);
    expect(keys).not.toContain('sales-by-seller');
    expect(keys.some((k) => k.startsWith('stock-') || k.startsWith('money-owed'))).toBe(false);
    expect(keys).toContain('sales-by-day');
  });

  it('makes each file from the complete report, with the period in its name and names for ids', async () => {
    const full = sampleReport();
    // the screen's report is still partial: the file is made from the complete one
    const partial = sampleReport({
      pending: ['previous'],
      sales: { ...full.sales, bySeller: [] },
    });
    const choices = csvChoices(partial, () => Promise.resolve(full), days, days, names);
    const seller = choices.find((c) => c.label === 'Sales by seller');
    const table = await seller?.make();
    expect(table?.name).toBe('sales-by-seller-2026-11-01-to-2026-11-30');
    expect(table?.rows).toEqual([['Wanjiru', 3, '12345.00', 'KES']]);
  });
});
