import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import {
  customersTable,
  factsFrom,
  foldOrder,
  orderLinesTable,
  ordersTable,
  paymentsTable,
  productsTable,
  stockLevels,
  stockMovementsTable,
  type Customer,
  type ExportNames,
  type ExportTable,
  type Order,
  type OrderEvent,
  type Product,
  type ShopDoc,
  type StockMovement,
} from '@stallkeeper/shared';

/** The files `pnpm seed --export` writes, in this order. */
export const EXPORT_FILES = [
  'products',
  'customers',
  'orders',
  'order-lines',
  'payments',
  'stock-movements',
] as const;

/**
 * A shop's documents as the tables the app exports (the shapers in shared/src/export):
 * the catalog with stock on hand, customers, orders as they stand now with their
 * lines, every move of money, and the stock movements.
 */
export function shopTables(docs: readonly ShopDoc[], names: ExportNames): ExportTable[] {
  const products: Product[] = [];
  const customers: Customer[] = [];
  const orders: Order[] = [];
  const movements: StockMovement[] = [];
  const events = new Map<string, OrderEvent[]>();
  let currency = 'EUR';
  for (const d of docs) {
    if (d.type === 'settings') {
      currency = d.currency;
    } else if (d.type === 'product') {
      products.push(d);
    } else if (d.type === 'customer') {
      customers.push(d);
    } else if (d.type === 'order') {
      orders.push(d);
    } else if (d.type === 'stock') {
      movements.push(d);
    } else if (d.type === 'orderevent') {
      const list = events.get(d.orderId) ?? [];
      list.push(d);
      events.set(d.orderId, list);
    }
  }
  const onHand = stockLevels(factsFrom([...movements, ...orders, ...[...events.values()].flat()]));
  const sold = orders
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .map((order) => ({ order, state: foldOrder(order, events.get(order._id) ?? []) }));
  const productById = new Map(products.map((p) => [p._id, p]));
  return [
    productsTable(products, onHand, currency),
    customersTable(customers),
    ordersTable(sold, names),
    orderLinesTable(sold),
    paymentsTable(sold),
    stockMovementsTable(movements, productById, names.people),
  ];
}

/** RFC 4180 text, as the app's own export writes it (web/src/lib/export/csv.ts). */
export function toCsv(table: ExportTable, { bom = false }: { bom?: boolean } = {}): string {
  const text = Papa.unparse(
    { fields: table.columns, data: table.rows.map((r) => r.map((c) => c ?? '')) },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  const body = table.rows.length === 0 && text.endsWith('\r\n') ? text : `${text}\r\n`;
  return `${bom ? '\uFEFF' : ''}${body}`;
}

/** Writes each table as `<dir>/<name>.csv` (UTF-8); returns the paths written. */
export async function writeTables(
  dir: string,
  tables: readonly ExportTable[],
  options: { bom?: boolean } = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const t of tables) {
    const path = join(dir, `${t.name}.csv`);
    await writeFile(path, toCsv(t, options), 'utf8');
    paths.push(path);
  }
  return paths;
}
