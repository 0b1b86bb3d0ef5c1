import { z } from 'zod';
import {
  attachmentsSchema,
  couchFields,
  currencySchema,
  isoDateTime,
  lineText,
  requiredText,
  shortText,
  stampsSchema,
} from './common.ts';

export const settingsFields = z.object({
  shopName: requiredText('shop name', 120),
  currency: currencySchema,
  /** basis points: 750 = 7.5 % */
  taxRate: z.number().int().min(0).max(10_000),
  taxInclusive: z.boolean(),
  invoiceTermsDays: z.number().int().min(0).max(365),
  lowStockDefault: z.number().int().min(0).max(1e9),
  // What invoices and receipts print.
  address: shortText(500),
  /** phone, email, website: one per line */
  contact: shortText(300),
  taxId: lineText(60),
  paymentInstructions: shortText(1000),
  invoiceFooter: shortText(500),
  receiptFooter: shortText(500),
  /** a seller may cancel orders others took (the owner always may) */
  allowSellerCancel: z.boolean(),
});
export type SettingsFields = z.infer<typeof settingsFields>;

/** Fields a shop's settings may lack (written before they existed); readers fill in the defaults. */
const LATER_FIELDS = {
  address: true,
  contact: true,
  taxId: true,
  paymentInstructions: true,
  invoiceFooter: true,
  receiptFooter: true,
  allowSellerCancel: true,
} as const;

export const settingsSchema = settingsFields.partial(LATER_FIELDS).extend({
  _id: z.literal('settings'),
  ...couchFields,
  type: z.literal('settings'),
  updatedAt: isoDateTime,
  stamps: stampsSchema,
  /** the shop's logo (`logo`), printed on invoices */
  _attachments: attachmentsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
