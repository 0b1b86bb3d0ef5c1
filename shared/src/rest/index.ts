export * from './common.ts';
export * from './catalog.ts';
export * from './stock.ts';
export * from './people.ts';
export * from './orders.ts';
export * from './mail.ts';
export * from './storefront.ts';
