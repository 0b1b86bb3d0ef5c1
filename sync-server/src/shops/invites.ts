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

export const normaliseCode = (code: string) => code.trim().toUpperCase().replace(/\s+/g, '');

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
    return all.filter((i) => i.shopId === shopId && Date.parse(i.expiresAt) > now);
  }

  async revoke(shopId: string, code: string): Promise<void> {
    const invite = await getOrNull<InviteRecord>(this.db, `invite:${normaliseCode(code)}`);
    if (!invite || invite.shopId !== shopId) throw notFound('No such invite.');
    await this.db.remove(invite._id, invite._rev);
  }

  /**
   * Use an invite once: deleting it with its revision makes a second use (even a
   * concurrent one) fail with a conflict.
   */
  async consume(code: string, now = Date.now()): Promise<InviteRecord> {
    const invite = await getOrNull<InviteRecord>(this.db, `invite:${normaliseCode(code)}`);
    if (!invite || Date.parse(invite.expiresAt) <= now) {
      throw notFound('This invite code is not valid or has expired.');
    }
    try {
      await this.db.remove(invite._id, invite._rev);
    } catch (err) {
      if (isPouchError(err, 409) || isPouchError(err, 404))
        throw conflict('This invite code was already used.');
      throw err;
    }
    return invite;
  }
}
