/**
 * What an import fills in, per kind, with the words the mapping screen shows. A file's
 * columns are mapped to these; everything else in the file is left out.
 */
export const PRODUCT_TARGETS = [
  'code',
  'name',
  'category',
  'unit',
  'byWeight',
  'price',
  'cost',
  'currency',
  'stock',
  'lowStock',
  'description',
  'active',
  'archived',
] as const;
export type ProductTarget = (typeof PRODUCT_TARGETS)[number];

export const CUSTOMER_TARGETS = [
  'name',
  'firstName',
  'lastName',
  'company',
  'phone',
  'mobile',
  'email',
  'address1',
  'address2',
  'city',
  'region',
  'postcode',
  'country',
  'location',
  'notes',
] as const;
export type CustomerTarget = (typeof CUSTOMER_TARGETS)[number];

export type ImportKind = 'products' | 'customers';
export type TargetOf<K extends ImportKind> = K extends 'products' ? ProductTarget : CustomerTarget;

export const TARGET_LABEL: Record<ProductTarget | CustomerTarget, string> = {
  code: 'Code (SKU)',
  name: 'Name',
  category: 'Category',
  unit: 'Sold by (piece, kg, l, m)',
  byWeight: 'Sold by weight (yes/no)',
  price: 'Price',
  cost: 'Cost',
  currency: 'Currency',
  stock: 'Stock on hand',
  lowStock: 'Low stock at',
  description: 'Description',
  active: 'For sale (yes/no)',
  archived: 'Archived (yes/no)',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  phone: 'Phone',
  mobile: 'Mobile (if no phone)',
  email: 'Email',
  address1: 'Address',
  address2: 'Address, line 2',
  city: 'City',
  region: 'Region or state',
  postcode: 'Postcode',
  country: 'Country',
  location: 'Location or landmark',
  notes: 'Notes',
};

/** How a row's problems name a field, in a seller's words ("low stock level"). */
export const TARGET_WORD: Record<ProductTarget | CustomerTarget, string> = {
  code: 'code',
  name: 'name',
  category: 'category',
  unit: 'unit',
  byWeight: 'sold by weight',
  price: 'price',
  cost: 'cost',
  currency: 'currency',
  stock: 'stock',
  lowStock: 'low stock level',
  description: 'description',
  active: 'for sale',
  archived: 'archived',
  firstName: 'first name',
  lastName: 'last name',
  company: 'company',
  phone: 'phone',
  mobile: 'mobile',
  email: 'email',
  address1: 'address',
  address2: 'address',
  city: 'city',
  region: 'region',
  postcode: 'postcode',
  country: 'country',
  location: 'location',
  notes: 'notes',
};
