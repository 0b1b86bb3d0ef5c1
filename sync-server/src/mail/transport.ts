import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';
import type { MailMessage } from './message.ts';

/**
 * Where messages go: an SMTP server (nodemailer: maintained, speaks SMTP/SMTPS with
 * auth, pooling and MIME done right), `.eml` files when none is configured (the
 * README's local start), or memory (tests that call the app without a port).
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'files' | 'memory';
  /** answers where the message went (the SMTP message id or the file's path) */
  send(from: string, message: MailMessage): Promise<string>;
}

/** An SMTP failure that will not go away by retrying (5xx: no such mailbox…). */
export class PermanentMailError extends Error {
  override name = 'PermanentMailError';
}

const mimeOf = (m: MailMessage) => ({
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  replyTo: m.replyTo,
  attachments: m.attachments?.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.base64, 'base64'),
  })),
});

export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(from, message) {
      try {
        const info = await transport.sendMail({ from, ...mimeOf(message) });
        return String(info.messageId);
      } catch (err) {
        const code = (err as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number' && code >= 500) {
          throw new PermanentMailError((err as Error).message);
        }
        throw err;
      }
    },
  };
}

export function fileTransport(dir: string, log: Logger): MailTransport {
  const render = nodemailer.createTransport({ streamTransport: true, buffer: true });
  let n = 0;
  return {
    kind: 'files',
    async send(from, message) {
      const info = await render.sendMail({ from, ...mimeOf(message) });
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = join(dir, `${stamp}-${String(++n).padStart(4, '0')}.eml`);
      await writeFile(path, new Uint8Array(info.message as Buffer));
      log.info('email kept as a file (no SMTP_URL)', { path, subject: message.subject });
      return path;
    },
  };
}

/** Keeps what was sent (tests that run the app with no SMTP server). */
export function memoryTransport(): MailTransport & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    kind: 'memory',
    sent,
    send(_from, message) {
      sent.push(message);
      return Promise.resolve(`memory:${sent.length}`);
    },
  };
}
