import Dexie, { type Table } from 'dexie';
import type { Product, SettingsFields } from '@stallkeeper/shared';

/** A product as the screens read it: indexed for search by name and code. */
export interface ProductRow {
  id: string;
  code: string;
  name: string;
  nameLower: string;
  unit: Product['unit'];
  price: number;
  cost: number | null;
  description: string;
  imageUrl: string | null;
  lowStockThreshold: number | null;
  active: 0 | 1;
  updatedAt: string;
}

/** A local write not yet confirmed by the server (or refused by it). */
export interface OutboxRow {
  id: string;
  rev: string;
  kind: string;
  at: string;
  /** set when the server refused the document */
  refused: string | null;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type SettingsRow = SettingsFields & { key: 'settings' };

/**
 * Per-shop Dexie database: device-only data (outbox, checkpoints) and the read
 * models rebuilt from PouchDB's changes feed. Never a second home for user data.
 */
export class ShopLocalDb extends Dexie {
  products!: Table<ProductRow, string>;
  outbox!: Table<OutboxRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(shopId: string) {
    super(`stallkeeper_local_${shopId}`);
    this.version(1).stores({
      products: 'id, code, nameLower, active, updatedAt',
      outbox: 'id, refused',
      meta: 'key',
    });
  }
}

/** Device-wide data that does not belong to one shop. */
export interface DeviceRow {
  key: string;
  value: unknown;
}

export class DeviceDb extends Dexie {
  device!: Table<DeviceRow, string>;
  constructor() {
    super('stallkeeper_device');
    this.version(1).stores({ device: 'key' });
  }
}

export async function getMeta<T>(
  table: Table<MetaRow | DeviceRow, string>,
  key: string,
): Promise<T | undefined> {
  const row = await table.get(key);
  return row?.value as T | undefined;
}
