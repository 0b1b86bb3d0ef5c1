import { isRecord, readJson, writeJson } from './storage.ts';

/** An order placed from this device, so "My orders" can list it without an account. */
export interface RecentOrder {
  token: string;
  number: string;
  createdAt: string;
  total: number;
}

/** How many a device remembers per shop (the newest). */
export const KEEP = 20;
const key = (slug: string) => `stallkeeper-shop-orders:${slug}`;

function orderOf(v: unknown): RecentOrder | null {
  if (!isRecord(v)) return null;
  const { token, number, createdAt, total } = v;
  if (typeof token !== 'string' || typeof number !== 'string') return null;
  if (typeof createdAt !== 'string' || !Number.isSafeInteger(total)) return null;
  return { token, number, createdAt, total: total as number };
}

export function recentOrders(slug: string): RecentOrder[] {
  const stored = readJson(key(slug));
  return Array.isArray(stored)
    ? stored.map(orderOf).filter((o): o is RecentOrder => o !== null)
    : [];
}

/** Remember an order (again: the newest copy wins, placed first). */
export function rememberOrder(slug: string, order: RecentOrder): void {
  const rest = recentOrders(slug).filter((o) => o.token !== order.token);
  writeJson(key(slug), [order, ...rest].slice(0, KEEP));
}
