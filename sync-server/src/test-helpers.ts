/**
 * HTTP helpers shared by the server's own tests: they drive an app through
 * `app.request`, the way a browser would, and assert what every such call expects.
 */
import { FIXTURE_DEVICE } from '@stallkeeper/shared/fixtures';
import { expect } from 'vitest';

export const TEST_BASE = 'http://localhost';
/** Strong enough for the password rules; every test account uses it. */
export const TEST_PASSWORD = 'Tq8#mZ2vL!pw9R-stall';

/** What a test needs to act as a user: the session cookie and the shop made at registration. */
export interface TestAccount {
  cookie: string;
  userId: string;
  shopId: string;
  email: string;
  name: string;
  /** the device the session writes as (the app says it once after signing in) */
  deviceId: string;
}

/** One row of a `_bulk_docs` answer. */
export interface BulkRow {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: string | boolean;
  reason?: string;
}

/** What the helpers call: an app in-process (`app.request`) or one served over HTTP (`overHttp`). */
export interface Requester {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

/** The same calls over real HTTP, to an app served at `baseUrl` (see testing.ts startTestServer). */
export function overHttp(baseUrl: string): Requester {
  return { request: (url, init) => fetch(url.replace(TEST_BASE, baseUrl), init) };
}

/** A request as a signed-in user (or anonymously), with a JSON body when one is given. */
export function callApi(
  app: Requester,
  cookie: string | null | undefined,
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return Promise.resolve(
    app.request(`${TEST_BASE}${path}`, {
      method,
      headers,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    }),
  );
}

/** The JSON body of an answer that must have `status` (the body is shown if it has not). */
export async function readJson<T = Record<string, unknown>>(
  res: Response,
  status = 200,
): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The `sk_session=<token>` pair to send back, from a response's Set-Cookie. */
export function sessionCookie(res: Response): string {
  const cookies = res.headers.getSetCookie();
  const line = cookies.find((c) => c.startsWith('sk_session='));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return line.split(';')[0] ?? '';
}

export interface RegisterOptions {
  /** default: `<name in lower case>@example.com` */
  email?: string;
  /** default: `<name>’s Stall` */
  shopName?: string;
  deviceName?: string;
  userAgent?: string;
  /** the device id the session binds; default the fixtures' device (their stamps pass); null binds none */
  deviceId?: string | null;
}

/** Say which device a session writes as (`PUT /api/auth/device`); must answer 204. */
export async function bindDevice(app: Requester, cookie: string, deviceId: string): Promise<void> {
  const res = await callApi(app, cookie, 'PUT', '/api/auth/device', { deviceId });
  expect(res.status, await res.text()).toBe(204);
}

/** Register a user (and their first shop) through the API; the answer must be 201. */
export async function registerUser(
  app: Requester,
  name: string,
  opts: RegisterOptions = {},
): Promise<TestAccount> {
  const email = opts.email ?? `${name.toLowerCase()}@example.com`;
  const res = await callApi(
    app,
    null,
    'POST',
    '/api/auth/register',
    {
      name,
      email,
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      shopName: opts.shopName ?? `${name}’s Stall`,
      ...(opts.deviceName ? { deviceName: opts.deviceName } : {}),
    },
    opts.userAgent ? { 'User-Agent': opts.userAgent } : {},
  );
  const body = await readJson<{ user: { id: string }; shops: { id: string }[] }>(res, 201);
  const cookie = sessionCookie(res);
  const deviceId = opts.deviceId === undefined ? FIXTURE_DEVICE : opts.deviceId;
  if (deviceId) await bindDevice(app, cookie, deviceId);
  return {
    cookie,
    userId: body.user.id,
    shopId: body.shops[0]?.id ?? '',
    email,
    name,
    deviceId: deviceId ?? '',
  };
}

/** Write documents to a shop as `cookie`'s user; the batch must be answered 201, row by row. */
export async function bulkDocs(
  app: Requester,
  cookie: string,
  shopId: string,
  docs: unknown[],
  newEdits = true,
): Promise<BulkRow[]> {
  const res = await callApi(app, cookie, 'POST', `/db/${shopId}/_bulk_docs`, {
    docs,
    new_edits: newEdits,
  });
  return readJson<BulkRow[]>(res, 201);
}
