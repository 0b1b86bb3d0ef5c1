import { BASE_PER_UNIT, formatQuantity, parseQuantity, type Unit } from '@stallkeeper/shared';

/** A typed quantity in sales units as base units: 0 for empty or zero, null when unreadable. */
export function readQuantity(text: string, unit: Unit): number | null {
  const t = text.trim();
  if (t === '' || /^0*(?:[.,]0*)?$/.test(t)) return 0;
  return parseQuantity(t, unit);
}

/** Base units as a quantity input shows them: "3", "1.25" (kg), without grouping. */
export function quantityText(qty: number, unit: Unit): string {
  return BASE_PER_UNIT[unit] === 1 ? String(qty) : String(qty / BASE_PER_UNIT[unit]);
}

/** "3", "1.25 kg": how much, for a label. */
export function quantityLabel(qty: number, unit: Unit, locale?: string): string {
  return formatQuantity(qty, unit, locale);
}
