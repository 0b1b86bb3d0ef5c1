import type { DeliveryPlan, OrderStatus } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { dayLabel, groupDeliveries, runSheetRows, windowLabel, type Plannable } from './groups.ts';
import { itemsSummary } from './items.ts';

/** A local time on this machine's calendar, as the device would see it. */
const at = (day: number, hours: number, minutes = 0) =>
  new Date(2026, 11, day, hours, minutes).toISOString();

let n = 0;
function delivery(
  status: OrderStatus,
  plan: { from: string; to?: string } | null,
  createdAt = at(1, 8),
): Plannable & { name: string } {
  const name = `K1-${String(++n).padStart(4, '0')}`;
  const p: DeliveryPlan | null = plan && {
    scheduledFor: plan.from,
    windowEnd: plan.to ?? null,
    address: '1 Market St',
    phone: '',
  };
  return { name, row: { id: `order:${name}`, createdAt }, state: { status }, plan: p };
}

const names = (rows: readonly { name: string }[]) => rows.map((r) => r.name);
/** Wednesday 2 December 2026, 11:00 on this device. */
const NOW = new Date(2026, 11, 2, 11).getTime();

describe('grouping deliveries', () => {
  it('puts each delivery in one section', () => {
    const late = delivery('scheduled', { from: at(2, 8), to: at(2, 10) });
    const yesterday = delivery('dispatched', { from: at(1, 15) });
    const now = delivery('dispatched', { from: at(2, 10), to: at(2, 12) });
    const later = delivery('scheduled', { from: at(2, 16), to: at(2, 18) });
    const tomorrow = delivery('scheduled', { from: at(3, 9) });
    const friday = delivery('scheduled', { from: at(4, 9) });
    const back = delivery('failed', { from: at(2, 8) });
    const fresh = delivery('open', null);
    const g = groupDeliveries([friday, fresh, later, back, tomorrow, now, yesterday, late], NOW);
    expect(names(g.overdue)).toEqual(names([yesterday, late]));
    expect(names(g.today)).toEqual(names([now, later]));
    expect(g.upcoming.map((d) => [d.day, names(d.rows)])).toEqual([
      ['2026-12-03', names([tomorrow])],
      ['2026-12-04', names([friday])],
    ]);
    expect(names(g.failed)).toEqual(names([back]));
    expect(names(g.unscheduled)).toEqual(names([fresh]));
  });

  it('is on time until its window closes, and overdue after', () => {
    const d = delivery('scheduled', { from: at(2, 9), to: at(2, 11) });
    expect(names(groupDeliveries([d], NOW).today)).toEqual(names([d]));
    expect(names(groupDeliveries([d], NOW + 60_000).overdue)).toEqual(names([d]));
  });

  it('keeps a day together and in time order however the rows arrive', () => {
    const a = delivery('scheduled', { from: at(5, 9) });
    const b = delivery('scheduled', { from: at(5, 14) });
    const c = delivery('dispatched', { from: at(5, 9) }, at(1, 9));
    const g = groupDeliveries([b, c, a], NOW);
    expect(g.upcoming).toHaveLength(1);
    // same start: the older order first
    expect(names(g.upcoming[0]?.rows ?? [])).toEqual(names([a, c, b]));
  });

  it('lists unscheduled orders oldest first', () => {
    const newer = delivery('open', null, at(2, 9));
    const older = delivery('open', null, at(1, 9));
    expect(names(groupDeliveries([newer, older], NOW).unscheduled)).toEqual(names([older, newer]));
  });

  it('has nothing in any section when there is nothing to deliver', () => {
    expect(groupDeliveries([], NOW)).toEqual({
      overdue: [],
      today: [],
      upcoming: [],
      failed: [],
      unscheduled: [],
    });
  });
});

describe('the run sheet', () => {
  it("lists the day's planned deliveries in time order, not the failed or unplanned", () => {
    const late = delivery('scheduled', { from: at(2, 15) });
    const early = delivery('dispatched', { from: at(2, 9), to: at(2, 10) });
    const other = delivery('scheduled', { from: at(3, 9) });
    const back = delivery('failed', { from: at(2, 8) });
    const fresh = delivery('open', null);
    expect(names(runSheetRows([late, other, back, fresh, early], '2026-12-02'))).toEqual(
      names([early, late]),
    );
  });
});

describe('words', () => {
  it('names tomorrow and other days in the locale', () => {
    expect(dayLabel('2026-12-03', NOW, 'en-US')).toBe('Tomorrow, Thursday, December 3');
    expect(dayLabel('2026-12-04', NOW, 'en-US')).toBe('Friday, December 4');
    expect(dayLabel('2026-12-04', NOW, 'de-DE')).toBe('Freitag, 4. Dezember');
  });

  it('shows a window as a range, or its start', () => {
    const plan = { scheduledFor: at(2, 10), windowEnd: at(2, 12), address: '', phone: '' };
    expect(windowLabel(plan, 'en-GB')).toBe('10:00–12:00');
    expect(windowLabel({ ...plan, windowEnd: null }, 'en-GB')).toBe('10:00');
    expect(windowLabel(plan, 'en-GB', true)).toContain('Wed');
  });

  it('sums up items with their quantities', () => {
    expect(
      itemsSummary(
        [
          { name: 'Plums', qty: 2, unit: 'piece' },
          { name: 'Apples', qty: 1500, unit: 'kg' },
        ],
        'en-US',
      ),
    ).toBe('2 × Plums, 1.5 kg Apples');
  });
});
