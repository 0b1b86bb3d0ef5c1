import { emptyCodeIndex, type CodeIndex } from './catalog-codes.ts';
import type { Unit } from './quantity.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent } from './schemas/order-event.ts';
import type { Product } from './schemas/product.ts';
import type { Settings } from './schemas/settings.ts';
import type { StockMovement } from './schemas/stock.ts';

/** The resolver engine's state, its inputs and outputs (rules: allocation.ts). */
export interface AllocLine {
  productId: string;
  qty: number;
  allocated: number;
  backordered: number;
  oversold: number;
}

export type AllocStatus = 'confirmed' | 'backordered' | 'oversold' | 'released';

export interface AllocDecision {
  orderId: string;
  /** 0 for the first decision about an order, then 1, 2 … for fills and releases */
  n: number;
  status: AllocStatus;
  lines: AllocLine[];
  at: string;
}

export interface AlertDecision {
  id: string;
  kind: 'low_stock' | 'oversell' | 'integrity' | 'duplicate_code';
  /** true: the condition ended (e.g. restocked above the threshold) */
  cleared: boolean;
  productIds: string[];
  orderIds: string[];
  sellerIds: string[];
  deviceIds: string[];
  message: string;
  at: string;
}

export interface EngineOrder {
  channel: Order['channel'];
  /** the lines that hold now (amendments applied) */
  lines: { productId: string; qty: number }[];
  /** the order's own lines, when amendments replaced them (absent in older saved state) */
  original?: { productId: string; qty: number }[];
  alloc: AllocLine[];
  n: number;
  cancelled: boolean;
  by: string;
  deviceId: string;
  number: string;
}

export interface Taker {
  orderId: string;
  by: string;
  deviceId: string;
}

export interface EngineState {
  ledger: Record<string, number>;
  owed: Record<string, { orderId: string; remaining: number }[]>;
  orders: Record<string, EngineOrder>;
  /** cancellations that arrived before their order */
  cancelledEarly: Record<string, true>;
  returns: Record<string, { orderId: string; items: { productId: string; qty: number }[] }>;
  seen: Record<string, true>;
  thresholds: Record<string, number | null>;
  names: Record<string, string>;
  /** each product's unit, to word quantities in alerts (absent in older saved state) */
  units?: Record<string, Unit>;
  lowDefault: number;
  low: Record<string, { open: boolean; n: number }>;
  /** who took each product since its stock was last topped up */
  takers: Record<string, Taker[]>;
  /** product codes and the alerts about shared ones (absent in state saved by older servers) */
  codes?: CodeIndex;
  /** order id → its amendments (see amendments.ts), also those that came before the order */
  amendments?: Record<
    string,
    { id: string; at: string; lines: { productId: string; qty: number }[] }[]
  >;
  /** order id → when it was first dispatched or delivered */
  handedOver?: Record<string, string>;
  /** online orders still open (not cancelled, not handed over): what they hold counts against allowances */
  online?: Record<string, true>;
}

export function emptyEngine(): EngineState {
  return {
    ledger: {},
    owed: {},
    orders: {},
    cancelledEarly: {},
    returns: {},
    seen: {},
    thresholds: {},
    names: {},
    lowDefault: 5,
    low: {},
    takers: {},
    codes: emptyCodeIndex(),
  };
}

export interface EngineOutput {
  decisions: AllocDecision[];
  alerts: AlertDecision[];
}

export type EngineDoc = Order | OrderEvent | StockMovement | Product | Settings;

export const get = (r: Record<string, number>, k: string) => r[k] ?? 0;
export const owedTotal = (s: EngineState, p: string) =>
  (s.owed[p] ?? []).reduce((t, o) => t + o.remaining, 0);
/** Physically there and promised to no one. */
export const available = (s: EngineState, p: string) => get(s.ledger, p) + owedTotal(s, p);

export const uniq = (xs: string[]) => [...new Set(xs)];

export function statusOf(lines: AllocLine[], cancelled: boolean): AllocStatus {
  if (cancelled) return 'released';
  if (lines.some((l) => l.oversold > 0)) return 'oversold';
  if (lines.some((l) => l.backordered > 0)) return 'backordered';
  return 'confirmed';
}

export function threshold(s: EngineState, p: string): number {
  return s.thresholds[p] ?? s.lowDefault;
}
