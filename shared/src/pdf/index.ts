/**
 * `@stallkeeper/shared/pdf`: invoices, statements and receipts as PDF files, made
 * the same by the app (loaded on the screens that make one) and by the server.
 * Its own entry because it brings pdf-lib, which the first screen must not load.
 */
export * from './pdf-writer.ts';
export * from './pdf-money.ts';
export * from './seller-header.ts';
export * from './invoice-pdf.ts';
export * from './statement-pdf.ts';
export * from './receipt-pdf.ts';
