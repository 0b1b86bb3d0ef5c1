import { z } from 'zod';
import { MAIL_KINDS } from '../schemas/vocabulary.ts';

/** `POST /shops/{shopId}/emails`: send a customer their receipt or invoice (PDF attached). */
export const restEmailInput = z
  .object({
    kind: z.enum(MAIL_KINDS),
    /** the sale (a receipt); for an invoice, give `invoiceId` instead */
    orderId: z.string().max(40).optional(),
    invoiceId: z.string().max(40).optional(),
    /** the address; by default the order's customer's */
    to: z.email().max(254).optional(),
    /** a line of your own above the message */
    note: z.string().max(500).default(''),
  })
  .refine((v) => (v.kind === 'invoice' ? v.invoiceId !== undefined : v.orderId !== undefined), {
    message: 'A receipt names its orderId; an invoice its invoiceId.',
    path: ['kind'],
  })
  .meta({ id: 'EmailInput' });

/** A request to email a customer and what became of it. */
export const restEmail = z
  .object({
    id: z.string(),
    kind: z.enum(MAIL_KINDS),
    orderId: z.string(),
    invoiceId: z.string().nullable(),
    to: z.string(),
    /** queued until the customer's mail server takes it (sent) or it cannot be sent (failed) */
    status: z.enum(['queued', 'sent', 'failed']),
    /** why it failed ('' otherwise) */
    reason: z.string(),
    requestedAt: z.string(),
    /** when it was sent or failed (null while queued) */
    settledAt: z.string().nullable(),
  })
  .meta({ id: 'Email' });
export type RestEmail = z.infer<typeof restEmail>;
