import { changePasswordInput, deleteAccountInput, updateAccountInput } from '@stallkeeper/shared';
import { Hono } from 'hono';
import { badRequest, conflict, notFound, unauthorized } from '../errors.ts';
import { clearSessionCookie, requireSession } from '../http/auth.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';
import { hashPassword, passwordWeakness } from '../auth/password.ts';
import { confirmCurrentPassword } from './current-password.ts';
import { updateProfile } from './profile.ts';
import { sessionView } from './session-view.ts';

const WRONG = 'Your current password is not correct.';

/** The account screen: profile, password, devices (sessions), and leaving for good. */
export function accountRoutes() {
  const r = new Hono<AppEnv>();
  r.use('*', requireSession);

  r.patch('/', async (c) => {
    const user = await updateProfile(c, await parseBody(c, updateAccountInput));
    return c.json({ user });
  });

  r.post('/password', async (c) => {
    const input = await parseBody(c, changePasswordInput);
    const { users, sessions } = c.get('services');
    const user = await users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    await confirmCurrentPassword(c, user, input.currentPassword, {
      missing: 'Enter your current password.',
      wrong: WRONG,
    });
    const weakness = passwordWeakness(input.newPassword, [user.name, user.email]);
    if (weakness) throw badRequest(weakness);
    await users.setPasswordHash(user.id, await hashPassword(input.newPassword));
    // A changed password signs out every other device.
    await sessions.revokeAll(user.id, c.get('sessionId'));
    return c.body(null, 204);
  });

  // Newest use first. `place` is null unless a GeoIP database is configured (none is:
  // see session-view.ts).
  r.get('/sessions', async (c) => {
    const list = await c.get('services').sessions.list(c.get('userId'));
    return c.json({
      sessions: list.map((s) => ({ ...sessionView(s), current: s.id === c.get('sessionId') })),
    });
  });

  // Log out everywhere: every session of this user, this one included.
  r.delete('/sessions', async (c) => {
    await c.get('services').sessions.revokeAll(c.get('userId'));
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  r.delete('/sessions/:id', async (c) => {
    const ok = await c.get('services').sessions.revokeById(c.get('userId'), c.req.param('id'));
    if (!ok) throw notFound('No such session.');
    if (c.req.param('id') === c.get('sessionId')) clearSessionCookie(c);
    return c.body(null, 204);
  });

  r.delete('/', async (c) => {
    const { password } = await parseBody(c, deleteAccountInput);
    const { users, shops, sessions, tokens } = c.get('services');
    const user = await users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    await confirmCurrentPassword(c, user, password, {
      missing: 'Enter your password.',
      wrong: 'Your password is not correct.',
    });
    const memberships = await shops.forUser(user.id);
    const owned = memberships.filter((s) => s.role === 'owner');
    if (owned.length) {
      throw conflict(
        `Hand over or delete your shops first: ${owned.map((s) => s.name).join(', ')}.`,
      );
    }
    for (const s of memberships) await shops.removeMember(s.id, user.id);
    await sessions.forgetAll(user.id);
    await tokens.revokeAll(user.id);
    await users.remove(user.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return r;
}
