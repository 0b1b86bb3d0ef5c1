import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { memoryStorage } from '../storage/backends.ts';
import { TEST_PASSWORD } from '../test-helpers.ts';
import { runServer } from '../test-process.ts';
import { Outbox } from './outbox.ts';
import { addressesOf, startTestSmtp, type TestSmtp } from './test-smtp.ts';
import { fileTransport, smtpTransport, type MailTransport } from './transport.ts';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

const silent = createLogger('silent');
const message = (to: string) => ({
  to,
  subject: `Hello ${to}`,
  text: 'A receipt.',
  attachments: [
    {
      filename: 'r.pdf',
      contentType: 'application/pdf',
      base64: Buffer.from('%PDF-1').toString('base64'),
    },
  ],
});

describe('the outbox', () => {
  it('retries a refused send with growing delays until the server takes it', async () => {
    const outbox = new Outbox(
      memoryStorage().system(),
      smtpTransport(smtp.url),
      'a@example.test',
      silent,
      {
        baseDelayMs: 40,
      },
    );
    const settled: string[] = [];
    outbox.onSettled((s) => {
      settled.push(s.status);
      return Promise.resolve();
    });
    smtp.refuse(true);
    const id = await outbox.enqueue(message('retry@example.test'));
    await expect.poll(async () => (await outbox.status(id))?.status).toBe('queued');
    await expect
      .poll(async () => {
        const s = await outbox.status(id);
        return s?.status === 'queued' ? s.attempts : -1;
      })
      .toBeGreaterThanOrEqual(2);
    smtp.refuse(false);
    const mail = await smtp.waitFor((m) => addressesOf(m).includes('retry@example.test'));
    expect(mail.attachments[0]?.filename).toBe('r.pdf');
    await expect.poll(async () => (await outbox.status(id))?.status).toBe('sent');
    expect(settled).toEqual(['sent']);
    await outbox.stop();
  });

  it('gives up after its last try and says why', async () => {
    const failing: MailTransport = {
      kind: 'smtp',
      send: () => Promise.reject(new Error('connection refused')),
    };
    const outbox = new Outbox(memoryStorage().system(), failing, 'a@example.test', silent, {
      baseDelayMs: 5,
      maxAttempts: 3,
    });
    const id = await outbox.enqueue(message('never@example.test'));
    await expect.poll(async () => (await outbox.status(id))?.status).toBe('failed');
    expect(await outbox.status(id)).toMatchObject({ error: 'connection refused' });
    await outbox.stop();
  });

  it('keeps every message as an .eml file when no SMTP server is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-mail-'));
    try {
      const lines: string[] = [];
      const outbox = new Outbox(
        memoryStorage().system(),
        fileTransport(
          dir,
          createLogger('info', (l) => lines.push(l)),
        ),
        'Stall <a@example.test>',
        silent,
      );
      const id = await outbox.enqueue(message('file@example.test'));
      await expect.poll(async () => (await outbox.status(id))?.status).toBe('sent');
      const [file] = readdirSync(dir);
      if (!file) throw new Error('no file');
      expect(file).toMatch(/\.eml$/);
      const parsed = await simpleParser(readFileSync(join(dir, file)));
      expect(parsed.subject).toBe('Hello file@example.test');
      expect(parsed.attachments[0]?.content.toString()).toBe('%PDF-1');
      expect(lines.join('\n')).toContain(join(dir, file));
      await outbox.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a server killed between the request and the send', () => {
  it('sends the message after it restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stallkeeper-outbox-'));
    // nothing listens here: the first server cannot send and keeps the message queued
    const closed = await startTestSmtp();
    const deadUrl = closed.url;
    await closed.close();
    const env = { NODE_ENV: 'development', CAPTCHA: 'off', RUN_RESOLVERS: 'false' };
    try {
      const first = runServer(dataDir, { ...env, SMTP_URL: deadUrl });
      const base = `http://127.0.0.1:${await first.listening}`;
      const email = 'kill.test@example.test';
      const reg = await fetch(`${base}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({
          name: 'Kira',
          email,
          password: TEST_PASSWORD,
          passwordConfirm: TEST_PASSWORD,
          shopName: 'Kira Herbs',
        }),
      });
      expect(reg.status).toBe(201);
      const forgot = await fetch(`${base}/api/auth/forgot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email }),
      });
      expect(forgot.status).toBe(202);
      first.kill();
      await first.exited;
      expect(smtp.messages.filter((m) => addressesOf(m).includes(email))).toHaveLength(0);

      const second = runServer(dataDir, { ...env, SMTP_URL: smtp.url });
      try {
        await second.listening;
        const reset = await smtp.waitFor(
          (m) => addressesOf(m).includes(email) && /reset/i.test(m.subject ?? ''),
        );
        expect(reset.text).toMatch(/\/reset#\S{20,}/);
        // and the verification mail from the registration, queued the same way
        await smtp.waitFor(
          (m) => addressesOf(m).includes(email) && /confirm/i.test(m.subject ?? ''),
        );
      } finally {
        second.stop();
        await second.exited;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
