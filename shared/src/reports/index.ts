export type * from './types.ts';
export { MOVEMENT_KINDS } from './types.ts';
export type * from './input.ts';
export * from './period.ts';
export { buildReport } from './build.ts';
export { countsAsSale, dayFigures } from './sales.ts';
export { reportInvoiceOf, reportOrderOf } from './report-order.ts';
