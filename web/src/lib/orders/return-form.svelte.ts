import {
  returnable,
  returnValue,
  type OrderLine,
  type OrderState,
  type PaymentMethod,
  type Unit,
} from '@stallkeeper/shared';
import type { EventInput } from '../db/orders.ts';
import { amountText, readAmount } from './money-field.ts';
import { quantityText, readQuantity } from './quantity-field.ts';

/** One line the customer can bring back: how much is left, what comes back, where it goes. */
export interface ReturnRow {
  productId: string;
  name: string;
  unit: Unit;
  /** what is left to return (base units) */
  left: number;
  qty: string;
  /** true: back on the shelf; false: written off (damaged) */
  restock: boolean;
}

/** What a saved return hands to the refund receipt. */
export interface SavedReturn {
  lines: { name: string; qty: number; unit: Unit; restock: boolean }[];
  refund: number;
  method: PaymentMethod | null;
  reason: string;
  /** when it was saved (ms since the epoch) */
  at: number;
}

/**
 * The return dialog: per returnable line a quantity and restock or write-off; the
 * refund defaults to the value of what comes back (shared `returnValue`), never more
 * than was paid, until the seller types another amount.
 */
export class ReturnForm {
  rows = $state<ReturnRow[]>([]);
  refundTyped = $state<string | null>(null);
  method = $state<PaymentMethod>('cash');
  reason = $state('');
  error = $state<string | null>(null);
  #lines: OrderLine[] = [];
  #totals = { subtotal: 0, total: 0 };
  #paid = 0;
  #currency = 'EUR';

  reset(state: OrderState, currency: string, method: PaymentMethod): void {
    this.#lines = state.lines;
    this.#totals = { subtotal: state.subtotal, total: state.total };
    this.#paid = Math.max(0, state.paid - state.refunded);
    this.#currency = currency;
    this.rows = returnable(state).flatMap((r) => {
      const l = state.lines.find((x) => x.productId === r.productId);
      return l
        ? [
            {
              productId: r.productId,
              name: l.name,
              unit: l.unit,
              left: r.qty,
              qty: quantityText(r.qty, l.unit),
              restock: true,
            },
          ]
        : [];
    });
    this.refundTyped = null;
    this.method = method === 'account' ? 'cash' : method;
    this.reason = '';
    this.error = null;
  }

  /** What comes back, line by line (unreadable quantities count as nothing here). */
  get items(): { productId: string; qty: number; restock: boolean }[] {
    return this.rows.flatMap((r) => {
      const qty = readQuantity(r.qty, r.unit);
      return qty
        ? [{ productId: r.productId, qty: Math.min(qty, r.left), restock: r.restock }]
        : [];
    });
  }

  /** The refund the dialog suggests: the goods' value, at most what was paid. */
  get suggested(): number {
    return Math.min(returnValue(this.#lines, this.items, this.#totals), this.#paid);
  }

  /** The refund field: the suggestion until the seller types their own. */
  get refundText(): string {
    return this.refundTyped ?? amountText(this.suggested, this.#currency);
  }
  set refundText(v: string) {
    this.refundTyped = v;
  }

  build(): { input: EventInput; saved: SavedReturn } | null {
    for (const r of this.rows) {
      const qty = readQuantity(r.qty, r.unit);
      if (qty === null) {
        this.error = `How many ${r.name} come back? Type a number.`;
        return null;
      }
      if (qty > r.left) {
        this.error = `Only ${quantityText(r.left, r.unit)} of ${r.name} can come back.`;
        return null;
      }
    }
    const items = this.items;
    if (items.length === 0) {
      this.error = 'Choose what comes back: a quantity above 0 on at least one line.';
      return null;
    }
    const refund = readAmount(this.refundText, this.#currency);
    if (refund === null) {
      this.error = 'Enter the refund, for example 12.50 (0 if none).';
      return null;
    }
    if (refund > this.#paid) {
      this.error = 'That refund is more than was paid.';
      return null;
    }
    this.error = null;
    const reason = this.reason.trim();
    const row = (id: string) => this.rows.find((r) => r.productId === id);
    return {
      input: {
        kind: 'returned',
        items,
        refund,
        ...(refund > 0 ? { refundMethod: this.method } : {}),
        ...(reason ? { reason } : {}),
      },
      saved: {
        lines: items.map((i) => ({
          name: row(i.productId)?.name ?? '',
          unit: row(i.productId)?.unit ?? 'piece',
          qty: i.qty,
          restock: i.restock,
        })),
        refund,
        method: refund > 0 ? this.method : null,
        reason,
        at: Date.now(),
      },
    };
  }
}
