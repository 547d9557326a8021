/**
 * Overdue follow-up: payers with overdue balances, oldest debt first, and the log of what the
 * desk did about it (called, message sent, promised to pay on a date). An invoice is overdue when
 * today is past its due date and it has a balance (BILLING.md).
 */
import { daysBetween } from '../billing/dates';
import { AppError } from '../contract/errors';
import type { FollowUp, FollowUpKind, OverduePayer } from '../contract/followup';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';
import type { Ctx } from '../handlers';

interface FollowUpRow {
  id: number;
  payer_id: number;
  kind: FollowUpKind;
  promised_date: string | null;
  note: string;
  staff_name: string;
  date: string;
  at: string;
}

const fromRow = (r: FollowUpRow): FollowUp => ({
  id: r.id,
  payerId: r.payer_id,
  kind: r.kind,
  promisedDate: r.promised_date,
  note: r.note,
  staffName: r.staff_name,
  date: r.date,
  at: r.at,
});

interface OverdueRow {
  payer_id: number;
  name: string;
  phone: string;
  overdue: number;
  due: number;
  invoices: number;
  oldest_due: string;
}

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

export function lastFollowUp(db: Db, payerId: number): FollowUp | null {
  const row = prepared<[number], FollowUpRow>(db, 'SELECT * FROM follow_ups WHERE payer_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(payerId);
  return row ? fromRow(row) : null;
}

export function overduePayers(db: Db, today: string, overdueBlockDays: number): OverduePayer[] {
  return prepared<[{ today: string }], OverdueRow>(db, OVERDUE_SQL)
    .all({ today })
    .map((r) => {
      const days = daysBetween(r.oldest_due, today);
      return {
        payerId: r.payer_id,
        payerName: r.name,
        phone: r.phone,
        overdue: r.overdue,
        due: r.due,
        invoices: r.invoices,
        oldestDueDate: r.oldest_due,
        daysOverdue: days,
        // The same rule as check-in: blocked once more than overdueBlockDays days overdue.
        blocked: days > overdueBlockDays,
        lastFollowUp: lastFollowUp(db, r.payer_id),
      };
    });
}

export function logFollowUp(
  ctx: Ctx,
  input: { payerId: number; kind: FollowUpKind; promisedDate?: string | undefined; note: string },
): FollowUp {
  const db = ctx.db;
  const payer = db.prepare<[number], { id: number }>('SELECT id FROM members WHERE id = ?').get(input.payerId);
  if (!payer) throw new AppError('NOT_FOUND', `No member ${input.payerId}.`);
  const today = ctx.today();
  if (input.promisedDate !== undefined && input.promisedDate < today) {
    throw new AppError('DATE_OUT_OF_RANGE', 'A promise to pay is for today or a later day.', { date: input.promisedDate, today });
  }
  const info = db
    .prepare(
      `INSERT INTO follow_ups (payer_id, kind, promised_date, note, staff_id, staff_name, date, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.payerId, input.kind, input.promisedDate ?? null, input.note, ctx.staff?.id ?? null, ctx.staff?.name ?? '', today, ctx.now().toISOString());
  const row = db.prepare<[number], FollowUpRow>('SELECT * FROM follow_ups WHERE id = ?').get(Number(info.lastInsertRowid))!;
  const followUp = fromRow(row);
  ctx.audit('follow_up', followUp.id, null, followUp);
  return followUp;
}

export function followUpHistory(db: Db, payerId: number): FollowUp[] {
  return db.prepare<[number], FollowUpRow>('SELECT * FROM follow_ups WHERE payer_id = ? ORDER BY at DESC, id DESC').all(payerId).map(fromRow);
}
