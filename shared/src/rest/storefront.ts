import { z } from 'zod';
import { nonNegativeMinor } from '../schemas/common.ts';
import { customerFields } from '../schemas/customer.ts';
import { CUSTOMER_REQUESTS } from '../schemas/vocabulary.ts';
import { HHMM_RE, isTimeZone } from '../storefront/slots.ts';

/**
 * The shop page's contract: the owner's settings (`/api/v1/shops/:shopId/storefront`)
 * and the public routes customers use (`/api/public/…`). Public inputs are strict:
 * a field not documented here is refused.
 */

export const weeklyTime = z
  .strictObject({
    /** 0 = Sunday … 6 = Saturday */
    day: z.number().int().min(0).max(6),
    from: z.string().regex(HHMM_RE, 'use HH:MM'),
    to: z.string().regex(HHMM_RE, 'use HH:MM'),
  })
  .refine((t) => t.from < t.to, { message: 'must end after it starts', path: ['to'] })
  .meta({ id: 'WeeklyTime' });

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_RE, '3–40 letters, digits or dashes (not at either end)');

const timeZoneField = z.string().max(64).refine(isTimeZone, 'not a known time zone');

export const pickupSettings = z.strictObject({
  /** where to collect: "Stall 12, Saturday market, Praça…" */
  place: z.string().trim().max(300),
  times: z.array(weeklyTime).max(28),
});
export const deliverySettings = z.strictObject({
  /** the area delivered to, in the owner's words */
  area: z.string().trim().max(300),
  fee: nonNegativeMinor,
  times: z.array(weeklyTime).max(28),
});

/** `PUT /api/v1/shops/:shopId/storefront`. */
export const storefrontInput = z
  .strictObject({
    published: z.boolean(),
    slug: slugField,
    /** null or absent: no pickup */
    pickup: pickupSettings.nullable().optional(),
    /** null or absent: no delivery */
    delivery: deliverySettings.nullable().optional(),
    /** the least an order may come to (minor units; 0: none) */
    minimumOrder: nonNegativeMinor.optional(),
    /** the clock pickup and delivery times are on (IANA; default UTC) */
    timeZone: timeZoneField.optional(),
    /** a line for customers on the page ("Order by Friday 18:00 for Saturday") */
    message: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'StorefrontInput' });
export type StorefrontInput = z.infer<typeof storefrontInput>;

export const storefront = z
  .object({
    published: z.boolean(),
    slug: z.string(),
    pickup: pickupSettings.nullable(),
    delivery: deliverySettings.nullable(),
    minimumOrder: z.number().int(),
    timeZone: z.string(),
    message: z.string(),
    /** the page's address (PUBLIC_URL/s/<slug>) */
    url: z.string(),
  })
  .meta({ id: 'Storefront' });
export type Storefront = z.infer<typeof storefront>;

const slot = z.object({ id: z.string(), from: z.string(), to: z.string() });

/** `GET /api/public/shops/:slug`. */
export const publicShop = z
  .object({
    name: z.string(),
    slug: z.string(),
    currency: z.string(),
    /** prices include tax (else tax is added at checkout) */
    taxInclusive: z.boolean(),
    /** basis points */
    taxRate: z.number().int(),
    pickup: z.object({ place: z.string(), slots: z.array(slot) }).nullable(),
    delivery: z
      .object({ area: z.string(), fee: z.number().int(), slots: z.array(slot) })
      .nullable(),
    minimumOrder: z.number().int(),
    message: z.string(),
    contact: z.string(),
    categories: z.array(z.string()),
  })
  .meta({ id: 'PublicShop' });
export type PublicShop = z.infer<typeof publicShop>;

export const publicProduct = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    /** piece, kg, l or m; quantities are in base units (pieces, g, ml, mm) */
    unit: z.enum(['piece', 'kg', 'l', 'm']),
    /** minor units per sales unit (per piece, per kg, …) */
    price: z.number().int(),
    /** the photo's address (the shop's own copy, or the owner's link) */
    imageUrl: z.string().nullable(),
    /** low: only a few left, and `available` says how many (base units) */
    stock: z.enum(['in_stock', 'low']),
    available: z.number().int().optional(),
  })
  .meta({ id: 'PublicProduct' });
export type PublicProduct = z.infer<typeof publicProduct>;

export const publicProducts = z.object({ items: z.array(publicProduct) }).meta({
  id: 'PublicProducts',
});

export const PUBLIC_PAYMENTS = ['on_collection', 'test_card'] as const;
export type PublicPayment = (typeof PUBLIC_PAYMENTS)[number];

const c = customerFields.shape;

