import type { Context } from 'hono';
import type { z } from 'zod';
import type { updateAccountInput } from '@stallkeeper/shared';
import { unauthorized } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import { toPublicUser, type PublicUser } from '../auth/users.ts';
import { confirmCurrentPassword } from './current-password.ts';
import { sendVerification } from '../auth/recovery-routes.ts';

/**
 * A person changes their name or email (the account screen and `PATCH /api/v1/me`).
 * The email is the login: changing it takes the current password, re-saving it
 * does not; an email another account has is a 409.
 */
export async function updateProfile(
  c: Context<AppEnv>,
  input: z.infer<typeof updateAccountInput>,
): Promise<PublicUser> {
  const { currentPassword, ...change } = input;
  const { users } = c.get('services');
  if (change.email !== undefined) {
    const user = await users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    if (change.email !== user.email.trim().toLowerCase()) {
      await confirmCurrentPassword(c, user, currentPassword, {
        missing: 'Enter your current password to change your email.',
        wrong: 'Your current password is not correct.',
      });
    }
  }
  const before = await users.byId(c.get('userId'));
  const after = await users.update(c.get('userId'), change);
  // a new address is unproven until its own link is followed
  if (before && after.email !== before.email) await sendVerification(c.get('services'), after);
  return toPublicUser(after);
}
