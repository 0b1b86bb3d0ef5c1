import { startTestServer } from '../testing.ts';
import {
  callApi,
  overHttp,
  readJson,
  registerUser,
  type Requester,
  type TestAccount,
} from '../test-helpers.ts';

/** One answer of the REST API, as the contract tests check it. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  method: string;
  path: string;
}

/** Every answer the tests saw, for the OpenAPI check (rest/openapi.test.ts). */
export const seen: Answer<unknown>[] = [];

/** A program calling `/api/v1` with a bearer token (or a session cookie). */
export function restClient(
  http: Requester,
  auth: { token?: string; cookie?: string },
  record = seen,
) {
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const res = await callApi(http, auth.cookie, method, `/api/v1${path}`, body, {
      ...(auth.token ? { Authorization: `Bearer ${auth.token}` } : {}),
      ...headers,
    });
    const text = await res.text();
    const answer = {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : null) as T,
      method,
      path,
    };
    record.push(answer);
    return answer;
  };
}

/** A shop with its owner and a seller, and a token of each scope for both. */
export async function restShop(opts: { resolve?: boolean } = {}) {
  const server = await startTestServer({ resolve: opts.resolve ?? true });
  const http = overHttp(server.url);
  const owner = await registerUser(http, 'Tess', { shopName: 'Tess Market' });
  const seller = await registerUser(http, 'Sami');
  const invite = await readJson<{ code: string }>(
    await callApi(http, owner.cookie, 'POST', `/api/shops/${owner.shopId}/invites`, {
      role: 'seller',
    }),
    201,
  );
  await readJson(
    await callApi(http, seller.cookie, 'POST', '/api/invites/accept', { code: invite.code }),
  );
  const token = async (who: TestAccount, scope: 'read' | 'write') =>
    (
      await readJson<{ token: string }>(
        await callApi(http, who.cookie, 'POST', '/api/tokens', {
          name: `${who.name} ${scope}`,
          shopId: owner.shopId,
          scope,
        }),
        201,
      )
    ).token;
  return {
    server,
    http,
    owner,
    seller,
    shop: `/shops/${owner.shopId}`,
    ownerApi: restClient(http, { token: await token(owner, 'write') }),
    ownerRead: restClient(http, { token: await token(owner, 'read') }),
    sellerApi: restClient(http, { token: await token(seller, 'write') }),
  };
}
