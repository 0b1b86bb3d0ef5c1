import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { invoiceStanding, statement } from '../invoices.ts';
import { invoiceSchema, type Invoice } from '../schemas/invoice.ts';
import { invoiceFileName, invoicePdf } from './invoice-pdf.ts';
import { statementFileName, statementPdf } from './statement-pdf.ts';
import { pdfText } from './testing.ts';

const ULID = '01JC0000000000000000000000';
const invoice: Invoice = invoiceSchema.parse({
  _id: `invoice:${ULID}`,
  type: 'invoice',
  number: 'IK3-0001',
  orderId: `order:${ULID}`,
  orderNumber: 'K3-0007',
  issuedOn: '2026-12-02',
  dueOn: '2026-12-16',
  customerId: `customer:${ULID}`,
  customerName: 'Ana Pereira',
  customerAddress: 'Rua das Flores 12\nLisboa',
  currency: 'EUR',
  lines: [
    {
      productId: `product:${ULID}`,
      code: 'FIG-1',
      name: 'Figs',
      unit: 'kg',
      unitPrice: 450,
      qty: 2500,
      lineTotal: 1125,
    },
  ],
  subtotal: 1125,
  tax: 105,
  total: 1125,
  taxRate: 1000,
  taxInclusive: true,
  seller: {
    name: 'Olga Greens',
    address: 'Market hall, stall 4',
    contact: '+351 900 000 000',
    taxId: 'PT123',
  },
  paymentInstructions: 'Mobile money to +351 900 000 000',
  footer: 'Thank you for your custom',
  note: '',
  at: '2026-12-02T10:00:00.000Z',
  by: 'user-1',
  deviceId: 'dev-1',
});

// A 1×1 PNG: the logo path must embed an image without failing the invoice.
const PNG = Uint8Array.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fccfc0f01f00050502005fc8f1d20000000049454e44ae426082'.match(
    /../g,
  )!,
  (h) => parseInt(h, 16),
);

describe('the invoice PDF', () => {
  it('reads back with its number, total, balance, due date and payments', async () => {
    const standing = invoiceStanding(
      invoice,
      { paid: 500, refunded: 0, status: 'completed' },
      '2026-12-20',
    );
    const bytes = await invoicePdf({
      invoice,
      standing,
      payments: [
        { at: '2026-12-03T09:00:00.000Z', amount: 500, method: 'Mobile money', reference: 'MP-77' },
      ],
      logo: { bytes: PNG, type: 'image/png' },
      locale: 'en-US',
      today: '2026-12-20',
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Invoice IK3-0001');

    const text = await pdfText(bytes);
    expect(text).toContain('Invoice IK3-0001');
    expect(text).toContain('K3-0007');
    expect(text).toContain('Dec 16, 2026');
    expect(text).toMatch(/Total €11\.25/);
    expect(text).toMatch(/Paid €5\.00/);
    expect(text).toMatch(/Balance due €6\.25/);
    expect(text).toContain('Overdue by 4 days · part paid');
    expect(text).toContain('MP-77');
    expect(text).toContain('Tax 10% (included)');
    expect(text).toContain('Mobile money to +351 900 000 000');
    expect(text).toContain('Ana Pereira');
  });

  it('prints a currency sign the fonts lack as its code, and long invoices run onto more pages', async () => {
    const many = {
      ...invoice,
      currency: 'NGN',
      lines: Array.from({ length: 80 }, (_, i) => ({
        ...invoice.lines[0]!,
        productId: `product:01JC00000000000000000000${String(i).padStart(2, '0')}`,
        name: `Item ${i + 1}`,
      })),
    };
    const bytes = await invoicePdf({
      invoice: many,
      standing: invoiceStanding(many, { paid: 0, refunded: 0, status: 'open' }, '2026-12-02'),
      payments: [],
      logo: { bytes: Uint8Array.of(1, 2, 3), type: 'image/png' },
      locale: 'en-US',
      today: '2026-12-02',
    });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
    const text = await pdfText(bytes);
    expect(text).toContain('Item 80');
    expect(text).toMatch(/NGN\s?11\.25/);
    expect(text).toContain('Unpaid · due in 14 days');
  });

  it('is named for download as the seller would file it', () => {
    expect(invoiceFileName('IK3-0001')).toBe('Invoice IK3-0001.pdf');
  });
});

describe('the statement PDF', () => {
  it('lists what is owed, oldest first, with the aging totals', async () => {
    const st = statement(
      [
        {
          order: {
            _id: 'order:a',
            number: 'K3-0002',
            createdAt: '2026-10-01T10:00:00.000Z',
            channel: 'counter',
            payment: { method: 'account', paid: 0, tendered: null, change: null },
          },
          state: {
            status: 'completed',
            total: 2000,
            paid: 0,
            refunded: 0,
            balance: 2000,
            handedOverAt: null,
          },
          invoice: null,
        },
        {
          order: {
            _id: 'order:b',
            number: 'K3-0007',
            createdAt: '2026-12-02T10:00:00.000Z',
            channel: 'counter',
            payment: { method: 'account', paid: 0, tendered: null, change: null },
          },
          state: {
            status: 'completed',
            total: 1125,
            paid: 500,
            refunded: 0,
            balance: 625,
            handedOverAt: null,
          },
          invoice,
        },
      ],
      14,
      '2026-12-02',
    );
    const bytes = await statementPdf({
      seller: invoice.seller,
      customer: { name: 'Ana Pereira', address: '' },
      statement: st,
      currency: 'EUR',
      logo: null,
      locale: 'en-US',
      today: '2026-12-02',
    });
    const text = await pdfText(bytes);
    expect(text).toContain('Statement of account');
    expect(text).toContain('Order K3-0002');
    expect(text).toContain('IK3-0001 (order K3-0007)');
    expect(text).toMatch(/31–60 days late €20\.00|31-60 days late €20\.00/);
    expect(text).toMatch(/Total owed €26\.25/);
    expect(text.indexOf('K3-0002')).toBeLessThan(text.indexOf('K3-0007'));
  });

  it('has a file name without characters a file system refuses', () => {
    expect(statementFileName('Ana / Co', '2026-12-02')).toBe('Statement Ana Co 2026-12-02.pdf');
  });
});
