import { z } from 'zod';
import { authorship, couchFields, isoDateTime, prefixedId, shortText } from './common.ts';
import { MAIL_KINDS, MAIL_STATUSES } from './vocabulary.ts';

/**
 * A member's request that the server email a customer their receipt or invoice
 * (with the PDF). Written on any device, offline too: it syncs, and the server
 * sends it once. Append-only; what became of it is the server's `mailstatus`.
 */
export const mailSchema = z
  .object({
    _id: prefixedId('mail'),
    ...couchFields,
    type: z.literal('mail'),
    kind: z.enum(MAIL_KINDS),
    orderId: prefixedId('order'),
    /** the invoice to send (kind `invoice`); null for a receipt */
    invoiceId: prefixedId('invoice').nullable(),
    to: z.email('Enter a valid email address.').max(254),
    /** a line of the sender's own above the message */
    note: shortText(500),
    ...authorship,
  })
  .superRefine((m, ctx) => {
    if ((m.kind === 'invoice') !== (m.invoiceId !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['invoiceId'],
        message: 'an invoice email names its invoice; a receipt names none',
      });
    }
  });
export type MailRequest = z.infer<typeof mailSchema>;

/** What became of a mail request: written (and rewritten) by the server only. */
export const mailStatusSchema = z.object({
  _id: z.string().regex(/^mailstatus:[0-9A-HJKMNP-TV-Z]{26}$/),
  ...couchFields,
  type: z.literal('mailstatus'),
  mailId: prefixedId('mail'),
  status: z.enum(MAIL_STATUSES),
  /** why it failed, in words a seller can act on ('' otherwise) */
  reason: shortText(500),
  at: isoDateTime,
});
export type MailStatusDoc = z.infer<typeof mailStatusSchema>;
