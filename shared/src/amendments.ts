/**
 * An order's lines after its amendments, by one rule every device and the server's
 * resolver apply: a delivery or pickup order may be amended until it is handed over
 * (dispatched or delivered); the latest valid amendment (by time, then id) holds. A
 * counter sale was handed over at the till and is never amended (a return corrects
 * it). Pure, and the same whatever order the facts arrive in.
 */
export interface LinesAmendment<L> {
  id: string;
  at: string;
  lines: readonly L[];
}

/** The fold order of facts: by time, then id. */
export const factOrder = (a: { at: string; id: string }, b: { at: string; id: string }): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Whether an amendment made at `at` still counts: before any hand-over. */
export function amendable(channel: string, handedOverAt: string | null, at: string): boolean {
  return channel !== 'counter' && (handedOverAt === null || at < handedOverAt);
}

/** The amendments that count, in fold order. */
export function validAmendments<A extends { id: string; at: string }>(
  channel: string,
  amendments: readonly A[],
  handedOverAt: string | null,
): A[] {
  return amendments.filter((a) => amendable(channel, handedOverAt, a.at)).sort(factOrder);
}

/** The lines that hold: the latest valid amendment's, else the order's own. */
export function effectiveLines<L>(
  channel: string,
  original: readonly L[],
  amendments: readonly LinesAmendment<L>[],
  handedOverAt: string | null,
): readonly L[] {
  const valid = validAmendments(channel, amendments, handedOverAt);
  return valid[valid.length - 1]?.lines ?? original;
}

/** The earliest of two hand-over times (null: not handed over). */
export const earliest = (a: string | null, b: string): string => (a === null || b < a ? b : a);
