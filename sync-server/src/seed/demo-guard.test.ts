import { describe, expect, it } from 'vitest';
import { createApp, createServices } from '../app.ts';
import type { Services } from '../http/types.ts';
import { memoryStorage } from '../storage/backends.ts';
import { callApi, sessionCookie } from '../test-helpers.ts';
import { DEMO_OWNER, DEMO_SELLER, DEMO_SLUG, ensureDemo, removeDemo } from './demo.ts';
import { demoAccountsRefusal, type DemoGuardEnv } from './demo-guard.ts';

const PRODUCTION: DemoGuardEnv = {
  NODE_ENV: 'production',
  DEMO_SEED: false,
  ALLOW_DEMO_ACCOUNTS: false,
};

function services(): Services {
  return createServices({ storage: memoryStorage(), resolve: false });
}

/** A demo account with the published email but a cheap (fake) hash: the guard goes by email. */
async function addAccount(s: Services, who: { name: string; email: string }): Promise<void> {
  await s.users.create({ name: who.name, email: who.email, passwordHash: 'not-a-real-hash' });
}

describe('demoAccountsRefusal', () => {
  it('lets a production server with no demo accounts start', async () => {
    const s = services();
    await addAccount(s, { name: 'Real Owner', email: 'owner@real-market.example' });
    expect(await demoAccountsRefusal(PRODUCTION, s.users)).toBeNull();
  });

  it('refuses DEMO_SEED in production, before any account exists', async () => {
    const s = services();
    const refusal = await demoAccountsRefusal({ ...PRODUCTION, DEMO_SEED: true }, s.users);
    expect(refusal).toMatch(/^Refusing to start: NODE_ENV=production with DEMO_SEED/);
    expect(refusal).toMatch(/ALLOW_DEMO_ACCOUNTS=true/);
    expect(refusal).not.toContain('\n');
  });

  it('refuses a production data set that holds the demo accounts', async () => {
    const s = services();
    await ensureDemo(s);
    const refusal = await demoAccountsRefusal(PRODUCTION, s.users);
    expect(refusal).toMatch(/^Refusing to start: NODE_ENV=production and the demo accounts/);
    expect(refusal).toContain(DEMO_OWNER.email);
    expect(refusal).toContain(DEMO_SELLER.email);
    expect(refusal).toContain('pnpm seed --remove');
    expect(refusal).not.toContain('\n');
  });

  it('refuses either demo account alone, whatever the case of its email', async () => {
    const seller = services();
    await addAccount(seller, DEMO_SELLER);
    expect(await demoAccountsRefusal(PRODUCTION, seller.users)).toContain(DEMO_SELLER.email);
    expect(await demoAccountsRefusal(PRODUCTION, seller.users)).not.toContain(DEMO_OWNER.email);

    const owner = services();
    await addAccount(owner, { name: 'Olivia', email: DEMO_OWNER.email.toUpperCase() });
    expect(await demoAccountsRefusal(PRODUCTION, owner.users)).toContain(DEMO_OWNER.email);
  });

  it('lets ALLOW_DEMO_ACCOUNTS=true override both refusals', async () => {
    const s = services();
    await addAccount(s, DEMO_OWNER);
    const allowed = { ...PRODUCTION, ALLOW_DEMO_ACCOUNTS: true };
    expect(await demoAccountsRefusal(allowed, s.users)).toBeNull();
    expect(await demoAccountsRefusal({ ...allowed, DEMO_SEED: true }, s.users)).toBeNull();
  });

  it.each(['development', 'test'] as const)('never refuses with NODE_ENV=%s', async (mode) => {
    const s = services();
    await addAccount(s, DEMO_OWNER);
    const env = { ...PRODUCTION, NODE_ENV: mode };
    expect(await demoAccountsRefusal(env, s.users)).toBeNull();
    expect(await demoAccountsRefusal({ ...env, DEMO_SEED: true }, s.users)).toBeNull();
  });
});

describe('removeDemo', () => {
  it('deletes the demo shop and accounts, so production may start and the logins fail', async () => {
    const app = createApp({ storage: memoryStorage(), resolve: false });
    const s = app.services;
    const { shopId } = await ensureDemo(s);
    const login = () =>
      callApi(app, null, 'POST', '/api/auth/login', {
        email: DEMO_OWNER.email,
        password: DEMO_OWNER.password,
      });
    const before = await login();
    expect(before.status).toBe(200);
    const cookie = sessionCookie(before);
    // the demo's shop page is published (without a resolver it lists no stock)
    const page = await callApi(app, null, 'GET', `/api/public/shops/${DEMO_SLUG}`);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ name: 'Green Corner Market', currency: 'EUR' });

    expect(await removeDemo(s)).toEqual({ shopId, emails: [DEMO_OWNER.email, DEMO_SELLER.email] });
    expect((await callApi(app, null, 'GET', `/api/public/shops/${DEMO_SLUG}`)).status).toBe(404);

    expect(await demoAccountsRefusal(PRODUCTION, s.users)).toBeNull();
    expect(await s.shops.byId(shopId)).toBeNull();
    expect((await login()).status).toBe(401);
    // The session the demo owner already had is gone with the account.
    expect((await callApi(app, cookie, 'GET', '/api/auth/session')).status).toBe(401);
    // Nothing left to remove; a fresh demo can be made again afterwards.
    expect(await removeDemo(s)).toEqual({ shopId: null, emails: [] });
    expect((await ensureDemo(s)).created).toBe(true);
  });

  it('refuses, deleting nothing, while a demo account is the only owner of another shop', async () => {
    const s = services();
    const { shopId } = await ensureDemo(s);
    const owner = await s.users.byEmail(DEMO_OWNER.email);
    const real = await s.shops.create('Real Stall', owner?.id ?? '');

    await expect(removeDemo(s)).rejects.toThrow(/only owner of "Real Stall".*another owner/);
    expect(await s.shops.byId(shopId)).not.toBeNull();
    expect(await s.users.byEmail(DEMO_SELLER.email)).not.toBeNull();
    expect(await s.shops.byId(real.id)).not.toBeNull();

    // Once the shop has a real owner as well, the demo owner just leaves it.
    await addAccount(s, { name: 'Real Owner', email: 'owner@real-market.example' });
    const realOwner = await s.users.byEmail('owner@real-market.example');
    await s.shops.addMember(real.id, realOwner?.id ?? '', 'owner');
    await removeDemo(s);
    expect(await s.users.byEmail(DEMO_OWNER.email)).toBeNull();
    expect(await s.shops.members(real.id)).toEqual([
      expect.objectContaining({ userId: realOwner?.id, role: 'owner' }),
    ]);
  });

  it('takes a demo seller out of a real shop it was added to', async () => {
    const s = services();
    await ensureDemo(s);
    await addAccount(s, { name: 'Real Owner', email: 'owner@real-market.example' });
    const realOwner = await s.users.byEmail('owner@real-market.example');
    const seller = await s.users.byEmail(DEMO_SELLER.email);
    const real = await s.shops.create('Real Stall', realOwner?.id ?? '');
    await s.shops.addMember(real.id, seller?.id ?? '', 'seller');

    await removeDemo(s);
    expect(await s.shops.members(real.id)).toEqual([
      expect.objectContaining({ userId: realOwner?.id }),
    ]);
  });
});
