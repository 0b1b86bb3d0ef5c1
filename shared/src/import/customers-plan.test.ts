import { describe, expect, it } from 'vitest';
import type { CustomerFields } from '../schemas/customer.ts';
import { rowErrorText } from './errors.ts';
import { planCustomers, type ExistingCustomer } from './customers-plan.ts';
import { autoMap } from './mapping.ts';

const amina: CustomerFields = {
  name: 'Amina',
  phone: '+254 700 000 001',
  email: '',
  address: '',
  location: 'Gikomba',
  notes: 'Pays on Fridays',
};
const shop = new Map<string, ExistingCustomer>([
  ['254700000001', { id: 'customer:A', fields: amina }],
]);

describe('planCustomers', () => {
  const headers = [
    'First Name',
    'Last Name',
    'Company',
    'Mobile',
    'Email',
    'Address 1',
    'City',
    'Zip',
    'Country',
  ];
  const { mapping } = autoMap('customers', headers);

  it('builds names and addresses from their parts', () => {
    const plan = planCustomers(
      {
        headers,
        rows: [
          [
            'Jo',
            'Baker',
            '',
            '0711 222 333',
            'jo@example.com',
            '4 Mill Lane',
            'Leeds',
            'LS1',
            'UK',
          ],
          ['', '', 'Corner Café', '', '', '', '', '', ''],
        ],
      },
      mapping,
      { existing: new Map(), duplicates: 'update' },
    );
    expect(plan.rows).toMatchObject([
      {
        action: 'new',
        fields: {
          name: 'Jo Baker',
          phone: '0711 222 333',
          email: 'jo@example.com',
          address: '4 Mill Lane\nLeeds, LS1\nUK',
        },
      },
      { action: 'new', fields: { name: 'Corner Café', phone: '' } },
    ]);
  });

  it('matches by the phone’s digits, updates only the cells given, or skips', () => {
    const rows = [['Amina', 'W', '', '+254-700-000-001', 'amina@example.com', '', '', '', '']];
    const update = planCustomers({ headers, rows }, mapping, {
      existing: shop,
      duplicates: 'update',
    });
    expect(update.rows[0]).toMatchObject({
      action: 'update',
      id: 'customer:A',
      fields: { ...amina, name: 'Amina W', phone: '+254-700-000-001', email: 'amina@example.com' },
    });
    const skip = planCustomers({ headers, rows }, mapping, { existing: shop, duplicates: 'skip' });
    expect(skip.counts).toMatchObject({ skip: 1, update: 0 });
  });

  it('says what is wrong per row and keeps the good rows', () => {
    const plan = planCustomers(
      {
        headers,
        rows: [
          ['Ok', '', '', '0700 1', '', '', '', '', ''],
          ['', '', '', '0700 2', '', '', '', '', ''],
          ['Mail', '', '', '', 'not-mail', '', '', '', ''],
          ['Again', '', '', '07001', '', '', '', '', ''],
          ['Phone', '', '', '0700#3', '', '', '', '', ''],
        ],
      },
      mapping,
      { existing: new Map(), duplicates: 'update' },
    );
    expect(plan.counts).toMatchObject({ new: 1, error: 4 });
    expect(
      plan.rows.flatMap((r) => (r.action === 'error' ? r.errors.map(rowErrorText) : [])),
    ).toEqual([
      'Row 3: name is required',
      "Row 4: email 'not-mail' is not an email address",
      "Row 5: phone '07001' is also on row 2",
      'Row 6: phone may only use digits, spaces and + ( ) . -',
    ]);
  });
});
