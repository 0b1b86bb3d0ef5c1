import { Agent } from 'node:http';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';

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
 * Connections kept open between requests, as a browser keeps them. PouchDB's Node
 * fetch (node-fetch 2) otherwise sends `Connection: close` and opens a new TCP
 * connection for every request of a replication.
 */
export const keepAlive = new Agent({ keepAlive: true });

/** The shop on the server, reached with nothing but the session cookie. */
export function remoteDb(
  baseUrl: string,
  shopId: string,
  cookie: string,
  /** `onRequest` sees (and may delay) every request before it is sent */
  opts: { keepAlive?: boolean; onRequest?: (url: string) => void | Promise<void> } = {},
): PouchDB.Database {
  return new PouchDB(`${baseUrl}/db/${shopId}`, {
    skip_setup: true,
    fetch: async (url: string | Request, init?: RequestInit) => {
      await opts.onRequest?.(typeof url === 'string' ? url : url.url);
      const headers = new Headers(init?.headers);
      headers.set('Cookie', cookie);
      return PouchDB.fetch(url, {
        ...init,
        headers,
        ...(opts.keepAlive ? { agent: keepAlive } : {}),
      });
    },
  });
}

export interface Account {
  cookie: string;
  shopId: string;
  userId: string;
}

let users = 0;
/** Register a fresh owner with a shop over real HTTP. */
export async function registerOwner(baseUrl: string, label = 'owner'): Promise<Account> {
  const email = `${label}-${process.pid}-${++users}-${Date.now()}@example.test`;
  const password = 'several unrelated words here';
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Test Owner',
      email,
      password,
      passwordConfirm: password,
      shopName: `${label} shop`,
    }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { user: { id: string }; shops: { id: string }[] };
  return { cookie, shopId: body.shops[0]?.id ?? '', userId: body.user.id };
}
