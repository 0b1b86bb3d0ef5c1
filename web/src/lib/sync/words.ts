import type { DocKind } from '@stallkeeper/shared';
import type { Changes, Refusal } from '../db/outbox.ts';

/**
 * Sync status in a market seller's words: what they did, not documents; a sale
 * by its number, never an id; the last sync in the past tense.
 */

/** One thing a person did, of each kind, and many of them. */
const NOUNS: Record<DocKind, [one: string, many: string]> = {
  order: ['sale', 'sales'],
  customer: ['customer', 'customers'],
  product: ['product', 'products'],
  stock: ['stock change', 'stock changes'],
  orderevent: ['order update', 'order updates'],
  invoice: ['invoice', 'invoices'],
  alert: ['resolved alert', 'resolved alerts'],
  settings: ['settings change', 'settings changes'],
  allocation: ['stock decision', 'stock decisions'],
  audit: ['activity entry', 'activity entries'],
  mail: ['email to send', 'emails to send'],
  mailstatus: ['email status', 'email statuses'],
};

/** The order kinds are listed in: what a seller does most first. */
const ORDER: readonly DocKind[] = [
  'order',
  'customer',
  'product',
  'stock',
  'orderevent',
  'invoice',
  'alert',
  'settings',
  'allocation',
  'audit',
  'mail',
  'mailstatus',
];

/** Beyond this many kinds a list gets long for a phone's header: say "N changes". */
const MAX_LISTED = 2;

const counted = (n: number, [one, many]: readonly [string, string]) =>
  `${n} ${n === 1 ? one : many}`;

/** "1 sale", "1 sale and 2 customers", "3 sales, 1 customer and 1 product". */
function joined(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** The parts of a summary, in ORDER. */
function parts(changes: Changes): string[] {
  return ORDER.flatMap((k) => {
    const n = changes[k] ?? 0;
    return n > 0 ? [counted(n, NOUNS[k])] : [];
  });
}

const total = (changes: Changes) => Object.values(changes).reduce((a, n) => a + (n ?? 0), 0);

/**
 * What is waiting, short enough for the header: "1 sale and 1 customer", or
 * "5 changes" once more than two kinds wait. Empty when nothing waits.
 */
export function changesShort(changes: Changes): string {
  const listed = parts(changes);
  return listed.length > MAX_LISTED
    ? counted(total(changes), ['change', 'changes'])
    : joined(listed);
}

/** Everything that is waiting, by kind: "3 sales, 1 customer and 1 product". */
export function changesInFull(changes: Changes): string {
  return joined(parts(changes));
}

/** For the sync details: "1 sale and 1 customer are on this device only." */
export function waitingSentence(changes: Changes): string {
  return `${changesInFull(changes)} ${total(changes) === 1 ? 'is' : 'are'} on this device only.`;
}

/** For logging out: what stays behind, and that it is safe. */
export function logoutWarning(changes: Changes): string {
  const one = total(changes) === 1;
  return `${waitingSentence(changes)} If you log out now, ${one ? 'it stays' : 'they stay'} here and sync${one ? 's' : ''} after the next login on this device.`;
}

const ARTICLE_NOUNS: Record<DocKind, string> = {
  order: 'A sale',
  customer: 'A customer',
  product: 'A product',
  stock: 'A stock change',
  orderevent: 'An order update',
  invoice: 'An invoice',
  alert: 'A resolved alert',
  settings: 'A change to the shop settings',
  allocation: 'A stock decision',
  audit: 'An activity log entry',
  mail: 'An email to a customer',
  mailstatus: 'An email status',
};

/** "A sale (K3-0042) was refused: <reason>". */
export function refusalLine(r: Refusal): string {
  const what = r.kind ? ARTICLE_NOUNS[r.kind] : 'A change';
  return `${what}${r.label ? ` (${r.label})` : ''} was refused: ${r.reason}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Synced just now", "Synced 5 minutes ago" (the time in the device's language).
 * A stamp ahead of `now` — a clock set back, or `now` taken before the sync —
 * reads "just now", never "in 2 seconds".
 */
export function lastSyncLine(iso: string | null, now: number, locale?: string): string {
  if (!iso) return 'Not synced yet';
  const ago = now - Date.parse(iso);
  if (Number.isNaN(ago)) return 'Not synced yet';
  if (ago < MINUTE) return 'Synced just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const [n, unit]: [number, Intl.RelativeTimeFormatUnit] =
    ago < HOUR
      ? [Math.floor(ago / MINUTE), 'minute']
      : ago < DAY
        ? [Math.floor(ago / HOUR), 'hour']
        : [Math.floor(ago / DAY), 'day'];
  return `Synced ${rtf.format(-n, unit)}`;
}
