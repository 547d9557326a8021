/** Follow-ups on overdue payers: every statement prepared once. */
import type { Db } from '../open';
import type { FollowUpRow } from '../rows';

/** One payer with overdue invoices (query-shaped: a sum over their open invoices). */
export interface OverdueRow {
  payer_id: number;
  name: string;
  phone: string;
  overdue: number;
  due: number;
  invoices: number;
  oldest_due: string;
}

// An invoice is overdue when today is past its due date and it still has a balance.
const OVERDUE_SQL = `
  WITH open AS (
    SELECT i.payer_id, i.due_date,
           i.total - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS balance
    FROM invoices i WHERE i.status = 'issued'
  )
  SELECT o.payer_id, m.name, m.phone,
         SUM(CASE WHEN o.due_date < @today THEN o.balance ELSE 0 END) AS overdue,
         SUM(o.balance) AS due,
         SUM(CASE WHEN o.due_date < @today THEN 1 ELSE 0 END) AS invoices,
         MIN(CASE WHEN o.due_date < @today THEN o.due_date END) AS oldest_due
  FROM open o JOIN members m ON m.id = o.payer_id
  WHERE o.balance > 0
  GROUP BY o.payer_id
  HAVING overdue > 0
  ORDER BY oldest_due, o.payer_id`;

export function createFollowUpsRepo(db: Db) {
  const overdue = db.prepare<[{ today: string }], OverdueRow>(OVERDUE_SQL);
  const byId = db.prepare<[number], FollowUpRow>('SELECT * FROM follow_ups WHERE id = ?');
  const ofPayer = db.prepare<[number], FollowUpRow>('SELECT * FROM follow_ups WHERE payer_id = ? ORDER BY at DESC, id DESC');
  const latest = db.prepare<[number], FollowUpRow>('SELECT * FROM follow_ups WHERE payer_id = ? ORDER BY at DESC, id DESC LIMIT 1');
  const payerExists = db.prepare<[number], { id: number }>('SELECT id FROM members WHERE id = ?');
  const insert = db.prepare<Omit<FollowUpRow, 'id'>>(
    `INSERT INTO follow_ups (payer_id, kind, promised_date, note, staff_id, staff_name, date, at)
     VALUES (@payer_id, @kind, @promised_date, @note, @staff_id, @staff_name, @date, @at)`,
  );

  return {
    overdue: (today: string) => overdue.all({ today }),
    byId: (id: number) => byId.get(id),
    ofPayer: (payerId: number) => ofPayer.all(payerId),
    latest: (payerId: number) => latest.get(payerId),
    payerExists: (payerId: number) => payerExists.get(payerId) !== undefined,
    /** Returns the new follow-up's id. */
    insert: (row: Omit<FollowUpRow, 'id'>) => Number(insert.run(row).lastInsertRowid),
  };
}
