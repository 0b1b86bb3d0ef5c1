import { loginInput, registerInput } from '@stallkeeper/shared';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { badRequest, notFound, tooMany, unauthorized } from '../errors.ts';
import {
  clearSessionCookie,
  clientAddress,
  isHttps,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
} from '../http/auth.ts';
import { addressKey } from '../http/client-address.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS } from './known-device.ts';
import type { LoginAttempt } from './login-throttle.ts';
import { burnVerify, hashPassword, passwordWeakness, verifyPassword } from './password.ts';
import { toPublicUser } from './users.ts';
import { createShopDatabase } from '../shops/shop-db.ts';
import { sendVerification } from './recovery-routes.ts';

function deviceNameOf(given: string | undefined, userAgent: string | undefined): string {
  if (given) return given;
  if (!userAgent) return 'Unknown device';
  const m = /\(([^)]+)\)/.exec(userAgent);
  return (m?.[1] ?? userAgent).slice(0, 120);
}

/** The known-device cookie now also vouches for `userId` (only /api/auth ever reads it). */
function rememberDevice(c: Context<AppEnv>, userId: string): void {
  const { devices } = c.get('services').throttles;
  setCookie(c, KNOWN_DEVICE_COOKIE, devices.remember(getCookie(c, KNOWN_DEVICE_COOKIE), userId), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/api/auth',
    maxAge: KNOWN_DEVICE_DAYS * 86_400,
  });
}

export function authRoutes() {
  const r = new Hono<AppEnv>();

  r.post('/register', async (c) => {
    const input = await parseBody(c, registerInput);
    const services = c.get('services');
    const { users, shops, sessions, throttles, log, invites } = services;
    await services.captcha.check(input.altcha);
    const weakness = passwordWeakness(input.password, [
      input.name,
      input.email,
      input.shopName ?? '',
    ]);
    if (weakness) throw badRequest(weakness);
    // Every attempt that would create an account counts, taken or not (409 also tells
    // whether an email has an account).
    const wait = throttles.registration.charge(addressKey(clientAddress(c)));
    if (wait > 0) throw tooMany(wait);
    // Joining by invite: the code must be good before an account exists for it.
    if (input.invite !== undefined) {
      const invite = await invites.usable(input.invite);
      if (!(await shops.byId(invite.shopId))) {
        throw notFound('This invite code is not valid or has expired.');
      }
    }
    const user = await users.create({
      name: input.name,
      email: input.email,
      passwordHash: await hashPassword(input.password),
    });
    if (input.invite !== undefined) {
      const invite = await invites.consume(input.invite);
      await shops.addMember(invite.shopId, user.id, invite.role);
      log.info('user registered by invite', { userId: user.id, shopId: invite.shopId });
    } else {
      const shop = await shops.create(input.shopName ?? input.name, user.id);
      await createShopDatabase(services.storage, shop.id, shop.name);
      await services.resolvers?.ensure(shop.id);
      log.info('user registered', { userId: user.id, shopId: shop.id });
    }
    await sendVerification(services, user);
    rememberDevice(c, user.id);
    const session = await sessions.create(
      user.id,
      deviceNameOf(input.deviceName, c.req.header('user-agent')),
    );
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json({ user: toPublicUser(user), shops: await shops.forUser(user.id) }, 201);
  });

  r.post('/login', async (c) => {
    const { email, password, deviceName, altcha } = await parseBody(c, loginInput);
    const { users, shops, sessions, throttles, log } = c.get('services');
    const address = clientAddress(c);
    const user = await users.byEmail(email);
    const attempt: LoginAttempt = {
      account: email,
      address: addressKey(address),
      device: user ? throttles.devices.deviceOf(getCookie(c, KNOWN_DEVICE_COOKIE), user.id) : null,
    };
    // After repeated failures each further try costs a proof of work (not from a
    // device this account has signed in on before). Asked before the throttle counts
    // the try: being asked for the proof is not a failed guess.
    if (attempt.device === null && throttles.loginProof.needed(email)) {
      await c.get('services').captcha.check(altcha);
    }
    const wait = throttles.login.charge(attempt);
    if (wait > 0) throw tooMany(wait);
    const ok = user
      ? await verifyPassword(user.passwordHash, password)
      : (await burnVerify(password), false);
    if (!user || !ok) {
      throttles.loginProof.failed(email);
      log.info('login failed', { address, knownDevice: attempt.device !== null });
      throw unauthorized('Wrong email or password.');
    }
    throttles.login.succeeded(attempt);
    throttles.loginProof.succeeded(email);
    rememberDevice(c, user.id);
    const session = await sessions.create(
      user.id,
      deviceNameOf(deviceName, c.req.header('user-agent')),
    );
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json({ user: toPublicUser(user), shops: await shops.forUser(user.id) });
  });

  r.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await c.get('services').sessions.revoke(token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  r.get('/session', requireSession, async (c) => {
    const { users, shops } = c.get('services');
    const user = await users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    return c.json({ user: toPublicUser(user), shops: await shops.forUser(user.id) });
  });

  return r;
}
