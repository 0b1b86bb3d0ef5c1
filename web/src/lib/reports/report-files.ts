import {
  REPORT_TABLES,
  reportTable,
  type Report,
  type ReportDays,
  type ReportTableKey,
} from '@stallkeeper/shared';
import type { ExportChoice } from '../export/export-menu.svelte.ts';
import type { MadePdf } from '../pdf/pdf-file.svelte.ts';
import type { ReportChart } from './report-charts.ts';
import type { ReportPdfInput } from './report-pdf.ts';
import type { ReportNames } from './report-tables.ts';
import { shopWide } from './sections.ts';
import { TABLE_LABEL } from './words.ts';

/** The CSV files a report offers: every section it shows. */
export function csvKeys(r: Report): ReportTableKey[] {
  const wide = shopWide(r);
  return REPORT_TABLES.filter((k) => {
    if (k === 'sales-by-seller') return r.onlyBy === null;
    if (k.startsWith('stock-') || k === 'oversells') return wide.stock;
    if (k.startsWith('money-owed')) return wide.owed;
    return true;
  });
}

/** The CSV menu's files: those of the sections `r` shows, made from `complete()`'s report. */
export function csvChoices(
  r: Report,
  complete: () => Promise<Report | null>,
  days: ReportDays,
  previousDays: ReportDays,
  names: ReportNames,
): ExportChoice[] {
  const options = { days, previousDays, sellerName: names.seller, deviceName: names.device };
  return csvKeys(r).map((key) => ({
    label: TABLE_LABEL[key],
    make: async () => reportTable((await complete()) ?? r, key, options),
  }));
}

/**
 * The report's PDF, made on the device: the charts drawn again for paper, then
 * pdf-lib (both loaded here, on use, never with the first screen).
 */
export async function makeReportPdf(
  input: Omit<ReportPdfInput, 'charts'> & { charts: readonly ReportChart[]; days: ReportDays },
): Promise<MadePdf> {
  const [{ reportPdf, reportFileName }, { chartPng }] = await Promise.all([
    import('./report-pdf.ts'),
    import('./chart-image.ts'),
  ]);
  const charts: ReportPdfInput['charts'][number][] = [];
  for (const c of input.charts) {
    charts.push({ title: c.title, section: c.section, png: await chartPng(c.spec) });
  }
  const bytes = await reportPdf({ ...input, charts });
  return { bytes, name: reportFileName(input.days.first, input.days.last) };
}
