import { AGING_LABEL, type Alert, type Report } from '@stallkeeper/shared';
import type { MailMessage } from './message.ts';

/** The owner's own emails: the daily digest and an oversell as it happens. */

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function message(to: string, subject: string, blocks: string[], link: string): MailMessage {
  const text = [
    ...blocks,
    `Open Stallkeeper: ${link}`,
    'You get this because you asked for it in Settings → Notifications.',
  ].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem">${blocks
    .map((b) => `<p>${escape(b).replace(/\n/g, '<br>')}</p>`)
    .join(
      '',
    )}<p><a href="${escape(link)}">Open Stallkeeper</a></p><p style="color:#666;font-size:.9em">You get this because you asked for it in Settings → Notifications.</p></body></html>`;
  return { to, subject, text, html };
}

const money = (currency: string) => {
  const f = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return (minor: number) => f.format(minor / 10 ** digits);
};

const listed = (names: string[], max = 8) =>
  names.length > max
    ? `${names.slice(0, max).join(', ')} and ${names.length - max} more`
    : names.join(', ');

/** Yesterday at the shop, in a few lines (figures from the shared report). */
export function digestMail(
  to: string,
  shopName: string,
  day: string,
  r: Report,
  link: string,
): MailMessage {
  const m = money(r.currency);
  const s = r.sales.summary;
  const before = r.sales.previous;
  const date = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
  const blocks = [
    `${shopName} on ${date}`,
    s.orders
      ? `Sales: ${m(s.revenue)} from ${s.orders} ${s.orders === 1 ? 'order' : 'orders'} (average ${m(s.averageBasket)})${s.refunds ? `, ${m(s.refunds)} refunded` : ''}. The day before: ${m(before.revenue)} from ${before.orders}.`
      : `No sales. The day before: ${m(before.revenue)} from ${before.orders} ${before.orders === 1 ? 'order' : 'orders'}.`,
  ];
  const out = r.stock.products.filter((p) => p.badge === 'out').map((p) => p.name);
  const low = r.stock.products.filter((p) => p.badge === 'low').map((p) => p.name);
  if (out.length) blocks.push(`Out of stock (${out.length}): ${listed(out)}.`);
  if (low.length) blocks.push(`Running low (${low.length}): ${listed(low)}.`);
  if (!out.length && !low.length) blocks.push('Stock: nothing is low or out.');
  if (r.stock.oversells.length) {
    blocks.push(
      `Sold more than was in stock (${r.stock.oversells.length}):\n${r.stock.oversells.map((o) => `• ${o.message}`).join('\n')}`,
    );
  }
  const late = r.owed.aging.filter((a) => a.bucket !== 'current' && a.count > 0);
  if (late.length) {
    blocks.push(
      `Overdue invoices:\n${late.map((a) => `• ${AGING_LABEL[a.bucket]}: ${a.count} (${m(a.amount)})`).join('\n')}`,
    );
  }
  return message(
    to,
    `${shopName}: yesterday, ${s.orders ? m(s.revenue) : 'no sales'}`,
    blocks,
    link,
  );
}

/** An oversell the server just flagged (the owner may want to call the customer now). */
export function oversellMail(
  to: string,
  shopName: string,
  alert: Alert,
  link: string,
): MailMessage {
  return message(
    to,
    `${shopName}: sold more than was in stock`,
    [
      alert.message,
      'Two devices sold the last units at the same time. Open the alert to decide what to do: restock, call the customer, or cancel.',
    ],
    link,
  );
}
