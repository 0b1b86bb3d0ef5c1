import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../test-helpers.ts';
import { restClient, restShop, type Answer } from './rest-testing.ts';

// Every answer of a walk through the whole API must match the document the server serves.
let t: Awaited<ReturnType<typeof restShop>>;
let doc: {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: Record<string, unknown>;
};

beforeAll(async () => {
  t = await restShop();
  const res = await callApi(t.http, null, 'GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
}, 30_000);

afterAll(async () => {
  await t.server.close();
});

/** Walk every route, as a program with a token would, keeping each answer. */
async function walk(): Promise<Answer<unknown>[]> {
  const seen: Answer<unknown>[] = [];
  const owner = restClient(t.http, { token: undefined, cookie: t.owner.cookie }, seen);
  const s = t.shop;
  await owner('GET', '/me');
  await owner('PATCH', '/me', { name: 'Tess A.' });
  await owner('PATCH', '/me', {});
  await owner('GET', `${s}/members`);
  const p = await owner<{ id: string }>('POST', `${s}/products`, {
    code: 'OA-1',
    name: 'Oats',
    unit: 'kg',
    price: 500,
  });
  await owner('POST', `${s}/products`, {
    code: 'OA-1',
    name: 'Oats again',
    unit: 'kg',
    price: 500,
  });
  await owner('POST', `${s}/products`, { code: '', unit: 'box' });
  await owner('GET', `${s}/products?limit=1`);
  await owner('GET', `${s}/products/${p.body.id}`);
  await owner('GET', `${s}/products/NOSUCH`);
  await owner('PATCH', `${s}/products/${p.body.id}`, { price: 550 });
  await owner('PATCH', `${s}/products/${p.body.id}`, { price: 1 }, { 'If-Match': '"1-old"' });
  await owner('POST', `${s}/stock`, { productId: p.body.id, qty: 5000, reason: 'restock' });
  await owner('POST', `${s}/stock`, { productId: p.body.id, qty: 5000, reason: 'count' });
  await owner('GET', `${s}/stock`);
  const cu = await owner<{ id: string }>('POST', `${s}/customers`, { name: 'Amina' });
  await owner('GET', `${s}/customers?q=ami`);
  await owner('GET', `${s}/customers/${cu.body.id}`);
  await owner('PATCH', `${s}/customers/${cu.body.id}`, { notes: 'Saturdays' });
  const o = await owner<{ id: string }>('POST', `${s}/orders`, {
    channel: 'delivery',
    customerId: cu.body.id,
    lines: [{ productId: p.body.id, qty: 1500 }],
  });
  await owner('GET', `${s}/orders?customerId=${cu.body.id}`);
  await owner('GET', `${s}/orders/${o.body.id}`);
  await owner('GET', `${s}/orders/${o.body.id}/lines`);
  await owner('POST', `${s}/orders/${o.body.id}/lines`, { productId: p.body.id, qty: 1 });
  await owner('POST', `${s}/orders/${o.body.id}/events`, {
    kind: 'payment',
    amount: 100,
    method: 'cash',
  });
  await owner('DELETE', `${s}/orders/${o.body.id}`);
  await owner('DELETE', `${s}/products/${p.body.id}`);
  await owner('DELETE', `${s}/customers/${cu.body.id}`);
  await owner('DELETE', `${s}/members/${t.seller.userId}`);
  await restClient(t.http, { token: 'sk_nope' }, seen)('GET', '/me');
  return seen;
}

/** The document's operation for a request path, e.g. /shops/x/products/y → /shops/{shopId}/products/{id}. */
function operationOf(method: string, path: string) {
  const bare = path.split('?')[0] ?? '';
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(bare === '/me' ? '/me' : bare) || (template === '/me' && bare === '/me')) {
      return ops[method.toLowerCase()] ?? null;
    }
  }
  return null;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1, public, and describes every route of the contract', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, o]) =>
      Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /me',
        'PATCH /me',
        'DELETE /me',
        'GET /shops/{shopId}/members',
        'DELETE /shops/{shopId}/members/{userId}',
        'GET /shops/{shopId}/products',
        'POST /shops/{shopId}/products',
        'GET /shops/{shopId}/products/{id}',
        'PATCH /shops/{shopId}/products/{id}',
        'DELETE /shops/{shopId}/products/{id}',
        'GET /shops/{shopId}/customers',
        'POST /shops/{shopId}/customers',
        'GET /shops/{shopId}/customers/{id}',
        'PATCH /shops/{shopId}/customers/{id}',
        'DELETE /shops/{shopId}/customers/{id}',
        'GET /shops/{shopId}/orders',
        'POST /shops/{shopId}/orders',
        'GET /shops/{shopId}/orders/{id}',
        'DELETE /shops/{shopId}/orders/{id}',
        'GET /shops/{shopId}/orders/{id}/lines',
        'POST /shops/{shopId}/orders/{id}/lines',
        'POST /shops/{shopId}/orders/{id}/events',
        'GET /shops/{shopId}/stock',
        'POST /shops/{shopId}/stock',
      ]),
    );
  });

  it('matches every answer of a walk through the API', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const answers = await walk();
    const statuses = new Set(answers.map((a) => a.status));
    // the walk sees successes and the error answers alike
    expect([...statuses]).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 404, 409, 412]));
    for (const a of answers) {
      const op = operationOf(a.method, a.path);
      expect(op, `${a.method} ${a.path} is not in the document`).not.toBeNull();
      const response = op?.responses[String(a.status)];
      expect(response, `${a.method} ${a.path} answered ${a.status}, not documented`).toBeDefined();
      const schema = response?.content?.['application/json']?.schema;
      if (a.status === 204) {
        expect(a.body).toBeNull();
        continue;
      }
      expect(schema, `${a.method} ${a.path} ${a.status} has no schema`).toBeDefined();
      const validate = ajv.compile({ ...schema, components: doc.components });
      const ok = validate(a.body);
      // (the check can fail: a body without its first field does not match)
      if (ok && a.body && typeof a.body === 'object' && !Array.isArray(a.body)) {
        const [first] = Object.keys(a.body);
        const broken = Object.fromEntries(Object.entries(a.body).filter(([k]) => k !== first));
        if (first && first !== 'issues' && first !== 'email') expect(validate(broken)).toBe(false);
      }
      expect(
        ok,
        `${a.method} ${a.path} ${a.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(a.body)}`,
      ).toBe(true);
    }
  });
});

describe('the reference page', () => {
  it('is served at /api/docs without a token or a script, naming every route and schema', async () => {
    const res = await callApi(t.http, null, 'GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        expect(html).toContain(`${method.toUpperCase()}</span> <code>/api/v1${path}</code>`);
      }
    }
    expect(html).toContain('id="schema-product"');
    expect(html).toContain('Authorization');
  });
});
