import { formatMoney, formatQuantity, type Unit } from '@stallkeeper/shared';

/**
 * What the shop page says about money, quantities and times: Intl in the shop's
 * currency and the device's language, never a raw number.
 */

const locale = (): string | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.language;

export function money(amount: number, currency: string, lang = locale()): string {
  return formatMoney(amount, currency, lang);
}

/** "2", "0.5 kg", "0.25 l", "1.5 m": what a cart line holds (quantities are base units). */
export function quantity(qty: number, unit: Unit, lang = locale()): string {
  return formatQuantity(qty, unit, lang);
}

const PER: Record<Unit, string> = { piece: 'each', kg: '/ kg', l: '/ l', m: '/ m' };

/** "€3.50 / kg", "€1.20 each": a product's price as the card shows it. */
export function unitPrice(price: number, unit: Unit, currency: string, lang = locale()): string {
  return `${money(price, currency, lang)} ${PER[unit]}`;
}

/** "Only 3 left", "Only 0.75 kg left". */
export function onlyLeft(available: number, unit: Unit, lang = locale()): string {
  return `Only ${quantity(available, unit, lang)} left`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  lang: string | undefined,
  options: Intl.DateTimeFormatOptions,
  timeZone: string | undefined,
): Intl.DateTimeFormat {
  const key = `${lang ?? ''}|${timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

const day = (lang: string | undefined, tz: string | undefined) =>
  cached(dayFormats, lang, { weekday: 'short', day: 'numeric', month: 'short' }, tz);
const time = (lang: string | undefined, tz: string | undefined) =>
  cached(timeFormats, lang, { hour: '2-digit', minute: '2-digit' }, tz);

/**
 * A pickup or delivery time as the customer chooses it: "Sat 5 Dec, 08:00–13:00" in the
 * device's language and clock (the instants are exact, so this is when to turn up).
 */
export function slotLabel(
  slot: { from: string; to: string },
  lang = locale(),
  timeZone?: string,
): string {
  const from = new Date(slot.from);
  const to = new Date(slot.to);
  return `${day(lang, timeZone).format(from)}, ${time(lang, timeZone).format(from)}–${time(lang, timeZone).format(to)}`;
}

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/** "Sat 5 Dec, 09:14": when something happened to an order. */
export function when(iso: string, lang = locale(), timeZone?: string): string {
  return cached(
    whenFormats,
    lang,
    { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
    timeZone,
  ).format(new Date(iso));
}
