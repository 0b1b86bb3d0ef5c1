import { isoNow, ulid, type MailKind, type MailRequest } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { schemas } from '../schemas.ts';
import type { MailRow, MailStatusRow, OutboxRow } from './local.ts';
import { ValidationError, type ShopContext } from './shop.ts';

/**
 * Emailing a customer their receipt or invoice. The request is a `mail:` document
 * written to the replica like a sale, so it works offline and syncs; the server
 * sends it once and writes what became of it (`mailstatus:`), which syncs back.
 */

export interface EmailRequestInput {
  kind: MailKind;
  orderId: string;
  /** the invoice to send (kind `invoice`); null for a receipt */
  invoiceId: string | null;
  to: string;
  note: string;
}

/** Ask the server to email a receipt or invoice: durable on this device when this resolves. */
export async function requestEmail(
  ctx: ShopContext,
  input: EmailRequestInput,
): Promise<MailRequest> {
  const to = input.to.trim();
  if (!to) throw new ValidationError("to: Enter the customer's email address.");
  // The schema's own rule for the address, so the server never refuses what passed here.
  const { mailSchema } = await schemas();
  const checked = mailSchema.shape.to.safeParse(to);
  if (!checked.success) {
    throw new ValidationError(`to: ${checked.error.issues[0]?.message ?? 'Enter a valid email.'}`);
  }
  const doc: MailRequest = {
    _id: `mail:${ulid()}`,
    type: 'mail',
    kind: input.kind,
    orderId: input.orderId,
    invoiceId: input.kind === 'invoice' ? input.invoiceId : null,
    to,
    note: input.note.trim(),
    at: isoNow(),
    by: ctx.actor.userId,
    deviceId: ctx.actor.deviceId,
  };
  const number = await numberOf(ctx, doc);
  const what = doc.kind === 'invoice' ? `invoice ${number}` : `the receipt of order ${number}`;
  return ctx.putNew(
    doc,
    ctx.auditDoc(
      doc.kind === 'invoice' ? 'invoice.email' : 'order.email',
      doc._id,
      `Asked for ${what} to be emailed to ${to}`,
      null,
      { number, to },
    ),
  );
}

/** The number people know the emailed order or invoice by ('' when not on this device). */
async function numberOf(ctx: ShopContext, doc: MailRequest): Promise<string> {
  if (doc.invoiceId) return (await ctx.local.invoices.get(doc.invoiceId))?.number ?? '';
  return (await ctx.local.orders.get(doc.orderId))?.number ?? '';
}

/**
 * Where a request stands, as a seller needs to know it: `waiting` (not on the server
 * yet: offline or not synced), `sending` (the server has it), `sent`, or `failed`.
 */
export type EmailProgress = 'waiting' | 'sending' | 'sent' | 'failed';

export interface EmailView {
  id: string;
  kind: MailKind;
  to: string;
  note: string;
  at: string;
  progress: EmailProgress;
  /** why it was not sent, in the server's words ('' unless failed) */
  reason: string;
  /** when it was sent or given up on (null before) */
  settledAt: string | null;
}

/**
 * A request joined with the server's word on it and this device's outbox. The
 * server's status speaks first (it is written only once the server holds the
 * request); otherwise a request still in the outbox has not reached the server.
 */
export function emailView(
  m: MailRow,
  status: MailStatusRow | undefined,
  pending: OutboxRow | undefined,
): EmailView {
  const base = { id: m.id, kind: m.kind, to: m.to, note: m.note, at: m.at };
  if (status && status.status !== 'queued') {
    return { ...base, progress: status.status, reason: status.reason, settledAt: status.at };
  }
  if (!status && pending?.refused) {
    return { ...base, progress: 'failed', reason: pending.refused, settledAt: pending.at };
  }
  if (!status && pending) return { ...base, progress: 'waiting', reason: '', settledAt: null };
  return { ...base, progress: 'sending', reason: '', settledAt: null };
}

/** Which emails a screen lists: an order's receipts, or an invoice's. */
export type EmailsOf =
  { kind: 'receipt'; orderId: string } | { kind: 'invoice'; invoiceId: string };

/** The emails of a receipt or invoice, newest first, with where each stands. */
export function liveEmails(ctx: ShopContext, of: EmailsOf): Observable<EmailView[]> {
  return liveQuery(async () => {
    const rows =
      of.kind === 'invoice'
        ? await ctx.local.mails.where('invoiceId').equals(of.invoiceId).toArray()
        : (await ctx.local.mails.where('orderId').equals(of.orderId).toArray()).filter(
            (m) => m.kind === 'receipt',
          );
    const ids = rows.map((r) => r.id);
    const [statuses, pending] = await Promise.all([
      ctx.local.mailStatus.bulkGet(ids),
      ctx.local.outbox.bulkGet(ids),
    ]);
    return rows
      .map((r, i) => emailView(r, statuses[i], pending[i]))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  });
}

/** A customer's email address as this device knows it ('' for none or no customer). */
export function liveCustomerEmail(ctx: ShopContext, customerId: string | null): Observable<string> {
  return liveQuery(async () =>
    customerId ? ((await ctx.local.customers.get(customerId))?.email ?? '') : '',
  );
}
