import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeZone, upcomingSlots, zonedDay, zonedInstant } from './slots.ts';

describe('shop page times', () => {
  it('turns the shop clock into instants, across daylight saving', () => {
    expect(zonedInstant('2026-12-05', '08:00', 'Europe/Lisbon').toISOString()).toBe(
      '2026-12-05T08:00:00.000Z',
    );
    expect(zonedInstant('2026-07-04', '08:00', 'Europe/Lisbon').toISOString()).toBe(
      '2026-07-04T07:00:00.000Z',
    );
    expect(zonedInstant('2026-12-05', '08:00', 'America/New_York').toISOString()).toBe(
      '2026-12-05T13:00:00.000Z',
    );
  });

  it('offers the coming Saturdays, not one that has started', () => {
    // Friday 4 Dec 2026, 12:00 in Lisbon
    const now = new Date('2026-12-04T12:00:00.000Z');
    const slots = upcomingSlots([{ day: 6, from: '08:00', to: '13:00' }], 'Europe/Lisbon', now);
    // two weeks ahead
    expect(slots.map((s) => s.id)).toEqual(['2026-12-05T08:00', '2026-12-12T08:00']);
    expect(slots[0]).toEqual({
      id: '2026-12-05T08:00',
      from: '2026-12-05T08:00:00.000Z',
      to: '2026-12-05T13:00:00.000Z',
    });
    const saturdayMorning = new Date('2026-12-05T07:30:00.000Z');
    expect(
      upcomingSlots([{ day: 6, from: '08:00', to: '13:00' }], 'Europe/Lisbon', saturdayMorning)[0]
        ?.id,
    ).toBe('2026-12-12T08:00');
  });

  it('offers nothing for an unknown zone or backwards hours', () => {
    const now = new Date('2026-12-04T12:00:00.000Z');
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(upcomingSlots([{ day: 6, from: '08:00', to: '13:00' }], 'Mars/Olympus', now)).toEqual(
      [],
    );
    expect(upcomingSlots([{ day: 6, from: '13:00', to: '08:00' }], 'UTC', now)).toEqual([]);
  });

  it('maps every wall-clock time back to its own day and hour', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.constantFrom(
          'UTC',
          'Europe/Lisbon',
          'Europe/Berlin',
          'America/New_York',
          'Asia/Kolkata',
        ),
        fc.integer({ min: 0, max: 23 }),
        (date, zone, hour) => {
          const day = date.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:30`;
          const instant = zonedInstant(day, time, zone);
          // (a time skipped by a spring-forward gap lands an hour off; the day holds)
          expect(zonedDay(instant.getTime(), zone)).toBe(day);
        },
      ),
    );
  });
});
