import { authOptions, forgotInput, resetInput, verifyInput } from '@stallkeeper/shared';
import { Hono } from 'hono';
import { HttpError, badRequest, tooMany, unauthorized } from '../errors.ts';
import { clientAddress, requireSession } from '../http/auth.ts';
import { addressKey } from '../http/client-address.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv, Services } from '../http/types.ts';
import type { Composer } from '../mail/outbox.ts';
import { resetEmail, verifyEmail } from '../mail/templates.ts';
import { RESET_MS, VERIFY_MS } from './email-tokens.ts';
import { hashPassword, passwordWeakness } from './password.ts';
import type { UserRecord } from './users.ts';

const invalidToken = () =>
  new HttpError(
    400,
    'invalid_token',
    'This link is no longer valid. Links work once, for a limited time.',
  );

/** Send `user` a link that proves their current email (registration, email change, resend). */
export async function sendVerification(services: Services, user: UserRecord): Promise<void> {
  const token = await services.emailTokens.create('verify', user.id, user.email, VERIFY_MS);
  await services.mail.send(
    verifyEmail(user.email, user.name, services.mail.link(`/verify#${token}`)),
  );
}

/** The reset link for a `reset` job's email, if an account has it (and has not asked too often). */
export function resetComposer(services: Services): Composer {
  return async ({ email }) => {
    const user = email ? await services.users.byEmail(email) : null;
    if (!user) return null;
    if (services.throttles.mailRequests.charge(`account|${user.id}`) > 0) return null;
    const token = await services.emailTokens.create('reset', user.id, user.email, RESET_MS);
    return resetEmail(user.email, user.name, services.mail.link(`/reset#${token}`));
  };
}

/** Password reset, email verification and what the forms need to know first. */
export function recoveryRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/options', (c) => {
    const { captcha, mail } = c.get('services');
    return c.json(authOptions.parse({ captcha: captcha.enabled, mail: mail.configured }));
  });

  r.post('/forgot', async (c) => {
    const { email, altcha } = await parseBody(c, forgotInput);
    const services = c.get('services');
    await services.captcha.check(altcha);
    const wait = services.throttles.mailRequests.charge(`address|${addressKey(clientAddress(c))}`);
    if (wait > 0) throw tooMany(wait);
    // Kept as a job whatever the email: the answer and its timing are the same whether
    // or not an account has it, and a restart still sends the link (resetComposer).
    await services.mail.outbox.enqueueJob({ kind: 'reset', data: { email } });
    return c.body(null, 202);
  });

  r.post('/reset', async (c) => {
    const input = await parseBody(c, resetInput);
    const { emailTokens, users, sessions, throttles, log } = c.get('services');
    const held = await emailTokens.peek('reset', input.token);
    const user = held ? await users.byId(held.userId) : null;
    if (!held || !user) throw invalidToken();
    const weakness = passwordWeakness(input.password, [user.name, user.email]);
    if (weakness) throw badRequest(weakness);
    if (!(await emailTokens.consume('reset', input.token))) throw invalidToken();
    await users.setPasswordHash(user.id, await hashPassword(input.password));
    // Whoever held a session (perhaps the reason for the reset) is out.
    await sessions.revokeAll(user.id);
    // The link reached this inbox: that proves the address as well.
    await users.markVerified(user.id, held.email);
    throttles.loginProof.succeeded(user.email);
    log.info('password reset', { userId: user.id });
    return c.body(null, 204);
  });

  r.post('/verify', async (c) => {
    const { token } = await parseBody(c, verifyInput);
    const { emailTokens, users } = c.get('services');
    const held = await emailTokens.consume('verify', token);
    if (!held || !(await users.markVerified(held.userId, held.email))) throw invalidToken();
    return c.body(null, 204);
  });

  r.post('/verify/resend', requireSession, async (c) => {
    const services = c.get('services');
    const user = await services.users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    if (user.emailVerifiedAt) return c.body(null, 204);
    const wait = services.throttles.mailRequests.charge(`account|${user.id}`);
    if (wait > 0) throw tooMany(wait);
    await sendVerification(services, user);
    return c.body(null, 202);
  });

  return r;
}

/** `GET /api/captcha`: a fresh ALTCHA challenge for the forms. */
export function captchaRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await c.get('services').captcha.challenge());
  });
  return r;
}
