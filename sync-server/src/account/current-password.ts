import type { Context } from 'hono';
import type { UserRecord } from '../auth/users.ts';
import { verifyPassword } from '../auth/password.ts';
import { badRequest, tooMany } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';

/**
 * Every "confirm with your current password" goes through here, throttled per user, so a
 * stolen session cannot be used to guess the password. A missing password counts as a
 * wrong one; while the delay runs the answer is 429 with Retry-After.
 */
export async function confirmCurrentPassword(
  c: Context<AppEnv>,
  user: UserRecord,
  password: string | undefined,
  reasons: { missing: string; wrong: string },
): Promise<void> {
  const { passwordCheck } = c.get('services').throttles;
  const wait = passwordCheck.charge(user.id);
  if (wait > 0) throw tooMany(wait);
  if (!password) throw badRequest(reasons.missing);
  if (!(await verifyPassword(user.passwordHash, password))) throw badRequest(reasons.wrong);
  passwordCheck.reset(user.id);
}
