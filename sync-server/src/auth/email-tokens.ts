import { createHash, randomBytes } from 'node:crypto';
import { getOrNull, isPouchError } from '../system-db.ts';

/**
 * Single-use tokens sent by email (password reset, email verification). Only the
 * SHA-256 of a token is stored; using it removes the record with its revision, so
 * a second use (even a concurrent one) finds nothing.
 */
export type EmailTokenKind = 'reset' | 'verify';

interface TokenDoc {
  _id: string; // <kind>:<sha256>
  _rev?: string;
  type: 'email-token';
  userId: string;
  /** the address the link went to (a verification proves only that one) */
  email: string;
  expiresAt: string;
}

export const RESET_MS = 30 * 60_000;
export const VERIFY_MS = 7 * 86_400_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class EmailTokens {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly now: () => number = Date.now,
  ) {}

  async create(
    kind: EmailTokenKind,
    userId: string,
    email: string,
    ttlMs: number,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const doc: TokenDoc = {
      _id: `${kind}:${hash(token)}`,
      type: 'email-token',
      userId,
      email,
      expiresAt: new Date(this.now() + ttlMs).toISOString(),
    };
    await this.db.put(doc);
    return token;
  }

  /** The token's user and address without using it up (null: unknown or expired). */
  async peek(
    kind: EmailTokenKind,
    token: string,
  ): Promise<{ userId: string; email: string } | null> {
    const doc = await getOrNull<TokenDoc>(this.db, `${kind}:${hash(token)}`);
    if (!doc || Date.parse(doc.expiresAt) <= this.now()) return null;
    return { userId: doc.userId, email: doc.email };
  }

  /** The token's user and address, once; null when unknown, used or expired. */
  async consume(
    kind: EmailTokenKind,
    token: string,
  ): Promise<{ userId: string; email: string } | null> {
    const doc = await getOrNull<TokenDoc>(this.db, `${kind}:${hash(token)}`);
    if (!doc) return null;
    try {
      await this.db.remove(doc._id, doc._rev);
    } catch (err) {
      if (isPouchError(err, 409) || isPouchError(err, 404)) return null;
      throw err;
    }
    if (Date.parse(doc.expiresAt) <= this.now()) return null;
    return { userId: doc.userId, email: doc.email };
  }
}
