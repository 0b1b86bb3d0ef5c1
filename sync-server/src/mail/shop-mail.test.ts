import { invoiceDoc, mailDoc, orderDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDocs, callApi, registerUser, type TestAccount } from '../test-helpers.ts';
import { sellerWords } from './shop-mail.ts';
import { mailTestApp, type MailTestApp } from './test-mail-app.ts';
import { addressesOf, type TestSmtp } from './test-smtp.ts';

let t: MailTestApp;
let smtp: TestSmtp;
let app: MailTestApp['app'];
let owner: TestAccount;

beforeAll(async () => {
  t = await mailTestApp();
  ({ smtp, app } = t);
  owner = await registerUser(app, 'Marta', { email: 'marta.mail@example.test' });
});
afterAll(() => t.close());

const pdfText = async (bytes: Uint8Array) =>
  (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;

/** The shop's status document for a request, once the server has written it. */
async function statusOf(mailId: string): Promise<{ status: string; reason: string } | null> {
  const res = await callApi(
    app,
    owner.cookie,
    'GET',
    `/db/${owner.shopId}/mailstatus:${mailId.slice('mail:'.length)}`,
  );
  return res.status === 200 ? ((await res.json()) as { status: string; reason: string }) : null;
}

describe("a shop's email to a customer", () => {
  it('fails with a reason while the sender is unverified, then sends an invoice PDF once', async () => {
    const author = { by: owner.userId, deviceId: owner.deviceId };
    const order = orderDoc({
      ...author,
      number: 'K3-0042',
      lines: [orderLine({ name: 'Honey, 454 g jar', unitPrice: 650, qty: 2 })],
    });
    const invoice = invoiceDoc({
      ...author,
      number: 'IK3-0042',
      orderId: order._id,
      orderNumber: order.number,
      lines: order.lines,
      subtotal: order.subtotal,
      total: order.total,
    });
    const early = mailDoc({
      ...author,
      kind: 'invoice',
      orderId: order._id,
      invoiceId: invoice._id,
      to: 'ana.customer@example.test',
    });
    const rows = await bulkDocs(app, owner.cookie, owner.shopId, [order, invoice, early]);
    expect(
      rows.every((r) => r.ok),
      JSON.stringify(rows),
    ).toBe(true);
    await expect
      .poll(() => statusOf(early._id), { timeout: 10_000 })
      .toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/not confirmed/),
      });

    await t.verify(owner);
    const again = mailDoc({ ...early, _id: mailDoc()._id, note: 'Thanks for Saturday!' });
    await bulkDocs(app, owner.cookie, owner.shopId, [again]);
    await expect
      .poll(() => statusOf(again._id), { timeout: 10_000 })
      .toMatchObject({
        status: 'sent',
      });
    const sent = smtp.messages.filter((m) => addressesOf(m).includes('ana.customer@example.test'));
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail?.subject).toBe('Invoice IK3-0042 from Marta’s Stall');
    expect(mail?.text).toContain('Thanks for Saturday!');
    expect(mail?.replyTo?.text).toContain(owner.email);
    const pdf = mail?.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe('Invoice IK3-0042.pdf');
    const text = await pdfText(new Uint8Array(pdf?.content ?? []));
    expect(text).toContain('IK3-0042');
    expect(text).toContain('Honey, 454 g jar');
  });

  it('is asked through the REST API too, and its status read back', async () => {
    const author = { by: owner.userId, deviceId: owner.deviceId };
    const order = orderDoc({ ...author, number: 'K3-0077' });
    await bulkDocs(app, owner.cookie, owner.shopId, [order]);
    const path = `/api/v1/shops/${owner.shopId}/emails`;
    const orderId = order._id.slice('order:'.length);
    const nobody = await callApi(app, owner.cookie, 'POST', path, { kind: 'receipt', orderId });
    expect(nobody.status).toBe(422); // no customer email, no `to`
    const res = await callApi(app, owner.cookie, 'POST', path, {
      kind: 'receipt',
      orderId,
      to: 'bea.customer@example.test',
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const queued = (await res.json()) as { id: string; status: string };
    expect(queued.status).toBe('queued');
    await expect
      .poll(
        async () =>
          (
            (await (await callApi(app, owner.cookie, 'GET', `${path}/${queued.id}`)).json()) as {
              status: string;
            }
          ).status,
        { timeout: 10_000 },
      )
      .toBe('sent');
    const mail = await smtp.waitFor((m) => addressesOf(m).includes('bea.customer@example.test'));
    expect(mail.subject).toBe('Your receipt K3-0077 from Marta’s Stall');
    const pdf = mail.attachments[0];
    expect(pdf?.filename).toBe('Receipt K3-0077.pdf');
    expect(await pdfText(new Uint8Array(pdf?.content ?? []))).toContain('K3-0077');
  });

  it('refuses a status written by a member, and a request in another member’s name', async () => {
    const forged = await bulkDocs(app, owner.cookie, owner.shopId, [
      {
        _id: `mailstatus:${mailDoc()._id.slice(5)}`,
        type: 'mailstatus',
        mailId: mailDoc()._id,
        status: 'sent',
        reason: '',
        at: new Date().toISOString(),
      },
      mailDoc({ by: 'someone-else', deviceId: owner.deviceId }),
    ]);
    expect(forged.map((r) => r.ok ?? false)).toEqual([false, false]);
  });
});

describe('why a send failed, as the seller reads it', () => {
  it('keeps the desk’s own reasons and words SMTP failures plainly', () => {
    expect(sellerWords('Not sent: the shop has sent 300 emails today.')).toBe(
      'Not sent: the shop has sent 300 emails today.',
    );
    expect(
      sellerWords("Can't send mail - all recipients were rejected: 550 5.1.1 No such user"),
    ).toBe('Not sent: the customer’s mail server refused it. Check the address.');
    expect(sellerWords('connect ECONNREFUSED 127.0.0.1:2525')).toBe(
      'Not sent: the mail server could not be reached after several tries.',
    );
  });
});
