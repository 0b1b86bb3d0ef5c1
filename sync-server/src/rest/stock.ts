import { createRoute } from '@hono/zod-openapi';
import {
  stockAudit,
  stockMovementDoc,
  ulid,
  type Product,
  type StockMovement,
} from '@stallkeeper/shared';
import {
  pageOf,
  restStockInput,
  restStockLevel,
  restStockMovement,
  shopParam,
  stockListQuery,
  type RestStockInput,
} from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import type { AppEnv } from '../http/types.ts';
import { apiWriter, auditOf, writeDocs } from './api-writer.ts';
import { docIdOf, errors, json, mayWrite, publicId, restRouter } from './openapi.ts';
import { docOf, pageByPrefix } from './shop-reads.ts';
import { onHandOf } from './stock-ledger.ts';

const tags = ['Stock'];

/** The API's reasons as the documents' (a write-off is the app's damage). */
const REASON: Record<RestStockInput['reason'], StockMovement['reason']> = {
  restock: 'restock',
  count: 'count',
  adjustment: 'adjustment',
  writeoff: 'damage',
};

const list = createRoute({
  method: 'get',
  path: '/shops/{shopId}/stock',
  tags,
  summary: 'Stock on hand per product (base units)',
  request: { params: shopParam, query: stockListQuery },
  responses: {
    200: json(pageOf(restStockLevel), 'A page of products with their stock on hand'),
    ...errors(400, 401, 403, 404, 429),
  },
});

const move = createRoute({
  method: 'post',
  path: '/shops/{shopId}/stock',
  tags,
  summary: 'Record a stock movement (owner); a count sets the level',
  request: {
    params: shopParam,
    body: { content: { 'application/json': { schema: restStockInput } }, required: true },
  },
  responses: {
    201: json(restStockMovement, 'The movement and the stock on hand after it'),
    200: json(restStockMovement, 'A count that found what was on hand: nothing recorded (id null)'),
    ...errors(400, 401, 403, 404, 422, 429),
  },
});

const shopDb = (c: Context<AppEnv>) => c.get('services').storage.shop(c.get('shopId'));

export function stockRoutes() {
  const r = restRouter();

  r.openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const onHand = await onHandOf(c.get('services'), c.get('shopId'));
    const page = await pageByPrefix(shopDb(c), 'product:', { limit, cursor }, (d) => {
      const p = d as unknown as Product;
      return {
        productId: publicId(p._id),
        code: p.code,
        name: p.name,
        unit: p.unit,
        onHand: onHand.get(p._id) ?? 0,
      };
    });
    return c.json(page, 200);
  });

  r.openapi(move, async (c) => {
    mayWrite(c, 'stock', 'create');
    const input = c.req.valid('json');
    const product = await docOf<Product>(
      shopDb(c),
      docIdOf('product', input.productId),
      'product:',
      'product',
    );
    const services = c.get('services');
    const before = (await onHandOf(services, c.get('shopId'))).get(product._id) ?? 0;
    const qty = input.reason === 'count' ? input.qty - before : input.qty;
    const at = new Date().toISOString();
    if (qty === 0) {
      const unchanged = {
        id: null,
        productId: input.productId,
        qty: 0,
        reason: input.reason,
        counted: input.qty,
        note: input.note ?? '',
        at,
        onHand: before,
      };
      return c.json(unchanged, 200);
    }
    const w = await apiWriter(c);
    const doc = stockMovementDoc(
      `stock:${ulid()}`,
      {
        productId: product._id,
        reason: REASON[input.reason],
        qty,
        counted: input.reason === 'count' ? input.qty : null,
        note: input.note ?? '',
      },
      { ...w.by, now: at },
    );
    await writeDocs(services, w, [doc, auditOf(w, stockAudit(doc))]);
    const after = (await onHandOf(services, c.get('shopId'))).get(product._id) ?? before + qty;
    return c.json(
      {
        id: publicId(doc._id),
        productId: input.productId,
        qty,
        reason: input.reason,
        counted: doc.counted,
        note: doc.note,
        at: doc.at,
        onHand: after,
      },
      201,
    );
  });
  return r;
}
