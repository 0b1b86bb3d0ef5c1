import { createRoute } from '@hono/zod-openapi';
import {
  ulid,
  type Customer,
  type Invoice,
  type MailRequest,
  type MailStatusDoc,
  type Order,
} from '@stallkeeper/shared';
import {
  idParam,
  restEmail,
  restEmailInput,
  shopParam,
  type RestEmail,
} from '@stallkeeper/shared/rest';
import { unprocessable } from '../errors.ts';
import { apiWriter, auditOf, writeDocs } from './api-writer.ts';
import { docIdOf, errors, json, mayWrite, publicId, restRouter } from './openapi.ts';
import { docOf } from './shop-reads.ts';
import type { ShopDb } from '../storage/shop-db.ts';

const tags = ['Emails'];

const send = createRoute({
  method: 'post',
  path: '/shops/{shopId}/emails',
  tags,
  summary: 'Email a customer their receipt or invoice, with the PDF attached',
  description:
    'Queued at once (202); the server sends it and its status follows on GET. The sender (the token’s user) must have confirmed their own email address.',
  request: {
    params: shopParam,
    body: { content: { 'application/json': { schema: restEmailInput } }, required: true },
  },
  responses: {
    202: json(restEmail, 'Queued'),
    ...errors(400, 401, 403, 404, 422, 429),
  },
});

const read = createRoute({
  method: 'get',
  path: '/shops/{shopId}/emails/{id}',
  tags,
  summary: 'What became of an email',
  request: { params: idParam },
  responses: { 200: json(restEmail, 'The email'), ...errors(401, 403, 404, 429) },
});

function view(m: MailRequest, status: MailStatusDoc | null): RestEmail {
  return {
    id: publicId(m._id),
    kind: m.kind,
    orderId: publicId(m.orderId),
    invoiceId: m.invoiceId ? publicId(m.invoiceId) : null,
    to: m.to,
    status: status?.status ?? 'queued',
    reason: status?.reason ?? '',
    requestedAt: m.at,
    settledAt: status && status.status !== 'queued' ? status.at : null,
  };
}

const statusOf = (db: ShopDb, mailId: string) =>
  db.get<MailStatusDoc>(`mailstatus:${publicId(mailId)}`).catch(() => null);

export function emailRoutes() {
  const r = restRouter();

  r.openapi(send, async (c) => {
    mayWrite(c, 'mail', 'create');
    const input = c.req.valid('json');
    const db = c.get('services').storage.shop(c.get('shopId'));
    const invoice = input.invoiceId
      ? await docOf<Invoice>(db, docIdOf('invoice', input.invoiceId), 'invoice:', 'invoice')
      : null;
    const order = await docOf<Order>(
      db,
      invoice ? invoice.orderId : docIdOf('order', input.orderId ?? ''),
      'order:',
      'order',
    );
    const customer = order.customerId
      ? await db.get<Customer>(order.customerId).catch(() => null)
      : null;
    const to = input.to ?? (customer?.email || undefined);
    if (!to) throw unprocessable('The customer has no email address: say `to`.');
    const w = await apiWriter(c);
    const request: MailRequest = {
      _id: `mail:${ulid()}`,
      type: 'mail',
      kind: input.kind,
      orderId: order._id,
      invoiceId: invoice?._id ?? null,
      to,
      note: input.note,
      at: new Date().toISOString(),
      by: w.by.userId,
      deviceId: w.by.deviceId,
    };
    const what = invoice ? `invoice ${invoice.number}` : `receipt ${order.number}`;
    await writeDocs(c.get('services'), w, [
      request,
      auditOf(w, {
        action: invoice ? 'invoice.email' : 'order.email',
        target: order._id,
        summary: `Emailed the ${what} to ${to}`,
        before: null,
        after: null,
      }),
    ]);
    return c.json(view(request, null), 202);
  });

  r.openapi(read, async (c) => {
    const db = c.get('services').storage.shop(c.get('shopId'));
    const m = await docOf<MailRequest>(
      db,
      docIdOf('mail', c.req.valid('param').id),
      'mail:',
      'email',
    );
    return c.json(view(m, await statusOf(db, m._id)), 200);
  });
  return r;
}
