import { HHMM_RE, isTimeZone, type Minor } from '@stallkeeper/shared';
import type { Storefront, StorefrontInput } from '@stallkeeper/shared/rest';
import { amountText, readAmount } from '../orders/money-field.ts';

/**
 * The "Online shop" settings as the form holds them (text as typed) and the
 * settings the server stores; pure, so the rules are tested without a screen.
 */

/** One weekly opening as a row of the form: a day and a from/to time. */
export interface TimeRow {
  /** keeps a row's inputs when another row is removed */
  key: number;
  /** 0 = Sunday … 6 = Saturday */
  day: number;
  from: string;
  to: string;
}

export interface StorefrontValues {
  published: boolean;
  slug: string;
  pickupOn: boolean;
  place: string;
  pickupTimes: TimeRow[];
  deliveryOn: boolean;
  area: string;
  fee: string;
  deliveryTimes: TimeRow[];
  minimumOrder: string;
  message: string;
  timeZone: string;
}

/** A field of the form a message belongs to (`pickupTimes.2` names a row). */
export type FieldErrors = Record<string, string>;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

let nextKey = 1;
export const timeRow = (day = 6, from = '08:00', to = '13:00'): TimeRow => ({
  key: nextKey++,
  day,
  from,
  to,
});

/** A page address from the shop's name: "Green Corner Market" → "green-corner-market". */
export function suggestSlug(shopName: string): string {
  const slug = shopName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug.length >= 3 ? slug : '';
}

/** The form filled from the stored settings (a shop that never set them gets a start). */
export function valuesOf(
  s: Storefront | null,
  currency: string,
  defaults: { shopName: string; timeZone: string },
): StorefrontValues {
  const rows = (times: readonly { day: number; from: string; to: string }[]) =>
    times.map((t) => timeRow(t.day, t.from, t.to));
  const fresh = !s || !s.slug;
  return {
    published: s?.published ?? false,
    slug: s?.slug || suggestSlug(defaults.shopName),
    pickupOn: fresh ? true : s.pickup !== null,
    place: s?.pickup?.place ?? '',
    pickupTimes: s?.pickup ? rows(s.pickup.times) : [],
    deliveryOn: s?.delivery !== null && s?.delivery !== undefined,
    area: s?.delivery?.area ?? '',
    fee: amountText(s?.delivery?.fee ?? 0, currency),
    deliveryTimes: s?.delivery ? rows(s.delivery.times) : [],
    minimumOrder: s?.minimumOrder ? amountText(s.minimumOrder, currency) : '',
    message: s?.message ?? '',
    // a shop that never chose one is on this device's clock
    timeZone: fresh || !s.timeZone ? defaults.timeZone : s.timeZone,
  };
}

function timesOf(
  rows: readonly TimeRow[],
  field: 'pickupTimes' | 'deliveryTimes',
  errors: FieldErrors,
): { day: number; from: string; to: string }[] {
  return rows.map((r, i) => {
    if (!HHMM_RE.test(r.from) || !HHMM_RE.test(r.to)) {
      errors[`${field}.${i}`] = 'Give both times, like 08:00 and 13:00.';
    } else if (r.from >= r.to) {
      errors[`${field}.${i}`] = 'The end must be after the start.';
    }
    return { day: r.day, from: r.from, to: r.to };
  });
}

const money = (text: string, currency: string): Minor | null =>
  text.trim() ? readAmount(text, currency) : 0;

/** The settings to save, or the message of each field that is not right. */
export function inputOf(
  v: StorefrontValues,
  currency: string,
): { input: StorefrontInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const slug = v.slug.trim().toLowerCase();
  if (!SLUG_PATTERN.test(slug)) {
    errors.slug = '3 to 40 small letters, digits or dashes, not starting or ending with a dash.';
  }
  const pickupTimes = timesOf(v.pickupTimes, 'pickupTimes', errors);
  const deliveryTimes = timesOf(v.deliveryTimes, 'deliveryTimes', errors);
  if (v.pickupOn && !v.place.trim()) errors.place = 'Say where customers collect their order.';
  if (v.deliveryOn && !v.area.trim()) errors.area = 'Say where you deliver.';
  const fee = money(v.fee, currency);
  if (v.deliveryOn && fee === null) errors.fee = 'Enter an amount like 3.50, or 0 for free.';
  const minimumOrder = money(v.minimumOrder, currency);
  if (minimumOrder === null) errors.minimumOrder = 'Enter an amount like 10, or leave empty.';
  if (!isTimeZone(v.timeZone)) errors.timeZone = 'Choose a time zone from the list.';
  if (v.message.trim().length > 500) errors.message = 'Keep it under 500 characters.';
  if (v.place.trim().length > 300) errors.place = 'Keep it under 300 characters.';
  if (v.area.trim().length > 300) errors.area = 'Keep it under 300 characters.';
  if (v.published && !v.pickupOn && !v.deliveryOn) {
    errors.form = 'Offer pickup, delivery or both before publishing the page.';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      published: v.published,
      slug,
      pickup: v.pickupOn ? { place: v.place.trim(), times: pickupTimes } : null,
      delivery: v.deliveryOn ? { area: v.area.trim(), fee: fee ?? 0, times: deliveryTimes } : null,
      minimumOrder: minimumOrder ?? 0,
      timeZone: v.timeZone,
      message: v.message.trim(),
    },
  };
}

/**
 * The server's field paths (`pickup.times.1.to`, `delivery.fee`) as the form's
 * fields, so its messages show beside the right input.
 */
export function fieldOfPath(path: string): string {
  const [head, second, index] = path.split('.');
  if (head === 'pickup' || head === 'delivery') {
    if (second === 'times') return index !== undefined ? `${head}Times.${index}` : `${head}Times`;
    if (second === 'place' || second === 'area' || second === 'fee') return second;
    return 'form';
  }
  const known = ['slug', 'minimumOrder', 'timeZone', 'message', 'published'];
  return head && known.includes(head) ? head : 'form';
}

function text(o: unknown, key: string): string {
  const v: unknown = typeof o === 'object' && o !== null ? Reflect.get(o, key) : undefined;
  return typeof v === 'string' ? v : '';
}

/** The server's issues (`{path, message}`) as field messages (the first one a field gets wins). */
export function issuesToErrors(issues: readonly unknown[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const message = text(i, 'message');
    if (message) errors[fieldOfPath(text(i, 'path'))] ??= sentence(message);
  }
  return errors;
}

const sentence = (m: string) => {
  const t = m.trim();
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : t;
};

/** The page's full address, as a customer opens it ('' before it has one). */
export function pageUrl(saved: Pick<Storefront, 'url' | 'slug'> | null, origin: string): string {
  if (!saved?.slug) return '';
  const url = saved.url || `/s/${saved.slug}`;
  return url.startsWith('/') ? `${origin}${url}` : url;
}

/** The days of the week in the device's language, Sunday first (as the settings count them). */
export function weekdayNames(locale?: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2026-11-29 was a Sunday
  return Array.from({ length: 7 }, (_, d) => f.format(new Date(Date.UTC(2026, 10, 29 + d))));
}
