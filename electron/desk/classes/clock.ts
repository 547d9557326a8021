/**
 * Class times are wall-clock times in the business's time zone. Windows and cut-offs compare
 * minutes on that wall clock ("2026-12-05 09:00" minus 12 hours), so a session's start needs no
 * conversion to an instant; across a daylight-saving change a cut-off may be an hour off.
 */
import { toEpochDay } from '../../../shared/dates';
import { offsetMs } from '../../ops/audit/zone';

/** Minutes since 1970-01-01 00:00 on the wall clock of `date` at `time` ('HH:MM'). */
export function wallMinutes(date: string, time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return toEpochDay(date) * 1440 + h * 60 + m;
}

/** The wall clock of `instant` in `timeZone`, as minutes since 1970-01-01 00:00. */
export function wallNow(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  return Math.floor((t + offsetMs(t, timeZone)) / 60_000);
}
