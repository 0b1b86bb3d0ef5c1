import { ulid } from '@stallkeeper/shared';
import { customerDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  bulkDocs,
  callApi,
  readJson as json,
  registerUser,
  type TestAccount as Account,
} from '../test-helpers.ts';

// Each registration costs one argon2id hash (~70 ms): three users serve the whole file.
const DAY = 86_400_000;
const CODE_RE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

let app: App;

interface Json {
  [key: string]: unknown;
}

interface ShopSummary {
  id: string;
  name: string;
  role: string;
}

const call = (who: Account | null, method: string, path: string, body?: unknown) =>
  callApi(app, who?.cookie, method, path, body);

async function expectError(res: Response, status: number, reason?: RegExp): Promise<Json> {
  const body = await json(res, status);
  expect(Object.keys(body).sort()).toEqual(['error', 'reason']);
  if (reason) expect(body.reason).toMatch(reason);
  return body;
}

const register = (name: string, shopName: string): Promise<Account> =>
  registerUser(app, name, { shopName });

async function shopsOf(who: Account): Promise<ShopSummary[]> {
  return (await json<{ shops: ShopSummary[] }>(await call(who, 'GET', '/api/auth/session'))).shops;
}

async function invite(owner: Account, shopId: string, role = 'seller'): Promise<string> {
  const body = await json<{ code: string }>(
    await call(owner, 'POST', `/api/shops/${shopId}/invites`, { role }),
    201,
  );
  return body.code;
}

const accept = (who: Account, code: string) => call(who, 'POST', '/api/invites/accept', { code });

