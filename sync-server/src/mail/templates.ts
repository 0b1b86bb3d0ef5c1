import type { MailMessage } from './message.ts';

/**
 * The words of the server's own emails. Plain text first (every mail program shows
 * it); the HTML part is the same words with the link as a button-sized link.
 */

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function message(
  to: string,
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string },
): MailMessage {
  const text = [
    ...paragraphs.slice(0, 1),
    `${link.label}: ${link.url}`,
    ...paragraphs.slice(1),
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:32rem">',
    `<p>${escape(paragraphs[0] ?? '')}</p>`,
    `<p><a href="${escape(link.url)}" style="display:inline-block;padding:.6rem 1rem;background:#1d5c3a;color:#fff;border-radius:.4rem;text-decoration:none">${escape(link.label)}</a></p>`,
    `<p style="font-size:.9em;color:#555">${escape(link.url)}</p>`,
    ...paragraphs.slice(1).map((p) => `<p>${escape(p)}</p>`),
    '</body></html>',
  ].join('');
  return { to, subject, text, html };
}

export function resetEmail(to: string, name: string, url: string): MailMessage {
  return message(
    to,
    'Reset your Stallkeeper password',
    [
      `Hello ${name}, someone (hopefully you) asked to reset the password of your Stallkeeper account.`,
      'The link works once, for 30 minutes. If you did not ask, ignore this email: your password stays as it is.',
    ],
    { url, label: 'Choose a new password' },
  );
}

export function verifyEmail(to: string, name: string, url: string): MailMessage {
  return message(
    to,
    'Confirm your email for Stallkeeper',
    [
      `Hello ${name}, please confirm that this is your email address.`,
      'Until you do, your shop cannot email receipts or invoices to customers.',
    ],
    { url, label: 'Confirm my email' },
  );
}

export function inviteEmail(
  to: string,
  shopName: string,
  inviter: string,
  role: 'owner' | 'seller',
  url: string,
  code: string,
): MailMessage {
  return message(
    to,
    `${inviter} invites you to ${shopName} on Stallkeeper`,
    [
      `${inviter} invites you to join ${shopName} as ${role === 'owner' ? 'an owner' : 'a seller'}.`,
      `Or open Stallkeeper, choose "Join a shop" and enter the code ${code}. The invite works once, for 7 days.`,
    ],
    { url, label: `Join ${shopName}` },
  );
}

/** A customer's order from a shop page: where to follow it. */
export function orderPlacedEmail(
  to: string,
  shopName: string,
  number: string,
  url: string,
): MailMessage {
  return message(
    to,
    `Your order ${number} at ${shopName}`,
    [
      `Thank you for your order ${number} at ${shopName}.`,
      'Follow it, pay for it or cancel it from this link. Keep it to yourself: anyone with the link can see the order.',
    ],
    { url, label: 'Follow my order' },
  );
}

/** The link to every order an address placed at a shop (asked for on the shop page). */
export function myOrdersEmail(to: string, shopName: string, url: string): MailMessage {
  return message(
    to,
    `Your orders at ${shopName}`,
    [
      `Here are your orders at ${shopName}.`,
      'The link works for a week. If you did not ask for it, you can ignore this email.',
    ],
    { url, label: 'See my orders' },
  );
}
