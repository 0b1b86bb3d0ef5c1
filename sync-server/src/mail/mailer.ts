import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { Outbox, type OutboxOptions } from './outbox.ts';
import type { MailMessage, MailRef } from './message.ts';
import { fileTransport, memoryTransport, smtpTransport, type MailTransport } from './transport.ts';

export interface MailOptions {
  /** smtp:// or smtps:// (SMTP_URL); without it messages are kept as files or in memory */
  smtpUrl?: string;
  from?: string;
  /** the origin links point to (PUBLIC_URL) */
  publicUrl?: string;
  /** where `.eml` files go without SMTP (DATA_DIR/mail); without it, memory */
  dataDir?: string;
  /** a transport of the caller's (tests) */
  transport?: MailTransport;
  outbox?: OutboxOptions;
}

/** The server's email: the outbox, the sender and how links are made. */
export class Mailer {
  readonly outbox: Outbox;
  readonly publicUrl: string;

  constructor(system: PouchDB.Database, log: Logger, opts: MailOptions = {}) {
    const transport =
      opts.transport ??
      (opts.smtpUrl
        ? smtpTransport(opts.smtpUrl)
        : opts.dataDir
          ? fileTransport(join(opts.dataDir, 'mail'), log)
          : memoryTransport());
    this.outbox = new Outbox(
      system,
      transport,
      opts.from ?? 'Stallkeeper <no-reply@localhost>',
      log,
      opts.outbox,
    );
    this.publicUrl = (opts.publicUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  }

  /** An SMTP server is configured (else messages are kept as files on the server). */
  get configured(): boolean {
    return this.outbox.transport.kind === 'smtp';
  }

  link(path: string): string {
    return `${this.publicUrl}${path}`;
  }

  send(message: MailMessage, ref?: MailRef): Promise<string> {
    return this.outbox.enqueue(message, ref);
  }
}
