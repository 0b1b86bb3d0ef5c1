import { z } from 'zod';
import { couchFields, isoDateTime, shortText, stampsSchema, userId } from './common.ts';

export const ALERT_KINDS = ['low_stock', 'oversell', 'conflict'] as const;

/** Created by the server; an owner acknowledges or resolves it (a mutable field pair). */
export const alertSchema = z.object({
  _id: z.string().regex(/^alert:[A-Za-z0-9:_-]{1,120}$/),
  ...couchFields,
  type: z.literal('alert'),
  kind: z.enum(ALERT_KINDS),
  message: shortText(1000),
  productIds: z.array(z.string()).max(500),
  orderIds: z.array(z.string()).max(500),
  deviceIds: z.array(z.string()).max(500),
  sellerIds: z.array(z.string()).max(500),
  createdAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: userId.nullable(),
  resolution: shortText(500),
  stamps: stampsSchema,
});
export type Alert = z.infer<typeof alertSchema>;

/** The only fields a client may change on an alert. */
export const ALERT_CLIENT_FIELDS = ['acknowledgedAt', 'acknowledgedBy', 'resolution'] as const;
