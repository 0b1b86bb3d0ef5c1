import type { OrderState } from './order-state.ts';
import { METHOD_WORDS } from './payment-words.ts';
import type { Order } from './schemas/order.ts';
import type { Minor } from './money.ts';

/** A payment as an invoice lists it (method already in words). */
export interface InvoicePayment {
  at: string;
  amount: Minor;
  method: string;
  reference: string;
}

/**
 * What the customer has paid on the order, oldest first: what was paid at the
 * sale, then each payment recorded since (method in words, reference as given).
 * The app's invoice screen and the server's emailed invoice list the same.
 */
export function paymentsOf(
  order: Pick<Order, 'createdAt' | 'payment'>,
  state: Pick<OrderState, 'payments'>,
): InvoicePayment[] {
  const atSale: InvoicePayment[] =
    order.payment.paid > 0
      ? [
          {
            at: order.createdAt,
            amount: order.payment.paid,
            method: `${METHOD_WORDS[order.payment.method]} (at the sale)`,
            reference: '',
          },
        ]
      : [];
  return [
    ...atSale,
    ...state.payments.map((p) => ({
      at: p.at,
      amount: p.amount,
      method: p.method ? METHOD_WORDS[p.method] : 'Payment',
      reference: p.reference,
    })),
  ];
}
