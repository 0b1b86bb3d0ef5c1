export * from './hlc.ts';
export * from './ids.ts';
export * from './money.ts';
export * from './numbers.ts';
export * from './permissions.ts';
export * from './quantity.ts';
export * from './schemas/index.ts';
export * from './api.ts';
