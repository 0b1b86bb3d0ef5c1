import { createHash, randomBytes } from 'node:crypto';
import { ulid, type TokenInfo, type TokenScope } from '@stallkeeper/shared';
import { conflict } from '../errors.ts';
import { getOrNull, isPouchError, listByPrefix } from '../system-db.ts';

/**
 * API tokens for programs (the REST API). Like sessions, only a token's SHA-256 is
 * stored; the token itself is shown once, when it is made. Two documents each: the
 * token's record under its user (listed, revoked by id) and a key from its hash to
 * it (looked up on every request).
 */
interface TokenDoc {
  _id: string; // apitoken:<userId>:<id>
  _rev?: string;
  type: 'apitoken';
  id: string;
  userId: string;
  shopId: string;
  name: string;
  scope: TokenScope;
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface KeyDoc {
  _id: string; // apikey:<sha256 of token>
  _rev?: string;
  type: 'apikey';
  userId: string;
  tokenId: string;
}

/** A user has at most this many tokens (a bound on what listing them reads). */
export const MAX_TOKENS_PER_USER = 50;
/** How often a token's last use is written (every request would be a write per request). */
const LAST_USED_EVERY_MS = 5 * 60 * 1000;
/** Tokens look like `sk_…`, so a leaked one is recognisable in logs and scanners. */
const PREFIX = 'sk_';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const tokenDocId = (userId: string, id: string) => `apitoken:${userId}:${id}`;
const keyDocId = (hashed: string) => `apikey:${hashed}`;

function toInfo(d: TokenDoc): TokenInfo {
  return {
    id: d.id,
    name: d.name,
    shopId: d.shopId,
    scope: d.scope,
    createdAt: d.createdAt,
    lastUsedAt: d.lastUsedAt,
  };
}

export class ApiTokens {
  constructor(private readonly db: PouchDB.Database) {}

  async create(
    userId: string,
    input: { name: string; shopId: string; scope: TokenScope },
  ): Promise<TokenInfo & { token: string }> {
    if ((await this.#docsOf(userId)).length >= MAX_TOKENS_PER_USER) {
      throw conflict(`You have ${MAX_TOKENS_PER_USER} tokens: revoke one you no longer use first.`);
    }
    const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
    const hashed = hash(token);
    const id = ulid();
    const doc: TokenDoc = {
      _id: tokenDocId(userId, id),
      type: 'apitoken',
      id,
      userId,
      shopId: input.shopId,
      name: input.name,
      scope: input.scope,
      hash: hashed,
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
    };
    // the record first: a key without its record is refused, never the other way round
    await this.db.put(doc);
    await this.db.put({ _id: keyDocId(hashed), type: 'apikey', userId, tokenId: id });
    return { ...toInfo(doc), token };
  }

  async list(userId: string): Promise<TokenInfo[]> {
    return (await this.#docsOf(userId)).map(toInfo);
  }

  /** Revoke one of the user's tokens; false if they have none by that id. */
  async revoke(userId: string, id: string): Promise<boolean> {
    if (!/^[0-9A-Z]{26}$/.test(id)) return false;
    const doc = await getOrNull<TokenDoc>(this.db, tokenDocId(userId, id));
    if (!doc) return false;
    const key = await getOrNull<KeyDoc>(this.db, keyDocId(doc.hash));
    if (key) await this.db.remove(key._id, key._rev).catch(ignoreGone);
    await this.db.remove(doc._id, doc._rev).catch(ignoreGone);
    return true;
  }

  /** Every token of a user (when the account goes). */
  async revokeAll(userId: string): Promise<void> {
    for (const d of await this.#docsOf(userId)) await this.revoke(userId, d.id);
  }

  /** The token's record, or null for a token that is unknown, malformed or revoked. */
  async validate(token: string): Promise<(TokenInfo & { userId: string }) | null> {
    if (!token.startsWith(PREFIX) || token.length > 100) return null;
    const key = await getOrNull<KeyDoc>(this.db, keyDocId(hash(token)));
    if (!key) return null;
    const doc = await getOrNull<TokenDoc>(this.db, tokenDocId(key.userId, key.tokenId));
    if (!doc) return null;
    const now = Date.now();
    if (!doc.lastUsedAt || now - Date.parse(doc.lastUsedAt) > LAST_USED_EVERY_MS) {
      await this.db
        .put({ ...doc, lastUsedAt: new Date(now).toISOString() })
        .catch((err: unknown) => {
          if (!isPouchError(err, 409)) throw err;
        });
    }
    return { ...toInfo(doc), userId: doc.userId };
  }

  async #docsOf(userId: string): Promise<TokenDoc[]> {
    return listByPrefix<TokenDoc>(this.db, `apitoken:${userId}:`);
  }
}

function ignoreGone(err: unknown): void {
  if (!isPouchError(err, 404) && !isPouchError(err, 409)) throw err;
}
