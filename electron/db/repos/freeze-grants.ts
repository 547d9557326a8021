/** Extra freeze days granted to a member for a calendar year: statements prepared once. */
import type { Db } from '../open';
import type { FreezeGrantRow } from '../rows';

export type FreezeGrantInsert = Omit<FreezeGrantRow, 'id'>;

export function createFreezeGrantsRepo(db: Db) {
  const insert = db.prepare<FreezeGrantInsert>(
    `INSERT INTO freeze_grants (member_id, year, days, reason, staff_id, staff_name, created_at)
     VALUES (@member_id, @year, @days, @reason, @staff_id, @staff_name, @created_at)`,
  );
  const daysOf = db.prepare<[number, number], number>('SELECT COALESCE(SUM(days), 0) FROM freeze_grants WHERE member_id = ? AND year = ?').pluck();
  return {
    /** Returns the new grant's id. */
    insert: (row: FreezeGrantInsert): number => Number(insert.run(row).lastInsertRowid),
    /** Days granted to the member for the year, all grants together. */
    daysOf: (memberId: number, year: number): number => daysOf.get(memberId, year) ?? 0,
  };
}
