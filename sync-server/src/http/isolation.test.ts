import { ulid } from '@stallkeeper/shared';
import { customerDoc, FIXTURE_DEVICE } from '@stallkeeper/shared/fixtures';
import { checkpointId } from '../replication/checkpoints.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import { registerUser, TEST_BASE as BASE, type TestAccount as Account } from '../test-helpers.ts';

/**
 * Every route of the app in one table: who may reach it, and what a member gets.
 * Anonymous callers get 401 from every authenticated route; a member of another shop
 * gets exactly the answer a shop that does not exist gets; nothing ever answers 5xx.
 */

let app: App;

/** What a path and body are built from: the shop and the things inside it. */
interface Ctx {
  shop: string;
  /** a member of `shop` (for /members/:uid) */
  uid: string;
  /** an invite code of `shop` */
  code: string;
  /** a session id (for /api/account/sessions/:id) */
  sessionId: string;
  /** an email and a wrong password (for /api/auth/login) */
  email: string;
}

type Access = 'public' | 'session' | 'shop';

interface Case {
  method: string;
  /** the route as the app registers it (checked against app.routes) */
  route: string;
  path: (x: Ctx) => string;
  body?: (x: Ctx) => unknown;
  access: Access;
  /** status a member of the shop gets with these inputs (the member pass runs in table order) */
  member: number;
}

/** A customer to write (with a fixed id for the single-document routes). */
const customer = (id = `customer:${ulid()}`) => customerDoc({ _id: id, name: 'Intruder' });
const FIXED_CUSTOMER = `customer:${ulid()}`;
const NEW_PASSWORD = 'Vx4!kP9#wQ2zR7-market';

const db = (x: Ctx, rest = '') => `/db/${x.shop}${rest}`;
const shopApi = (x: Ctx, rest = '') => `/api/shops/${x.shop}${rest}`;

