import type { StorefrontInput } from '@stallkeeper/shared/rest';
import type { AppOptions } from '../app.ts';
import { restClient } from '../rest/rest-testing.ts';
import { startTestServer } from '../testing.ts';
import { callApi, overHttp, readJson, registerUser } from '../test-helpers.ts';

/** A shop with a published page, served over real HTTP, and a few helpers for its public side. */
export async function storefrontShop(opts: Partial<AppOptions> = {}, slug = 'tess-market') {
  const server = await startTestServer({ publicRateLimit: 10_000, ...opts });
  const http = overHttp(server.url);
  const owner = await registerUser(http, 'Tess', { shopName: 'Tess Market' });
  const api = restClient(http, { cookie: owner.cookie }, []);
  const shop = `/shops/${owner.shopId}`;
  const page: StorefrontInput = {
    published: true,
    slug,
    pickup: { place: 'Stall 12, Saturday market', times: [] },
    delivery: { area: 'Within 5 km', fee: 350, times: [] },
    minimumOrder: 0,
    timeZone: 'Europe/Lisbon',
  };
  await readJson(await callApi(http, owner.cookie, 'PUT', `/api/v1${shop}/storefront`, page));

  /** A product sold online (allowance in base units, null for all free stock), with stock. */
  async function product(name: string, stock: number, allowance: number | null, price = 250) {
    const created = await api<{ id: string }>('POST', `${shop}/products`, {
      code: name.toUpperCase().replace(/\W/g, '').slice(0, 12),
      name,
      unit: 'piece',
      price,
      cost: 100,
      online: true,
      onlineAllowance: allowance,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    if (stock) {
      const moved = await api('POST', `${shop}/stock`, {
        productId: created.body.id,
        qty: stock,
        reason: 'restock',
      });
      if (moved.status !== 201) throw new Error(JSON.stringify(moved.body));
    }
    return created.body.id;
  }

  /** A raw call to the public routes. */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${server.url}/api/public${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = { text };
    }
    return { status: res.status, body: json, headers: res.headers, text };
  }

  const order = (
    lines: { productId: string; qty: number }[],
    over: Record<string, unknown> = {},
  ) => ({
    customer: { name: 'Ana Costa', phone: '+351 912 345 678' },
    channel: 'pickup',
    lines,
    payment: 'on_collection',
    ...over,
  });

  return { server, http, owner, api, shop, slug, page, product, call, order };
}
