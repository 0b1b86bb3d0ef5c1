import { describe, expect, it } from 'vitest';
import type { EmailView } from '../db/mail.ts';
import { emailStatusText, sentAt } from './email-words.ts';

const view = (over: Partial<EmailView>): EmailView => ({
  id: 'mail:01J0000000000000000000000A',
  kind: 'invoice',
  to: 'ana@example.com',
  note: '',
  at: '2026-12-04T10:40:00.000Z',
  progress: 'sending',
  reason: '',
  settledAt: null,
  ...over,
});
const now = new Date('2026-12-04T15:00:00');

describe('what the Emails list says', () => {
  it('says where each email stands, never an id or a field name', () => {
    expect(emailStatusText(view({ progress: 'waiting' }), 'en-GB', now)).toBe(
      'Waiting for a connection',
    );
    expect(emailStatusText(view({ progress: 'sending' }), 'en-GB', now)).toBe('Sending…');
    const sent = new Date('2026-12-04T10:42:00');
    expect(
      emailStatusText(view({ progress: 'sent', settledAt: sent.toISOString() }), 'en-GB', now),
    ).toBe('Sent 10:42');
    expect(emailStatusText(view({ progress: 'sent' }), 'en-GB', now)).toBe('Sent');
  });

  it('gives the reason a send failed, with "Not sent" said once', () => {
    const failed = (reason: string) =>
      emailStatusText(
        view({ progress: 'failed', reason, settledAt: now.toISOString() }),
        'en',
        now,
      );
    expect(failed('Not sent: the shop has sent 300 emails today.')).toBe(
      'Not sent: the shop has sent 300 emails today.',
    );
    expect(failed('mailbox unavailable')).toBe('Not sent: mailbox unavailable');
    expect(failed('')).toBe('Not sent');
  });

  it('dates a send from another day', () => {
    const yesterday = new Date('2026-12-03T09:05:00');
    expect(sentAt(yesterday.toISOString(), 'en-GB', now)).toBe('3 Dec 2026, 09:05');
    expect(sentAt('not a date', 'en-GB', now)).toBe('');
  });
});
