import { createRoute } from '@hono/zod-openapi';
import {
  CUSTOMER_MERGE_FIELDS,
  customerFields,
  editCustomerDoc,
  newCustomerDoc,
  ulid,
  type Customer,
  type CustomerFields,
} from '@stallkeeper/shared';
import {
  customerListQuery,
  idParam,
  pageOf,
  restCustomer,
  restCustomerInput,
  restCustomerPatch,
  shopParam,
  type RestCustomer,
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

const tags = ['Customers'];
const PREFIX = 'customer:';

export const customerView = (d: Customer): RestCustomer => ({
  id: publicId(d._id),
  name: d.name,
  phone: d.phone,
  email: d.email,
  address: d.address,
  location: d.location,
  notes: d.notes,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const fieldsOf = (d: Customer): CustomerFields =>
  Object.fromEntries(CUSTOMER_MERGE_FIELDS.map((f) => [f, d[f]])) as CustomerFields;

function parsed(input: unknown): CustomerFields {
  const r = customerFields.safeParse(input);
  if (!r.success) throw invalidInput(r.error);
  return r.data;
}

/** By name (anywhere) or phone digits: as the app's customer search. */
function matches(d: Customer, term: string): boolean {
  if (d.name.toLowerCase().includes(term)) return true;
  const digits = term.replace(/\D/g, '');
  return digits.length > 0 && d.phone.replace(/\D/g, '').includes(digits);
}

const shopDb = (c: Context<AppEnv>) => c.get('services').storage.shop(c.get('shopId'));
const customerOf = (c: Context<AppEnv>, id: string) =>
  docOf<Customer>(shopDb(c), docIdOf('customer', id), PREFIX, 'customer');

const body = <T extends typeof restCustomerInput | typeof restCustomerPatch>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const list = createRoute({
  method: 'get',
  path: '/shops/{shopId}/customers',
  tags,
  summary: 'List customers',
  request: { params: shopParam, query: customerListQuery },
  responses: {
    200: json(pageOf(restCustomer), 'A page of customers, oldest first'),
    ...errors(400, 401, 403, 404, 429),
  },
});
const create = createRoute({
  method: 'post',
  path: '/shops/{shopId}/customers',
  tags,
  summary: 'Add a customer',
  request: { params: shopParam, body: body(restCustomerInput) },
  responses: { 201: json(restCustomer, 'The customer'), ...errors(400, 401, 403, 404, 422, 429) },
});
const read = createRoute({
  method: 'get',
  path: '/shops/{shopId}/customers/{id}',
  tags,
  summary: 'One customer (its ETag is its version)',
  request: { params: idParam },
  responses: { 200: json(restCustomer, 'The customer'), ...errors(401, 403, 404, 429) },
});
const patch = createRoute({
  method: 'patch',
  path: '/shops/{shopId}/customers/{id}',
  tags,
  summary: 'Change some fields; If-Match makes it safe against a lost update',
  request: { params: idParam, body: body(restCustomerPatch) },
  responses: {
    200: json(restCustomer, 'The customer as it is now'),
    ...errors(400, 401, 403, 404, 409, 412, 422, 429),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/shops/{shopId}/customers/{id}',
  tags,
  summary: 'Remove a customer (owner); their orders keep the name they were sold under',
  request: { params: idParam },
  responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409, 412, 429) },
});

export function customerRoutes() {
  const r = restRouter();

  r.openapi(list, async (c) => {
    const { q, limit, cursor } = c.req.valid('query');
    const term = q?.trim().toLowerCase() ?? '';
    const page = await pageByPrefix(shopDb(c), PREFIX, { limit, cursor }, (d) => {
      const cu = d as unknown as Customer;
      return !term || matches(cu, term) ? customerView(cu) : null;
    });
    return c.json(page, 200);
  });

  r.openapi(create, async (c) => {
    mayWrite(c, 'customer', 'create');
    const input = c.req.valid('json');
    const fields = parsed({
      phone: '',
      email: '',
      address: '',
      location: '',
      notes: '',
      ...input,
    });
    const w = await apiWriter(c);
    const doc = newCustomerDoc(`customer:${ulid()}`, fields, { ...w.by, stamp: w.stamp() });
    const revs = await writeDocs(c.get('services'), w, [
      doc,
      auditOf(w, {
        action: 'customer.create',
        target: doc._id,
        summary: `Added customer ${doc.name}`,
        before: null,
        after: fields,
      }),
    ]);
    c.header('ETag', etagOf(revs.get(doc._id) ?? ''));
    c.header('Location', `${c.req.path}/${publicId(doc._id)}`);
    return c.json(customerView(doc), 201);
  });

  r.openapi(read, async (c) => {
    const doc = await customerOf(c, c.req.valid('param').id);
    c.header('ETag', etagOf(doc._rev));
    return c.json(customerView(doc), 200);
  });

  r.openapi(patch, async (c) => {
    mayWrite(c, 'customer', 'update');
    const current = await customerOf(c, c.req.valid('param').id);
    checkIfMatch(c, current._rev);
    const fields = parsed({ ...fieldsOf(current), ...c.req.valid('json') });
    const w = await apiWriter(c);
    const e = editCustomerDoc(current, fields, { ...w.by, stamp: w.stamp(current.stamps) });
    let rev = current._rev;
    if (e.changed) {
      const revs = await writeDocs(c.get('services'), w, [
        e.doc,
        auditOf(w, {
          action: 'customer.update',
          target: current._id,
          summary: `Edited customer ${fields.name}`,
          before: e.before,
          after: e.after,
        }),
      ]);
      rev = revs.get(current._id) ?? rev;
    }
    c.header('ETag', etagOf(rev));
    return c.json(customerView(e.changed ? e.doc : current), 200);
  });

  r.openapi(remove, async (c) => {
    mayWrite(c, 'customer', 'delete');
    const current = await customerOf(c, c.req.valid('param').id);
    checkIfMatch(c, current._rev);
    const w = await apiWriter(c);
    await writeDocs(c.get('services'), w, [
      { _id: current._id, _rev: current._rev, _deleted: true },
      auditOf(w, {
        action: 'customer.delete',
        target: current._id,
        summary: `Deleted customer ${current.name}`,
        before: fieldsOf(current),
        after: null,
      }),
    ]);
    return c.body(null, 204);
  });
  return r;
}
