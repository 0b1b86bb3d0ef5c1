import { describe, expect, it } from 'vitest';
import { PRODUCT_COLUMNS } from '../export/products.ts';
import { CUSTOMER_COLUMNS } from '../export/customers.ts';
import { autoMap, detectPreset, fitsHeaders, headerSetKey, normaliseHeader } from './mapping.ts';

/** The mapped column's header for each mapped field. */
function mapped(kind: 'products' | 'customers', headers: string[]) {
  const { preset, mapping } = autoMap(kind, headers);
  const named = Object.fromEntries(
    Object.entries(mapping).flatMap(([t, i]) => (i === null ? [] : [[t, headers[i]]])),
  );
  return { preset: preset?.id ?? null, named };
}

describe('normaliseHeader', () => {
  it('ignores case, spaces, underscores and a byte-order mark', () => {
    expect(normaliseHeader('\uFEFFLow_Stock_At ')).toBe('low stock at');
    expect(normaliseHeader('Variant  SKU')).toBe('variant sku');
  });
});

describe('autoMap for products', () => {
  it('reads a Stallkeeper export column for column', () => {
    const { preset, named } = mapped('products', [...PRODUCT_COLUMNS]);
    expect(preset).toBe('stallkeeper');
    expect(named).toEqual({
      code: 'code',
      name: 'name',
      category: 'category',
      unit: 'unit',
      price: 'price',
      cost: 'cost',
      currency: 'currency',
      stock: 'stock',
      lowStock: 'low_stock_at',
      description: 'description',
      active: 'active',
    });
  });

  it('recognises a Square item library export, with per-location stock', () => {
    const headers = [
      'Token',
      'Item Name',
      'Variation Name',
      'Unit and Precision',
      'SKU',
      'Description',
      'Category',
      'Price',
      'Archived',
      'Default Unit Cost',
      'Current Quantity Main Street',
      'New Quantity Main Street',
      'Stock Alert Count Main Street',
    ];
    const { preset, named } = mapped('products', headers);
    expect(preset).toBe('square');
    expect(named).toMatchObject({
      code: 'SKU',
      name: 'Item Name',
      category: 'Category',
      unit: 'Unit and Precision',
      price: 'Price',
      cost: 'Default Unit Cost',
      stock: 'Current Quantity Main Street',
      lowStock: 'Stock Alert Count Main Street',
      archived: 'Archived',
    });
  });

  it('recognises a Shopify products export', () => {
    const headers = [
      'Handle',
      'Title',
      'Body (HTML)',
      'Vendor',
      'Product Category',
      'Type',
      'Tags',
      'Published',
      'Variant SKU',
      'Variant Grams',
      'Variant Inventory Qty',
      'Variant Price',
      'Cost per item',
      'Status',
    ];
    const { preset, named } = mapped('products', headers);
    expect(preset).toBe('shopify');
    expect(named).toMatchObject({
      code: 'Variant SKU',
      name: 'Title',
      category: 'Type',
      price: 'Variant Price',
      cost: 'Cost per item',
      stock: 'Variant Inventory Qty',
      description: 'Body (HTML)',
      active: 'Status',
    });
  });

  it('recognises Loyverse, Lightspeed and Zoho exports', () => {
    const loyverse = mapped('products', [
      'Handle',
      'SKU',
      'Name',
      'Category',
      'Sold by weight',
      'Cost',
      'Barcode',
      'Price [Main Store]',
      'In stock [Main Store]',
      'Low stock [Main Store]',
    ]);
    expect(loyverse.preset).toBe('loyverse');
    expect(loyverse.named).toMatchObject({
      code: 'SKU',
      byWeight: 'Sold by weight',
      price: 'Price [Main Store]',
      stock: 'In stock [Main Store]',
      lowStock: 'Low stock [Main Store]',
    });
    const lightspeed = mapped('products', [
      'id',
      'handle',
      'sku',
      'name',
      'description',
      'type',
      'supply_price',
      'retail_price',
      'active',
      'inventory_Main_Outlet',
      'reorder_point_Main_Outlet',
    ]);
    expect(lightspeed.preset).toBe('lightspeed');
    expect(lightspeed.named).toMatchObject({
      price: 'retail_price',
      cost: 'supply_price',
      category: 'type',
      stock: 'inventory_Main_Outlet',
    });
    const zoho = mapped('products', ['Item Name', 'SKU', 'Rate', 'Purchase Rate', 'Usage unit']);
    expect(zoho.preset).toBe('zoho');
    expect(zoho.named).toMatchObject({ price: 'Rate', cost: 'Purchase Rate', unit: 'Usage unit' });
  });

  it('maps a sheet of the owner’s own by the usual words, each column once', () => {
    const { preset, named } = mapped('products', [
      'Product Name',
      'Barcode',
      'Selling Price',
      'Qty',
    ]);
    expect(preset).toBeNull();
    expect(named).toEqual({
      name: 'Product Name',
      code: 'Barcode',
      price: 'Selling Price',
      stock: 'Qty',
    });
  });
});

describe('autoMap for customers', () => {
  it('reads a Stallkeeper export', () => {
    const { preset, named } = mapped('customers', [...CUSTOMER_COLUMNS]);
    expect(preset).toBe('stallkeeper');
    expect(named).toEqual({
      name: 'name',
      phone: 'phone',
      email: 'email',
      address1: 'address',
      location: 'location',
      notes: 'notes',
    });
  });

  it('maps first and last names, mobiles and address parts', () => {
    const { named } = mapped('customers', [
      'First Name',
      'Surname',
      'Mobile',
      'E-mail',
      'Street',
      'Town',
      'Zip',
      'Comments',
    ]);
    expect(named).toEqual({
      firstName: 'First Name',
      lastName: 'Surname',
      mobile: 'Mobile',
      email: 'E-mail',
      address1: 'Street',
      city: 'Town',
      postcode: 'Zip',
      notes: 'Comments',
    });
  });
});

describe('remembered mappings', () => {
  it('are keyed by the file’s column names, however spelled', () => {
    expect(headerSetKey('products', ['SKU', 'Item Name'])).toBe(
      headerSetKey('products', ['sku', 'item_name']),
    );
    expect(headerSetKey('products', ['SKU'])).not.toBe(headerSetKey('customers', ['SKU']));
  });
  it('still fit only when every column they name is in the file', () => {
    const { mapping } = autoMap('customers', ['name', 'phone']);
    expect(fitsHeaders('customers', mapping, 2)).toBe(true);
    expect(fitsHeaders('customers', { ...mapping, phone: 5 }, 2)).toBe(false);
    expect(fitsHeaders('customers', { name: 0 }, 2)).toBe(false);
  });
  it('detects no program from a few shared names', () => {
    expect(detectPreset('products', ['SKU', 'Price'])).toBeNull();
  });
});
