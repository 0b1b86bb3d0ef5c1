import { minorDigits, parseMoney, type Minor } from '../money.ts';
import { BASE_PER_UNIT, parseQuantity, type Unit } from '../quantity.ts';

/**
 * Numbers as other programs and spreadsheets write them, read exactly:
 * - a currency symbol or the shop's own currency code around the number is ignored
 *   ("€2,50", "2.50 EUR", "$1,234.50"); any other letters make it not a number;
 * - with both `.` and `,`, the last one is the decimal mark ("1,234.50", "1.234,50");
 * - a single mark followed by exactly three digits is a thousands separator ("1,234" is
 *   one thousand two hundred and thirty-four) unless the value may have three decimals
 *   (a 3-digit currency, kg, l, m), where it is the decimal mark;
 * - spaces and apostrophes group thousands ("1 234,5", "1'234.50").
 * Returns a plain decimal like "-1234.50", or null.
 */
export function normaliseNumber(input: string, decimals: number, currency = ''): string | null {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (currency) s = s.replace(new RegExp(currency, 'gi'), '');
  s = s.replace(/\p{Sc}/gu, '');
  let sign = '';
  // a minus before or after a symbol, or an accountant's (12.50)
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    s = paren[1] ?? '';
    sign = '-';
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = '-';
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let whole = s;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const mark = lastDot > lastComma ? '.' : ',';
    const group = mark === '.' ? ',' : '.';
    const at = s.lastIndexOf(mark);
    whole = s.slice(0, at);
    frac = s.slice(at + 1);
    if (whole.includes(mark) || !groupedOk(whole, group)) return null;
    whole = whole.replaceAll(group, '');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    const tail = parts[parts.length - 1] ?? '';
    const thousands = parts.length > 2 || (tail.length === 3 && decimals < 3);
    if (thousands) {
      if (!groupedOk(s, mark)) return null;
      whole = parts.join('');
    } else {
      whole = parts[0] ?? '';
      frac = tail;
    }
  }
  if (whole === '' && frac === '') return null;
  return `${sign}${whole || '0'}${frac ? `.${frac}` : ''}`;
}

/** "1,234,567": groups of three after the first. */
function groupedOk(s: string, group: string): boolean {
  if (!s.includes(group)) return /^\d*$/.test(s);
  const parts = s.split(group);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** An amount of money in the shop's currency, or null when it is not one. */
export function parseAmount(input: string, currency: string): Minor | null {
  const plain = normaliseNumber(input, minorDigits(currency), currency);
  return plain === null ? null : parseMoney(plain, currency);
}

/**
 * A quantity in sales units ("1.25" kg) as signed base units (1250 g); 0 for zero.
 * Null when it is not an exact quantity of the unit.
 */
export function parseStockQuantity(input: string, unit: Unit): number | null {
  const decimals = String(BASE_PER_UNIT[unit]).length - 1;
  const plain = normaliseNumber(input, decimals);
  if (plain === null) return null;
  const negative = plain.startsWith('-');
  const abs = negative ? plain.slice(1) : plain;
  if (/^0*(?:\.0*)?$/.test(abs)) return 0;
  const q = parseQuantity(abs, unit);
  return q === null ? null : negative ? -q : q;
}

/**
 * The unit a product is sold by, from the words other programs use: "kg", "per kg",
 * "Kilogram (kg)", "each", "pcs", "litre", "metre"… Null when it is none of the four
 * (pounds, dozens and boxes have no exact place here).
 */
export function parseUnit(input: string): Unit | null {
  const w = input
    .trim()
    .toLowerCase()
    .replace(/\(.*\)/g, '')
    .replace(/^(?:per|by the|by|\/)\s*/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  return UNIT_WORDS.get(w) ?? null;
}

const UNIT_WORDS = new Map<string, Unit>([
  ...words('piece', [
    '',
    'piece',
    'pieces',
    'pc',
    'pcs',
    'each',
    'ea',
    'unit',
    'units',
    'item',
    'items',
  ]),
  ...words('kg', ['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramme']),
  ...words('l', ['l', 'lt', 'ltr', 'ltrs', 'litre', 'litres', 'liter', 'liters']),
  ...words('m', ['m', 'mtr', 'metre', 'metres', 'meter', 'meters']),
]);

function words(unit: Unit, list: string[]): [string, Unit][] {
  return list.map((w) => [w, unit]);
}

/** Yes or no as exports write it; null when it is neither. */
export function parseYesNo(input: string): boolean | null {
  const w = input.trim().toLowerCase();
  if (YES.has(w)) return true;
  if (NO.has(w)) return false;
  return null;
}
const YES = new Set(['yes', 'y', 'true', 't', '1', 'on', 'active', 'enabled', 'published']);
const NO = new Set([
  'no',
  'n',
  'false',
  'f',
  '0',
  'off',
  'inactive',
  'archived',
  'disabled',
  'draft',
]);

/** Text from a shop's web description: tags dropped, common entities read, lines kept. */
export function plainText(input: string): string {
  if (!/<[a-z/!][^>]*>/i.test(input)) return input;
  return input
    .replace(/<br\s*\/?>|<\/(?:p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The digits of a phone number: how two spellings of one number are matched. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');
