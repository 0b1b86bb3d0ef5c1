import { sum } from '@stallkeeper/shared';
import type { Plannable } from './groups.ts';

/** What is to be collected on a run, per currency (a shop has one; older orders may not). */
export function toCollect(
  rows: readonly (Plannable & { row: { currency: string }; state: { balance: number } })[],
): { currency: string; amount: number }[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    by.set(r.row.currency, [...(by.get(r.row.currency) ?? []), r.state.balance]);
  }
  return [...by].map(([currency, amounts]) => ({ currency, amount: sum(amounts) }));
}
