import type { ReportEvent, ReportInput, ReportLine, ReportOrder } from './input.ts';
import type { ReportPeriod } from './types.ts';

/** Whether an instant falls in a half-open period [from, to). */
export const inPeriod = (at: string, p: ReportPeriod): boolean => at >= p.from && at < p.to;

/** The lines that hold now: the latest valid amendment's, else the order's own. */
export const linesOf = (o: ReportOrder): readonly ReportLine[] => o.amendedLines ?? o.doc.lines;

/**
 * The input indexed once for every section: orders by id, events by order, and
 * which facts count. Built in one pass so a month of a big shop stays cheap.
 */
export interface ReportContext {
  input: ReportInput;
  orderById: Map<string, ReportOrder>;
  eventsByOrder: Map<string, ReportEvent[]>;
  /** orders created in the period / the previous one (every seller) */
  current: ReportOrder[];
  previous: ReportOrder[];
  /** whether an order is the report's seller's (always, for the whole shop) */
  mine(o: ReportOrder): boolean;
  /**
   * Whether an event happened at all for the order's state: not after the order's
   * cancellation (a cancellation is final, as in foldOrder: what is recorded after
   * it, a second cancellation included, changes nothing).
   */
  valid(e: ReportEvent): boolean;
  /**
   * Whether an event counts for the report's seller: valid, and of their order (an
   * order the input lacks is attributed to whoever recorded the event).
   */
  counts(e: ReportEvent): boolean;
}

/** Events fold by time, then id (order-state.ts sortEvents). */
const before = (a: ReportEvent, b: ReportEvent): boolean =>
  a.at < b.at || (a.at === b.at && a._id < b._id);

export function reportContext(input: ReportInput): ReportContext {
  const { period, previousPeriod, onlyBy } = input;
  const orderById = new Map<string, ReportOrder>();
  const current: ReportOrder[] = [];
  const previous: ReportOrder[] = [];
  for (const o of input.orders) {
    if (orderById.has(o.id)) continue;
    orderById.set(o.id, o);
    if (inPeriod(o.createdAt, period)) current.push(o);
    else if (inPeriod(o.createdAt, previousPeriod)) previous.push(o);
  }
  const eventsByOrder = new Map<string, ReportEvent[]>();
  const cancellation = new Map<string, ReportEvent>();
  for (const e of input.events) {
    const list = eventsByOrder.get(e.orderId);
    if (list) list.push(e);
    else eventsByOrder.set(e.orderId, [e]);
    if (e.kind === 'cancelled') {
      const first = cancellation.get(e.orderId);
      if (first === undefined || before(e, first)) cancellation.set(e.orderId, e);
    }
  }
  const mine = (o: ReportOrder) => onlyBy === null || o.by === onlyBy;
  const valid = (e: ReportEvent) => {
    const first = cancellation.get(e.orderId);
    return first === undefined || first === e || before(e, first);
  };
  const counts = (e: ReportEvent) => {
    if (!valid(e)) return false;
    if (onlyBy === null) return true;
    const o = orderById.get(e.orderId);
    return (o ? o.by : e.by) === onlyBy;
  };
  return { input, orderById, eventsByOrder, current, previous, mine, valid, counts };
}

/** Quantities of each product returned from one order before an instant. */
export function returnedBefore(
  ctx: ReportContext,
  orderId: string,
  until: string,
): Map<string, number> {
  const back = new Map<string, number>();
  for (const e of ctx.eventsByOrder.get(orderId) ?? []) {
    if (e.kind !== 'returned' || e.at >= until || !ctx.valid(e)) continue;
    for (const i of e.items) back.set(i.productId, (back.get(i.productId) ?? 0) + i.qty);
  }
  return back;
}
