import { z } from 'zod';
import { authorship, couchFields, prefixedId, shortText, signedQuantity } from './common.ts';
import { STOCK_REASONS } from './vocabulary.ts';

/**
 * A signed movement of one product's stock in base units. A count stores the
 * difference it found (and what was counted) so the ledger stays a pure sum
 * whatever order movements arrive in.
 */
export const stockMovementSchema = z.object({
  _id: prefixedId('stock'),
  ...couchFields,
  type: z.literal('stock'),
  productId: prefixedId('product'),
  qty: signedQuantity,
  reason: z.enum(STOCK_REASONS),
  counted: z.number().int().min(0).max(1e9).nullable(),
  /** the alert this movement resolves, if any */
  alertId: z.string().max(120).nullable(),
  note: shortText(1000),
  ...authorship,
});
export type StockMovement = z.infer<typeof stockMovementSchema>;
