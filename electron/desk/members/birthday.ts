/**
 * One rule for a birthday, shared by the member form and the import: not after today (the
 * injected clock's business date). Dates before 1900 are not valid dates at all (the date
 * parser's range), so both already refuse them as a bad date.
 */
import { compareDates } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';

export function birthdayProblem(birthday: string | null, today: string): 'birthday_future' | null {
  return birthday !== null && compareDates(birthday, today) > 0 ? 'birthday_future' : null;
}

/** Refuses a bad birthday as a field error at `path`, the way a schema would. */
export function checkBirthday(birthday: string | null, today: string, path: string): void {
  const problem = birthdayProblem(birthday, today);
  if (!problem) return;
  throw new AppError('VALIDATION', `Invalid input: ${path}: ${problem}`, { issues: [{ path, code: 'custom', message: problem }] });
}
