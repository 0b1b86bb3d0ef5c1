import type { ChartConfiguration } from 'chart.js';
import type { ChartColors } from './chart-colors.ts';

/** One series of values, named for the legend and the table's column. */
export interface ChartSeries {
  label: string;
  data: readonly number[];
}

/** What a report chart shows, before chart.js sees it. */
export interface ChartSpec {
  kind: 'bar' | 'line' | 'doughnut';
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** a value in words for tooltips, the data table and the summary: money, a count */
  format: (value: number) => string;
  /** a value on the axis, shorter than `format` (money without cents) */
  tick?: (value: number) => string;
  /** bars lying down, for long labels (products, categories) */
  horizontal?: boolean;
  /** counts: the axis shows whole numbers only */
  integer?: boolean;
}

export interface RenderOptions {
  animate: boolean;
  /** false for a picture of fixed size (the PDF's) */
  responsive: boolean;
}

/** The chart.js configuration of a spec, in the given colours. */
export function chartConfig(
  spec: ChartSpec,
  colors: ChartColors,
  render: RenderOptions,
): ChartConfiguration {
  const color = (i: number) => colors.series[i % colors.series.length] ?? colors.text;
  const doughnut = spec.kind === 'doughnut';
  const datasets = spec.series.map((s, i) => ({
    label: s.label,
    data: [...s.data],
    backgroundColor: doughnut ? s.data.map((_, j) => color(j)) : color(i),
    borderColor: doughnut ? colors.grid : color(i),
    borderWidth: doughnut ? 1 : 2,
    pointRadius: spec.kind === 'line' ? 2 : 0,
  }));
  const tick = spec.tick ?? spec.format;
  const value = {
    ticks: {
      color: colors.muted,
      callback: (v: number | string) => tick(Number(v)),
      ...(spec.integer ? { precision: 0 } : {}),
    },
    grid: { color: colors.grid },
    beginAtZero: true,
  };
  const category = { ticks: { color: colors.muted, autoSkip: true }, grid: { display: false } };
  return {
    type: spec.kind,
    data: { labels: [...spec.labels], datasets },
    options: {
      animation: render.animate ? {} : false,
      responsive: render.responsive,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      color: colors.text,
      plugins: {
        legend: {
          display: doughnut || spec.series.length > 1,
          position: 'bottom',
          labels: { color: colors.text },
        },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${doughnut ? (item.label ?? '') : item.dataset.label}: ${spec.format(Number(item.raw))}`,
          },
        },
      },
      scales: doughnut
        ? {}
        : spec.horizontal
          ? { x: value, y: category }
          : { x: category, y: value },
    },
  };
}

/**
 * What a chart shows, in one sentence for its image's label: the biggest value and
 * the total of each series ("Revenue: total €120.00, highest 4 Nov (€80.00)").
 */
export function chartSummary(title: string, spec: ChartSpec): string {
  const parts = spec.series.map((s) => {
    const total = s.data.reduce((a, b) => a + b, 0);
    if (s.data.every((v) => v === 0)) return `${s.label}: none`;
    let top = 0;
    s.data.forEach((v, i) => {
      if (v > (s.data[top] ?? 0)) top = i;
    });
    const best = `${spec.labels[top] ?? ''} (${spec.format(s.data[top] ?? 0)})`;
    return `${s.label}: total ${spec.format(total)}, highest ${best}`;
  });
  return `${title}. ${parts.join('; ')}.`;
}
