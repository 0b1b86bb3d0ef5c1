import {
  parseMoney,
  toDecimalString,
  validWindow,
  type Channel,
  type OrderState,
} from '@stallkeeper/shared';
import type { EventInput } from '../db/orders.ts';
import { addDays, fromLocal, localDate, localTime, startOfDay } from './local-time.ts';

/** What the schedule dialog holds, as its inputs hold it. */
export interface ScheduleFields {
  date: string;
  from: string;
  to: string;
  address: string;
  phone: string;
  note: string;
}

/** Where a new plan's address and phone come from when there is no plan yet. */
export interface ContactDefaults {
  /** the address of the order's latest amendment ('' when none) */
  amendedAddress: string;
  customer: { address: string; phone: string } | null;
}

/** A first plan starts on the next full hour, or tomorrow morning after the day's last slot. */
const FIRST_HOUR = 9;
const LAST_START_HOUR = 18;
const WINDOW_HOURS = 2;

function firstSlot(now: Date): Date {
  const next = new Date(now);
  next.setHours(now.getHours() + 1, 0, 0, 0);
  if (next.getHours() >= FIRST_HOUR && next.getHours() <= LAST_START_HOUR && next > now) {
    return next;
  }
  const day = next.getHours() < FIRST_HOUR ? startOfDay(next) : addDays(startOfDay(now), 1);
  day.setHours(FIRST_HOUR);
  return day;
}

/** The dialog's first values: the current plan if there is one (a reschedule), else a fresh slot. */
export function scheduleDefaults(
  state: OrderState,
  contact: ContactDefaults,
  now: number,
): ScheduleFields {
  const plan = state.delivery;
  const start = plan ? new Date(plan.scheduledFor) : firstSlot(new Date(now));
  const end = plan?.windowEnd
    ? new Date(plan.windowEnd)
    : new Date(start.getTime() + WINDOW_HOURS * 3_600_000);
  return {
    date: localDate(start),
    from: localTime(start),
    to: plan && !plan.windowEnd ? '' : localTime(end),
    address: plan?.address || contact.amendedAddress || contact.customer?.address || '',
    phone: plan?.phone || contact.customer?.phone || '',
    note: '',
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

type ScheduleEvent = Extract<EventInput, { kind: 'delivery_scheduled' }>;

/** The plan as an event, or what the seller has to fix first. */
export function scheduleEvent(f: ScheduleFields, channel: Channel): Checked<ScheduleEvent> {
  const start = fromLocal(f.date, f.from);
  if (!start) return { ok: false, error: 'Choose a day and a time.' };
  let windowEnd: string | undefined;
  if (f.to) {
    const end = fromLocal(f.date, f.to);
    if (!end || !validWindow(start.toISOString(), end.toISOString())) {
      return { ok: false, error: 'The window has to end after it starts.' };
    }
    windowEnd = end.toISOString();
  }
  const address = f.address.trim();
  if (channel === 'delivery' && !address) {
    return { ok: false, error: 'Where should it go? Add the delivery address.' };
  }
  const phone = f.phone.trim();
  return {
    ok: true,
    value: {
      kind: 'delivery_scheduled',
      scheduledFor: start.toISOString(),
      ...(windowEnd ? { windowEnd } : {}),
      address,
      ...(phone ? { phone } : {}),
    },
  };
}

/** What "cash collected" starts at: what is still owed. */
export function cashDefault(state: OrderState, currency: string): string {
  return state.balance > 0 ? toDecimalString(state.balance, currency) : '0';
}

/** The cash typed in, in minor units (0: nothing collected), or why it is not an amount. */
export function cashCollected(input: string, balance: number, currency: string): Checked<number> {
  if (!input.trim()) return { ok: true, value: 0 };
  const amount = parseMoney(input, currency);
  if (amount === null || amount < 0) {
    return { ok: false, error: 'Enter the cash collected as an amount, like 12.50, or 0.' };
  }
  if (amount > balance) {
    return {
      ok: false,
      error:
        balance > 0
          ? 'That is more than is owed on this order.'
          : 'This order is paid already: enter 0.',
    };
  }
  return { ok: true, value: amount };
}
