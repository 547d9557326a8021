/** Day closeouts and the day's money they sum: every statement prepared once. */
import type { Db } from '../open';
import type { DayCloseoutRow } from '../rows';
import { prepared } from '../statements';

/** Count and sum of one kind of record on a day (query-shaped). */
export interface CountTotal {
  count: number;
  total: number;
}
export interface MethodSum {
  method: string;
  n: number;
  total: number;
}

type CloseoutInsert = Omit<DayCloseoutRow, 'id' | 'reopened_by' | 'reopened_by_name' | 'reopened_at' | 'reopen_reason'>;

export function createCloseoutsRepo(db: Db) {
  const byId = db.prepare<[number], DayCloseoutRow>('SELECT * FROM day_closeouts WHERE id = ?');
  const ofDate = db.prepare<[string], DayCloseoutRow>('SELECT * FROM day_closeouts WHERE date = ? ORDER BY id DESC');
  const between = db.prepare<[string, string], DayCloseoutRow>('SELECT * FROM day_closeouts WHERE date BETWEEN ? AND ? ORDER BY date DESC, id DESC');
  const insert = db.prepare<CloseoutInsert>(
    `INSERT INTO day_closeouts (date, totals, received_total, refunded_total, expected_cash, counted_cash, difference, note,
       closed_by, closed_by_name, closed_at, opening_float)
     VALUES (@date, @totals, @received_total, @refunded_total, @expected_cash, @counted_cash, @difference, @note,
       @closed_by, @closed_by_name, @closed_at, @opening_float)`,
  );
  const lastFloat = db.prepare<[string], { v: number }>(
    'SELECT opening_float AS v FROM day_closeouts WHERE date < ? AND reopened_at IS NULL ORDER BY date DESC, id DESC LIMIT 1',
  );
  const reopen = db.prepare<[number | null, string, string, string, number]>(
    'UPDATE day_closeouts SET reopened_by = ?, reopened_by_name = ?, reopened_at = ?, reopen_reason = ? WHERE id = ?',
  );
  const invoiced = db.prepare<[string], CountTotal>(
    "SELECT COUNT(*) AS count, COALESCE(SUM(total), 0) AS total FROM invoices WHERE issue_date = ? AND status = 'issued'",
  );
  const credited = db.prepare<[string], CountTotal>('SELECT COUNT(*) AS count, COALESCE(SUM(total), 0) AS total FROM credit_notes WHERE issue_date = ?');
  // Bonus earned by the day's top-ups; bonus a credit note gave back is not new bonus.
  const bonus = db.prepare<[string], { v: number }>('SELECT COALESCE(SUM(amount), 0) AS v FROM bonus_grants WHERE date = ? AND credit_note_id IS NULL');

  return {
    byId: (id: number) => byId.get(id),
    ofDate: (date: string) => ofDate.all(date),
    between: (from: string, to: string) => between.all(from, to),
    insert: (row: CloseoutInsert) => Number(insert.run(row).lastInsertRowid),
    reopen: (id: number, byId: number | null, byName: string, at: string, reason: string) => void reopen.run(byId, byName, at, reason, id),
    invoiced: (date: string) => invoiced.get(date)!,
    credited: (date: string) => credited.get(date)!,
    bonusGranted: (date: string) => bonus.get(date)!.v,
    /** The float of the last day closed before `date` (the drawer usually starts with the same change). */
    lastFloat: (date: string) => lastFloat.get(date)?.v ?? 0,
  };
}

/**
 * Whether a day is closed (and not reopened). Cached per connection (`prepared`): the billing run
 * asks once per invoice, and preparing costs more than the lookup.
 */
export function dayClosed(db: Db, date: string): boolean {
  return prepared<[string]>(db, 'SELECT 1 FROM day_closeouts WHERE date = ? AND reopened_at IS NULL').get(date) !== undefined;
}