let olga: Account; // owner of shop A ("Olga’s Fruit")
let sam: Account; // becomes a seller in A
let pia: Account; // joins A later and is removed; otherwise a stranger to A
let shopA: string;

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [olga, sam, pia] = await Promise.all([
    register('Olga', 'Olga’s Fruit'),
    register('Sam', 'Sam’s Stall'),
    register('Pia', 'Pia’s Pies'),
  ]);
  shopA = olga.shopId;
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('invites', () => {
  let code = '';

  it('an owner creates an invite: 201 with a readable single-use code', async () => {
    const before = Date.now();
    const res = await call(olga, 'POST', `/api/shops/${shopA}/invites`, { role: 'seller' });
    const body = await json<{ code: string; role: string; expiresAt: string; path: string }>(
      res,
      201,
    );
    expect(body.code).toMatch(CODE_RE);
    expect(body.role).toBe('seller');
    expect(body.path).toBe(`/join?code=${body.code}`);
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
    code = body.code;

    const listed = await json<{ invites: Json[] }>(
      await call(olga, 'GET', `/api/shops/${shopA}/invites`),
    );
    expect(listed.invites).toContainEqual({ code, role: 'seller', expiresAt: body.expiresAt });
  });

  it('the role defaults to seller and must be a known role', async () => {
    const body = await json<{ role: string }>(
      await call(olga, 'POST', `/api/shops/${shopA}/invites`, {}),
      201,
    );
    expect(body.role).toBe('seller');
    await expectError(
      await call(olga, 'POST', `/api/shops/${shopA}/invites`, { role: 'admin' }),
      400,
      /role/,
    );
  });

  it('a second user accepts it and becomes a seller of the shop', async () => {
    const res = await accept(sam, code);
    const body = await json<{ shopId: string; shops: ShopSummary[] }>(res);
    expect(body.shopId).toBe(shopA);
    expect(body.shops).toContainEqual({ id: shopA, name: 'Olga’s Fruit', role: 'seller' });
    const shops = await shopsOf(sam);
    expect(shops).toHaveLength(2);
    expect(shops).toContainEqual({ id: shopA, name: 'Olga’s Fruit', role: 'seller' });
    expect(shops).toContainEqual({ id: sam.shopId, name: 'Sam’s Stall', role: 'owner' });
    // and reaches the shop's database
    expect((await call(sam, 'GET', `/db/${shopA}/`)).status).toBe(200);
  });

  it('an invite cannot be used twice', async () => {
    const body = await expectError(await accept(pia, code), 409, /already used/);
    expect(body.error).toBe('conflict');
    expect(await app.services.shops.roleOf(shopA, pia.userId)).toBeNull();
    // and it is no longer listed
    const listed = await json<{ invites: { code: string }[] }>(
      await call(olga, 'GET', `/api/shops/${shopA}/invites`),
    );
    expect(listed.invites.map((i) => i.code)).not.toContain(code);
  });

  it('two users racing for one invite: exactly one gets in', async () => {
    const fresh = await invite(olga, shopA);
    const [a, b] = await Promise.all([accept(pia, fresh), accept(olga, fresh)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    if (a.status === 200) {
      expect(await app.services.shops.roleOf(shopA, pia.userId)).toBe('seller');
      await app.services.shops.removeMember(shopA, pia.userId);
    }
    expect(await app.services.shops.roleOf(shopA, pia.userId)).toBeNull();
  });

  it('an expired invite is 404 and not listed', async () => {
    const old = await app.services.invites.create(
      shopA,
      'seller',
      olga.userId,
      Date.now() - 8 * DAY,
    );
    const listed = await json<{ invites: { code: string }[] }>(
      await call(olga, 'GET', `/api/shops/${shopA}/invites`),
    );
    expect(listed.invites.map((i) => i.code)).not.toContain(old.code);
    await expectError(await accept(pia, old.code), 404, /not valid or has expired/);
    expect(await app.services.shops.roleOf(shopA, pia.userId)).toBeNull();
  });

  it('an unknown code is 404; a malformed body is 400', async () => {
    await expectError(await accept(pia, 'AAAA-BBBB-CCCC'), 404, /not valid or has expired/);
    await expectError(await accept(pia, 'x'), 400);
    await expectError(await call(pia, 'POST', '/api/invites/accept', { code: 42 }), 400);
    await expectError(await call(pia, 'POST', '/api/invites/accept', '{"code":'), 400);
  });

  it.each([
    ['lower case with spaces around', (c: string) => `  ${c.toLowerCase()}  `],
    ['spaces inside the groups', (c: string) => c.split('').join(' ')],
    ['spaces instead of dashes (read aloud)', (c: string) => c.replace(/-/g, ' ')],
    ['no separators at all', (c: string) => c.replace(/-/g, '').toLowerCase()],
  ])('the code is accepted in %s', async (_what, typed) => {
    const fresh = await invite(olga, shopA);
    const res = await accept(olga, typed(fresh)); // the owner joining again: no demotion
    expect((await json<{ shopId: string }>(res)).shopId).toBe(shopA);
    // it was consumed: the canonical code is now used up
    await expectError(await accept(pia, fresh), 409);
  });

  it('accepting an invite never demotes an owner', async () => {
    expect(await app.services.shops.roleOf(shopA, olga.userId)).toBe('owner');
    expect(await shopsOf(olga)).toEqual([{ id: shopA, name: 'Olga’s Fruit', role: 'owner' }]);
  });

  it('an owner revokes an invite (code in any case); it then cannot be used', async () => {
    const fresh = await invite(olga, shopA);
    const res = await call(olga, 'DELETE', `/api/shops/${shopA}/invites/${fresh.toLowerCase()}`);
    expect(res.status).toBe(204);
    await expectError(await accept(pia, fresh), 404);
    await expectError(
      await call(olga, 'DELETE', `/api/shops/${shopA}/invites/${fresh}`),
      404,
      /No such invite/,
    );
    // an invite of another shop cannot be revoked through this one
    const other = await invite(sam, sam.shopId);
    await expectError(await call(olga, 'DELETE', `/api/shops/${shopA}/invites/${other}`), 404);
    await json(await accept(pia, other)); // still valid
    expect(await app.services.shops.roleOf(sam.shopId, pia.userId)).toBe('seller');
    await app.services.shops.removeMember(sam.shopId, pia.userId);
  });
});

describe('sellers and strangers', () => {
  const ownerRoutes = (shopId: string, memberId: string): [string, string, unknown?][] => [
    ['GET', `/api/shops/${shopId}/members`],
    ['PATCH', `/api/shops/${shopId}/members/${memberId}`, { role: 'seller' }],
    ['DELETE', `/api/shops/${shopId}/members/${memberId}`],
    ['GET', `/api/shops/${shopId}/invites`],
    ['POST', `/api/shops/${shopId}/invites`, { role: 'seller' }],
    ['DELETE', `/api/shops/${shopId}/invites/AAAA-BBBB-CCCC`],
    ['DELETE', `/api/shops/${shopId}`],
  ];

  it('a seller gets 403 on every members, invites and shop-management route', async () => {
    for (const [method, path, body] of ownerRoutes(shopA, olga.userId)) {
      const err = await expectError(
        await call(sam, method, path, body),
        403,
        /Only an owner can do this/,
      );
      expect(err.error, `${method} ${path}`).toBe('forbidden');
    }
    // and nothing changed
    expect(await app.services.shops.roleOf(shopA, olga.userId)).toBe('owner');
    expect(await app.services.shops.byId(shopA)).not.toBeNull();
  });

  it('a non-member gets the same 404 as for a shop that does not exist', async () => {
    const nowhere = ulid().toLowerCase();
    for (const [i, [method, path, body]] of ownerRoutes(shopA, olga.userId).entries()) {
      const res = await call(pia, method, path, body);
      const err = await expectError(res, 404, /No such shop/);
      const [m2, p2, b2] = ownerRoutes(nowhere, olga.userId)[i] ?? ['GET', '/'];
      expect(await json(await call(pia, m2, p2, b2), 404), `${method} ${path}`).toEqual(err);
    }
    expect((await call(pia, 'GET', `/db/${shopA}/`)).status).toBe(404);
    expect(await app.services.shops.byId(shopA)).not.toBeNull();
  });
});

describe('members and roles', () => {
  it('an owner lists the members with their roles', async () => {
    const body = await json<{ members: Json[] }>(
      await call(olga, 'GET', `/api/shops/${shopA}/members`),
    );
    expect(body.members).toHaveLength(2);
    expect(body.members).toContainEqual({
      userId: olga.userId,
      name: 'Olga',
      email: 'olga@example.com',
      role: 'owner',
      joinedAt: expect.any(String),
    });
    expect(body.members).toContainEqual({
      userId: sam.userId,
      name: 'Sam',
      email: 'sam@example.com',
      role: 'seller',
      joinedAt: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon/);
  });

  it('the last owner can be neither demoted nor removed', async () => {
    await expectError(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${olga.userId}`, { role: 'seller' }),
      409,
      /at least one owner/,
    );
    await expectError(
      await call(olga, 'DELETE', `/api/shops/${shopA}/members/${olga.userId}`),
      409,
      /at least one owner/,
    );
    expect(await app.services.shops.roleOf(shopA, olga.userId)).toBe('owner');
  });

  it('PATCH changes a role; with two owners one may step down, never the last', async () => {
    const promoted = await json<Json>(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${sam.userId}`, { role: 'owner' }),
    );
    expect(promoted).toEqual({ userId: sam.userId, role: 'owner' });
    expect(await shopsOf(sam)).toContainEqual({ id: shopA, name: 'Olga’s Fruit', role: 'owner' });
    // sam now manages the shop
    expect((await call(sam, 'GET', `/api/shops/${shopA}/members`)).status).toBe(200);

    // olga steps down, sam is then the last owner
    await json(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${olga.userId}`, { role: 'seller' }),
    );
    await expectError(await call(olga, 'GET', `/api/shops/${shopA}/members`), 403);
    await expectError(
      await call(sam, 'PATCH', `/api/shops/${shopA}/members/${sam.userId}`, { role: 'seller' }),
      409,
    );
    // back as it was
    await json(
      await call(sam, 'PATCH', `/api/shops/${shopA}/members/${olga.userId}`, { role: 'owner' }),
    );
    await json(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${sam.userId}`, { role: 'seller' }),
    );
    expect(await app.services.shops.roleOf(shopA, olga.userId)).toBe('owner');
    expect(await app.services.shops.roleOf(shopA, sam.userId)).toBe('seller');
  });

  it('PATCH refuses an unknown role and an unknown member', async () => {
    await expectError(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${sam.userId}`, { role: 'admin' }),
      400,
    );
    await expectError(
      await call(olga, 'PATCH', `/api/shops/${shopA}/members/${pia.userId}`, { role: 'seller' }),
      404,
      /No such member/,
    );
    // PATCH does not add a non-member
    expect(await app.services.shops.roleOf(shopA, pia.userId)).toBeNull();
    await expectError(
      await call(olga, 'DELETE', `/api/shops/${shopA}/members/${ulid().toLowerCase()}`),
      404,
      /No such member/,
    );
  });

  it('a removed member’s very next request to the shop is refused', async () => {
    await json(await accept(pia, await invite(olga, shopA)));
    expect((await call(pia, 'GET', `/db/${shopA}/`)).status).toBe(200);
    expect((await call(pia, 'GET', `/db/${shopA}/_changes`)).status).toBe(200);

    const res = await call(olga, 'DELETE', `/api/shops/${shopA}/members/${pia.userId}`);
    expect(res.status).toBe(204);

    await expectError(await call(pia, 'GET', `/db/${shopA}/`), 404, /Database does not exist/);
    await expectError(await call(pia, 'GET', `/db/${shopA}/_changes`), 404);
    await expectError(
      await call(pia, 'POST', `/db/${shopA}/_bulk_docs`, { docs: [] }),
      404,
      /Database does not exist/,
    );
    await expectError(await call(pia, 'GET', `/api/shops/${shopA}/members`), 404, /No such shop/);
    // still signed in, and still the owner of her own shop
    expect(await shopsOf(pia)).toEqual([{ id: pia.shopId, name: 'Pia’s Pies', role: 'owner' }]);
    expect((await call(pia, 'GET', `/db/${pia.shopId}/`)).status).toBe(200);
    // removed from the members list
    const members = await json<{ members: { userId: string }[] }>(
      await call(olga, 'GET', `/api/shops/${shopA}/members`),
    );
    expect(members.members.map((m) => m.userId).sort()).toEqual([olga.userId, sam.userId].sort());
  });
});

describe('creating and deleting shops', () => {
  let shopB = '';

  it('POST /api/shops creates another shop the user owns', async () => {
    const res = await call(olga, 'POST', '/api/shops', { name: '  Olga’s Flowers ' });
    const body = await json<{ shop: ShopSummary }>(res, 201);
    expect(body.shop).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{26}$/),
      name: 'Olga’s Flowers',
      role: 'owner',
    });
    shopB = body.shop.id;

    const listed = await json<{ shops: ShopSummary[] }>(await call(olga, 'GET', '/api/shops'));
    expect(listed.shops).toHaveLength(2);
    expect(listed.shops).toContainEqual({ id: shopA, name: 'Olga’s Fruit', role: 'owner' });
    expect(listed.shops).toContainEqual({ id: shopB, name: 'Olga’s Flowers', role: 'owner' });
    expect(await shopsOf(olga)).toEqual(listed.shops);

    // its database exists, with settings named after the shop
    const settings = await json<Json>(await call(olga, 'GET', `/db/${shopB}/settings`));
    expect(settings).toMatchObject({
      _id: 'settings',
      type: 'settings',
      shopName: 'Olga’s Flowers',
    });
    // other users do not see it
    expect((await call(sam, 'GET', `/db/${shopB}/`)).status).toBe(404);
    expect(
      (await json<{ shops: ShopSummary[] }>(await call(sam, 'GET', '/api/shops'))).shops,
    ).not.toContainEqual(expect.objectContaining({ id: shopB }));
  });

  it('POST /api/shops needs a name and a session', async () => {
    await expectError(
      await call(olga, 'POST', '/api/shops', { name: '   ' }),
      400,
      /Name your shop/,
    );
    await expectError(await call(olga, 'POST', '/api/shops', {}), 400);
    await expectError(await call(null, 'POST', '/api/shops', { name: 'X' }), 401);
    await expectError(await call(null, 'GET', '/api/shops'), 401);
  });

  it('DELETE /api/shops/:id by its owner removes the shop and its data for everyone', async () => {
    await json(await accept(sam, await invite(olga, shopB)));
    const pending = await invite(olga, shopB); // still outstanding when the shop goes
    const c = customerDoc();
    const rows = await bulkDocs(app, sam.cookie, shopB, [c]);
    expect(rows[0]?.ok).toBe(true);
    expect((await call(olga, 'GET', `/db/${shopB}/${c._id}`)).status).toBe(200);

    const res = await call(olga, 'DELETE', `/api/shops/${shopB}`);
    expect(res.status).toBe(204);

    for (const who of [olga, sam]) {
      await expectError(await call(who, 'GET', `/db/${shopB}/`), 404, /Database does not exist/);
      await expectError(await call(who, 'GET', `/db/${shopB}/${c._id}`), 404);
      await expectError(await call(who, 'GET', `/api/shops/${shopB}/members`), 404);
      await expectError(await call(who, 'DELETE', `/api/shops/${shopB}`), 404);
      const shops = (await json<{ shops: ShopSummary[] }>(await call(who, 'GET', '/api/shops')))
        .shops;
      expect(shops.map((s) => s.id)).not.toContain(shopB);
    }
    expect(await app.services.shops.byId(shopB)).toBeNull();
    expect(await app.services.shops.members(shopB)).toEqual([]);
    // an invite issued before the deletion does not bring the shop back
    await expectError(await accept(pia, pending), 404, /not valid or has expired/);
    expect(await app.services.shops.roleOf(shopB, pia.userId)).toBeNull();
    await expectError(await call(pia, 'GET', `/db/${shopB}/`), 404);
    // the data is gone from storage (opening the name again gives an empty database)
    const info = await app.services.storage.shop(shopB).info();
    expect(info.doc_count).toBe(0);
    // the other shop is untouched
    expect((await call(olga, 'GET', `/db/${shopA}/settings`)).status).toBe(200);
    expect((await call(sam, 'GET', `/db/${shopA}/`)).status).toBe(200);
  });
});
