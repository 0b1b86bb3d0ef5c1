import { z } from 'zod';
import { couchFields, currencySchema, isoDateTime, requiredText, stampsSchema } from './common.ts';

export const settingsFields = z.object({
  shopName: requiredText('shop name', 120),
  currency: currencySchema,
  /** basis points: 750 = 7.5 % */
  taxRate: z.number().int().min(0).max(10_000),
  taxInclusive: z.boolean(),
  invoiceTermsDays: z.number().int().min(0).max(365),
  lowStockDefault: z.number().int().min(0).max(1e9),
});
export type SettingsFields = z.infer<typeof settingsFields>;

export const settingsSchema = settingsFields.extend({
  _id: z.literal('settings'),
  ...couchFields,
  type: z.literal('settings'),
  updatedAt: isoDateTime,
  stamps: stampsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_MERGE_FIELDS = [
  'shopName',
  'currency',
  'taxRate',
  'taxInclusive',
  'invoiceTermsDays',
  'lowStockDefault',
] as const satisfies readonly (keyof SettingsFields)[];

export const DEFAULT_SETTINGS: SettingsFields = {
  shopName: 'My shop',
  currency: 'EUR',
  taxRate: 0,
  taxInclusive: true,
  invoiceTermsDays: 14,
  lowStockDefault: 5,
};
