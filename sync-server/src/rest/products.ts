import { createRoute } from '@hono/zod-openapi';
import {
  editProductDoc,
  newProductDoc,
  productFields,
  productFieldsOf,
  ulid,
  type Product,
  type ProductFields,
} from '@stallkeeper/shared';
import {
  idParam,
  pageOf,
  productListQuery,
  restProduct,
  restProductInput,
  restProductPatch,
  shopParam,
  type RestProduct,
} from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import { invalidInput } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';
import { apiWriter, auditOf, writeDocs } from './api-writer.ts';
import {
  checkIfMatch,
  docIdOf,
  errors,
  etagOf,
  json,
  mayWrite,
  publicId,
  restRouter,
} from './openapi.ts';
import { docOf, pageByPrefix } from './shop-reads.ts';
import { onHandOf } from './stock-ledger.ts';

const tags = ['Products'];
const PREFIX = 'product:';

export function productView(p: Product, onHand: ReadonlyMap<string, number>): RestProduct {
  return {
    id: publicId(p._id),
    code: p.code,
    name: p.name,
    unit: p.unit,
    price: p.price,
    cost: p.cost,
    description: p.description,
    lowStockThreshold: p.lowStockThreshold,
    category: p.category ?? '',
    imageUrl: p.imageUrl,
    active: p.active,
    online: p.online ?? false,
    onlineAllowance: p.onlineAllowance ?? null,
    onHand: onHand.get(p._id) ?? 0,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** Search by name (anywhere) or code (prefix), case-insensitive: as the app's search. */
const matches = (p: Product, term: string) =>
  p.name.toLowerCase().includes(term) || p.code.toLowerCase().startsWith(term);

const shopDb = (c: Context<AppEnv>) => c.get('services').storage.shop(c.get('shopId'));
const productOf = (c: Context<AppEnv>, id: string) =>
  docOf<Product>(shopDb(c), docIdOf('product', id), PREFIX, 'product');

/** The edited fields, normalised by the same schema the app's form uses. */
function fieldsAfter(current: ProductFields, patch: Partial<ProductFields>): ProductFields {
  const parsed = productFields.safeParse({ ...current, ...patch });
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const list = createRoute({
  method: 'get',
  path: '/shops/{shopId}/products',
  tags,
  summary: 'List products',
  request: { params: shopParam, query: productListQuery },
  responses: {
    200: json(pageOf(restProduct), 'A page of products, oldest first'),
    ...errors(400, 401, 403, 404, 429),
  },
});

const create = createRoute({
  method: 'post',
  path: '/shops/{shopId}/products',
  tags,
  summary: 'Add a product (owner)',
  request: {
    params: shopParam,
    body: { content: { 'application/json': { schema: restProductInput } }, required: true },
  },
  responses: {
    201: json(restProduct, 'The product, with its id and stock on hand'),
    ...errors(400, 401, 403, 404, 409, 422, 429),
  },
});

const read = createRoute({
  method: 'get',
  path: '/shops/{shopId}/products/{id}',
  tags,
  summary: 'One product (its ETag is its version)',
  request: { params: idParam },
  responses: { 200: json(restProduct, 'The product'), ...errors(401, 403, 404, 429) },
});

const patch = createRoute({
  method: 'patch',
  path: '/shops/{shopId}/products/{id}',
  tags,
  summary: 'Change some fields (owner); If-Match makes it safe against a lost update',
  request: {
    params: idParam,
    body: { content: { 'application/json': { schema: restProductPatch } }, required: true },
  },
  responses: {
    200: json(restProduct, 'The product as it is now'),
    ...errors(400, 401, 403, 404, 409, 412, 422, 429),
  },
});

const archive = createRoute({
  method: 'delete',
  path: '/shops/{shopId}/products/{id}',
  tags,
  summary: 'Archive a product (owner): it leaves the catalog, its sales stay',
  request: { params: idParam },
  responses: {
    200: json(restProduct, 'The archived product'),
    ...errors(401, 403, 404, 409, 412, 422, 429),
  },
});

/** Change a product's fields as the app's product form does, in the caller's name. */
async function edit(c: Context<AppEnv>, id: string, changes: Partial<ProductFields>) {
  mayWrite(c, 'product', 'update');
  const current = await productOf(c, id);
  checkIfMatch(c, current._rev);
  const w = await apiWriter(c);
  const fields = fieldsAfter(productFieldsOf(current), changes);
  const e = editProductDoc(current, fields, { ...w.by, stamp: w.stamp(current.stamps) });
  if (!e.changed) return { doc: current, rev: current._rev };
  const archived = changes.active === false && current.active;
  const revs = await writeDocs(c.get('services'), w, [
    e.doc,
    auditOf(w, {
      action: 'product.update',
      target: current._id,
      summary: archived ? `Archived product ${e.doc.name}` : `Edited product ${e.doc.name}`,
      before: e.before,
      after: e.after,
    }),
  ]);
  const rev = revs.get(current._id) ?? current._rev;
  return { doc: { ...e.doc, _rev: rev }, rev };
}

export function productRoutes() {
  const r = restRouter();

  r.openapi(list, async (c) => {
    const { q, limit, cursor, archived } = c.req.valid('query');
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    const term = q?.trim().toLowerCase() ?? '';
    const page = await pageByPrefix(shopDb(c), PREFIX, { limit, cursor }, (d) => {
      const p = d as unknown as Product;
      if (archived === 'false' && !p.active) return null;
      if (term && !matches(p, term)) return null;
      return productView(p, onHand);
    });
    return c.json(page, 200);
  });

  r.openapi(create, async (c) => {
    mayWrite(c, 'product', 'create');
    const body = c.req.valid('json');
    const w = await apiWriter(c);
    const fields: ProductFields = {
      code: body.code,
      name: body.name,
      unit: body.unit,
      price: body.price,
      cost: body.cost ?? null,
      description: body.description ?? '',
      imageUrl: body.imageUrl ?? null,
      lowStockThreshold: body.lowStockThreshold ?? null,
      active: true,
      category: body.category ?? '',
      online: body.online ?? false,
      onlineAllowance: body.onlineAllowance ?? null,
    };
    const doc = newProductDoc(`product:${ulid()}`, fields, { ...w.by, stamp: w.stamp() });
    const revs = await writeDocs(c.get('services'), w, [
      doc,
      auditOf(w, {
        action: 'product.create',
        target: doc._id,
        summary: `Added product ${doc.name}`,
        before: null,
        after: fields,
      }),
    ]);
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    c.header('ETag', etagOf(revs.get(doc._id) ?? ''));
    c.header('Location', `${c.req.path}/${publicId(doc._id)}`);
    return c.json(productView(doc, onHand), 201);
  });

  r.openapi(read, async (c) => {
    const doc = await productOf(c, c.req.valid('param').id);
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    c.header('ETag', etagOf(doc._rev));
    return c.json(productView(doc, onHand), 200);
  });

  r.openapi(patch, async (c) => {
    const { doc, rev } = await edit(c, c.req.valid('param').id, c.req.valid('json'));
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    c.header('ETag', etagOf(rev));
    return c.json(productView(doc, onHand), 200);
  });

  r.openapi(archive, async (c) => {
    const { doc, rev } = await edit(c, c.req.valid('param').id, { active: false });
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    c.header('ETag', etagOf(rev));
    return c.json(productView(doc, onHand), 200);
  });
  return r;
}
