import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { orderDoc, orderLine } from '../fixtures/index.ts';
import type { ReceiptShop } from '../receipt.ts';
import { DEFAULT_SETTINGS } from '../schemas/vocabulary.ts';
import { receiptFileName, receiptPdf } from './receipt-pdf.ts';
import { pdfText } from './testing.ts';

const SHOP: ReceiptShop = {
  ...DEFAULT_SETTINGS,
  shopName: 'Green Corner Market',
  address: 'Market Square, Kilkenny',
  contact: '+353 56 000 0000',
  taxId: 'IE1234567T',
  receiptFooter: 'See you Saturday!',
};

const potatoes = orderLine({ name: 'Potatoes', unit: 'kg', unitPrice: 180, qty: 1250 });
const eggs = orderLine({ name: 'Free-range eggs', unit: 'piece', unitPrice: 450, qty: 2 });
// 2.25 + 9.00 = 11.25, paid with a 20: 8.75 back
const sale = orderDoc({
  number: 'K3-0042',
  createdAt: '2026-12-05T10:05:00.000Z',
  customerName: 'Ana Pereira',
  lines: [potatoes, eggs],
  payment: { method: 'cash', paid: 1125, tendered: 2000, change: 875 },
});

describe('the receipt PDF', () => {
  it('reads back with the shop, the number, the weighed line, the total and the change', async () => {
    const bytes = await receiptPdf({
      order: sale,
      shop: SHOP,
      locale: 'en-IE',
      timeZone: 'Europe/Dublin',
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Receipt K3-0042');

    const text = await pdfText(bytes);
    expect(text).toContain('Green Corner Market');
    expect(text).toContain('Tax ID: IE1234567T');
    expect(text).toContain('Receipt K3-0042');
    expect(text).toContain('5 Dec 2026, 10:05');
    expect(text).toContain('Ana Pereira');
    expect(text).toMatch(/Potatoes 1\.25 kg €1\.80\/kg €2\.25/);
    expect(text).toMatch(/Free-range eggs 2 €4\.50 €9\.00/);
    expect(text).toMatch(/Total €11\.25/);
    expect(text).toMatch(/Cash given €20\.00/);
    expect(text).toMatch(/Change €8\.75/);
    expect(text).toContain('Paid: €11.25 (Cash)');
    expect(text).toContain('See you Saturday!');
  });

  it('tells the time in the time zone given, with tax, and the currency sign the fonts lack as its code', async () => {
    const order = orderDoc({
      ...sale,
      currency: 'NGN',
      subtotal: 1125,
      tax: 169,
      total: 1294,
      payment: { method: 'card', paid: 1294, tendered: null, change: null },
    });
    const text = await pdfText(
      await receiptPdf({
        order,
        shop: { ...SHOP, taxRate: 1500 },
        locale: 'en-GB',
        timeZone: 'Africa/Lagos',
      }),
    );
    expect(text).toContain('5 Dec 2026, 11:05');
    expect(text).toMatch(/Tax 15% NGN\s?1\.69/);
    expect(text).toMatch(/Total NGN\s?12\.94/);
    expect(text).not.toContain('Change');
  });

  it('lists returns and refunds, and says a cancelled order was cancelled', async () => {
    const text = await pdfText(
      await receiptPdf({
        order: sale,
        shop: SHOP,
        locale: 'en-IE',
        timeZone: 'UTC',
        state: {
          status: 'cancelled',
          paid: 1125,
          refunded: 1125,
          returned: new Map([[potatoes.productId, 500]]),
          refunds: [
            {
              eventId: 'e1',
              at: '2026-12-06T09:00:00.000Z',
              amount: 1125,
              method: 'cash',
              reference: '',
            },
          ],
        },
      }),
    );
    expect(text).toContain('CANCELLED');
    expect(text).toContain('Returned: 0.5 kg × Potatoes');
    expect(text).toMatch(/Refund, 6 Dec 2026, 09:00 \(Cash\) €11\.25/);
    expect(text).toContain('Refunded: €11.25');
  });

  it('is named for download as the seller would file it', () => {
    expect(receiptFileName('K3-0042')).toBe('Receipt K3-0042.pdf');
  });
});
