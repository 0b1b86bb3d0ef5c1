import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { reportFileName, reportPdf, type ReportPdfInput } from './report-pdf.ts';
import { sampleReport } from './testing.ts';

/** A 1×1 PNG, standing in for a chart the browser would draw. */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

const input: ReportPdfInput = {
  report: sampleReport(),
  shopName: 'Mama Mboga Greens',
  heading: 'Sales report',
  periodWords: 'This month · Nov 1 – 30, 2026',
  previousNoun: 'previous month',
  previousWords: 'Oct 1 – 31, 2026',
  madeOn: 'December 1, 2026',
  locale: 'en-US',
  names: { seller: () => 'Wanjiru', device: () => 'This device' },
  charts: [{ title: 'Revenue by day', section: 'sales', png: PNG }],
};

async function text(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('reportPdf', () => {
  it('holds the shop, the period, the headline figures in money, the charts and the tables', async () => {
    const t = await text(await reportPdf(input));
    expect(t).toContain('Mama Mboga Greens');
    expect(t).toContain('Sales report');
    expect(t).toContain('This month · Nov 1 – 30, 2026');
    expect(t).toContain('Revenue KES 12,345.00 Up +12 % vs previous month');
    expect(t).toContain('Revenue by day');
    expect(t).toContain('Tomatoes 1.25 kg KES 10,000.00 KES 6,000.00');
    expect(t).toContain('Paper bag 3 KES 2,345.00 cost unknown');
    expect(t).toContain('Wanjiru');
    expect(t).toContain('K3-0004');
    expect(t).toContain('Value at cost KES 800.00');
    expect(t).toContain('Owed to the shop: KES 50.00');
  });

  it('leaves the shop-wide sections out of a seller’s own report', async () => {
    const r = sampleReport();
    const own = sampleReport({
      onlyBy: 'user-1',
      stock: { ...r.stock, products: [] },
      owed: { ...r.owed, customers: [], source: 'hidden' },
    });
    const t = await text(await reportPdf({ ...input, report: own, heading: 'Your sales' }));
    expect(t).toContain('Your sales');
    expect(t).not.toContain('Money owed');
    expect(t).not.toContain('Value at cost');
    expect(t).not.toContain('By seller');
  });

  it('says when there were no sales', async () => {
    const r = sampleReport();
    const quiet = sampleReport({
      sales: { ...r.sales, summary: { ...r.sales.summary, orders: 0 } },
    });
    expect(await text(await reportPdf({ ...input, report: quiet, charts: [] }))).toContain(
      'No sales in this period.',
    );
  });

  it('is named after the period', () => {
    expect(reportFileName('2026-11-01', '2026-11-30')).toBe(
      'sales-report-2026-11-01-to-2026-11-30.pdf',
    );
    expect(reportFileName('2026-11-05', '2026-11-05')).toBe('sales-report-2026-11-05.pdf');
  });
});
