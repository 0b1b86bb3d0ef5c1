import { describe, expect, it } from 'vitest';
import { PAPER_COLORS } from './chart-colors.ts';
import { chartConfig, chartSummary, type ChartSpec } from './chart-spec.ts';

const money = (n: number) => `€${(n / 100).toFixed(2)}`;
const days: ChartSpec = {
  kind: 'bar',
  labels: ['1 Nov', '2 Nov', '3 Nov'],
  series: [{ label: 'Revenue', data: [500, 2000, 0] }],
  format: money,
};

describe('chartConfig', () => {
  it('draws without animation when asked, in the given colours', () => {
    const c = chartConfig(days, PAPER_COLORS, { animate: false, responsive: true });
    expect(c.type).toBe('bar');
    expect(c.options?.animation).toBe(false);
    expect(c.data.datasets[0]?.backgroundColor).toBe(PAPER_COLORS.series[0]);
    expect(c.options?.plugins?.legend?.display).toBe(false);
  });

  it('gives each slice of a doughnut its own colour, with a legend', () => {
    const c = chartConfig({ ...days, kind: 'doughnut' }, PAPER_COLORS, {
      animate: true,
      responsive: false,
    });
    expect(c.data.datasets[0]?.backgroundColor).toEqual(PAPER_COLORS.series.slice(0, 3));
    expect(c.options?.plugins?.legend?.display).toBe(true);
    expect(c.options?.scales).toEqual({});
  });

  it('lays bars down for long labels', () => {
    const c = chartConfig({ ...days, horizontal: true }, PAPER_COLORS, {
      animate: false,
      responsive: true,
    });
    expect(c.options?.indexAxis).toBe('y');
  });

  it('keeps a count’s axis to whole numbers', () => {
    const counts = chartConfig({ ...days, integer: true }, PAPER_COLORS, {
      animate: false,
      responsive: true,
    });
    expect(counts.options?.scales?.['y']?.ticks).toMatchObject({ precision: 0 });
    const money = chartConfig(days, PAPER_COLORS, { animate: false, responsive: true });
    expect(money.options?.scales?.['y']?.ticks).not.toHaveProperty('precision');
  });
});

describe('chartSummary', () => {
  it('says the total and the highest value of each series', () => {
    expect(chartSummary('Revenue by day', days)).toBe(
      'Revenue by day. Revenue: total €25.00, highest 2 Nov (€20.00).',
    );
    expect(
      chartSummary('Revenue by day', { ...days, series: [{ label: 'Revenue', data: [0, 0, 0] }] }),
    ).toBe('Revenue by day. Revenue: none.');
  });
});
