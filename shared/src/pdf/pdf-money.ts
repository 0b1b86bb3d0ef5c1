import { formatMoney, minorDigits, type Minor } from '../money.ts';
import type { PdfWriter } from './pdf-writer.ts';

/**
 * Money as the reader's locale writes it; when the PDF fonts cannot print the
 * currency's sign (₦, ₹ …), its ISO code instead ("NGN 1,200.00").
 */
export function pdfMoney(w: PdfWriter, currency: string, locale: string) {
  const digits = minorDigits(currency);
  const byCode = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return (amount: Minor): string => {
    const text = w.safe(formatMoney(amount, currency, locale));
    return text.includes('?') ? w.safe(byCode.format(amount / 10 ** digits)) : text;
  };
}
