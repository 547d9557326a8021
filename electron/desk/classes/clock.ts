/**
 * Class times are wall-clock times in the business's time zone. Windows and cut-offs compare
 * minutes on that wall clock ("2026-12-05 09:00" minus 12 hours), so a session's start needs no
 * conversion to an instant; across a daylight-saving change a cut-off may be an hour off.
 */
import { toEpochDay } from '../../../shared/dates';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since 1970-01-01 00:00 on the wall clock of `date` at `time` ('HH:MM'). */
export function wallMinutes(date: string, time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return toEpochDay(date) * 1440 + h * 60 + m;
}

/** The wall clock of `instant` in `timeZone`, as minutes since 1970-01-01 00:00. */
export function wallNow(instant: Date, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formats.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return wallMinutes(
    `${get('year')}-${get('month')}-${get('day')}`,
    `${get('hour')}:${get('minute')}`,
  );
}
