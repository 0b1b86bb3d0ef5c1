import { ulid } from '@stallkeeper/shared';
import { conflict } from '../errors.ts';
import { getOrNull, isPouchError } from '../system-db.ts';

export interface UserRecord {
  _id: string; // user:<id>
  _rev?: string;
  type: 'user';
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  createdAt: string;
  /** names this user went by before (newest first): their offline audit entries carry them */
  formerNames?: string[];
  /** when the current email's verification link was followed (absent: not yet) */
  emailVerifiedAt?: string;
}

/** How many former names are remembered. */
const FORMER_NAMES = 20;

/** Every name a user's entries may carry: the current one first. */
export const namesOf = (u: UserRecord): string[] => [u.name, ...(u.formerNames ?? [])];

export interface PublicUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

export const toPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  emailVerified: u.emailVerifiedAt !== undefined,
});

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;

/** Users and their unique, case-insensitive emails in the system database. */
export class Users {
  constructor(private readonly db: PouchDB.Database) {}

  async byId(id: string): Promise<UserRecord | null> {
    return getOrNull<UserRecord>(this.db, `user:${id}`);
  }

  async byEmail(email: string): Promise<UserRecord | null> {
    const ref = await getOrNull<{ userId: string }>(this.db, emailKey(email));
    return ref ? this.byId(ref.userId) : null;
  }

  /** Claims the email first, so two racing registrations cannot share it. */
  async create(input: { name: string; email: string; passwordHash: string }): Promise<UserRecord> {
    const id = ulid().toLowerCase();
    try {
      await this.db.put({ _id: emailKey(input.email), type: 'email', userId: id });
    } catch (err) {
      if (isPouchError(err, 409)) throw conflict('An account with this email already exists.');
      throw err;
    }
    const user: UserRecord = {
      _id: `user:${id}`,
      type: 'user',
      id,
      name: input.name,
      email: input.email.trim(),
      passwordHash: input.passwordHash,
      createdAt: new Date().toISOString(),
    };
    await this.db.put(user);
    return user;
  }

  /** Change name and/or email; a new email is claimed before the old one is released. */
  async update(id: string, change: { name?: string; email?: string }): Promise<UserRecord> {
    const user = await this.byId(id);
    if (!user) throw conflict('This account no longer exists.');
    const renamed = change.name !== undefined && change.name !== user.name;
    const next: UserRecord = {
      ...user,
      ...(renamed
        ? {
            name: change.name,
            formerNames: [user.name, ...(user.formerNames ?? [])]
              .filter((n) => n !== change.name)
              .slice(0, FORMER_NAMES),
          }
        : {}),
    };
    if (change.email && emailKey(change.email) !== emailKey(user.email)) {
      try {
        await this.db.put({ _id: emailKey(change.email), type: 'email', userId: id });
      } catch (err) {
        if (isPouchError(err, 409)) throw conflict('An account with this email already exists.');
        throw err;
      }
      await this.#release(user.email);
      next.email = change.email.trim();
      delete next.emailVerifiedAt; // the new address is not proven yet
    }
    await this.db.put(next);
    return next;
  }

  /** The link sent to `email` was followed: verified, if that is still the account's email. */
  async markVerified(id: string, email: string): Promise<boolean> {
    const user = await this.byId(id);
    if (!user || emailKey(user.email) !== emailKey(email)) return false;
    if (!user.emailVerifiedAt) {
      await this.db.put({ ...user, emailVerifiedAt: new Date().toISOString() });
    }
    return true;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    const user = await this.byId(id);
    if (user) await this.db.put({ ...user, passwordHash });
  }

  async remove(id: string): Promise<void> {
    const user = await this.byId(id);
    if (!user?._rev) return;
    await this.#release(user.email);
    await this.db.remove(user._id, user._rev);
  }

  async #release(email: string): Promise<void> {
    const claim = await getOrNull<object>(this.db, emailKey(email));
    if (claim) await this.db.remove(claim._id, claim._rev);
  }
}
