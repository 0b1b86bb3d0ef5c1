import type { Order, OrderState } from '@stallkeeper/shared';
import { METHOD_LABEL } from '../orders/labels.ts';
import type { PdfPayment } from '@stallkeeper/shared/pdf';

/**
 * What the customer has paid on the order, oldest first: what was paid at the
 * sale, then each payment recorded since (method in words, reference as given).
 */
export function paymentsOf(
  order: Pick<Order, 'createdAt' | 'payment'>,
  state: Pick<OrderState, 'payments'>,
): PdfPayment[] {
  const atSale: PdfPayment[] =
    order.payment.paid > 0
      ? [
          {
            at: order.createdAt,
            amount: order.payment.paid,
            method: `${METHOD_LABEL[order.payment.method]} (at the sale)`,
            reference: '',
          },
        ]
      : [];
  return [
    ...atSale,
    ...state.payments.map((p) => ({
      at: p.at,
      amount: p.amount,
      method: p.method ? METHOD_LABEL[p.method] : 'Payment',
      reference: p.reference,
    })),
  ];
}
