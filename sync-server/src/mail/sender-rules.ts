import type { Context } from 'hono';
import { HttpError, tooMany, unauthorized } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import type { UserRecord } from '../auth/users.ts';

/** Refused: the account's email is not verified yet. */
export const unverifiedSender = () =>
  new HttpError(
    403,
    'email_not_verified',
    'Confirm your email address first (the link we sent you) to send email from your shop.',
  );

/**
 * Whether the signed-in user may have the server email someone else (an invite, a
 * customer's receipt): only from a verified account, so no one uses a shop's mail to
 * spam, and a few dozen an hour at most.
 */
export async function mayEmailOthers(c: Context<AppEnv>): Promise<UserRecord> {
  const { users, throttles } = c.get('services');
  const user = await users.byId(c.get('userId'));
  if (!user) throw unauthorized();
  if (!user.emailVerifiedAt) throw unverifiedSender();
  const wait = throttles.mailRequests.charge(`sender|${user.id}`);
  if (wait > 0) throw tooMany(wait);
  return user;
}
