import type { SalesSummary } from '@stallkeeper/shared';
import type { ReportFormat } from './report-format.ts';
import { changeWords, type Change } from './words.ts';

export interface SummaryTile {
  key: keyof SalesSummary;
  label: string;
  value: string;
  /** null while the period before is still being read */
  change: Change | null;
  /** whether this change is good news (refunds going up is not) */
  good: boolean | null;
}

const TILES: { key: keyof SalesSummary; label: string; money: boolean; upIsGood: boolean }[] = [
  { key: 'revenue', label: 'Revenue', money: true, upIsGood: true },
  { key: 'orders', label: 'Orders', money: false, upIsGood: true },
  { key: 'averageBasket', label: 'Average basket', money: true, upIsGood: true },
  { key: 'tax', label: 'Tax collected', money: true, upIsGood: true },
  { key: 'refunds', label: 'Refunds', money: true, upIsGood: false },
  { key: 'net', label: 'Net', money: true, upIsGood: true },
];

/**
 * The headline figures, each with how it moved since the period before (`before`
 * null: that period is still being read, so nothing is compared yet).
 */
export function summaryTiles(
  now: SalesSummary,
  before: SalesSummary | null,
  f: ReportFormat,
  previous: string,
): SummaryTile[] {
  return TILES.map((t) => {
    const value = t.money ? f.money(now[t.key]) : f.count(now[t.key]);
    if (!before) return { key: t.key, label: t.label, value, change: null, good: null };
    const change = changeWords(now[t.key], before[t.key], previous, f.locale);
    return {
      key: t.key,
      label: t.label,
      value,
      change,
      good: change.direction === 'same' ? null : (change.direction === 'up') === t.upIsGood,
    };
  });
}
