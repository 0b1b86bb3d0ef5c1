import type { RowError } from './errors.ts';

/** What the owner chose for rows that match something the shop already has. */
export type DuplicateChoice = 'update' | 'skip';

/** A file as the CSV reader hands it over: its header and its rows of cells. */
export interface CsvTable {
  headers: string[];
  rows: string[][];
}

/**
 * What happens to one row: added, updated, already the same, skipped as a match the
 * owner chose to leave, or refused with its problems.
 */
export type RowAction = 'new' | 'update' | 'same' | 'skip' | 'error';

export interface PlannedBase {
  line: number;
  /** what the preview shows to name it (the name, or the raw first cells) */
  label: string;
}
export interface Refused extends PlannedBase {
  action: 'error';
  errors: RowError[];
}

export type ImportCounts = Record<RowAction, number>;

export function countActions(rows: readonly { action: RowAction }[]): ImportCounts {
  const counts: ImportCounts = { new: 0, update: 0, same: 0, skip: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}

/** A cell by the mapping's column index, trimmed ('' when unmapped or missing). */
export const cellOf = (cells: readonly string[], index: number | null): string =>
  index === null ? '' : (cells[index] ?? '').trim();

/** A row with nothing in it (spreadsheets leave them at the end) is no row at all. */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => !c.trim());

/** JSON equality of the fields both sides have (what "already the same" means). */
export function sameFields<T extends object>(a: T, b: T, keys: readonly (keyof T)[]): boolean {
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
