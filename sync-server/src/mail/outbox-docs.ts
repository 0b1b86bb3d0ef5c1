import type { MailMessage, MailRef } from './message.ts';

/** A queued message, as the system database keeps it until it is settled. */
export interface OutboxDoc {
  _id: string; // outbox:<ulid>
  _rev?: string;
  type: 'outbox';
  /** absent until `job` is composed (then kept, so a retry sends the same message) */
  message?: MailMessage;
  /** a message to be written when it is sent (see `compose`) */
  job?: MailJob;
  ref?: MailRef;
  attempts: number;
  nextAt: string;
  createdAt: string;
  lastError?: string;
  claimedUntil?: string;
  /** the SMTP server took it (what remains is telling whoever asked) */
  sentAt?: string;
}

/** What became of a message (kept after the outbox lets it go). */
export interface MailLogDoc {
  _id: string; // maillog:<ulid>
  _rev?: string;
  type: 'maillog';
  status: 'sent' | 'failed';
  to: string;
  subject: string;
  ref?: MailRef;
  at: string;
  error?: string;
  /** where it went: an SMTP message id or a file */
  where?: string;
}

/** A message whose words are worked out by the sender (a reset link for an email that may have no account). */
export interface MailJob {
  kind: string;
  data: Record<string, string>;
}

/** Writes the message of a job; null: nothing to send (it is dropped). */
export type Composer = (data: Record<string, string>) => Promise<MailMessage | null>;

export type MailStatus =
  | { status: 'queued'; attempts: number; lastError: string | null }
  | { status: 'sent'; at: string }
  | { status: 'failed'; at: string; error: string };

export interface Settled {
  id: string;
  ref: MailRef | undefined;
  status: 'sent' | 'failed';
  at: string;
  error: string | null;
}

/** How a delivery ended. */
export interface Outcome {
  status: 'sent' | 'failed';
  at: string;
  where?: string;
  error?: string;
}

/** The message id a queued document's `_id` carries (the one enqueue answered). */
export const messageIdOf = (doc: OutboxDoc) => doc._id.slice('outbox:'.length);

/** What the settled listeners hear. */
export const settledOf = (doc: OutboxDoc, result: Outcome): Settled => ({
  id: messageIdOf(doc),
  ref: doc.ref,
  status: result.status,
  at: result.at,
  error: result.error ?? null,
});

/** The log entry a settled message leaves (errors cut short: SMTP replies can be long). */
export const mailLogOf = (doc: OutboxDoc, result: Outcome): MailLogDoc => ({
  _id: `maillog:${messageIdOf(doc)}`,
  type: 'maillog',
  status: result.status,
  to: doc.message?.to ?? '',
  subject: doc.message?.subject ?? '',
  at: result.at,
  ...(doc.ref ? { ref: doc.ref } : {}),
  ...(result.error ? { error: result.error.slice(0, 300) } : {}),
  ...(result.where ? { where: result.where } : {}),
});

/** A message's status, from its log once settled or from its queued document before. */
export function statusOf(doc: MailLogDoc | OutboxDoc): MailStatus {
  if (doc.type === 'outbox') {
    return { status: 'queued', attempts: doc.attempts, lastError: doc.lastError ?? null };
  }
  return doc.status === 'sent'
    ? { status: 'sent', at: doc.at }
    : { status: 'failed', at: doc.at, error: doc.error ?? '' };
}
