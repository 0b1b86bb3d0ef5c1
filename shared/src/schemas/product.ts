import { z } from 'zod';
import {
  attachmentsSchema,
  couchFields,
  isoDateTime,
  lineText,
  nonNegativeMinor,
  prefixedId,
  requiredText,
  shortText,
  stampsSchema,
  unitSchema,
} from './common.ts';

/** Product codes are what a scanner reads: letters, digits and a few separators. */
export const productCode = z
  .string()
  .trim()
  .min(1, 'code is required')
  .max(64, 'code is too long')
  .regex(/^[A-Za-z0-9._/-]+$/, 'code may only use letters, digits and . _ / -');

/** The fields an owner edits; also the form schema in the app. */
export const productFields = z.object({
  code: productCode,
  name: requiredText('name', 200),
  unit: unitSchema,
  /** minor units per sales unit (per piece, per kg, per l, per m) */
  price: nonNegativeMinor,
  cost: nonNegativeMinor.nullable(),
  description: shortText(2000),
  imageUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  /** base units; null means the shop's default */
  lowStockThreshold: z.number().int().min(0).max(1e9).nullable(),
  active: z.boolean(),
  /** the owner's grouping for reports and the catalog ('' for none), like "Fruit" */
  category: lineText(60),
  /** offered on the shop's public page */
  online: z.boolean(),
  /**
   * The most base units open online orders may hold at once (so the stall's own sales
   * keep the rest); null: all of the stock that is free.
   */
  onlineAllowance: z.number().int().min(0).max(1e9).nullable(),
});
export type ProductFields = z.infer<typeof productFields>;

/**
 * Products written before categories (or the shop page) existed lack those fields;
 * readers treat them as '' and not sold online (productFieldsOf).
 */
export const productSchema = productFields
  .partial({ category: true, online: true, onlineAllowance: true })
  .extend({
    _id: prefixedId('product'),
    ...couchFields,
    type: z.literal('product'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    stamps: stampsSchema,
    _attachments: attachmentsSchema,
  });
export type Product = z.infer<typeof productSchema>;
