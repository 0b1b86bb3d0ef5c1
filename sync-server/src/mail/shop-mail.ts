import {
  foldOrder,
  invoiceStanding,
  paymentsOf,
  type Invoice,
  type MailRequest,
  type MailStatus,
  type MailStatusDoc,
  type Order,
} from '@stallkeeper/shared';
import type { Users } from '../auth/users.ts';
import type { Logger } from '../log.ts';
import { factsOf, settingsOf } from '../rest/order-reads.ts';
import type { Storage } from '../storage/storage.ts';
import type { MailMessage } from './message.ts';
import type { Outbox, Settled } from './outbox.ts';
import { customerMail } from './customer-mail.ts';
import { PermanentMailError } from './transport.ts';

/**
 * A shop's requests to email a customer (`mail:` documents, written on any device,
 * offline too). The shop's resolver hands each new one over once; it becomes an
 * outbox job (one per request, whatever replays), and what becomes of it is written
 * back as the server's `mailstatus:` document, which syncs to every device. The PDF
 * is made here, when sending, by the same code the app uses (@stallkeeper/shared/pdf).
 */

const JOB = 'shop-mail';
/** requests a shop may send a day; beyond, they fail with a reason */
export const SHOP_MAILS_PER_DAY = 300;

const jobId = (shopId: string, mailId: string) => `shop-${shopId}-${mailId.slice('mail:'.length)}`;

/**
 * Why a send failed, as a seller can act on it: the desk's own reasons as they are,
 * an SMTP refusal or a connection that never came in plain words (details are logged).
 */
export function sellerWords(error: string): string {
  if (!error || error.startsWith('Not sent:')) return error;
  if (/\b5\d\d\b|mailbox|recipient|rejected|refused/i.test(error) && !/ECONNREFUSED/.test(error)) {
    return 'Not sent: the customer’s mail server refused it. Check the address.';
  }
  return 'Not sent: the mail server could not be reached after several tries.';
}

export class ShopMailDesk {
  /** shop → [day, count]: the daily cap (per process; a restart is lenient by design) */
  readonly #sentToday = new Map<string, [string, number]>();

  constructor(
    private readonly storage: Storage,
    private readonly outbox: Outbox,
    private readonly users: Users,
    private readonly log: Logger,
  ) {
    outbox.compose(JOB, (data) => this.#compose(data.shopId ?? '', data.mailId ?? ''));
    outbox.onSettled((s) => this.#settled(s));
  }

  /** A new request reached the shop (the resolver calls this once per request, maybe again on replay). */
  async requested(shopId: string, doc: MailRequest): Promise<void> {
    const id = jobId(shopId, doc._id);
    if (await this.outbox.known(id)) return;
    // said before the job can run, so "queued" never lands after "sent"
    await this.#status(shopId, doc._id, 'queued', '');
    await this.outbox.enqueueJob(
      { kind: JOB, data: { shopId, mailId: doc._id } },
      { id, ref: { kind: JOB, shopId, id: doc._id } },
    );
  }

  async #compose(shopId: string, mailId: string): Promise<MailMessage> {
    const db = this.storage.shop(shopId);
    const request = await db.get<MailRequest>(mailId).catch(() => null);
    if (!request) throw new PermanentMailError('Not sent: the request is no longer in the shop.');
    const sender = await this.users.byId(request.by);
    if (!sender?.emailVerifiedAt) {
      throw new PermanentMailError(
        'Not sent: the sender’s own email address is not confirmed yet (see the link we emailed them).',
      );
    }
    const day = new Date().toISOString().slice(0, 10);
    const [held, count] = this.#sentToday.get(shopId) ?? [day, 0];
    const today = held === day ? count : 0;
    if (today >= SHOP_MAILS_PER_DAY) {
      throw new PermanentMailError(
        `Not sent: the shop has sent ${SHOP_MAILS_PER_DAY} emails today.`,
      );
    }
    this.#sentToday.set(shopId, [day, today + 1]);
    const settings = await settingsOf(db);
    const order = await db.get<Order>(request.orderId).catch(() => null);
    if (!order) throw new PermanentMailError('Not sent: the sale is not on the server.');
    const [facts] = await factsOf(db, [order]);
    const state = facts?.state ?? foldOrder(order, []);
    // The customer reads it in the shop's words; dates in UTC unless the shop says more.
    const locale = 'en-GB';
    const timeZone = 'UTC';
    // The PDF code (about 4 MB of heap) is loaded by the first email that needs it.
    const { invoiceFileName, invoicePdf, receiptFileName, receiptPdf } =
      await import('@stallkeeper/shared/pdf');
    if (request.kind === 'receipt') {
      const pdf = await receiptPdf({ order, shop: settings, state, locale, timeZone });
      return customerMail(
        request,
        settings,
        { what: `Your receipt ${order.number}`, filename: receiptFileName(order.number), pdf },
        sender.email,
      );
    }
    const invoice = await db.get<Invoice>(request.invoiceId ?? '').catch(() => null);
    if (!invoice) throw new PermanentMailError('Not sent: the invoice is not on the server.');
    const pdf = await invoicePdf({
      invoice,
      standing: invoiceStanding(invoice, state, day),
      payments: paymentsOf(order, state),
      logo: null,
      locale,
      timeZone,
      today: day,
    });
    return customerMail(
      request,
      settings,
      { what: `Invoice ${invoice.number}`, filename: invoiceFileName(invoice.number), pdf },
      sender.email,
    );
  }

  async #settled(s: Settled): Promise<void> {
    if (s.ref?.kind !== JOB || !s.ref.shopId || !s.ref.id) return;
    await this.#status(s.ref.shopId, s.ref.id, s.status, sellerWords(s.error ?? ''));
  }

  /**
   * Write (or rewrite) the request's status document; the server is its only writer,
   * but the queue and the send may race to it: a conflict is read again and retried,
   * and a late "queued" never overwrites what was decided.
   */
  async #status(shopId: string, mailId: string, status: MailStatus, reason: string): Promise<void> {
    const db = this.storage.shop(shopId);
    const id = `mailstatus:${mailId.slice('mail:'.length)}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await db.get<MailStatusDoc>(id).catch(() => null);
      if (current?.status === status) return;
      if (current && status === 'queued') return;
      const doc: MailStatusDoc = {
        _id: id,
        ...(current?._rev ? { _rev: current._rev } : {}),
        type: 'mailstatus',
        mailId,
        status,
        reason: reason.slice(0, 500),
        at: new Date().toISOString(),
      };
      try {
        await db.put(doc);
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409) {
          this.log.warn('mail status not written', {
            shopId,
            mailId,
            error: (err as Error).message,
          });
          return;
        }
      }
    }
    this.log.warn('mail status not written after retries', { shopId, mailId, status });
  }
}
