import { describe, expect, it } from 'vitest';
import { invoiceDoc } from '../fixtures/index.ts';
import { invoiceStanding } from '../invoices.ts';
import { INVOICE_COLUMNS, invoicesTable } from './invoices.ts';

describe('invoicesTable', () => {
  it('writes each invoice with its standing on the day: paid, balance, status and days late', () => {
    const late = invoiceDoc({
      number: 'K3-I0001',
      orderNumber: 'K3-0003',
      customerName: 'Ana Pereira',
      issuedOn: '2026-10-01',
      dueOn: '2026-10-15',
      total: 2500,
      subtotal: 2500,
      tax: 0,
    });
    const voided = invoiceDoc({
      number: 'T1-I0001',
      orderNumber: 'T1-0002',
      customerName: 'Ken',
      issuedOn: '2026-11-01',
      dueOn: '2026-11-15',
      currency: 'JPY',
      total: 1200,
    });
    const today = '2026-11-02';
    const t = invoicesTable([
      {
        invoice: late,
        standing: invoiceStanding(late, { paid: 1000, refunded: 0, status: 'open' }, today),
      },
      {
        invoice: voided,
        standing: invoiceStanding(voided, { paid: 1200, refunded: 0, status: 'cancelled' }, today),
      },
    ]);
    expect(t.name).toBe('invoices');
    expect(t.columns).toEqual([...INVOICE_COLUMNS]);
    expect(t.rows).toEqual([
      [
        'K3-I0001',
        'K3-0003',
        'Ana Pereira',
        '2026-10-01',
        '2026-10-15',
        '25.00',
        '10.00',
        '15.00',
        'partial',
        18,
        'EUR',
      ],
      [
        'T1-I0001',
        'T1-0002',
        'Ken',
        '2026-11-01',
        '2026-11-15',
        '1200',
        '0',
        '0',
        'void',
        0,
        'JPY',
      ],
    ]);
  });
});
