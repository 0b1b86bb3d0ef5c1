import { tokenInfo } from '@stallkeeper/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing.ts';
import {
  callApi,
  overHttp,
  readJson,
  registerUser,
  type Requester,
  type TestAccount,
} from '../test-helpers.ts';

// Contract tests of /api/tokens and the token side of /api/v1, over real HTTP.
let server: Awaited<ReturnType<typeof startTestServer>>;
let http: Requester;
let owner: TestAccount;
let seller: TestAccount;

interface Made {
  id: string;
  name: string;
  shopId: string;
  scope: string;
  createdAt: string;
  token: string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function makeToken(
  who: TestAccount,
  scope: 'read' | 'write',
  name = 'Website',
): Promise<Made> {
  const res = await callApi(http, who.cookie, 'POST', '/api/tokens', {
    name,
    shopId: owner.shopId,
    scope,
  });
  return readJson<Made>(res, 201);
}

beforeAll(async () => {
  server = await startTestServer({ resolve: false });
  http = overHttp(server.url);
  owner = await registerUser(http, 'Tess', { shopName: 'Tess Market' });
  seller = await registerUser(http, 'Sami');
  // Sami joins Tess's shop as a seller
  const invite = await readJson<{ code: string }>(
    await callApi(http, owner.cookie, 'POST', `/api/shops/${owner.shopId}/invites`, {
      role: 'seller',
    }),
    201,
  );
  await readJson(
    await callApi(http, seller.cookie, 'POST', '/api/invites/accept', { code: invite.code }),
  );
}, 30_000);

afterAll(async () => {
  await server.close();
});

describe('API tokens', () => {
  it('are made with a session, shown once, listed without their value, and revoked', async () => {
    const made = await makeToken(owner, 'write', 'Spreadsheet');
    expect(made).toMatchObject({ name: 'Spreadsheet', shopId: owner.shopId, scope: 'write' });
    expect(made.token).toMatch(/^sk_[A-Za-z0-9_-]{40,}$/);
    expect(Object.keys(made).sort()).toEqual(
      ['createdAt', 'id', 'name', 'scope', 'shopId', 'token'].sort(),
    );

    const list = await readJson<{ items: Record<string, unknown>[] }>(
      await callApi(http, owner.cookie, 'GET', '/api/tokens'),
    );
    // every listed token has the shared shape, and no value
    expect(() => tokenInfo.strict().array().parse(list.items)).not.toThrow();
    const row = list.items.find((t) => t.id === made.id);
    expect(row).toMatchObject({ name: 'Spreadsheet', scope: 'write', shopId: owner.shopId });
    expect(JSON.stringify(list)).not.toContain(made.token);

    // the token works, and its use is noted
    await readJson(await callApi(http, null, 'GET', '/api/v1/me', undefined, bearer(made.token)));
    const after = await readJson<{ items: { id: string; lastUsedAt: string | null }[] }>(
      await callApi(http, owner.cookie, 'GET', '/api/tokens'),
    );
    expect(after.items.find((t) => t.id === made.id)?.lastUsedAt).not.toBeNull();

    const gone = await callApi(http, owner.cookie, 'DELETE', `/api/tokens/${made.id}`);
    expect(gone.status).toBe(204);
    const refused = await callApi(http, null, 'GET', '/api/v1/me', undefined, bearer(made.token));
    expect(await readJson(refused, 401)).toMatchObject({ error: 'unauthorized' });
    expect((await callApi(http, owner.cookie, 'DELETE', `/api/tokens/${made.id}`)).status).toBe(
      404,
    );
  });

  it('refuse bad input, other shops, and requests without a session', async () => {
    const bad = await callApi(http, owner.cookie, 'POST', '/api/tokens', {
      name: '',
      shopId: owner.shopId,
      scope: 'admin',
    });
    expect(await readJson(bad, 400)).toMatchObject({ error: 'bad_request' });
    const foreign = await callApi(http, owner.cookie, 'POST', '/api/tokens', {
      name: 'Theirs',
      shopId: seller.shopId,
      scope: 'read',
    });
    expect(await readJson(foreign, 404)).toMatchObject({ error: 'not_found' });
    expect((await callApi(http, null, 'GET', '/api/tokens')).status).toBe(401);
    // a token cannot make tokens
    const made = await makeToken(owner, 'write');
    const viaToken = await callApi(
      http,
      null,
      'POST',
      '/api/tokens',
      { name: 'More', shopId: owner.shopId, scope: 'write' },
      bearer(made.token),
    );
    expect(viaToken.status).toBe(401);
  });

  it('act as their user in their one shop', async () => {
    const made = await makeToken(seller, 'write');
    const me = await readJson<{ user: { id: string; email: string }; shops: unknown[] }>(
      await callApi(http, null, 'GET', '/api/v1/me', undefined, bearer(made.token)),
    );
    expect(me.user).toMatchObject({ id: seller.userId, email: seller.email });
    expect(me.shops).toEqual([{ id: owner.shopId, name: 'Tess Market', role: 'seller' }]);
    // its own shop's members, as a seller sees them (no emails)
    const members = await readJson<{ items: Record<string, unknown>[] }>(
      await callApi(
        http,
        null,
        'GET',
        `/api/v1/shops/${owner.shopId}/members`,
        undefined,
        bearer(made.token),
      ),
    );
    expect(members.items.map((m) => m.name).sort()).toEqual(['Sami', 'Tess']);
    expect(members.items.every((m) => !('email' in m))).toBe(true);
    // not the shop Sami registered: the token is for Tess's
    const other = await callApi(
      http,
      null,
      'GET',
      `/api/v1/shops/${seller.shopId}/members`,
      undefined,
      bearer(made.token),
    );
    expect(await readJson(other, 403)).toMatchObject({ error: 'forbidden' });
    // a seller's token cannot remove anyone
    const removal = await callApi(
      http,
      null,
      'DELETE',
      `/api/v1/shops/${owner.shopId}/members/${owner.userId}`,
      undefined,
      bearer(made.token),
    );
    expect(removal.status).toBe(403);
  });

  it('a read token is refused every write; malformed headers are 401', async () => {
    const read = await makeToken(owner, 'read');
    const write = await callApi(
      http,
      null,
      'DELETE',
      `/api/v1/shops/${owner.shopId}/members/${seller.userId}`,
      undefined,
      bearer(read.token),
    );
    expect(await readJson(write, 403)).toMatchObject({ error: 'forbidden' });
    for (const header of ['Bearer', `Basic ${read.token}`, 'Bearer sk_not-a-token', 'Bearer x']) {
      const res = await callApi(http, null, 'GET', '/api/v1/me', undefined, {
        Authorization: header,
      });
      expect(res.status, header).toBe(401);
    }
  });

  it('stop at once when their user leaves the shop', async () => {
    const other = await registerUser(http, 'Rory');
    const invite = await readJson<{ code: string }>(
      await callApi(http, owner.cookie, 'POST', `/api/shops/${owner.shopId}/invites`, {
        role: 'seller',
      }),
      201,
    );
    await readJson(
      await callApi(http, other.cookie, 'POST', '/api/invites/accept', { code: invite.code }),
    );
    const made = await makeToken(other, 'read');
    const path = `/api/v1/shops/${owner.shopId}/members`;
    expect((await callApi(http, null, 'GET', path, undefined, bearer(made.token))).status).toBe(
      200,
    );
    // the owner removes Rory through the API, with a session
    const removed = await callApi(
      http,
      owner.cookie,
      'DELETE',
      `/api/v1/shops/${owner.shopId}/members/${other.userId}`,
    );
    expect(removed.status).toBe(204);
    const after = await callApi(http, null, 'GET', path, undefined, bearer(made.token));
    expect(await readJson(after, 404)).toMatchObject({ error: 'not_found' });
  });
});
