import { z } from 'zod';
import { customerFields } from '../schemas/customer.ts';
import { productFields } from '../schemas/product.ts';
import { pageQuery } from './common.ts';

const p = productFields.shape;

/** `POST /products`: what a program must say, and what it may. */
export const restProductInput = z
  .strictObject({
    code: p.code,
    name: p.name,
    unit: p.unit,
    price: p.price,
    cost: p.cost.optional(),
    description: p.description.optional(),
    lowStockThreshold: p.lowStockThreshold.optional(),
    category: p.category.optional(),
    imageUrl: p.imageUrl.optional(),
    /** offered on the shop's public page (default false) */
    online: p.online.optional(),
    /** the most base units open online orders may hold at once; null: all free stock */
    onlineAllowance: p.onlineAllowance.optional(),
  })
  .meta({ id: 'ProductInput' });
export type RestProductInput = z.infer<typeof restProductInput>;

/** `PATCH /products/:id`: any of the fields; `active: true` brings an archived one back. */
export const restProductPatch = z
  .strictObject({
    ...restProductInput.partial().shape,
    active: p.active.optional(),
  })
  .meta({ id: 'ProductPatch' });
export type RestProductPatch = z.infer<typeof restProductPatch>;

export const restProduct = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    unit: p.unit,
    price: z.number().int(),
    cost: z.number().int().nullable(),
    description: z.string(),
    lowStockThreshold: z.number().int().nullable(),
    category: z.string(),
    imageUrl: z.string().nullable(),
    active: z.boolean(),
    online: z.boolean(),
    onlineAllowance: z.number().int().nullable(),
    /** base units on hand now, as the server's stock ledger has it */
    onHand: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });
export type RestProduct = z.infer<typeof restProduct>;

export const productListQuery = pageQuery.extend({
  /** name (anywhere) or code (prefix), case-insensitive */
  q: z.string().max(100).optional(),
  /** `true`: archived products too */
  archived: z.enum(['true', 'false']).default('false'),
});

const c = customerFields.shape;

export const restCustomerInput = z
  .strictObject({
    name: c.name,
    phone: c.phone.optional(),
    email: c.email.optional(),
    address: c.address.optional(),
    location: c.location.optional(),
    notes: c.notes.optional(),
  })
  .meta({ id: 'CustomerInput' });
export type RestCustomerInput = z.infer<typeof restCustomerInput>;

export const restCustomerPatch = restCustomerInput.partial().meta({ id: 'CustomerPatch' });
export type RestCustomerPatch = z.infer<typeof restCustomerPatch>;

export const restCustomer = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string(),
    address: z.string(),
    location: z.string(),
    notes: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type RestCustomer = z.infer<typeof restCustomer>;

export const customerListQuery = pageQuery.extend({
  /** name (anywhere) or phone digits, case-insensitive */
  q: z.string().max(100).optional(),
});
