import { formatQuantity, type OrderLine } from '@stallkeeper/shared';

/** A line as a driver reads it: "2 × Plums", "1.5 kg Apples". */
export function itemLabel(line: Pick<OrderLine, 'name' | 'qty' | 'unit'>, locale: string): string {
  const qty = formatQuantity(line.qty, line.unit, locale);
  return line.unit === 'piece' ? `${qty} × ${line.name}` : `${qty} ${line.name}`;
}

/** All lines on one line of a card. */
export function itemsSummary(
  lines: readonly Pick<OrderLine, 'name' | 'qty' | 'unit'>[],
  locale: string,
): string {
  return lines.map((l) => itemLabel(l, locale)).join(', ');
}
