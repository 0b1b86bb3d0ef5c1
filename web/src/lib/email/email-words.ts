import type { EmailView } from '../db/mail.ts';

/** What the list says of one email after its address: where it stands, in a seller's words. */
export function emailStatusText(v: EmailView, locale: string, now: Date = new Date()): string {
  switch (v.progress) {
    case 'waiting':
      return 'Waiting for a connection';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return v.settledAt ? `Sent ${sentAt(v.settledAt, locale, now)}` : 'Sent';
    case 'failed': {
      // The server's reasons may already begin with "Not sent:"; it is said once.
      const reason = v.reason.replace(/^\s*not sent\s*[:.]?\s*/i, '').trim();
      return reason ? `Not sent: ${reason}` : 'Not sent';
    }
  }
}

/** "10:42" today, "3 Dec 2026, 10:42" another day (the device's locale and clock). */
export function sentAt(iso: string, locale: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const today = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}
