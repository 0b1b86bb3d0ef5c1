/**
 * For tests of the server's email: an app with its resolvers running that sends to a
 * real SMTP server of the test's own, and a way to confirm an account's email the
 * way its owner would (the link in the message).
 */
import { expect } from 'vitest';
import { createApp } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import { callApi, type TestAccount } from '../test-helpers.ts';
import { addressesOf, startTestSmtp, type TestSmtp } from './test-smtp.ts';

export const TEST_PUBLIC_URL = 'https://stall.example.test';

export interface MailTestApp {
  app: ReturnType<typeof createApp>;
  smtp: TestSmtp;
  /** the first message to `to` whose subject matches */
  mailTo: (to: string, subject: RegExp) => ReturnType<TestSmtp['waitFor']>;
  /** follow the confirmation link mailed to the account at registration */
  verify(account: TestAccount): Promise<void>;
  close(): Promise<void>;
}

export async function mailTestApp(): Promise<MailTestApp> {
  const smtp = await startTestSmtp();
  const app = createApp({
    storage: memoryStorage(),
    mail: { smtpUrl: smtp.url, publicUrl: TEST_PUBLIC_URL },
  });
  await app.services.resolvers?.start();
  const mailTo = (to: string, subject: RegExp) =>
    smtp.waitFor((m) => addressesOf(m).includes(to) && subject.test(m.subject ?? ''));
  return {
    app,
    smtp,
    mailTo,
    async verify(account) {
      const mail = await mailTo(account.email, /confirm/i);
      const token = /\/verify#(\S+)/.exec(mail.text ?? '')?.[1] ?? '';
      const res = await callApi(app, null, 'POST', '/api/auth/verify', { token });
      expect(res.status).toBe(204);
    },
    async close() {
      await app.services.resolvers?.stop();
      await app.services.mail.outbox.stop();
      await smtp.close();
    },
  };
}
