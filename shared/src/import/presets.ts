import type { CustomerTarget, ImportKind, ProductTarget, TargetOf } from './fields.ts';

/**
 * Exports of other point-of-sale programs, recognised by their column names. Names
 * compare normalised (headers.ts): case, spaces, `_` and `-` do not matter. A name
 * ending in `*` matches any column that starts with it ("current quantity *" is
 * Square's "Current Quantity Main Street"), for per-location columns.
 */
export interface Preset<K extends ImportKind> {
  id: string;
  /** how the screen names where the file came from */
  label: string;
  /** columns only this program's export has: all present means it is this program */
  signature: string[];
  /** per field, the columns it is read from, best first */
  columns: Partial<Record<TargetOf<K>, string[]>>;
}

export const PRODUCT_PRESETS: Preset<'products'>[] = [
  {
    id: 'stallkeeper',
    label: 'Stallkeeper',
    signature: ['code', 'name', 'unit', 'price', 'low stock at'],
    columns: {
      code: ['code'],
      name: ['name'],
      category: ['category'],
      unit: ['unit'],
      price: ['price'],
      cost: ['cost'],
      currency: ['currency'],
      stock: ['stock'],
      lowStock: ['low stock at'],
      description: ['description'],
      active: ['active'],
    },
  },
  {
    id: 'square',
    label: 'Square',
    signature: ['item name', 'variation name', 'sku', 'price'],
    columns: {
      code: ['sku', 'gtin'],
      name: ['item name'],
      category: ['reporting category', 'categories', 'category'],
      unit: ['unit and precision'],
      price: ['price'],
      cost: ['default unit cost'],
      stock: ['current quantity *'],
      lowStock: ['stock alert count *'],
      description: ['description'],
      archived: ['archived'],
    },
  },
  {
    id: 'shopify',
    label: 'Shopify',
    signature: ['handle', 'title', 'variant sku', 'variant price'],
    columns: {
      code: ['variant sku', 'variant barcode'],
      name: ['title'],
      category: ['type', 'product category'],
      price: ['variant price'],
      cost: ['cost per item'],
      stock: ['variant inventory qty', 'inventory quantity', 'on hand (current) *'],
      description: ['body (html)', 'description'],
      active: ['status', 'published'],
    },
  },
  {
    id: 'loyverse',
    label: 'Loyverse',
    signature: ['handle', 'sku', 'name', 'sold by weight'],
    columns: {
      code: ['sku', 'barcode'],
      name: ['name'],
      category: ['category'],
      byWeight: ['sold by weight'],
      price: ['price *', 'default price'],
      cost: ['cost'],
      stock: ['in stock *'],
      lowStock: ['low stock *'],
      description: ['description'],
      active: ['available for sale *'],
    },
  },
  {
    id: 'lightspeed',
    label: 'Lightspeed Retail (Vend)',
    signature: ['handle', 'sku', 'name', 'retail price', 'supply price'],
    columns: {
      code: ['sku'],
      name: ['name'],
      category: ['product category', 'type'],
      price: ['retail price'],
      cost: ['supply price'],
      stock: ['inventory *'],
      lowStock: ['reorder point *'],
      description: ['description'],
      active: ['active'],
    },
  },
  {
    id: 'zoho',
    label: 'Zoho Inventory',
    signature: ['item name', 'sku', 'rate', 'purchase rate'],
    columns: {
      code: ['sku'],
      name: ['item name'],
      category: ['category name', 'category'],
      unit: ['usage unit', 'unit'],
      price: ['rate', 'selling price'],
      cost: ['purchase rate', 'purchase price'],
      stock: ['opening stock', 'stock on hand'],
      lowStock: ['reorder level'],
      description: ['description', 'sales description'],
      active: ['status'],
    },
  },
];

/** Columns any spreadsheet may have, tried after the program's own. */
export const PRODUCT_COMMON: Partial<Record<ProductTarget, string[]>> = {
  code: ['code', 'sku', 'item code', 'product code', 'article number', 'barcode', 'plu', 'ean'],
  name: ['name', 'product name', 'product', 'item name', 'item', 'title'],
  category: ['category', 'categories', 'group', 'department', 'type'],
  unit: ['unit', 'units', 'sold by', 'uom', 'unit of measure'],
  byWeight: ['sold by weight', 'by weight', 'weighed'],
  price: ['price', 'selling price', 'sale price', 'retail price', 'unit price', 'price *'],
  cost: ['cost', 'cost price', 'unit cost', 'purchase price', 'buying price', 'buy price'],
  currency: ['currency'],
  stock: [
    'stock',
    'in stock',
    'on hand',
    'stock on hand',
    'quantity',
    'qty',
    'opening stock',
    'inventory',
    'current quantity *',
    'in stock *',
  ],
  lowStock: ['low stock at', 'low stock', 'reorder level', 'reorder point', 'minimum stock'],
  description: ['description', 'details', 'notes'],
  active: ['active', 'for sale', 'enabled', 'status'],
  archived: ['archived'],
};

export const CUSTOMER_PRESETS: Preset<'customers'>[] = [
  {
    id: 'stallkeeper',
    label: 'Stallkeeper',
    signature: ['name', 'phone', 'email', 'address', 'location', 'notes'],
    columns: {
      name: ['name'],
      phone: ['phone'],
      email: ['email'],
      address1: ['address'],
      location: ['location'],
      notes: ['notes'],
    },
  },
  {
    id: 'square',
    label: 'Square',
    signature: ['first name', 'last name', 'email address', 'phone number', 'square customer id'],
    columns: {
      firstName: ['first name'],
      lastName: ['last name'],
      company: ['company name'],
      phone: ['phone number'],
      email: ['email address'],
      address1: ['street address 1'],
      address2: ['street address 2'],
      city: ['city'],
      region: ['state'],
      postcode: ['postal code'],
      notes: ['memo'],
    },
  },
  {
    id: 'shopify',
    label: 'Shopify',
    signature: ['first name', 'last name', 'email', 'address1', 'province', 'total spent'],
    columns: {
      firstName: ['first name'],
      lastName: ['last name'],
      company: ['company', 'default address company'],
      phone: ['phone', 'default address phone'],
      email: ['email'],
      address1: ['address1', 'default address address1'],
      address2: ['address2', 'default address address2'],
      city: ['city', 'default address city'],
      region: ['province', 'default address province code'],
      postcode: ['zip', 'default address zip'],
      country: ['country', 'default address country code'],
      notes: ['note'],
    },
  },
];

export const CUSTOMER_COMMON: Partial<Record<CustomerTarget, string[]>> = {
  name: ['name', 'full name', 'customer name', 'customer', 'display name', 'contact name'],
  firstName: ['first name', 'firstname', 'given name', 'forename'],
  lastName: ['last name', 'lastname', 'surname', 'family name'],
  company: ['company', 'company name', 'business', 'organisation', 'organization'],
  phone: ['phone', 'phone number', 'telephone', 'tel', 'contact', 'contact number'],
  mobile: ['mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'whatsapp'],
  email: ['email', 'e mail', 'email address', 'mail'],
  address1: ['address', 'address 1', 'address line 1', 'street', 'street address', 'address1'],
  address2: ['address 2', 'address line 2', 'address2'],
  city: ['city', 'town'],
  region: ['region', 'state', 'province', 'county'],
  postcode: ['postcode', 'postal code', 'zip', 'zip code', 'post code'],
  country: ['country'],
  location: ['location', 'area', 'landmark', 'neighbourhood', 'neighborhood'],
  notes: ['notes', 'note', 'comments', 'memo'],
};
