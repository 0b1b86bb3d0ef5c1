import { z } from 'zod';
import { productFields } from '../schemas/product.ts';
import { pageQuery } from './common.ts';

/** What a program may record; `writeoff` is kept as the app's damage reason. */
export const REST_STOCK_REASONS = ['restock', 'count', 'adjustment', 'writeoff'] as const;

export const restStockInput = z
  .strictObject({
    productId: z.string().max(120),
    /** signed base units; for a count, the level counted */
    qty: z.number().int().min(-1e9).max(1e9),
    reason: z.enum(REST_STOCK_REASONS),
    note: z.string().max(1000).optional(),
  })
  .superRefine((m, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['qty'], message });
    if (m.reason === 'restock' && m.qty <= 0) bad('a restock adds stock: qty must be above 0');
    if (m.reason === 'writeoff' && m.qty >= 0) {
      bad('a write-off takes stock away: qty must be below 0');
    }
    if (m.reason === 'adjustment' && m.qty === 0) bad('an adjustment must change the stock');
    if (m.reason === 'count' && m.qty < 0) bad('a count is the level found: qty must be 0 or more');
  })
  .meta({ id: 'StockInput' });
export type RestStockInput = z.infer<typeof restStockInput>;

export const restStockLevel = z
  .object({
    productId: z.string(),
    code: z.string(),
    name: z.string(),
    unit: productFields.shape.unit,
    onHand: z.number().int(),
  })
  .meta({ id: 'StockLevel' });

export const restStockMovement = z
  .object({
    /** null: a count found what was on hand, so nothing was recorded */
    id: z.string().nullable(),
    productId: z.string(),
    /** the signed change it made (for a count: the difference from what was on hand) */
    qty: z.number().int(),
    reason: z.enum(REST_STOCK_REASONS),
    counted: z.number().int().nullable(),
    note: z.string(),
    at: z.string(),
    onHand: z.number().int(),
  })
  .meta({ id: 'StockMovement' });

export const stockListQuery = pageQuery;