// The order matters only for the member pass: a shop is deleted and the session ended last.
const TABLE: Case[] = [
  { method: 'GET', route: '/api/health', path: () => '/api/health', access: 'public', member: 200 },
  {
    method: 'POST',
    route: '/api/auth/register',
    path: () => '/api/auth/register',
    body: () => ({ name: 'Nobody' }),
    access: 'public',
    member: 400,
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    path: () => '/api/auth/login',
    body: (x) => ({ email: x.email, password: 'wrong-password-1' }),
    access: 'public',
    member: 401,
  },
  {
    method: 'PUT',
    route: '/api/auth/device',
    path: () => '/api/auth/device',
    body: () => ({ deviceId: FIXTURE_DEVICE }),
    access: 'session',
    member: 204,
  },
  {
    method: 'GET',
    route: '/api/auth/session',
    path: () => '/api/auth/session',
    access: 'session',
    member: 200,
  },
  {
    method: 'PATCH',
    route: '/api/account',
    path: () => '/api/account',
    body: () => ({ name: 'Carl Renamed' }),
    access: 'session',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/account/password',
    path: () => '/api/account/password',
    body: () => ({
      currentPassword: 'wrong-password-1',
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    }),
    access: 'session',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/account/sessions',
    path: () => '/api/account/sessions',
    access: 'session',
    member: 200,
  },
  {
    method: 'DELETE',
    route: '/api/account/sessions/:id',
    path: (x) => `/api/account/sessions/${x.sessionId}`,
    access: 'session',
    member: 404,
  },
  {
    method: 'DELETE',
    route: '/api/account',
    path: () => '/api/account',
    body: () => ({ password: 'wrong-password-1' }),
    access: 'session',
    member: 400,
  },
  { method: 'GET', route: '/api/shops', path: () => '/api/shops', access: 'session', member: 200 },
  {
    method: 'POST',
    route: '/api/shops',
    path: () => '/api/shops',
    body: () => ({ name: 'Another Stall' }),
    access: 'session',
    member: 201,
  },
  {
    method: 'POST',
    route: '/api/invites/accept',
    path: () => '/api/invites/accept',
    body: () => ({ code: 'AAAA-BBBB-CCCC' }),
    access: 'session',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/tokens',
    path: () => '/api/tokens',
    body: () => ({ name: 'Nothing', shopId: '0'.repeat(26), scope: 'read' }),
    access: 'session',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/tokens',
    path: () => '/api/tokens',
    access: 'session',
    member: 200,
  },
  {
    method: 'DELETE',
    route: '/api/tokens/:id',
    path: () => `/api/tokens/${ulid()}`,
    access: 'session',
    member: 404,
  },
  { method: 'GET', route: '/api/v1/me', path: () => '/api/v1/me', access: 'session', member: 200 },
  {
    method: 'PATCH',
    route: '/api/v1/me',
    path: () => '/api/v1/me',
    body: () => ({}),
    access: 'session',
    member: 400,
  },
  {
    method: 'DELETE',
    route: '/api/v1/me',
    path: () => '/api/v1/me',
    body: () => ({ currentPassword: 'wrong-password-1' }),
    access: 'session',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/members',
    path: (x) => `/api/v1/shops/${x.shop}/members`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'DELETE',
    route: '/api/v1/shops/:shopId/members/:userId',
    path: (x) => `/api/v1/shops/${x.shop}/members/${x.uid}`,
    access: 'shop',
    member: 409, // the member is the shop's only owner
  },
  { method: 'GET', route: '/api/docs', path: () => '/api/docs', access: 'public', member: 200 },
  {
    method: 'GET',
    route: '/api/auth/options',
    path: () => '/api/auth/options',
    access: 'public',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/auth/forgot',
    path: () => '/api/auth/forgot',
    body: (x) => ({ email: x.email }),
    access: 'public',
    member: 202,
  },
  {
    method: 'POST',
    route: '/api/auth/reset',
    path: () => '/api/auth/reset',
    body: () => ({}),
    access: 'public',
    member: 400,
  },
  {
    method: 'POST',
    route: '/api/auth/verify',
    path: () => '/api/auth/verify',
    body: () => ({}),
    access: 'public',
    member: 400,
  },
  {
    method: 'POST',
    route: '/api/auth/verify/resend',
    path: () => '/api/auth/verify/resend',
    access: 'session',
    member: 202,
  },
  {
    method: 'GET',
    route: '/api/captcha',
    path: () => '/api/captcha',
    access: 'public',
    member: 200,
  },
  {
    method: 'GET',
    route: '/api/invites/:code',
    path: () => '/api/invites/NOPE-NOPE-NOPE',
    access: 'public',
    member: 404,
  },
  {
    // the backup route answers only the data directory's token from this machine
    // (backup/admin-access.ts): to a session, member or not, it does not exist
    method: 'POST',
    route: '/api/admin/backup',
    path: () => '/api/admin/backup',
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/shops/:slug',
    path: () => '/api/public/shops/no-such-shop',
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/shops/:slug/products',
    path: () => '/api/public/shops/no-such-shop/products',
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/shops/:slug/products/:id/photo',
    path: () => `/api/public/shops/no-such-shop/products/${ulid()}/photo`,
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/shops/:slug/orders',
    path: () => '/api/public/shops/no-such-shop/orders',
    body: () => ({}),
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/shops/:slug/my-orders',
    path: () => '/api/public/shops/no-such-shop/my-orders',
    body: () => ({ email: 'a@example.com' }),
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/my-orders/:token',
    path: () => '/api/public/my-orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/orders/:token',
    path: () => '/api/public/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/orders/:token/cancel',
    path: () => '/api/public/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel',
    body: () => ({}),
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/orders/:token/requests',
    path: () => '/api/public/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/requests',
    body: () => ({ request: 'cancel', reason: '' }),
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/orders/:token/pay',
    path: () => '/api/public/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pay',
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/public/payments/:id',
    path: () => '/api/public/payments/AAAAAAAAAAAAAAAAAAAAAAAA',
    access: 'public',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/public/payments/:id',
    path: () => '/api/public/payments/AAAAAAAAAAAAAAAAAAAAAAAA',
    body: () => ({ outcome: 'paid' }),
    access: 'public',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/storefront',
    path: (x) => `/api/v1/shops/${x.shop}/storefront`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'PUT',
    route: '/api/v1/shops/:shopId/storefront',
    path: (x) => `/api/v1/shops/${x.shop}/storefront`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/emails',
    path: (x) => `/api/v1/shops/${x.shop}/emails`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/shops/:shopId/notifications',
    path: (x) => shopApi(x, '/notifications'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'PUT',
    route: '/api/shops/:shopId/notifications',
    path: (x) => shopApi(x, '/notifications'),
    body: () => ({ digest: true, oversell: false }),
    access: 'shop',
    member: 200,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/emails/:id',
    path: (x) => `/api/v1/shops/${x.shop}/emails/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/openapi.json',
    path: () => '/api/v1/openapi.json',
    access: 'public',
    member: 200,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/products',
    path: (x) => `/api/v1/shops/${x.shop}/products`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/products',
    path: (x) => `/api/v1/shops/${x.shop}/products`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/products/:id',
    path: (x) => `/api/v1/shops/${x.shop}/products/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'PATCH',
    route: '/api/v1/shops/:shopId/products/:id',
    path: (x) => `/api/v1/shops/${x.shop}/products/NOSUCHID`,
    body: () => ({}),
    access: 'shop',
    member: 404,
  },
  {
    method: 'DELETE',
    route: '/api/v1/shops/:shopId/products/:id',
    path: (x) => `/api/v1/shops/${x.shop}/products/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/customers',
    path: (x) => `/api/v1/shops/${x.shop}/customers`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/customers',
    path: (x) => `/api/v1/shops/${x.shop}/customers`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/customers/:id',
    path: (x) => `/api/v1/shops/${x.shop}/customers/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'PATCH',
    route: '/api/v1/shops/:shopId/customers/:id',
    path: (x) => `/api/v1/shops/${x.shop}/customers/NOSUCHID`,
    body: () => ({}),
    access: 'shop',
    member: 404,
  },
  {
    method: 'DELETE',
    route: '/api/v1/shops/:shopId/customers/:id',
    path: (x) => `/api/v1/shops/${x.shop}/customers/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/stock',
    path: (x) => `/api/v1/shops/${x.shop}/stock`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/stock',
    path: (x) => `/api/v1/shops/${x.shop}/stock`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/orders',
    path: (x) => `/api/v1/shops/${x.shop}/orders`,
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/orders',
    path: (x) => `/api/v1/shops/${x.shop}/orders`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/orders/:id',
    path: (x) => `/api/v1/shops/${x.shop}/orders/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'DELETE',
    route: '/api/v1/shops/:shopId/orders/:id',
    path: (x) => `/api/v1/shops/${x.shop}/orders/NOSUCHID`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/shops/:shopId/orders/:id/lines',
    path: (x) => `/api/v1/shops/${x.shop}/orders/NOSUCHID/lines`,
    access: 'shop',
    member: 404,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/orders/:id/lines',
    path: (x) => `/api/v1/shops/${x.shop}/orders/NOSUCHID/lines`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'POST',
    route: '/api/v1/shops/:shopId/orders/:id/events',
    path: (x) => `/api/v1/shops/${x.shop}/orders/NOSUCHID/events`,
    body: () => ({}),
    access: 'shop',
    member: 400,
  },
  {
    method: 'GET',
    route: '/api/shops/:shopId/members',
    path: (x) => shopApi(x, '/members'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'GET',
    route: '/api/shops/:shopId/members/:userId/sessions',
    path: (x) => shopApi(x, `/members/${x.uid}/sessions`),
    access: 'shop',
    member: 200,
  },
  {
    method: 'PATCH',
    route: '/api/shops/:shopId/members/:userId',
    path: (x) => shopApi(x, `/members/${x.uid}`),
    body: () => ({ role: 'seller' }),
    access: 'shop',
    member: 409, // the member is the shop's only owner
  },
  {
    method: 'DELETE',
    route: '/api/shops/:shopId/members/:userId',
    path: (x) => shopApi(x, `/members/${x.uid}`),
    access: 'shop',
    member: 409,
  },
  {
    method: 'GET',
    route: '/api/shops/:shopId/audit/verify',
    path: (x) => shopApi(x, '/audit/verify'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'GET',
    route: '/api/shops/:shopId/invites',
    path: (x) => shopApi(x, '/invites'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/api/shops/:shopId/invites',
    path: (x) => shopApi(x, '/invites'),
    body: () => ({ role: 'seller' }),
    access: 'shop',
    member: 201,
  },
  {
    method: 'DELETE',
    route: '/api/shops/:shopId/invites/:code',
    path: (x) => shopApi(x, `/invites/${x.code}`),
    access: 'shop',
    member: 204,
  },
  { method: 'GET', route: '/db', path: () => '/db/', access: 'session', member: 200 },
  { method: 'GET', route: '/db/:shop', path: (x) => db(x), access: 'shop', member: 200 },
  { method: 'PUT', route: '/db/:shop', path: (x) => db(x), access: 'shop', member: 412 },
  {
    method: 'GET',
    route: '/db/:shop/_changes',
    path: (x) => db(x, '/_changes?since=0&include_docs=true'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/db/:shop/_changes',
    path: (x) => db(x, '/_changes?filter=_doc_ids'),
    body: () => ({ doc_ids: ['settings'] }),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/db/:shop/_revs_diff',
    path: (x) => db(x, '/_revs_diff'),
    body: () => ({ settings: ['1-abc'] }),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/db/:shop/_bulk_docs',
    path: (x) => db(x, '/_bulk_docs'),
    body: () => ({ docs: [customer()] }),
    access: 'shop',
    member: 201,
  },
  {
    method: 'POST',
    route: '/db/:shop/_bulk_get',
    path: (x) => db(x, '/_bulk_get?revs=true'),
    body: () => ({ docs: [{ id: 'settings' }] }),
    access: 'shop',
    member: 200,
  },
  {
    method: 'GET',
    route: '/db/:shop/_all_docs',
    path: (x) => db(x, '/_all_docs?include_docs=true'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/db/:shop/_all_docs',
    path: (x) => db(x, '/_all_docs'),
    body: () => ({ keys: ['settings'] }),
    access: 'shop',
    member: 200,
  },
  {
    method: 'POST',
    route: '/db/:shop/_ensure_full_commit',
    path: (x) => db(x, '/_ensure_full_commit'),
    access: 'shop',
    member: 201,
  },
  {
    method: 'GET',
    route: '/db/:shop/_local/:id{.+}',
    path: (x) => db(x, '/_local/x'),
    access: 'shop',
    member: 404,
  },
  {
    method: 'PUT',
    route: '/db/:shop/_local/:id{.+}',
    path: (x) => db(x, '/_local/x'),
    body: () => ({ last_seq: 1 }),
    access: 'shop',
    member: 201,
  },
  {
    method: 'DELETE',
    route: '/db/:shop/_local/:id{.+}',
    path: (x) => db(x, '/_local/x?rev=0-1'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'GET',
    route: '/db/:shop/_design/*',
    path: (x) => db(x, '/_design/evil'),
    access: 'shop',
    member: 403,
  },
  {
    method: 'PUT',
    route: '/db/:shop/_design/*',
    path: (x) => db(x, '/_design/evil'),
    body: () => ({ views: {} }),
    access: 'shop',
    member: 403,
  },
  {
    method: 'GET',
    route: '/db/:shop/:docid',
    path: (x) => db(x, '/settings?revs=true'),
    access: 'shop',
    member: 200,
  },
  {
    method: 'PUT',
    route: '/db/:shop/:docid',
    path: (x) => db(x, `/${FIXED_CUSTOMER}`),
    body: () => customer(FIXED_CUSTOMER),
    access: 'shop',
    member: 201,
  },
  {
    method: 'DELETE',
    route: '/db/:shop/:docid',
    path: (x) => db(x, `/${FIXED_CUSTOMER}?rev=1-abc`),
    access: 'shop',
    member: 409,
  },
  {
    method: 'GET',
    route: '/db/:shop/:docid/:att{.+}',
    path: (x) => db(x, '/settings/photo.png'),
    access: 'shop',
    member: 404,
  },
  {
    method: 'DELETE',
    route: '/api/shops/:shopId',
    path: (x) => shopApi(x),
    access: 'shop',
    member: 204,
  },
  // Signing a member out needs the shop, gone by now; the owner's own sign-out comes after.
  {
    method: 'DELETE',
    route: '/api/shops/:shopId/members/:userId/sessions',
    path: (x) => shopApi(x, `/members/${x.uid}/sessions`),
    access: 'shop',
    member: 404,
  },
  // Logs out everywhere: every route after it is answered 401.
  {
    method: 'DELETE',
    route: '/api/account/sessions',
    path: () => '/api/account/sessions',
    access: 'session',
    member: 204,
  },
  // Ends the session whatever it is given, so it is public; it stays last.
  {
    method: 'POST',
    route: '/api/auth/logout',
    path: () => '/api/auth/logout',
    access: 'public',
    member: 204,
  },
];

async function send(cookie: string | null, c: Case, x: Ctx): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  const body = c.body?.(x);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(`${BASE}${c.path(x)}`, {
    method: c.method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${c.method} ${c.path(x)} answered ${res.status}`).toBeLessThan(500);
  return res;
}

/** The body of an error answer: JSON `{error, reason}` and nothing that leaks internals. */
async function errorBody(res: Response, what: string): Promise<{ error: string; reason: string }> {
  expect(res.headers.get('content-type'), what).toMatch(/application\/json/);
  const text = await res.text();
  const body = JSON.parse(text) as { error: string; reason: string };
  // (the REST API also says what a schema found wrong, field by field)
  const keys = Object.keys(body).sort();
  expect(keys, what).toEqual(
    keys.includes('issues') ? ['error', 'issues', 'reason'] : ['error', 'reason'],
  );
  expect(text, what).not.toMatch(/\bat .*:\d+|node_modules|\/work\/|stack/);
  return body;
}

let olga: Account; // owner of the target shop
let bert: Account; // owner of another shop: the intruder
let carl: Account; // owner of a third shop: the member pass
let target: Ctx; // olga's shop, with real members, invites and sessions
let nowhere: Ctx; // the same inputs against a shop id that does not exist
let garbage: Ctx[]; // and against shop ids that are not ids at all
let before: { docs: number; seq: unknown; members: number; invites: number };

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [olga, bert, carl] = await Promise.all([
    registerUser(app, 'Olga'),
    registerUser(app, 'Bert'),
    registerUser(app, 'Carl'),
  ]);
  const invite = await app.services.invites.create(olga.shopId, 'seller', olga.userId);
  const olgaSessions = await app.services.sessions.list(olga.userId);
  target = {
    shop: olga.shopId,
    uid: olga.userId,
    code: invite.code,
    sessionId: olgaSessions[0]?.id ?? '',
    email: 'olga@example.com',
  };
  nowhere = { ...target, shop: ulid().toLowerCase() };
  garbage = [
    { ...target, shop: '..%2fstallkeeper_system' },
    { ...target, shop: olga.shopId.toUpperCase() },
    { ...target, shop: '%5Fdesign' },
  ];
  const info = await app.services.storage.shop(olga.shopId).info();
  before = {
    docs: info.doc_count,
    seq: info.update_seq,
    members: (await app.services.shops.members(olga.shopId)).length,
    invites: (await app.services.invites.forShop(olga.shopId)).length,
  };
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('isolation, route by route', () => {
  it('the table lists every route the app serves', () => {
    // `ALL` entries are middleware and the /api 404, except the design-document refusal.
    const DESIGN = '/db/:shop/_design/*';
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' || r.path === DESIGN)
        .map((r) => `${r.method} ${r.path}`),
    );
    const listed = new Set(TABLE.map((c) => `${c.route === DESIGN ? 'ALL' : c.method} ${c.route}`));
    expect([...served].filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !served.has(r))).toEqual([]);
  });

  it.each(TABLE.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (name, c) => {
    // Anonymous: 401 from every authenticated route, whether the shop exists or not.
    const anon = await send(null, c, target);
    if (c.access === 'public') {
      // public routes do not look at the session: the same answer as for a member
      expect(anon.status, name).toBe(c.member);
      await anon.arrayBuffer();
    } else {
      expect(anon.status, name).toBe(401);
      const body = await errorBody(anon, name);
      expect(body.error).toBe('unauthorized');
      const anonNowhere = await send(null, c, nowhere);
      expect(anonNowhere.status, name).toBe(401);
      expect(await errorBody(anonNowhere, name)).toEqual(body);
    }
    if (c.access !== 'shop') return;

    // A member of another shop: refused, and told nothing a missing shop would not tell.
    const foreign = await send(bert.cookie, c, target);
    expect([403, 404], `${name} as a member of another shop`).toContain(foreign.status);
    const foreignBody = await errorBody(foreign, name);
    for (const other of [nowhere, ...garbage]) {
      const res = await send(bert.cookie, c, other);
      expect(res.status, `${name} on ${other.shop}`).toBe(foreign.status);
      expect(await errorBody(res, name), `${name} on ${other.shop}`).toEqual(foreignBody);
    }
  });

  it('the intruder changed nothing in the shop', async () => {
    const info = await app.services.storage.shop(olga.shopId).info();
    expect(info.doc_count).toBe(before.docs);
    expect(info.update_seq).toEqual(before.seq);
    expect(await app.services.shops.members(olga.shopId)).toHaveLength(before.members);
    expect(await app.services.invites.forShop(olga.shopId)).toHaveLength(before.invites);
    expect(await app.services.shops.roleOf(olga.shopId, bert.userId)).toBeNull();
    const local = await app.services.storage
      .shop(olga.shopId)
      .get(checkpointId('x', bert.userId))
      .catch((e: { status?: number }) => e.status);
    expect(local).toBe(404);
    expect(await app.services.shops.byId(olga.shopId)).not.toBeNull();
    // olga's session was not revoked by the intruder
    const me = await app.request(`${BASE}/api/auth/session`, { headers: { Cookie: olga.cookie } });
    expect(me.status).toBe(200);
  });

  it('a member gets the expected answer from every route, never a 5xx', async () => {
    const own: Ctx = {
      shop: carl.shopId,
      uid: carl.userId,
      code: (await app.services.invites.create(carl.shopId, 'seller', carl.userId)).code,
      sessionId: '0'.repeat(64),
      email: 'carl@example.com',
    };
    for (const c of TABLE) {
      const res = await send(carl.cookie, c, own);
      const what = `${c.method} ${c.path(own)}`;
      if (res.status >= 400) {
        const body = await errorBody(res, what);
        expect({ status: res.status, body }, what).toEqual({ status: c.member, body });
      } else {
        await res.arrayBuffer();
        expect(res.status, what).toBe(c.member);
      }
    }
  });
});
