import {
  amendmentFields,
  cartLineOf,
  BASE_PER_UNIT,
  type CartLine,
  type OrderState,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { EventInput } from '../db/orders.ts';
import type { ProductListItem } from '../db/catalogue.ts';
import { amendedEvent } from './order-view.ts';
import { quantityText, readQuantity } from './quantity-field.ts';

/** A line being edited: the cart line and its quantity as typed (sales units). */
export interface AmendRow {
  line: CartLine;
  qty: string;
}

/** The address the order goes to now: its latest amendment's, else its delivery plan's. */
export function currentAddress(state: OrderState): string {
  const last = state.amendments.at(-1);
  const e = last ? amendedEvent(state, last.eventId) : null;
  if (e?.address) return e.address;
  return state.delivery?.address ?? '';
}

/**
 * The "Change order" editor: quantities, removed and added lines (a product at most
 * once), customer, address and a note. Lines already on the order keep their price;
 * added products take today's price, as at checkout.
 */
export class AmendForm {
  rows = $state<AmendRow[]>([]);
  customer = $state<{ id: string; name: string } | null>(null);
  address = $state('');
  note = $state('');
  search = $state('');
  error = $state<string | null>(null);
  /** the order's delivery fee (an online order's), kept in the amended total */
  #deliveryFee = 0;

  reset(state: OrderState, deliveryFee = 0): void {
    this.#deliveryFee = deliveryFee;
    this.rows = state.lines.map((l) => ({
      line: cartLineOf(l),
      qty: quantityText(l.qty, l.unit),
    }));
    this.customer = state.customerId ? { id: state.customerId, name: state.customerName } : null;
    this.address = currentAddress(state);
    this.note = '';
    this.search = '';
    this.error = null;
  }

  /** A product from the search: one more of it if it is already there, else a new line. */
  add(p: Pick<ProductListItem, 'id' | 'code' | 'name' | 'unit' | 'price'>): void {
    const row = this.rows.find((r) => r.line.productId === p.id);
    if (row) {
      const now = readQuantity(row.qty, row.line.unit) ?? 0;
      row.qty = quantityText(now + BASE_PER_UNIT[row.line.unit], row.line.unit);
    } else {
      this.rows.push({
        line: {
          productId: p.id,
          code: p.code,
          name: p.name,
          unit: p.unit,
          unitPrice: p.price,
          qty: BASE_PER_UNIT[p.unit],
        },
        qty: quantityText(BASE_PER_UNIT[p.unit], p.unit),
      });
    }
    this.search = '';
  }

  remove(productId: string): void {
    this.rows = this.rows.filter((r) => r.line.productId !== productId);
  }

  /** The amendment event and its note, or null with `error` saying what to fix. */
  build(
    settings: Pick<SettingsFields, 'taxRate' | 'taxInclusive'>,
  ): { input: EventInput; note: string } | null {
    const lines: CartLine[] = [];
    for (const r of this.rows) {
      const qty = readQuantity(r.qty, r.line.unit);
      if (qty === null) {
        this.error = `How many ${r.line.name}? Type a number.`;
        return null;
      }
      if (qty > 0) lines.push({ ...r.line, qty });
    }
    if (lines.length === 0) {
      this.error = 'An order needs at least one line. To call it off, cancel the order instead.';
      return null;
    }
    this.error = null;
    const fields = amendmentFields({
      lines,
      settings,
      customer: this.customer,
      address: this.address.trim(),
      deliveryFee: this.#deliveryFee,
    });
    return {
      input: { kind: 'amended', ...fields } satisfies EventInput,
      note: this.note.trim(),
    };
  }
}
