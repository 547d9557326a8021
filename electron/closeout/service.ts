/**
 * Daily closeout (日结): a day's takings by payment method, the cash the drawer should hold
 * (cash payments − cash refunds of the day) against the cash counted, and the difference with a
 * note. Closing locks the day's money records (see lock.ts); only the owner reopens, audited.
 */
import { AppError } from '../contract/errors';
import type { Closeout, DaySummary, MethodTotal } from '../contract/closeout';
import type { Db } from '../db/open';
import type { Ctx } from '../handlers';

interface SumRow {
  method: string;
  n: number;
  total: number;
}

interface MethodInfo {
  code: string;
  is_cash: number;
  position: number;
}

/** Money in and out per method on `date`, in the method list's order. */
export function methodTotals(db: Db, date: string): MethodTotal[] {
  const sums = (table: 'payments' | 'refunds') =>
    new Map(
      db
        .prepare<[string], SumRow>(`SELECT method, COUNT(*) AS n, SUM(amount) AS total FROM ${table} WHERE date = ? GROUP BY method`)
        .all(date)
        .map((r) => [r.method, r] as const),
    );
  const paid = sums('payments');
  const refunded = sums('refunds');
  const info = new Map(db.prepare<[], MethodInfo>('SELECT code, is_cash, position FROM payment_methods').all().map((m) => [m.code, m] as const));
  const codes = [...new Set([...paid.keys(), ...refunded.keys()])].sort(
    (a, b) => (info.get(a)?.position ?? 1e9) - (info.get(b)?.position ?? 1e9) || a.localeCompare(b),
  );
  return codes.map((method) => {
    const p = paid.get(method);
    const r = refunded.get(method);
    const received = p?.total ?? 0;
    const out = r?.total ?? 0;
    return {
      method,
      isCash: info.get(method)?.is_cash === 1,
      payments: p?.n ?? 0,
      received,
      refunds: r?.n ?? 0,
      refunded: out,
      net: received - out,
    };
  });
}

interface CloseoutRow {
  id: number;
  date: string;
  totals: string;
  received_total: number;
  refunded_total: number;
  expected_cash: number;
  counted_cash: number;
  difference: number;
  note: string;
  closed_by_name: string;
  closed_at: string;
  reopened_by_name: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
}

const fromRow = (r: CloseoutRow): Closeout => ({
  id: r.id,
  date: r.date,
  totals: JSON.parse(r.totals) as MethodTotal[],
  receivedTotal: r.received_total,
  refundedTotal: r.refunded_total,
  expectedCash: r.expected_cash,
  countedCash: r.counted_cash,
  difference: r.difference,
  note: r.note,
  closedByName: r.closed_by_name,
  closedAt: r.closed_at,
  reopenedByName: r.reopened_by_name,
  reopenedAt: r.reopened_at,
  reopenReason: r.reopen_reason,
});

export function getCloseout(db: Db, id: number): Closeout {
  const row = db.prepare<[number], CloseoutRow>('SELECT * FROM day_closeouts WHERE id = ?').get(id);
  if (!row) throw new AppError('NOT_FOUND', `No closeout ${id}.`);
  return fromRow(row);
}

export function daySummary(db: Db, date: string): DaySummary {
  const totals = methodTotals(db, date);
  const sum = (f: (t: MethodTotal) => number) => totals.reduce((s, t) => s + f(t), 0);
  const countTotal = (sql: string) => db.prepare<[string], { count: number; total: number }>(sql).get(date)!;
  const rows = db.prepare<[string], CloseoutRow>('SELECT * FROM day_closeouts WHERE date = ? ORDER BY id DESC').all(date).map(fromRow);
  const current = rows.find((c) => c.reopenedAt === null) ?? null;
  return {
    date,
    totals,
    receivedTotal: sum((t) => t.received),
    refundedTotal: sum((t) => t.refunded),
    expectedCash: sum((t) => (t.isCash ? t.net : 0)),
    invoiced: countTotal("SELECT COUNT(*) AS count, COALESCE(SUM(total), 0) AS total FROM invoices WHERE issue_date = ? AND status = 'issued'"),
    credited: countTotal('SELECT COUNT(*) AS count, COALESCE(SUM(total), 0) AS total FROM credit_notes WHERE issue_date = ?'),
    bonusGranted: db.prepare<[string], { v: number }>('SELECT COALESCE(SUM(amount), 0) AS v FROM bonus_grants WHERE date = ?').get(date)!.v,
    closed: current !== null,
    closeout: current,
    history: rows.filter((c) => c !== current),
  };
}

export function closeDay(ctx: Ctx, input: { date: string; countedCash: number; note: string }): DaySummary {
  const db = ctx.db;
  if (input.date > ctx.today()) throw new AppError('DATE_OUT_OF_RANGE', `${input.date} has not happened yet.`, { date: input.date });
  const day = daySummary(db, input.date);
  if (day.closed) throw new AppError('DAY_ALREADY_CLOSED', `${input.date} is already closed.`, { date: input.date });
  const difference = input.countedCash - day.expectedCash;
  if (difference !== 0 && input.note === '') {
    throw new AppError('CLOSEOUT_NOTE_REQUIRED', 'The counted cash differs from the expected cash: say why in the note.', {
      expectedCash: day.expectedCash,
      countedCash: input.countedCash,
      difference,
    });
  }
  const info = db
    .prepare(
      `INSERT INTO day_closeouts (date, totals, received_total, refunded_total, expected_cash, counted_cash, difference, note,
         closed_by, closed_by_name, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.date,
      JSON.stringify(day.totals),
      day.receivedTotal,
      day.refundedTotal,
      day.expectedCash,
      input.countedCash,
      difference,
      input.note,
      ctx.staff?.id ?? null,
      ctx.staff?.name ?? '',
      ctx.now().toISOString(),
    );
  const closeout = getCloseout(db, Number(info.lastInsertRowid));
  ctx.audit('day_closeout', input.date, null, closeout);
  return daySummary(db, input.date);
}

export function reopenDay(ctx: Ctx, input: { date: string; reason: string }): DaySummary {
  const db = ctx.db;
  const day = daySummary(db, input.date);
  if (!day.closeout) throw new AppError('DAY_NOT_CLOSED', `${input.date} is not closed.`, { date: input.date });
  db.prepare('UPDATE day_closeouts SET reopened_by = ?, reopened_by_name = ?, reopened_at = ?, reopen_reason = ? WHERE id = ?').run(
    ctx.staff?.id ?? null,
    ctx.staff?.name ?? '',
    ctx.now().toISOString(),
    input.reason,
    day.closeout.id,
  );
  ctx.audit('day_closeout', input.date, day.closeout, getCloseout(db, day.closeout.id));
  return daySummary(db, input.date);
}

export function listCloseouts(db: Db, from: string, to: string): Closeout[] {
  return db
    .prepare<[string, string], CloseoutRow>('SELECT * FROM day_closeouts WHERE date BETWEEN ? AND ? ORDER BY date DESC, id DESC')
    .all(from, to)
    .map(fromRow);
}
