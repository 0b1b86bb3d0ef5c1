import type { AlertDecision } from './allocation-state.ts';

/**
 * A product code is unique per shop: what a scanner reads must name one product.
 * Codes compare without case or surrounding spaces, archived products included (an
 * archived product can come back). The app refuses a code its replica already has;
 * the server refuses one written directly; two offline devices can still each create
 * one, so the resolver watches every code and raises an alert naming the products
 * while two share it, and clears it once they do not.
 */
export const codeKey = (code: string): string => code.trim().toLowerCase();

/** What the resolver remembers about codes (part of its saved state). */
export interface CodeIndex {
  /** product id → its code's key */
  codes: Record<string, string>;
  /** code key → the products that have it */
  holders: Record<string, string[]>;
  /** code key → the alert about it */
  alerts: Record<string, { open: boolean; id: string }>;
  /** alerts raised so far: numbers each one, so no two share an id */
  raised: number;
}

export const emptyCodeIndex = (): CodeIndex => ({ codes: {}, holders: {}, alerts: {}, raised: 0 });

/**
 * The alert's id: a code may hold characters an id may not, so it is named by its
 * first product and numbered (one product may share one code, then another).
 */
const alertId = (productId: string, n: number) =>
  `alert:code:${productId.slice('product:'.length)}:${n}`;

/**
 * A product (new, or edited) with `code` arrived. Returns the alerts to raise or
 * clear; `names` gives each product's name for the message.
 */
export function onProductCode(
  idx: CodeIndex,
  productId: string,
  code: string,
  names: Record<string, string>,
  at: string,
): AlertDecision[] {
  const key = codeKey(code);
  const before = idx.codes[productId];
  if (before === key) return [];
  idx.codes[productId] = key;
  if (before !== undefined) {
    idx.holders[before] = (idx.holders[before] ?? []).filter((p) => p !== productId);
  }
  (idx.holders[key] ??= []).push(productId);
  const out: AlertDecision[] = [];
  for (const k of before === undefined ? [key] : [before, key]) {
    const holders = idx.holders[k] ?? [];
    const state = idx.alerts[k];
    if (holders.length >= 2 && !state?.open) {
      const id = alertId(holders[0] ?? productId, idx.raised++);
      idx.alerts[k] = { open: true, id };
      const list = holders.map((p) => `“${names[p] ?? 'a product'}”`).join(' and ');
      out.push({
        id,
        kind: 'duplicate_code',
        cleared: false,
        productIds: [...holders],
        orderIds: [],
        sellerIds: [],
        deviceIds: [],
        message: `${list} have the same code, ${code.trim()}. Give one of them another code so a scan finds the right product.`,
        at,
      });
    } else if (holders.length < 2 && state?.open) {
      idx.alerts[k] = { ...state, open: false };
      out.push({
        id: state.id,
        kind: 'duplicate_code',
        cleared: true,
        productIds: [...holders],
        orderIds: [],
        sellerIds: [],
        deviceIds: [],
        message: 'Each product has its own code again.',
        at,
      });
    }
  }
  return out;
}
