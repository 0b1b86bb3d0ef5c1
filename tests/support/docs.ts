import { lineTotal, ulid, type Customer, type Order, type Product } from '@stallkeeper/shared';

const now = () => new Date().toISOString();

export function customerDoc(name: string): Customer {
  return {
    _id: `customer:${ulid()}`,
    type: 'customer',
    name,
    phone: '',
    email: '',
    address: '',
    location: '',
    notes: '',
    createdAt: now(),
    updatedAt: now(),
    stamps: {},
  };
}

export function productDoc(code: string, name: string, price = 250): Product {
  return {
    _id: `product:${ulid()}`,
    type: 'product',
    code,
    name,
    unit: 'piece',
    price,
    cost: null,
    description: '',
    imageUrl: null,
    lowStockThreshold: null,
    active: true,
    createdAt: now(),
    updatedAt: now(),
    stamps: {},
  };
}

/** A counter sale of `qty` pieces of one product, paid by card. */
export function orderDoc(
  product: Product,
  qty: number,
  by: string,
  deviceId: string,
  seq: number,
): Order {
  const total = lineTotal(product.price, qty, product.unit);
  return {
    _id: `order:${ulid()}`,
    type: 'order',
    number: `K3-${String(seq).padStart(4, '0')}`,
    channel: 'counter',
    customerId: null,
    customerName: '',
    lines: [
      {
        productId: product._id,
        code: product.code,
        name: product.name,
        unit: product.unit,
        unitPrice: product.price,
        qty,
        lineTotal: total,
      },
    ],
    currency: 'EUR',
    subtotal: total,
    tax: 0,
    total,
    payment: { method: 'card', paid: total, tendered: null, change: null },
    note: '',
    createdAt: now(),
    by,
    deviceId,
  };
}
