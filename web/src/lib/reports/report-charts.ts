import type { Report, ReportTableKey } from '@stallkeeper/shared';
import { METHOD_LABEL, STATUS_LABEL } from '../orders/labels.ts';
import type { ChartSpec } from './chart-spec.ts';
import type { ReportFormat } from './report-format.ts';
import { categoryName } from './words.ts';

export interface ReportChart {
  /** the CSV of the same figures */
  key: ReportTableKey;
  section: 'sales' | 'orders';
  title: string;
  spec: ChartSpec;
}

/**
 * The report's charts, for the screen and the PDF alike. A chart with nothing to
 * show is left out (the section says "No sales in this period" instead).
 */
export function reportCharts(r: Report, f: ReportFormat): ReportChart[] {
  const s = r.sales;
  const money = { format: f.money, tick: f.moneyShort };
  const charts: ReportChart[] = [];
  if (s.summary.orders === 0 && s.byMethod.length === 0) return charts;
  if (s.byDay.length > 1) {
    charts.push({
      key: 'sales-by-day',
      section: 'sales',
      title: 'Revenue by day',
      spec: {
        kind: s.byDay.length > 45 ? 'line' : 'bar',
        labels: s.byDay.map((d) => f.day(d.day)),
        series: [{ label: 'Revenue', data: s.byDay.map((d) => d.revenue) }],
        ...money,
      },
    });
  }
  if (s.summary.orders > 0) {
    charts.push({
      key: 'sales-by-hour',
      section: 'sales',
      title: 'Revenue by hour of the day',
      spec: {
        kind: 'bar',
        labels: s.byHour.map((h) => f.hour(h.hour)),
        series: [{ label: 'Revenue', data: s.byHour.map((h) => h.revenue) }],
        ...money,
      },
    });
  }
  if (s.byCategory.length > 1) {
    charts.push({
      key: 'sales-by-category',
      section: 'sales',
      title: 'Revenue by category',
      spec: {
        kind: 'bar',
        horizontal: true,
        labels: s.byCategory.map((c) => categoryName(c.category)),
        series: [{ label: 'Revenue', data: s.byCategory.map((c) => c.revenue) }],
        ...money,
      },
    });
  }
  const taken = s.byMethod.filter((m) => m.received > 0);
  if (taken.length > 0) {
    charts.push({
      key: 'sales-by-payment-method',
      section: 'sales',
      title: 'Money received by payment method',
      spec: {
        kind: 'doughnut',
        labels: taken.map((m) => METHOD_LABEL[m.method]),
        series: [{ label: 'Received', data: taken.map((m) => m.received) }],
        format: f.money,
      },
    });
  }
  const statuses = r.orders.byStatus.filter((x) => x.count > 0);
  if (statuses.length > 0) {
    charts.push({
      key: 'orders-by-status',
      section: 'orders',
      title: 'Orders by status',
      spec: {
        kind: 'bar',
        horizontal: true,
        labels: statuses.map((x) => STATUS_LABEL[x.status]),
        series: [{ label: 'Orders', data: statuses.map((x) => x.count) }],
        format: f.count,
        integer: true,
      },
    });
  }
  return charts;
}
