import { canWrite, type Role } from '@stallkeeper/shared';
import type { ActivityEntry, ActivityFilter } from '../db/activity.ts';
import {
  exportActivity,
  exportCustomers,
  exportInvoices,
  exportOrders,
  exportProducts,
  exportStockMovements,
  type InvoiceExportQuery,
} from '../db/export-lists.ts';
import type { OrderFilter } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';
import type { ExportChoice } from './export-menu.svelte.ts';

/** The files each list offers, in the words of its export menu. */

export function orderChoices(ctx: ShopContext, filter: OrderFilter): ExportChoice[] {
  return [
    {
      label: 'Orders, one row per order',
      note: 'Every order the filters let through, with its totals as they stand now.',
      make: () => exportOrders(ctx, filter, 'orders'),
    },
    {
      label: 'Order lines, one row per item sold',
      note: 'The items of every order the filters let through (an amended order’s new items); weighed goods in kg.',
      make: () => exportOrders(ctx, filter, 'lines'),
    },
    {
      label: 'Payments and refunds',
      note: 'Money paid and paid back on every order the filters let through; refunds are negative.',
      make: () => exportOrders(ctx, filter, 'payments'),
    },
  ];
}

/** The catalog for everyone; stock movements for who records them. */
export function productChoices(ctx: ShopContext, role: Role): ExportChoice[] {
  const catalog: ExportChoice = {
    label: 'Products, with stock on hand',
    note: 'The whole catalog, archived products too.',
    make: () => exportProducts(ctx, role),
  };
  if (!canWrite(role, 'stock', 'create').allowed) return [catalog];
  return [
    catalog,
    {
      label: 'Stock movements',
      note: 'Every restock, count, adjustment and write-off, newest first.',
      make: () => exportStockMovements(ctx),
    },
  ];
}

export function customerChoices(ctx: ShopContext): ExportChoice[] {
  return [
    { label: 'Customers, one row each', note: 'Every customer.', make: () => exportCustomers(ctx) },
  ];
}

export function invoiceChoices(ctx: ShopContext, q: InvoiceExportQuery): ExportChoice[] {
  return [
    {
      label: 'Invoices, with what is paid and owed today',
      note: 'Every invoice the filters let through.',
      make: () => exportInvoices(ctx, q),
    },
  ];
}

export function activityChoices(
  ctx: ShopContext,
  filter: ActivityFilter,
  describe: (e: ActivityEntry) => string,
): ExportChoice[] {
  return [
    {
      label: 'Activity, one row per entry',
      note: 'Every entry the filters let through, in the words shown here.',
      make: () => exportActivity(ctx, filter, describe),
    },
  ];
}
