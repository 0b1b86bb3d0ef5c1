import type { MoneyMove, OrderState } from '../order-state.ts';
import type { Order } from '../schemas/order.ts';
import { decimal, type ExportTable } from './table.ts';

/** An order with its money moves (the fold's payments and refunds). */
export interface ExportPayments {
  order: Pick<Order, 'number' | 'createdAt' | 'currency' | 'payment'>;
  state: Pick<OrderState, 'payments' | 'refunds'>;
}

export const PAYMENT_COLUMNS = [
  'order_number',
  'at',
  'kind',
  'method',
  'amount',
  'currency',
  'reference',
] as const;

type Move = {
  at: string;
  kind: 'payment' | 'refund';
  move: Pick<MoneyMove, 'amount' | 'method' | 'reference'>;
};

/**
 * Every move of money, order by order in the order given and by time within one:
 * what was paid at checkout, payments after it, and refunds (a cancellation's or a
 * return's). A refund's amount is negative, so the column sums to what was kept.
 */
export function paymentsTable(orders: readonly ExportPayments[]): ExportTable {
  const rows = orders.flatMap(({ order: o, state: s }) => {
    const moves: Move[] = [
      ...(o.payment.paid > 0
        ? [
            {
              at: o.createdAt,
              kind: 'payment' as const,
              move: { amount: o.payment.paid, method: o.payment.method, reference: '' },
            },
          ]
        : []),
      ...s.payments.map((move) => ({ at: move.at, kind: 'payment' as const, move })),
      ...s.refunds.map((move) => ({ at: move.at, kind: 'refund' as const, move })),
    ];
    // stable: a checkout payment stays before a later one made in the same instant
    moves.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return moves.map(({ at, kind, move }) => [
      o.number,
      at,
      kind,
      move.method ?? '',
      decimal(kind === 'refund' ? -move.amount : move.amount, o.currency),
      o.currency,
      move.reference,
    ]);
  });
  return { name: 'payments', columns: [...PAYMENT_COLUMNS], rows };
}
