import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, customersTable } from './customers.ts';

describe('customersTable', () => {
  it('writes customers by name in the customer columns', () => {
    const t = customersTable([
      { name: 'Zawadi', phone: '+254 700 000001', email: '', address: '', location: '', notes: '' },
      {
        name: 'Amina',
        phone: '0711 222 333',
        email: 'amina@example.com',
        address: 'Stall 4\nCity market',
        location: 'Nairobi',
        notes: 'Pays on Fridays',
      },
    ]);
    expect(t.name).toBe('customers');
    expect(t.columns).toEqual([...CUSTOMER_COLUMNS]);
    expect(t.rows.map((r) => r[0])).toEqual(['Amina', 'Zawadi']);
    expect(t.rows[0]).toEqual([
      'Amina',
      '0711 222 333',
      'amina@example.com',
      'Stall 4\nCity market',
      'Nairobi',
      'Pays on Fridays',
    ]);
  });
});
