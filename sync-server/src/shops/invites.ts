import { randomBytes } from 'node:crypto';
import type { Role } from '@stallkeeper/shared';
import { conflict, notFound } from '../errors.ts';
import { getOrNull, isPouchError, listByPrefix } from '../system-db.ts';

export interface InviteRecord {
  _id: string; // invite:<code>
  _rev?: string;
  type: 'invite';
  code: string;
  shopId: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  /** set when the invite is used: it is kept so a second use can be told apart from a typo */
  usedAt?: string;
}

const INVITE_DAYS = 7;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** A code a person can read aloud at the market: `K7Q2-M9XD-4PRT`. */
export function newInviteCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length] ?? 'A';
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/**
 * What a person typed, as the stored code: case, spaces and separators do not matter,
 * so `k7q2 m9xd 4prt` (the code read aloud in its three groups) finds `K7Q2-M9XD-4PRT`.
 */
export function normaliseCode(code: string): string {
  const chars = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return chars.length === 12
    ? `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`
    : chars;
}

export class Invites {
  constructor(private readonly db: PouchDB.Database) {}

  async create(
    shopId: string,
    role: Role,
    createdBy: string,
    now = Date.now(),
  ): Promise<InviteRecord> {
    const code = newInviteCode();
    const invite: InviteRecord = {
      _id: `invite:${code}`,
      type: 'invite',
      code,
      shopId,
      role,
      createdBy,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + INVITE_DAYS * 86_400_000).toISOString(),
    };
    await this.db.put(invite);
    return invite;
  }

  async forShop(shopId: string): Promise<InviteRecord[]> {
    const all = await listByPrefix<InviteRecord>(this.db, 'invite:');
    const now = Date.now();
    return all.filter((i) => i.shopId === shopId && !i.usedAt && Date.parse(i.expiresAt) > now);
  }

  async revoke(shopId: string, code: string): Promise<void> {
    const invite = await getOrNull<InviteRecord>(this.db, `invite:${normaliseCode(code)}`);
    if (!invite || invite.shopId !== shopId || invite.usedAt) throw notFound('No such invite.');
    await this.db.remove(invite._id, invite._rev);
  }

  /** The invite behind a code, if it can still be used (else 404 / 409, as `consume`). */
  async usable(code: string, now = Date.now()): Promise<InviteRecord> {
    const invite = await getOrNull<InviteRecord>(this.db, `invite:${normaliseCode(code)}`);
    if (!invite || Date.parse(invite.expiresAt) <= now) {
      throw notFound('This invite code is not valid or has expired.');
    }
    if (invite.usedAt) throw conflict('This invite code was already used.');
    return invite;
  }

  /**
   * Use an invite once: marking it used with its revision makes a second use (even a
   * concurrent one) fail with a conflict.
   */
  async consume(code: string, now = Date.now()): Promise<InviteRecord> {
    const invite = await getOrNull<InviteRecord>(this.db, `invite:${normaliseCode(code)}`);
    if (!invite || Date.parse(invite.expiresAt) <= now) {
      throw notFound('This invite code is not valid or has expired.');
    }
    if (invite.usedAt) throw conflict('This invite code was already used.');
    try {
      await this.db.put({ ...invite, usedAt: new Date(now).toISOString() });
    } catch (err) {
      if (isPouchError(err, 409) || isPouchError(err, 404)) {
        throw conflict('This invite code was already used.');
      }
      throw err;
    }
    return invite;
  }
}
