import { includedTax, percentOf, sum, type Minor } from './money.ts';
import { lineTotal, type Unit } from './quantity.ts';
import type { Order, OrderLine } from './schemas/order.ts';
import type { Channel, PaymentMethod } from './schemas/vocabulary.ts';
import type { SettingsFields } from './schemas/settings.ts';

/** A cart line before checkout: what the seller picked, in base units. */
export interface CartLine {
  productId: string;
  code: string;
  name: string;
  unit: Unit;
  unitPrice: Minor;
  qty: number;
}

export type CartProduct = Pick<CartLine, 'productId' | 'code' | 'name' | 'unit' | 'unitPrice'>;

/** Adding a product already in the cart grows its line; never a duplicate line. */
export function addToCart(
  lines: readonly CartLine[],
  product: CartProduct,
  qty: number,
): CartLine[] {
  if (!Number.isSafeInteger(qty) || qty <= 0) return [...lines];
  const existing = lines.find((l) => l.productId === product.productId);
  if (existing) {
    return lines.map((l) => (l.productId === product.productId ? { ...l, qty: l.qty + qty } : l));
  }
  return [...lines, { ...product, qty }];
}

/** Set a line's quantity; zero or less removes it. */
export function setLineQty(lines: readonly CartLine[], productId: string, qty: number): CartLine[] {
  if (!Number.isSafeInteger(qty) || qty <= 0) return lines.filter((l) => l.productId !== productId);
  return lines.map((l) => (l.productId === productId ? { ...l, qty } : l));
}

/** One step of the +/− buttons: a piece, or 100 g / 100 ml / 100 mm for weighed units. */
export function stepOf(unit: Unit): number {
  return unit === 'piece' ? 1 : 100;
}

export interface CartTotals {
  subtotal: Minor;
  tax: Minor;
  total: Minor;
}

export function cartTotals(
  lines: readonly CartLine[],
  tax: Pick<SettingsFields, 'taxRate' | 'taxInclusive'>,
): CartTotals {
  const subtotal = sum(lines.map((l) => lineTotal(l.unitPrice, l.qty, l.unit)));
  if (tax.taxInclusive) {
    return { subtotal, tax: includedTax(subtotal, tax.taxRate), total: subtotal };
  }
  const t = percentOf(subtotal, tax.taxRate);
  return { subtotal, tax: t, total: subtotal + t };
}

/** Change to give back, or null when the cash does not cover the total. */
export function changeDue(total: Minor, tendered: Minor): Minor | null {
  return tendered >= total ? tendered - total : null;
}

export interface CheckoutInput {
  id: string;
  number: string;
  lines: readonly CartLine[];
  settings: Pick<SettingsFields, 'taxRate' | 'taxInclusive' | 'currency'>;
  channel: Channel;
  method: PaymentMethod;
  /** cash handed over (cash only); null when not counted */
  tendered: Minor | null;
  /** for delivery/pickup: pay now or on fulfilment */
  payNow: boolean;
  customer: { id: string; name: string } | null;
  note: string;
  at: string;
  by: string;
  deviceId: string;
}

/** A sold line as a cart line again (to amend an order: it keeps the price it was sold at). */
export function cartLineOf(l: OrderLine): CartLine {
  return {
    productId: l.productId,
    code: l.code,
    name: l.name,
    unit: l.unit,
    unitPrice: l.unitPrice,
    qty: l.qty,
  };
}

/** The immutable order a checkout creates. */
export function buildOrder(input: CheckoutInput): Order {
  const totals = cartTotals(input.lines, input.settings);
  const lines: OrderLine[] = input.lines.map((l) => ({
    productId: l.productId,
    code: l.code,
    name: l.name,
    unit: l.unit,
    unitPrice: l.unitPrice,
    qty: l.qty,
    lineTotal: lineTotal(l.unitPrice, l.qty, l.unit),
  }));
  const paysNow = input.method !== 'account' && (input.channel === 'counter' || input.payNow);
  const paid = paysNow ? totals.total : 0;
  const cash = input.method === 'cash' && paysNow && input.tendered !== null;
  return {
    _id: input.id,
    type: 'order',
    number: input.number,
    channel: input.channel,
    customerId: input.customer?.id ?? null,
    customerName: input.customer?.name ?? '',
    lines,
    currency: input.settings.currency,
    subtotal: totals.subtotal,
    tax: totals.tax,
    total: totals.total,
    payment: {
      method: input.method,
      paid,
      tendered: cash ? input.tendered : null,
      change: cash && input.tendered !== null ? input.tendered - paid : null,
    },
    note: input.note,
    createdAt: input.at,
    by: input.by,
    deviceId: input.deviceId,
  };
}

export interface AmendmentInput {
  lines: readonly CartLine[];
  settings: Pick<SettingsFields, 'taxRate' | 'taxInclusive'>;
  customer: { id: string; name: string } | null;
  address: string;
  /** what the order charges for delivery (an online order's): an amendment keeps it */
  deliveryFee?: Minor | undefined;
}

/** The new lines and totals an amendment carries (priced as at checkout, the delivery fee kept). */
export function amendmentFields(input: AmendmentInput): {
  lines: OrderLine[];
  subtotal: Minor;
  tax: Minor;
  total: Minor;
  customerId: string | null;
  customerName: string;
  address: string;
} {
  const totals = cartTotals(input.lines, input.settings);
  return {
    lines: input.lines.map((l) => ({
      productId: l.productId,
      code: l.code,
      name: l.name,
      unit: l.unit,
      unitPrice: l.unitPrice,
      qty: l.qty,
      lineTotal: lineTotal(l.unitPrice, l.qty, l.unit),
    })),
    ...totals,
    total: totals.total + (input.deliveryFee ?? 0),
    customerId: input.customer?.id ?? null,
    customerName: input.customer?.name ?? '',
    address: input.address,
  };
}
