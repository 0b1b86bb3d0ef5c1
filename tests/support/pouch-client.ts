import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import nodeFetch, { Headers as NodeHeaders, type RequestInit as NodeRequestInit } from 'node-fetch';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { FIXTURE_DEVICE } from '@stallkeeper/shared/fixtures';

PouchDB.plugin(memoryAdapter);
export { PouchDB };

let n = 0;
/** A device's local replica, in memory. */
export function localDb(name = 'device'): PouchDB.Database {
  return new PouchDB(`${name}-${process.pid}-${++n}-${Date.now()}`, { adapter: 'memory' });
}

/** A device's local replica on disk (LevelDB), for runs too big for memory. */
export function diskDb(dir: string, name: string): PouchDB.Database {
  return new PouchDB(`${dir}/${name}-${++n}`);
}

/**
 * Connections kept open between requests, as a browser keeps them. node-fetch 2
 * otherwise sends `Connection: close` and opens a new TCP connection for every
 * request of a replication.
 */
export const keepAlive = new Agent({ keepAlive: true });

/** The shop on the server, reached with nothing but the session cookie. */
export function remoteDb(
  baseUrl: string,
  shopId: string,
  cookie: string,
  opts: {
    keepAlive?: boolean;
    /** sees (and may delay) every request before it is sent */
    onRequest?: (url: string) => void | Promise<void>;
    /**
     * sees every answer's status (0: no answer, the request failed) and the ms from the
     * request being asked for (onRequest's delay included) to the answer's headers
     */
    onResponse?: (url: string, init: RequestInit | undefined, status: number, ms: number) => void;
  } = {},
): PouchDB.Database {
  return new PouchDB(`${baseUrl}/db/${shopId}`, {
    skip_setup: true,
    // node-fetch 2 itself, as PouchDB's Node fetch uses it but without that fetch's cookie
    // jar (the session cookie is set here): the jar cost the phones benchmark's simulated
    // phones about 70 µs of CPU per request (tough-cookie parsing every URL), 40 % of their HTTP.
    fetch: async (url: string | Request, init?: RequestInit) => {
      const href = typeof url === 'string' ? url : url.url;
      const t0 = performance.now();
      await opts.onRequest?.(href);
      const headers = new NodeHeaders(init?.headers as NodeRequestInit['headers']);
      headers.set('Cookie', cookie);
      let status = 0;
      try {
        const res = await nodeFetch(href, {
          ...(init as NodeRequestInit),
          headers,
          ...(opts.keepAlive ? { agent: keepAlive } : {}),
        });
        status = res.status;
        // PouchDB reads what both fetches have (status, headers, json, text, body)
        return res as unknown as Response;
      } finally {
        opts.onResponse?.(href, init, status, performance.now() - t0);
      }
    },
  });
}

export interface Account {
  cookie: string;
  shopId: string;
  userId: string;
  email: string;
  password: string;
  name: string;
  /** the device this account's session writes as */
  deviceId: string;
}

/**
 * Say which device a session writes as: the server takes documents only as that
 * device (the app does this once after signing in).
 */
export async function bindDevice(baseUrl: string, cookie: string, deviceId: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/auth/device`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ deviceId }),
  });
  if (res.status !== 204) {
    throw new Error(`device binding failed: ${res.status} ${await res.text()}`);
  }
}

/** The `sk_session=…` pair of an answer (it may set other cookies too). */
const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sk_session='))
    ?.split(';')[0] ?? '';

let users = 0;
/** Register a fresh owner with a shop over real HTTP, its session writing as `deviceId`. */
export async function registerOwner(
  baseUrl: string,
  label = 'owner',
  /** by default the fixtures' device, so their stamps pass as this session's own */
  deviceId = FIXTURE_DEVICE,
  opts: RegisterOptions = {},
): Promise<Account> {
  return register(baseUrl, label, deviceId, { shopName: `${label} shop` }, opts);
}

export interface RegisterOptions {
  /**
   * the client address the server should see (sent as X-Forwarded-For; it reads it only
   * with TRUST_PROXY=true): registrations are throttled per address
   */
  forwardedFor?: string;
}

async function register(
  baseUrl: string,
  label: string,
  deviceId: string,
  joining: { shopName: string } | { invite: string },
  opts: RegisterOptions,
): Promise<Account> {
  const email = `${label}-${process.pid}-${++users}-${Date.now()}@example.test`;
  const password = 'several unrelated words here';
  const name = 'shopName' in joining ? 'Test Owner' : 'Test Seller';
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {}),
    },
    body: JSON.stringify({ name, email, password, passwordConfirm: password, ...joining }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookie(res);
  const body = (await res.json()) as { user: { id: string }; shops: { id: string }[] };
  await bindDevice(baseUrl, cookie, deviceId);
  return {
    cookie,
    shopId: body.shops[0]?.id ?? '',
    userId: body.user.id,
    email,
    password,
    name,
    deviceId,
  };
}

/** A new account joining the owner's shop as a seller by an invite code, signed in on `deviceId`. */
export async function joinAsSeller(
  baseUrl: string,
  owner: Account,
  label: string,
  deviceId: string,
  opts: RegisterOptions = {},
): Promise<Account> {
  const res = await fetch(`${baseUrl}/api/shops/${owner.shopId}/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: owner.cookie },
    body: JSON.stringify({ role: 'seller' }),
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  const { code } = (await res.json()) as { code: string };
  const seller = await register(baseUrl, label, deviceId, { invite: code }, opts);
  return { ...seller, shopId: owner.shopId };
}

/** The same account signed in on another device: a session of its own, writing as `deviceId`. */
export async function signIn(
  baseUrl: string,
  account: Account,
  deviceId: string,
): Promise<Account> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = sessionCookie(res);
  await bindDevice(baseUrl, cookie, deviceId);
  return { ...account, cookie, deviceId };
}
