/**
 * A closed day (日结) is locked: its money records do not change. The schema refuses such edits
 * with triggers (005_money.sql); services call `assertDayOpen` first so the desk gets DAY_CLOSED
 * rather than a bare constraint failure.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { dayClosed } from '../../db/repos/closeouts';

export function isDayClosed(db: Db, date: string): boolean {
  return dayClosed(db, date);
}

export function assertDayOpen(db: Db, date: string): void {
  if (isDayClosed(db, date)) {
    throw new AppError('DAY_CLOSED', `${date} is closed. Record the correction on an open day, or ask the owner to reopen it.`, { date });
  }
}