/** `POST /api/public/shops/:slug/orders` (with an `Idempotency-Key` header). */
export const checkoutInput = z
  .strictObject({
    customer: z.strictObject({
      name: c.name,
      phone: c.phone.refine((p) => p.replace(/\D/g, '').length >= 6, 'enter a phone number'),
      email: c.email.optional(),
    }),
    channel: z.enum(['pickup', 'delivery']),
    /** required for delivery */
    address: z.string().trim().max(500).optional(),
    /** a slot id from the shop (required when the shop offers times for the channel) */
    slot: z.string().max(20).optional(),
    lines: z
      .array(
        z.strictObject({
          productId: z.string().max(120),
          /** base units: pieces, or g / ml / mm for what is sold by kg, l or m */
          qty: z.number().int().min(1).max(1_000_000),
        }),
      )
      .min(1, 'the cart is empty')
      .max(50),
    payment: z.enum(PUBLIC_PAYMENTS),
    note: z.string().trim().max(500).optional(),
    /** a solved captcha (unless the server runs with CAPTCHA=off) */
    altcha: z.string().max(4000).optional(),
  })
  .meta({ id: 'CheckoutInput' });
export type PublicCheckoutInput = z.infer<typeof checkoutInput>;

export const checkoutResult = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.string(),
    total: z.number().int(),
    trackingToken: z.string(),
    /** test_card: where to pay */
    paymentUrl: z.string().optional(),
  })
  .meta({ id: 'CheckoutResult' });
export type CheckoutResult = z.infer<typeof checkoutResult>;

export const outOfStock = z
  .object({
    error: z.literal('out_of_stock'),
    reason: z.string(),
    items: z.array(z.object({ productId: z.string(), available: z.number().int() })),
  })
  .meta({ id: 'OutOfStock' });
export type OutOfStock = z.infer<typeof outOfStock>;

export const TRACKING_STEPS = [
  'placed',
  'accepted',
  'scheduled',
  'ready',
  'dispatched',
  'delivered',
  'collected',
  'failed',
  'cancelled',
  'returned',
  'paid',
  'payment_declined',
  'refunded',
  'request',
  'request_declined',
] as const;
export type TrackingStep = (typeof TRACKING_STEPS)[number];

export const PUBLIC_PAYMENT_STATES = ['due', 'pending', 'paid', 'declined', 'refunded'] as const;

/** `GET /api/public/orders/:trackingToken`: what the customer sees (no costs, no staff). */
export const trackedOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    shop: z.object({
      name: z.string(),
      slug: z.string(),
      currency: z.string(),
      contact: z.string(),
    }),
    channel: z.enum(['pickup', 'delivery']),
    /** the order's status (as the shop's own screens have it) */
    status: z.string(),
    createdAt: z.string(),
    lines: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        unit: z.enum(['piece', 'kg', 'l', 'm']),
        qty: z.number().int(),
        unitPrice: z.number().int(),
        lineTotal: z.number().int(),
      }),
    ),
    subtotal: z.number().int(),
    tax: z.number().int(),
    deliveryFee: z.number().int(),
    total: z.number().int(),
    /** the chosen time (null: none chosen) */
    slot: z.object({ from: z.string(), to: z.string() }).nullable(),
    place: z.string(),
    address: z.string(),
    timeline: z.array(z.object({ step: z.enum(TRACKING_STEPS), at: z.string(), text: z.string() })),
    payment: z.object({
      method: z.enum(PUBLIC_PAYMENTS),
      state: z.enum(PUBLIC_PAYMENT_STATES),
      paymentUrl: z.string().optional(),
    }),
    /** the customer may still cancel it themselves */
    canCancel: z.boolean(),
    /** what the customer may ask of the seller now */
    canRequest: z.array(z.enum(CUSTOMER_REQUESTS)),
    request: z
      .object({
        request: z.enum(CUSTOMER_REQUESTS),
        answer: z.enum(['open', 'approved', 'declined']),
      })
      .nullable(),
  })
  .meta({ id: 'TrackedOrder' });
export type TrackedOrder = z.infer<typeof trackedOrder>;

export const cancelInput = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const requestInput = z
  .strictObject({
    request: z.enum(CUSTOMER_REQUESTS),
    reason: z.string().trim().max(500),
  })
  .meta({ id: 'CustomerRequestInput' });

/** `POST /api/public/shops/:slug/my-orders`: a link to one's orders, by email. */
export const myOrdersInput = z.strictObject({
  email: c.email.refine((e) => e !== '', 'enter your email'),
  altcha: z.string().max(4000).optional(),
});
export const myOrders = z
  .object({
    shop: z.object({ name: z.string(), slug: z.string(), currency: z.string() }),
    orders: z.array(
      z.object({
        number: z.string(),
        createdAt: z.string(),
        status: z.string(),
        total: z.number().int(),
        trackingToken: z.string(),
      }),
    ),
  })
  .meta({ id: 'MyOrders' });
export type MyOrders = z.infer<typeof myOrders>;

/** The test payment page's view of one payment attempt. */
export const PAYMENT_ATTEMPT_STATES = ['pending', 'paid', 'declined'] as const;
export const paymentAttempt = z
  .object({
    id: z.string(),
    state: z.enum(PAYMENT_ATTEMPT_STATES),
    amount: z.number().int(),
    currency: z.string(),
    shopName: z.string(),
    orderNumber: z.string(),
    /** the tracking page to go back to */
    trackingToken: z.string(),
  })
  .meta({ id: 'PaymentAttempt' });
export type PaymentAttempt = z.infer<typeof paymentAttempt>;
export const paymentOutcome = z.strictObject({ outcome: z.enum(['paid', 'declined']) });
