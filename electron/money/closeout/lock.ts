/**
 * A closed day (日结) is locked: its money records do not change. The schema refuses such edits
 * with triggers (005_money.sql); services call `assertDayOpen` first so the desk gets DAY_CLOSED
 * rather than a bare constraint failure.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';

export function isDayClosed(db: Db, date: string): boolean {
  // Cached: the billing run asks once per invoice, and preparing costs more than the lookup.
  return prepared<[string]>(db, 'SELECT 1 FROM day_closeouts WHERE date = ? AND reopened_at IS NULL').get(date) !== undefined;
}

export function assertDayOpen(db: Db, date: string): void {
  if (isDayClosed(db, date)) {
    throw new AppError('DAY_CLOSED', `${date} is closed. Record the correction on an open day, or ask the owner to reopen it.`, { date });
  }
}
