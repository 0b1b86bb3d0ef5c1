import { addressesOf, startTestSmtp, type TestSmtp } from '@stallkeeper/sync-server/testing';
import { test as e2e } from './fixtures.ts';

/** What a test reads of a message the server sent. */
export interface Mail {
  subject?: string;
  text?: string;
}

/**
 * The e2e fixtures with a real SMTP server (on a random loopback port) that the test's
 * own app server sends its email to: a test reads what the person's inbox would.
 */
export const test = e2e.extend<{ smtp: TestSmtp; serverEnv: Record<string, string> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for
  smtp: async ({}, use) => {
    const smtp = await startTestSmtp();
    await use(smtp);
    await smtp.close();
  },
  /** more settings for the test's server (e.g. `{ CAPTCHA: 'on' }`) */
  serverEnv: [{}, { option: true }],
  ownServer: async ({ smtp, serverEnv }, use) => {
    await use({ env: { SMTP_URL: smtp.url, ...serverEnv } });
  },
});

/** The first message to `address` whose subject matches (waiting for it to arrive). */
export function mailTo(smtp: TestSmtp, address: string, subject: RegExp): Promise<Mail> {
  return smtp.waitFor(
    (m) => addressesOf(m).includes(address) && subject.test(m.subject ?? ''),
    20_000,
  );
}

/** The link in a message's text that opens `path` of the app (`/reset`, `/verify`, `/join`). */
export function linkIn(mail: Mail, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const found = new RegExp(`https?://[^\\s<>"]+${escaped}[#?][^\\s<>"]+`).exec(mail.text ?? '');
  if (!found) throw new Error(`no ${path} link in the message:\n${mail.text ?? ''}`);
  return found[0];
}

export { expect } from './fixtures.ts';
