import { loginInput, registerInput, describeIssues } from '@stallkeeper/shared';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { badRequest, tooMany, unauthorized } from '../errors.ts';
import {
  clearSessionCookie,
  clientAddress,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
} from '../http/auth.ts';
import { readJson } from '../http/read-json.ts';
import type { AppEnv } from '../http/types.ts';
import { burnVerify, hashPassword, passwordWeakness, verifyPassword } from './password.ts';
import { toPublicUser } from './users.ts';
import { createShopDatabase } from '../shops/shop-db.ts';

function deviceNameOf(given: string | undefined, userAgent: string | undefined): string {
  if (given) return given;
  if (!userAgent) return 'Unknown device';
  const m = /\(([^)]+)\)/.exec(userAgent);
  return (m?.[1] ?? userAgent).slice(0, 120);
}

export function authRoutes() {
  const r = new Hono<AppEnv>();

  r.post('/register', async (c) => {
    const parsed = registerInput.safeParse(await readJson(c));
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    const input = parsed.data;
    const weakness = passwordWeakness(input.password, [input.name, input.email, input.shopName]);
    if (weakness) throw badRequest(weakness);
    const { users, shops, sessions, log } = c.get('services');
    const user = await users.create({
      name: input.name,
      email: input.email,
      passwordHash: await hashPassword(input.password),
    });
    const shop = await shops.create(input.shopName, user.id);
    await createShopDatabase(c.get('services').storage, shop.id, shop.name);
    await c.get('services').resolvers?.ensure(shop.id);
    log.info('user registered', { userId: user.id, shopId: shop.id });
    const session = await sessions.create(
      user.id,
      deviceNameOf(input.deviceName, c.req.header('user-agent')),
    );
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json({ user: toPublicUser(user), shops: await shops.forUser(user.id) }, 201);
  });

  r.post('/login', async (c) => {
    const parsed = loginInput.safeParse(await readJson(c));
    if (!parsed.success) throw badRequest(describeIssues(parsed.error));
    const { email, password, deviceName } = parsed.data;
    const { users, shops, sessions, loginByAccount, loginByAddress, log } = c.get('services');
    const address = clientAddress(c);
    const wait = Math.max(loginByAccount.retryAfter(email), loginByAddress.retryAfter(address));
    if (wait > 0) throw tooMany(wait);
    const user = await users.byEmail(email);
    const ok = user
      ? await verifyPassword(user.passwordHash, password)
      : (await burnVerify(password), false);
    if (!user || !ok) {
      loginByAccount.fail(email);
      loginByAddress.fail(address);
      log.info('login failed', { address });
      throw unauthorized('Wrong email or password.');
    }
    loginByAccount.reset(email);
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
