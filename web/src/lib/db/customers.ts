import {
  CUSTOMER_MERGE_FIELDS,
  editCustomerDoc,
  newCustomerDoc,
  ulid,
  type Customer,
  type CustomerFields,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { CustomerRow, OrderRow } from './local.ts';
import { schemas } from '../schemas.ts';
import { ValidationError, type ShopContext } from './shop.ts';

export const EMPTY_CUSTOMER: CustomerFields = {
  name: '',
  phone: '',
  email: '',
  address: '',
  location: '',
  notes: '',
};

/** Search by name (anywhere) or phone digits (anywhere). */
export function matchesCustomer(c: CustomerRow, term: string): boolean {
  const t = term.trim().toLowerCase();
  if (!t) return true;
  const digits = t.replace(/\D/g, '');
  return c.nameLower.includes(t) || (digits.length >= 3 && c.phoneDigits.includes(digits));
}

export function liveCustomers(ctx: ShopContext, search: string): Observable<CustomerRow[]> {
  return liveQuery(async () => {
    const all = await ctx.local.customers.orderBy('nameLower').toArray();
    return all.filter((c) => matchesCustomer(c, search));
  });
}

export interface CustomerDetail {
  customer: CustomerRow;
  orders: OrderRow[];
  lifetime: { orders: number; spent: number; balance: number };
}

export function liveCustomer(ctx: ShopContext, id: string): Observable<CustomerDetail | null> {
  return liveQuery(async () => {
    const customer = await ctx.local.customers.get(id);
    if (!customer) return null;
    const orders = [...(await ctx.local.orders.where('customerKey').equals(id).toArray())].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt),
    );
    const live = orders.filter((o) => o.status !== 'cancelled');
    return {
      customer,
      orders,
      lifetime: {
        orders: live.length,
        spent: live.reduce((s, o) => s + o.total, 0),
        balance: live.reduce((s, o) => s + o.balance, 0),
      },
    };
  });
}

async function validate(input: CustomerFields): Promise<CustomerFields> {
  const { customerFields, describeIssues } = await schemas();
  const parsed = customerFields.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error));
  return parsed.data;
}

export async function createCustomer(ctx: ShopContext, input: CustomerFields): Promise<Customer> {
  const fields = await validate(input);
  const doc = newCustomerDoc(`customer:${ulid()}`, fields, {
    ...ctx.actor,
    stamp: ctx.clock.next(),
  });
  return ctx.putNew(
    doc,
    ctx.auditDoc('customer.create', doc._id, `Added customer ${doc.name}`, null, fields),
  );
}

export async function updateCustomer(
  ctx: ShopContext,
  id: string,
  input: CustomerFields,
): Promise<Customer> {
  const current = await ctx.get<Customer>(id);
  if (!current) throw await ctx.missing('customer');
  const fields = await validate(input);
  const edit = editCustomerDoc(current, fields, { ...ctx.actor, stamp: ctx.clock.next() });
  const audit = edit.changed
    ? [
        ctx.auditDoc(
          'customer.update',
          id,
          `Edited customer ${fields.name}`,
          edit.before,
          edit.after,
        ),
      ]
    : [];
  const [saved] = await ctx.putEdits([{ ...edit.doc, _rev: current._rev ?? '' }], ...audit);
  return saved ?? edit.doc;
}

/**
 * Remove a customer (owners only: the screen asks `canWrite`, the server checks
 * again). Their orders keep the name they were sold under; the activity log keeps
 * what the customer's details were.
 */
export async function deleteCustomer(ctx: ShopContext, id: string): Promise<void> {
  const current = await ctx.get<Customer>(id);
  if (!current) {
    if (await ctx.stillCopying()) throw await ctx.missing('customer');
    return; // gone already
  }
  const fields = Object.fromEntries(CUSTOMER_MERGE_FIELDS.map((f) => [f, current[f]]));
  await ctx.putEdits(
    [{ ...current, _rev: current._rev ?? '', _deleted: true }],
    ctx.auditDoc('customer.delete', id, `Deleted customer ${current.name}`, fields, null),
  );
}
