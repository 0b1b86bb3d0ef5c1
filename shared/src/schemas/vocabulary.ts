// The documents' vocabulary without their zod schemas: the screens, the permissions
// table and the merge use these on every device, and a module holding a schema would
// bring zod (about 27 KB gzipped) into the first screen's JavaScript with it.
import type { CustomerFields } from './customer.ts';
import type { Product, ProductFields } from './product.ts';
import type { SettingsFields } from './settings.ts';

/** Every kind of document a shop holds; an id's prefix names its kind. */
export const DOC_KINDS = [
  'product',
  'customer',
  'order',
  'orderevent',
  'stock',
  'invoice',
  'allocation',
  'alert',
  'audit',
  'settings',
  'mail',
  'mailstatus',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

const KINDS: ReadonlySet<string> = new Set(DOC_KINDS);
const isDocKind = (value: string): value is DocKind => KINDS.has(value);

/** The kind named by an id's prefix (`product:01H…` → product), or null. */
export function kindOfId(id: string): DocKind | null {
  if (id === 'settings') return 'settings';
  // no split: the server asks this several times for every replicated document
  const colon = id.indexOf(':');
  const prefix = colon < 0 ? id : id.slice(0, colon);
  return isDocKind(prefix) && prefix !== 'settings' ? prefix : null;
}

/** What a member can have the server email a customer. */
export const MAIL_KINDS = ['receipt', 'invoice'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** queued: the server has it; sent: the customer's mail server took it; failed: see the reason */
export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What a customer may ask of an online order once the seller has prepared it. */
export const CUSTOMER_REQUESTS = ['cancel', 'return'] as const;
export type CustomerRequest = (typeof CUSTOMER_REQUESTS)[number];
/** Order events only the server writes (for customers of the shop page). */
export const SERVER_EVENT_KINDS: ReadonlySet<string> = new Set(['customer_request']);
/** Who writes what customers bring in from the shop page (user and device; never a member). */
export const STOREFRONT_AUTHOR = 'storefront';
/** Where an order came from: absent for the shop's own devices and the API. */
export const ORDER_SOURCES = ['online'] as const;

export const PAYMENT_METHODS = ['cash', 'card', 'mobile', 'account'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const CHANNELS = ['counter', 'delivery', 'pickup'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STOCK_REASONS = ['initial', 'restock', 'count', 'adjustment', 'damage'] as const;

export const ALLOCATION_STATUSES = ['confirmed', 'backordered', 'oversold', 'released'] as const;

export const CUSTOMER_MERGE_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'location',
  'notes',
] as const satisfies readonly (keyof CustomerFields)[];

/** Fields of a product the merge resolves independently. */
export const PRODUCT_MERGE_FIELDS = [
  'code',
  'name',
  'unit',
  'price',
  'cost',
  'description',
  'imageUrl',
  'lowStockThreshold',
  'active',
  'category',
  'online',
  'onlineAllowance',
] as const satisfies readonly (keyof ProductFields)[];

/** The editable fields of a stored product (one from before categories gets ''). */
export function productFieldsOf(p: Product): ProductFields {
  return {
    code: p.code,
    name: p.name,
    unit: p.unit,
    price: p.price,
    cost: p.cost,
    description: p.description,
    imageUrl: p.imageUrl,
    lowStockThreshold: p.lowStockThreshold,
    active: p.active,
    category: p.category ?? '',
    online: p.online ?? false,
    onlineAllowance: p.onlineAllowance ?? null,
  };
}

export const SETTINGS_MERGE_FIELDS = [
  'shopName',
  'currency',
  'taxRate',
  'taxInclusive',
  'invoiceTermsDays',
  'lowStockDefault',
  'address',
  'contact',
  'taxId',
  'paymentInstructions',
  'invoiceFooter',
  'receiptFooter',
  'allowSellerCancel',
] as const satisfies readonly (keyof SettingsFields)[];

export const DEFAULT_SETTINGS: SettingsFields = {
  shopName: 'My shop',
  currency: 'EUR',
  taxRate: 0,
  taxInclusive: true,
  invoiceTermsDays: 14,
  lowStockDefault: 5,
  address: '',
  contact: '',
  taxId: '',
  paymentInstructions: '',
  invoiceFooter: '',
  receiptFooter: '',
  allowSellerCancel: false,
};

/** `integrity`: a document the resolver could not decide on (two versions of a sale, one it cannot read). */
export const ALERT_KINDS = [
  'low_stock',
  'oversell',
  'conflict',
  'integrity',
  'duplicate_code',
] as const;

/** The most products, orders, devices or sellers one alert names. */
export const MAX_ALERT_IDS = 500;

/** The only fields a client may change on an alert. */
export const ALERT_CLIENT_FIELDS = ['acknowledgedAt', 'acknowledgedBy', 'resolution'] as const;
