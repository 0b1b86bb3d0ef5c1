import { describe, expect, it } from 'vitest';
import { auditDoc } from '../fixtures/index.ts';
import { ACTIVITY_COLUMNS, activityTable } from './activity.ts';

describe('activityTable', () => {
  it('writes who (the name the entry was written under), the device by name and the sentence', () => {
    const names = {
      people: new Map([['user_2', 'Kim']]),
      devices: new Map([['dev-K3AB', 'This device']]),
    };
    const entries = [
      auditDoc({
        at: '2026-11-02T09:00:00.000Z',
        action: 'order.create',
        summary: 'Sale K3-0001',
        userName: 'Olga',
        by: 'user_1',
        deviceId: 'dev-K3AB',
      }),
      auditDoc({
        at: '2026-11-01T09:00:00.000Z',
        action: 'product.create',
        summary: 'Added',
        userName: '',
        by: 'user_2',
        deviceId: 'dev-ZZZZ',
      }),
    ];
    const t = activityTable(entries, names, (e) => `said: ${e.summary}`);
    expect(t.name).toBe('activity');
    expect(t.columns).toEqual([...ACTIVITY_COLUMNS]);
    expect(t.rows).toEqual([
      ['2026-11-02T09:00:00.000Z', 'Olga', 'This device', 'order.create', 'said: Sale K3-0001'],
      ['2026-11-01T09:00:00.000Z', 'Kim', '', 'product.create', 'said: Added'],
    ]);
  });
});
