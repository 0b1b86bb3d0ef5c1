import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing.ts';
import {
  callApi,
  overHttp,
  readJson,
  registerUser,
  TEST_PASSWORD,
  type Requester,
  type TestAccount,
} from '../test-helpers.ts';

// Contract tests of /api/v1/me (seed 003's users), over real HTTP.
let server: Awaited<ReturnType<typeof startTestServer>>;
let http: Requester;

interface Me {
  user: { id: string; name: string; email: string; emailVerified: boolean };
  shops: { id: string; name: string; role: string }[];
}

async function token(who: TestAccount, scope: 'read' | 'write'): Promise<string> {
  const res = await callApi(http, who.cookie, 'POST', '/api/tokens', {
    name: 'Script',
    shopId: who.shopId,
    scope,
  });
  return (await readJson<{ token: string }>(res, 201)).token;
}

async function join(owner: TestAccount, who: TestAccount, role: 'owner' | 'seller') {
  const invite = await readJson<{ code: string }>(
    await callApi(http, owner.cookie, 'POST', `/api/shops/${owner.shopId}/invites`, { role }),
    201,
  );
  await readJson(
    await callApi(http, who.cookie, 'POST', '/api/invites/accept', { code: invite.code }),
  );
}

beforeAll(async () => {
  server = await startTestServer({ resolve: false });
  http = overHttp(server.url);
});

afterAll(async () => {
  await server.close();
});

describe('/api/v1/me', () => {
  it('says who the caller is and which shops they may reach', async () => {
    const ada = await registerUser(http, 'Ada', { shopName: 'Ada Greens' });
    const me = await readJson<Me>(await callApi(http, ada.cookie, 'GET', '/api/v1/me'));
    expect(me).toEqual({
      user: { id: ada.userId, name: 'Ada', email: ada.email, emailVerified: false },
      shops: [{ id: ada.shopId, name: 'Ada Greens', role: 'owner' }],
    });
  });

  it('changes the name, and the email only with the current password; a used email is 409', async () => {
    const bo = await registerUser(http, 'Bo');
    const cy = await registerUser(http, 'Cy');
    const renamed = await readJson<Me>(
      await callApi(http, bo.cookie, 'PATCH', '/api/v1/me', { name: 'Bo Baker' }),
    );
    expect(renamed.user.name).toBe('Bo Baker');
    const noPassword = await callApi(http, bo.cookie, 'PATCH', '/api/v1/me', {
      email: 'bo.baker@example.com',
    });
    expect(await readJson(noPassword, 400)).toMatchObject({ error: 'bad_request' });
    const taken = await callApi(http, bo.cookie, 'PATCH', '/api/v1/me', {
      email: cy.email,
      currentPassword: TEST_PASSWORD,
    });
    expect(await readJson(taken, 409)).toMatchObject({ error: 'conflict' });
    const moved = await readJson<Me>(
      await callApi(http, bo.cookie, 'PATCH', '/api/v1/me', {
        email: 'Bo.Baker@Example.com',
        currentPassword: TEST_PASSWORD,
      }),
    );
    expect(moved.user.email).toBe('bo.baker@example.com');
    const empty = await callApi(http, bo.cookie, 'PATCH', '/api/v1/me', {});
    expect(await readJson(empty, 400)).toMatchObject({ error: 'bad_request' });
  });

  it('a read token reads me but cannot change or delete the account; a write token can', async () => {
    const di = await registerUser(http, 'Di');
    const read = await token(di, 'read');
    const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
    expect((await callApi(http, null, 'GET', '/api/v1/me', undefined, auth(read))).status).toBe(
      200,
    );
    const patch = await callApi(http, null, 'PATCH', '/api/v1/me', { name: 'X' }, auth(read));
    expect(await readJson(patch, 403)).toMatchObject({ error: 'forbidden' });
    const del = await callApi(
      http,
      null,
      'DELETE',
      '/api/v1/me',
      { currentPassword: TEST_PASSWORD },
      auth(read),
    );
    expect(del.status).toBe(403);
    const write = await token(di, 'write');
    const ok = await callApi(http, null, 'PATCH', '/api/v1/me', { name: 'Di Dyer' }, auth(write));
    expect((await readJson<Me>(ok)).user.name).toBe('Di Dyer');
  });

  it('is not deleted while its user is the last owner of a shop others work in', async () => {
    const eve = await registerUser(http, 'Eve', { shopName: 'Eve Bakes' });
    const fin = await registerUser(http, 'Fin');
    await join(eve, fin, 'seller');
    const refused = await callApi(http, eve.cookie, 'DELETE', '/api/v1/me', {
      currentPassword: TEST_PASSWORD,
    });
    expect(await readJson<{ reason: string }>(refused, 409)).toMatchObject({
      reason: expect.stringContaining('Eve Bakes'),
    });
    const wrong = await callApi(http, eve.cookie, 'DELETE', '/api/v1/me', {
      currentPassword: 'not-the-password-9',
    });
    expect(wrong.status).toBe(400);
    // with a second owner Eve may go; the shop stays with Fin
    const promote = await callApi(
      http,
      eve.cookie,
      'PATCH',
      `/api/shops/${eve.shopId}/members/${fin.userId}`,
      { role: 'owner' },
    );
    expect(promote.status).toBe(200);
    const gone = await callApi(http, eve.cookie, 'DELETE', '/api/v1/me', {
      currentPassword: TEST_PASSWORD,
    });
    expect(gone.status).toBe(204);
    const finMe = await readJson<Me>(await callApi(http, fin.cookie, 'GET', '/api/v1/me'));
    expect(finMe.shops.map((s) => s.name)).toContain('Eve Bakes');
    expect((await callApi(http, eve.cookie, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('deleting ends the sessions and tokens, takes a shop no one else is in, and frees the email', async () => {
    const gus = await registerUser(http, 'Gus', { shopName: 'Gus Solo' });
    const t = await token(gus, 'write');
    const del = await callApi(http, gus.cookie, 'DELETE', '/api/v1/me', {
      currentPassword: TEST_PASSWORD,
    });
    expect(del.status).toBe(204);
    expect((await callApi(http, gus.cookie, 'GET', '/api/v1/me')).status).toBe(401);
    const viaToken = await callApi(http, null, 'GET', '/api/v1/me', undefined, {
      Authorization: `Bearer ${t}`,
    });
    expect(viaToken.status).toBe(401);
    expect(await server.app.services.shops.byId(gus.shopId)).toBeNull();
    const again = await registerUser(http, 'Gus');
    expect(again.email).toBe(gus.email);
  });
});
