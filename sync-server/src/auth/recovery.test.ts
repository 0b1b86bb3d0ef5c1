import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addressesOf, startTestSmtp, type TestSmtp } from '../mail/test-smtp.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  callApi,
  readJson,
  registerUser,
  sessionCookie,
  TEST_PASSWORD,
  type TestAccount,
} from '../test-helpers.ts';

const NEW_PASSWORD = 'Wb4!cattle-Lane-9x';
const PUBLIC = 'https://stall.example.test';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

const appWith = (captcha = false) =>
  createApp({
    storage: memoryStorage(),
    resolve: false,
    captcha,
    mail: { smtpUrl: smtp.url, from: 'Stall <shop@example.test>', publicUrl: PUBLIC },
  });
type App = ReturnType<typeof appWith>;

/** The link a message holds to `path` (`/reset`, `/verify`, `/join`) on the public origin. */
const linkIn = (text: string | undefined, path: string): string => {
  const m = new RegExp(`${PUBLIC.replace(/\./g, '\\.')}${path}[^\\s]*`).exec(text ?? '');
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[0];
};
const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);
const mailTo = (to: string, subject: RegExp) =>
  smtp.waitFor((m) => addressesOf(m).includes(to) && subject.test(m.subject ?? ''));

async function solved(app: App): Promise<string> {
  const challenge = await readJson<Challenge>(await app.request('/api/captcha'));
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  if (!solution) throw new Error('unsolved');
  const payload = { ...challenge, number: solution.number };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** A login, after waiting out the throttle's Retry-After (the throttle is not the subject here). */
async function login(
  app: App,
  email: string,
  password: string,
  extra: () => Promise<object> = () => Promise.resolve({}),
) {
  for (;;) {
    const body = { email, password, ...(await extra()) }; // a solved check is good once
    const res = await callApi(app, null, 'POST', '/api/auth/login', body);
    if (res.status !== 429) return res;
    await new Promise((r) => setTimeout(r, Number(res.headers.get('Retry-After')) * 1000));
  }
}

describe('password reset over real SMTP', () => {
  let app: App;
  let rosa: TestAccount;
  beforeAll(async () => {
    app = appWith();
    rosa = await registerUser(app, 'Rosa', { email: 'rosa.reset@example.test' });
  });

  it('answers 202 for any email, and mails a single-use link only to an account', async () => {
    const unknown = await callApi(app, null, 'POST', '/api/auth/forgot', {
      email: 'nobody@example.test',
    });
    expect(unknown.status).toBe(202);
    const known = await callApi(app, null, 'POST', '/api/auth/forgot', { email: rosa.email });
    expect(known.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    const mail = await mailTo(rosa.email, /reset/i);
    expect(mail.from?.text).toContain('shop@example.test');
    const link = linkIn(mail.text, '/reset#');
    expect(mail.html).toContain(link);
    const token = tokenOf(link);

    // a weak password is refused without using the link up
    const weak = await callApi(app, null, 'POST', '/api/auth/reset', {
      token,
      password: 'password1',
      passwordConfirm: 'password1',
    });
    expect(weak.status).toBe(400);

    const reset = await callApi(app, null, 'POST', '/api/auth/reset', {
      token,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(reset.status, await reset.text()).toBe(204);

    // the old session is gone, the old password too; the new one works
    expect((await callApi(app, rosa.cookie, 'GET', '/api/auth/session')).status).toBe(401);
    expect((await login(app, rosa.email, TEST_PASSWORD)).status).toBe(401);
    const fresh = await login(app, rosa.email, NEW_PASSWORD);
    const body = await readJson<{ user: { emailVerified: boolean } }>(fresh);
    expect(body.user.emailVerified).toBe(true); // the link proved the inbox

    const again = await callApi(app, null, 'POST', '/api/auth/reset', {
      token,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(await readJson(again, 400)).toMatchObject({ error: 'invalid_token' });
  });

  it('refuses a made-up token', async () => {
    const res = await callApi(app, null, 'POST', '/api/auth/reset', {
      token: 'x'.repeat(43),
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(await readJson(res, 400)).toMatchObject({ error: 'invalid_token' });
  });
});

describe('email verification', () => {
  it('is mailed at registration; following it verifies the account, once', async () => {
    const app = appWith();
    const lena = await registerUser(app, 'Lena', { email: 'lena.verify@example.test' });
    const session = await readJson<{ user: { emailVerified: boolean } }>(
      await callApi(app, lena.cookie, 'GET', '/api/auth/session'),
    );
    expect(session.user.emailVerified).toBe(false);
    const mail = await mailTo(lena.email, /confirm/i);
    const token = tokenOf(linkIn(mail.text, '/verify#'));
    expect((await callApi(app, null, 'POST', '/api/auth/verify', { token })).status).toBe(204);
    const after = await readJson<{ user: { emailVerified: boolean } }>(
      await callApi(app, lena.cookie, 'GET', '/api/auth/session'),
    );
    expect(after.user.emailVerified).toBe(true);
    const twice = await callApi(app, null, 'POST', '/api/auth/verify', { token });
    expect(await readJson(twice, 400)).toMatchObject({ error: 'invalid_token' });
  });
});

describe('a changed email', () => {
  it('is unverified until the link mailed to the new address is followed', async () => {
    const app = appWith();
    const tom = await registerUser(app, 'Tom', { email: 'tom.old@example.test' });
    const first = await mailTo(tom.email, /confirm/i);
    await callApi(app, null, 'POST', '/api/auth/verify', {
      token: tokenOf(linkIn(first.text, '/verify#')),
    });
    const changed = await callApi(app, tom.cookie, 'PATCH', '/api/account', {
      email: 'tom.new@example.test',
      currentPassword: TEST_PASSWORD,
    });
    expect(await readJson(changed)).toMatchObject({ user: { emailVerified: false } });
    const mail = await mailTo('tom.new@example.test', /confirm/i);
    const token = tokenOf(linkIn(mail.text, '/verify#'));
    expect((await callApi(app, null, 'POST', '/api/auth/verify', { token })).status).toBe(204);
    const after = await readJson<{ user: { emailVerified: boolean } }>(
      await callApi(app, tom.cookie, 'GET', '/api/auth/session'),
    );
    expect(after.user.emailVerified).toBe(true);
  });
});

describe('the captcha', () => {
  it('is required to register, accepted once solved, and refused when replayed', async () => {
    const app = appWith(true);
    expect(await readJson(await app.request('/api/auth/options'))).toEqual({
      captcha: true,
      mail: true,
    });
    const form = {
      name: 'Ada',
      email: 'ada.captcha@example.test',
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      shopName: 'Ada Greens',
    };
    const bare = await callApi(app, null, 'POST', '/api/auth/register', form);
    expect(await readJson(bare, 400)).toMatchObject({ error: 'captcha_required' });
    const forged = await callApi(app, null, 'POST', '/api/auth/register', {
      ...form,
      altcha: Buffer.from('{"number":1}').toString('base64'),
    });
    expect(await readJson(forged, 400)).toMatchObject({ error: 'captcha_invalid' });
    const altcha = await solved(app);
    const ok = await callApi(app, null, 'POST', '/api/auth/register', { ...form, altcha });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const replay = await callApi(app, null, 'POST', '/api/auth/register', {
      ...form,
      email: 'ada.again@example.test',
      altcha,
    });
    expect(await readJson(replay, 400)).toMatchObject({ error: 'captcha_invalid' });
    const forgot = await callApi(app, null, 'POST', '/api/auth/forgot', { email: form.email });
    expect(await readJson(forgot, 400)).toMatchObject({ error: 'captcha_required' });
  });

  it('is asked of a login after three failures, until one succeeds', async () => {
    const app = appWith(true);
    const email = 'max.login@example.test';
    const reg = await callApi(app, null, 'POST', '/api/auth/register', {
      name: 'Max',
      email,
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      shopName: 'Max Eggs',
      altcha: await solved(app),
    });
    expect(reg.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await login(app, email, 'wrong-guess')).status).toBe(401);
    const asked = await login(app, email, TEST_PASSWORD);
    expect(await readJson(asked, 400)).toMatchObject({ error: 'captcha_required' });
    const ok = await login(app, email, TEST_PASSWORD, async () => ({ altcha: await solved(app) }));
    expect(ok.status).toBe(200);
    sessionCookie(ok);
  });
});

describe('joining a shop by invite', () => {
  it('registers a new person straight into the shop, creating no shop of their own', async () => {
    const app = appWith();
    const owner = await registerUser(app, 'Owner', { email: 'owner.join@example.test' });
    const made = await readJson<{ code: string; path: string }>(
      await callApi(app, owner.cookie, 'POST', `/api/shops/${owner.shopId}/invites`, {}),
      201,
    );
    expect(await readJson(await app.request(`/api/invites/${made.code}`))).toEqual({
      shopName: 'Owner’s Stall',
      role: 'seller',
    });
    const res = await callApi(app, null, 'POST', '/api/auth/register', {
      name: 'Sam',
      email: 'sam.join@example.test',
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      invite: made.code.toLowerCase(),
    });
    const body = await readJson<{ shops: { id: string; role: string }[] }>(res, 201);
    expect(body.shops).toEqual([expect.objectContaining({ id: owner.shopId, role: 'seller' })]);
    expect((await app.request(`/api/invites/${made.code}`)).status).toBe(409);
    // a used code creates no account either
    const late = await callApi(app, null, 'POST', '/api/auth/register', {
      name: 'Kim',
      email: 'kim.join@example.test',
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      invite: made.code,
    });
    expect(late.status).toBe(409);
    expect((await login(app, 'kim.join@example.test', TEST_PASSWORD)).status).toBe(401);
  });

  it('emails an invite only from a verified owner', async () => {
    const app = appWith();
    const owner = await registerUser(app, 'Vera', { email: 'vera.invite@example.test' });
    const path = `/api/shops/${owner.shopId}/invites`;
    const to = 'new.seller@example.test';
    const refused = await callApi(app, owner.cookie, 'POST', path, { email: to });
    expect(await readJson(refused, 403)).toMatchObject({ error: 'email_not_verified' });
    const verify = await mailTo(owner.email, /confirm/i);
    const token = tokenOf(linkIn(verify.text, '/verify#'));
    await callApi(app, null, 'POST', '/api/auth/verify', { token });
    const made = await readJson<{ code: string }>(
      await callApi(app, owner.cookie, 'POST', path, { email: to }),
      201,
    );
    const invite = await mailTo(to, /invites you/i);
    expect(linkIn(invite.text, '/join')).toBe(`${PUBLIC}/join?code=${made.code}`);
    expect(invite.text).toContain(made.code);
  });
});
