import { reportContext } from './context.ts';
import type { ReportInput, ReportProduct } from './input.ts';
import { ordersReport } from './orders.ts';
import { owedHidden, owedReport } from './owed.ts';
import { salesByCategory, salesByProduct } from './products.ts';
import {
  salesByDay,
  salesByHour,
  salesByMethod,
  salesByPerson,
  salesOf,
  salesSummary,
} from './sales.ts';
import { stockReport } from './stock.ts';
import type { Report } from './types.ts';

/**
 * The whole report of a period from the device's read models, in one pure pass
 * (rules: sales.ts, products.ts, orders.ts, stock.ts, owed.ts). A seller's report
 * (onlyBy) counts their own sales and orders; stock stays shop-wide and money owed
 * is left empty for them.
 */
export function buildReport(input: ReportInput): Report {
  const ctx = reportContext(input);
  const products = new Map<string, ReportProduct>();
  for (const p of input.products) products.set(p.id, p);
  const sales = salesOf(ctx, ctx.current);
  const byProduct = salesByProduct(ctx, sales, products);
  return {
    period: input.period,
    previousPeriod: input.previousPeriod,
    currency: input.currency,
    onlyBy: input.onlyBy,
    sales: {
      summary: salesSummary(ctx, sales, input.period),
      previous: salesSummary(ctx, salesOf(ctx, ctx.previous), input.previousPeriod),
      byDay: salesByDay(ctx, sales),
      byHour: salesByHour(ctx, sales),
      byProduct,
      byCategory: salesByCategory(byProduct),
      byMethod: salesByMethod(ctx),
      bySeller: salesByPerson(sales, (o) => o.by),
      byDevice: salesByPerson(sales, (o) => o.deviceId),
    },
    orders: ordersReport(ctx),
    stock: stockReport(ctx, products),
    owed: input.onlyBy === null ? owedReport(ctx) : owedHidden(),
  };
}
