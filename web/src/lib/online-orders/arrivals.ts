/**
 * Which online orders are news: those that appear while the app is open, not the
 * ones it found when it opened (the Orders badge counts those), and not old ones a
 * new device copies on its first sync.
 */

/** An order older than this when it reaches the device is not announced. */
export const FRESH_MS = 30 * 60_000;

export interface Arrival {
  id: string;
  createdAt: string;
}

export interface ArrivalState {
  /** ids already seen (null: nothing read yet) */
  seen: ReadonlySet<string> | null;
}

/** The orders to announce from a new reading of the new online orders, and what is now seen. */
export function arrivals<T extends Arrival>(
  state: ArrivalState,
  rows: readonly T[],
  now: number,
): { announce: T[]; seen: Set<string> } {
  const seen = new Set(rows.map((r) => r.id));
  if (state.seen === null) return { announce: [], seen };
  const before = state.seen;
  const announce = rows.filter(
    (r) => !before.has(r.id) && now - Date.parse(r.createdAt) <= FRESH_MS,
  );
  return { announce, seen };
}

/** The words of a notice: "New online order WEB-0003 from Ann — €12.50". */
export function arrivalText(
  o: { number: string; customerName: string; total: number; currency: string },
  money: (minor: number, currency: string) => string,
): string {
  const from = o.customerName.trim() ? ` from ${o.customerName.trim()}` : '';
  return `New online order ${o.number}${from} — ${money(o.total, o.currency)}`;
}

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Whether to show a system notification beside the in-app notice: only when the
 * person asked for them on this device and the browser already allows them (the
 * app never asks on its own), and only when the app is not in front of them.
 */
export function shouldNotify(optedIn: boolean, permission: NotifyPermission, hidden: boolean) {
  return optedIn && permission === 'granted' && hidden;
}
