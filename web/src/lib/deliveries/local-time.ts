/**
 * The device's calendar: what a date and a time input hold ("2026-12-02", "14:30")
 * and the instant they mean here. Plans are stored as ISO instants, so every device
 * shows the same moment in its own time zone.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD" of an instant on this device's calendar. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "HH:MM" of an instant on this device's clock. */
export function localTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a date input and a time input mean on this device, or null. */
export function fromLocal(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hours, minutes] = [Number(t[1]), Number(t[2])];
  const at = new Date(year, month - 1, day, hours, minutes);
  // new Date rolls 2026-02-30 over into March: refuse what the calendar does not have
  if (at.getMonth() !== month - 1 || at.getDate() !== day || hours > 23 || minutes > 59) {
    return null;
  }
  return at;
}

/** Midnight at the start of an instant's day on this device. */
export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The same clock time some days later on this device (across daylight saving). */
export function addDays(d: Date, days: number): Date {
  const next = new Date(d);
  next.setDate(next.getDate() + days);
  return next;
}

/** The day a link asks for ("YYYY-MM-DD" on the calendar), else today on this device. */
export function dayOrToday(param: string | null, now: number): string {
  return param && fromLocal(param, '00:00') ? param : localDate(new Date(now));
}
