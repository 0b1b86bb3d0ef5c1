import type { Report } from '@stallkeeper/shared';
import { pdfMoney, PdfWriter, type Column } from '@stallkeeper/shared/pdf';
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
import { shopWide } from './sections.ts';

export interface ReportPdfInput {
  report: Report;
  shopName: string;
  /** "Sales report" for the shop, "Your sales" for a seller */
  heading: string;
  /** "This week · 30 Nov – 6 Dec 2026" */
  periodWords: string;
  /** "previous week": what the changes compare with */
  previousNoun: string;
  /** "23 Nov – 29 Nov 2026" */
  previousWords: string;
  /** when it was made, in words */
  madeOn: string;
  locale: string;
  names: ReportNames;
  /** the charts drawn for paper, in the order the screen shows them */
  charts: readonly { title: string; section: 'sales' | 'orders'; png: Uint8Array }[];
}

/** Columns for a table: the first (names) gets the room its words need, figures share the rest. */
function columnsOf(w: PdfWriter, t: TextTable): Column[] {
  const n = t.columns.length;
  const gap = 8;
  const textCols = t.columns.filter((c) => !c.numeric).length;
  // text columns (names, reasons) get twice a figure's share
  const unit = (w.width - gap * (n - 1)) / (t.columns.length + textCols);
  let x = 0;
  return t.columns.map((c) => {
    const width = unit * (c.numeric ? 1 : 2);
    const col: Column = { x, width, align: c.numeric ? 'right' : 'left' };
    x += width + gap;
    return col;
  });
}

function writeTable(w: PdfWriter, t: TextTable): void {
  w.ensure(60);
  w.paragraph(t.title, { size: 12, bold: true });
  w.gap(2);
  if (t.rows.length === 0) {
    w.paragraph(t.empty, { muted: true });
    w.gap(10);
    return;
  }
  const cols = columnsOf(w, t);
  w.row(
    t.columns.map((c) => c.label),
    cols,
    { bold: true, size: 9 },
  );
  w.rule();
  for (const row of t.rows.all()) w.row(row.map(cellText), cols, { size: 9 });
  w.gap(10);
}

function sectionHeading(w: PdfWriter, title: string): void {
  w.ensure(80);
  w.gap(6);
  w.paragraph(title, { size: 16, bold: true });
  w.gap(4);
}

/** The whole report as a PDF: headline figures, the charts and every table. */
export async function reportPdf(input: ReportPdfInput): Promise<Uint8Array> {
  const { report: r, locale } = input;
  const w = await PdfWriter.create(`${input.heading}, ${input.periodWords}`);
  const f = reportFormat(r.currency, locale, pdfMoney(w, r.currency, locale));

  w.paragraph(input.shopName, { size: 11, muted: true });
  w.paragraph(input.heading, { size: 20, bold: true });
  w.paragraph(input.periodWords, { size: 12 });
  w.paragraph(
    `Compared with the ${input.previousNoun} (${input.previousWords}). Made on ${input.madeOn}.`,
    {
      size: 9,
      muted: true,
    },
  );
  w.gap(12);

  const tiles: Column[] = [
    { x: 0, width: 130 },
    { x: 135, width: 130, align: 'right' },
    { x: 280, width: w.width - 280 },
  ];
  for (const t of summaryTiles(r.sales.summary, r.sales.previous, f, input.previousNoun)) {
    const change = t.change ? `${t.change.word} ${t.change.text}` : '';
    w.row([t.label, t.value, change], tiles, { size: 11 });
  }
  w.gap(8);

  const charts = async (section: 'sales' | 'orders') => {
    for (const c of input.charts.filter((x) => x.section === section)) {
      w.ensure(240);
      w.paragraph(c.title, { size: 12, bold: true });
      w.gap(2);
      await w.picture(c.png, 210);
    }
  };

  sectionHeading(w, 'Sales');
  if (r.sales.summary.orders === 0) w.paragraph('No sales in this period.', { muted: true });
  await charts('sales');
  for (const t of salesTables(r, f, input.names)) writeTable(w, t);

  sectionHeading(w, 'Orders');
  await charts('orders');
  for (const t of ordersTables(r, f)) writeTable(w, t);

  if (shopWide(r).stock) {
    sectionHeading(w, 'Stock');
    const s = r.stock.totals;
    w.paragraph(
      `Value at cost ${f.money(s.valueAtCost)} · at price ${f.money(s.valueAtPrice)} · ${f.count(s.low)} low · ${f.count(s.out)} out`,
    );
    w.gap(6);
    for (const t of stockTables(r, f)) writeTable(w, t);
  }
  if (shopWide(r).owed) {
    sectionHeading(w, 'Money owed');
    w.paragraph(`Owed to the shop: ${f.money(r.owed.total)}`, { bold: true });
    w.gap(6);
    for (const t of owedTables(r, f)) writeTable(w, t);
  }
  return w.bytes();
}

/** `sales-report-2026-11-01-to-2026-11-30.pdf` */
export function reportFileName(first: string, last: string): string {
  return first === last ? `sales-report-${first}.pdf` : `sales-report-${first}-to-${last}.pdf`;
}
