/**
 * Daily closeout (日结): a day's takings by payment method, the cash the drawer should hold
 * (the opening float + cash payments − cash refunds of the day) against the cash counted, and the
 * difference with a note. Closing locks the day's money records (see lock.ts); only the owner reopens, audited.
 */
import { AppError } from '../../../shared/errors';
import type { Closeout, DaySummary, MethodTotal } from '../../contract/closeout';
import type { Db } from '../../db/open';
import { createCloseoutsRepo } from '../../db/repos/closeouts';
import type { DayCloseoutRow } from '../../db/rows';
import type { ServiceEnv } from '../../contract/env';

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

const fromRow = (r: DayCloseoutRow): Closeout => ({
  id: r.id,
  date: r.date,
  totals: JSON.parse(r.totals) as MethodTotal[],
  receivedTotal: r.received_total,
  refundedTotal: r.refunded_total,
  openingFloat: r.opening_float,
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

/** One closeout by id (the closeout slip reads it too). */
export function getCloseout(db: Db, id: number): Closeout {
  const row = db.prepare<[number], DayCloseoutRow>('SELECT * FROM day_closeouts WHERE id = ?').get(id);
  if (!row) throw new AppError('NOT_FOUND', `No closeout ${id}.`);
  return fromRow(row);
}

export function createCloseoutService(env: ServiceEnv) {
  const repo = createCloseoutsRepo(env.db);

  function get(id: number): Closeout {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `No closeout ${id}.`);
    return fromRow(row);
  }

  function day(date: string): DaySummary {
    const totals = methodTotals(env.db, date);
    const sum = (f: (t: MethodTotal) => number) => totals.reduce((s, t) => s + f(t), 0);
    const rows = repo.ofDate(date).map(fromRow);
    const current = rows.find((c) => c.reopenedAt === null) ?? null;
    const cashNet = sum((t) => (t.isCash ? t.net : 0));
    const openingFloat = current ? current.openingFloat : repo.lastFloat(date);
    return {
      date,
      totals,
      receivedTotal: sum((t) => t.received),
      refundedTotal: sum((t) => t.refunded),
      cashNet,
      openingFloat,
      expectedCash: openingFloat + cashNet,
      invoiced: repo.invoiced(date),
      credited: repo.credited(date),
      bonusGranted: repo.bonusGranted(date),
      closed: current !== null,
      closeout: current,
      history: rows.filter((c) => c !== current),
    };
  }

  function close(input: { date: string; countedCash: number; openingFloat?: number | undefined; note: string }): DaySummary {
    if (input.date > env.today()) throw new AppError('DATE_OUT_OF_RANGE', `${input.date} has not happened yet.`, { date: input.date });
    const summary = day(input.date);
    if (summary.closed) throw new AppError('DAY_ALREADY_CLOSED', `${input.date} is already closed.`, { date: input.date });
    const openingFloat = input.openingFloat ?? summary.openingFloat;
    const expectedCash = openingFloat + summary.cashNet;
    const difference = input.countedCash - expectedCash;
    if (difference !== 0 && input.note === '') {
      throw new AppError('CLOSEOUT_NOTE_REQUIRED', 'The counted cash differs from the expected cash: say why in the note.', {
        expectedCash,
        countedCash: input.countedCash,
        difference,
      });
    }
    const by = env.actor();
    const id = repo.insert({
      date: input.date,
      totals: JSON.stringify(summary.totals),
      received_total: summary.receivedTotal,
      refunded_total: summary.refundedTotal,
      expected_cash: expectedCash,
      opening_float: openingFloat,
      counted_cash: input.countedCash,
      difference,
      note: input.note,
      closed_by: by?.id ?? null,
      closed_by_name: by?.name ?? '',
      closed_at: env.now().toISOString(),
    });
    env.audit('day_closeout', input.date, null, get(id));
    return day(input.date);
  }

  function reopen(input: { date: string; reason: string }): DaySummary {
    const closeout = day(input.date).closeout;
    if (!closeout) throw new AppError('DAY_NOT_CLOSED', `${input.date} is not closed.`, { date: input.date });
    const by = env.actor();
    repo.reopen(closeout.id, by?.id ?? null, by?.name ?? '', env.now().toISOString(), input.reason);
    env.audit('day_closeout', input.date, closeout, get(closeout.id));
    return day(input.date);
  }

  function list(from: string, to: string): Closeout[] {
    return repo.between(from, to).map(fromRow);
  }

  return { day, close, reopen, list };
}

export type CloseoutService = ReturnType<typeof createCloseoutService>;
