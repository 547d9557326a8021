/**
 * The reports' SQL: a few aggregate queries over the summaries of migration 006 (whole months)
 * and over the dated records themselves (part months, today). Every function returns plain rows;
 * the arithmetic happens in service.ts with metrics.ts.
 */
import type { Db } from '../db/open';
import { revenueKey, SPREAD_KINDS } from './facts';
import { shareOfSpan } from './metrics';
import { addDays } from '../billing/dates';

const SPREAD_SQL = [...SPREAD_KINDS].map((k) => `'${k}'`).join(', ');

export interface MonthlyRow {
  month: string;
  measure: string;
  key: string;
  amount: number;
}

export interface SpanRow {
  member_id: number;
  start: string;
  end: string;
  mrr: number;
}

export function createQueries(db: Db) {
  const s = {
    monthly: db.prepare<[string], MonthlyRow>('SELECT month, measure, key, amount FROM report_monthly WHERE month <= ? AND amount <> 0'),
    spans: db.prepare<[], [number, string, string, number]>('SELECT member_id, start, end, mrr FROM report_mrr_spans ORDER BY member_id, start').raw(true),
    spansAt: db.prepare<[string, string], SpanRow>('SELECT member_id, start, end, mrr FROM report_mrr_spans WHERE end > ? AND start <= ?'),
    invoicedBetween: db.prepare<[string, string], { net: number; tax: number }>(
      "SELECT COALESCE(SUM(subtotal), 0) AS net, COALESCE(SUM(tax_total), 0) AS tax FROM invoices WHERE status = 'issued' AND issue_date BETWEEN ? AND ?",
    ),
    creditedBetween: db.prepare<[string, string], { net: number }>('SELECT COALESCE(SUM(subtotal), 0) AS net FROM credit_notes WHERE issue_date BETWEEN ? AND ?'),
    paidBetween: db.prepare<[string, string], { key: string; amount: number; n: number }>(
      'SELECT method AS key, SUM(amount) AS amount, COUNT(*) AS n FROM payments WHERE date BETWEEN ? AND ? GROUP BY method',
    ),
    refundedBetween: db.prepare<[string, string], { key: string; amount: number; n: number }>(
      'SELECT method AS key, SUM(amount) AS amount, COUNT(*) AS n FROM refunds WHERE date BETWEEN ? AND ? GROUP BY method',
    ),
    bonusBetween: db.prepare<[string, string], { amount: number }>(
      'SELECT COALESCE(SUM(amount), 0) AS amount FROM allocations WHERE bonus_grant_id IS NOT NULL AND date BETWEEN ? AND ?',
    ),
    expensesByMonth: db.prepare<[string, string], { month: string; category_id: number; amount: number }>(
      `SELECT substr(date, 1, 7) AS month, category_id, SUM(amount) AS amount FROM expenses
        WHERE deleted_at IS NULL AND date BETWEEN ? AND ? GROUP BY 1, 2`,
    ),
    spreadLines: db.prepare<{ s: string; e: string; back: string; far: string }, LiveLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE i.status = 'issued' AND l.kind IN (${SPREAD_SQL}) AND l.period_start BETWEEN @back AND @e AND l.period_end > @s
          AND l.period_end > l.period_start
       UNION ALL
       SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE julianday(l.period_end) - julianday(l.period_start) > 31 AND l.period_start >= @far AND l.period_start < @back
          AND l.period_end > @s AND i.status = 'issued' AND l.kind IN (${SPREAD_SQL})`,
    ),
    oneOffLines: db.prepare<{ s: string; e: string }, LiveLine>(
      `SELECT l.kind, l.plan_id, NULL AS period_start, NULL AS period_end, l.net FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE i.status = 'issued' AND i.issue_date BETWEEN @s AND @e
          AND (l.kind NOT IN (${SPREAD_SQL}) OR l.period_start IS NULL OR l.period_end <= l.period_start)`,
    ),
    spreadCredits: db.prepare<{ s: string; e: string; back: string; far: string }, LiveLine>(
      `SELECT il.kind, il.plan_id, c.period_start, c.period_end, -c.net AS net FROM credit_note_lines c JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE il.kind IN (${SPREAD_SQL}) AND c.period_start BETWEEN @back AND @e AND c.period_end > @s AND c.period_end > c.period_start
       UNION ALL
       SELECT il.kind, il.plan_id, c.period_start, c.period_end, -c.net FROM credit_note_lines c JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE julianday(c.period_end) - julianday(c.period_start) > 31 AND c.period_start >= @far AND c.period_start < @back
          AND c.period_end > @s AND il.kind IN (${SPREAD_SQL})`,
    ),
    oneOffCredits: db.prepare<{ s: string; e: string }, LiveLine>(
      `SELECT COALESCE(il.kind, 'adjustment') AS kind, il.plan_id, NULL AS period_start, NULL AS period_end, -c.net AS net
         FROM credit_notes n JOIN credit_note_lines c ON c.credit_note_id = n.id LEFT JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE n.issue_date BETWEEN @s AND @e
          AND (il.kind IS NULL OR il.kind NOT IN (${SPREAD_SQL}) OR c.period_start IS NULL OR c.period_end <= c.period_start)`,
    ),
    overdueByPayer: db.prepare<[string], { payer_id: number; payer_name: string; phone: string; overdue: number; oldest: string }>(
      `SELECT o.payer_id, m.name AS payer_name, m.phone, SUM(o.balance) AS overdue, MIN(o.due_date) AS oldest
         FROM report_open_invoices o JOIN members m ON m.id = o.payer_id WHERE o.due_date < ? GROUP BY o.payer_id`,
    ),
    visitedSince: db.prepare<[string], [number]>('SELECT DISTINCT member_id FROM checkins WHERE date >= ? AND undone_at IS NULL').raw(true),
    customersSince: db.prepare<[string], [number]>('SELECT member_id FROM report_mrr_spans GROUP BY member_id HAVING MIN(start) <= ?').raw(true),
    lastVisit: db.prepare<[number], { d: string | null }>('SELECT MAX(date) AS d FROM checkins WHERE member_id = ? AND undone_at IS NULL'),
    member: db.prepare<[number], { name: string; phone: string }>('SELECT name, phone FROM members WHERE id = ?'),
    openInvoices: db.prepare<[], { payer_id: number; payer_name: string; phone: string; due_date: string; balance: number }>(
      `SELECT o.payer_id, m.name AS payer_name, m.phone, o.due_date, o.balance FROM report_open_invoices o JOIN members m ON m.id = o.payer_id`,
    ),
    checkinHours: db.prepare<[string, string], { date: string; utc_hour: number; visits: number }>(
      'SELECT date, utc_hour, visits FROM report_checkin_hours WHERE date BETWEEN ? AND ? AND visits <> 0',
    ),
    plans: db.prepare<[], { id: number; name: string; kind: string }>('SELECT id, name, kind FROM plans'),
    methods: db.prepare<[], { code: string; name: string; builtin: number; position: number }>('SELECT code, name, builtin, position FROM payment_methods ORDER BY position, code'),
    categories: db.prepare<[], { id: number; name_en: string; name_zh: string; position: number }>('SELECT id, name_en, name_zh, position FROM expense_categories ORDER BY position, id'),
  };

  /**
   * Revenue recognised on the days [from, to] (both inclusive), by what it was for, computed from
   * the lines themselves: those starting in the month before `from` or later, and the long ones
   * (quarterly, yearly) starting up to `maxSpanDays` before it.
   */
  function recognisedBetween(from: string, to: string, maxSpanDays: number): Map<string, number> {
    const out = new Map<string, number>();
    const end = addDays(to, 1);
    const params = { s: from, e: to, back: addDays(from, -31), far: addDays(from, -Math.max(maxSpanDays, 31) - 1) };
    const add = (l: LiveLine, amount: number) => {
      if (amount === 0) return;
      const key = revenueKey(l.kind, l.plan_id);
      out.set(key, (out.get(key) ?? 0) + amount);
    };
    for (const l of [...s.spreadLines.all(params), ...s.spreadCredits.all(params)]) add(l, shareOfSpan(l.net, l.period_start!, l.period_end!, from, end));
    for (const l of [...s.oneOffLines.all({ s: from, e: to }), ...s.oneOffCredits.all({ s: from, e: to })]) add(l, l.net);
    return out;
  }

  return {
    /** Every summary row up to a month (the running balances need the months before the range). */
    monthly: (toMonth: string) => s.monthly.all(toMonth),
    /** Every span as [member, start, end, mrr], by member then start. */
    spans: () => s.spans.all(),
    /** Spans covering day `date`. */
    spansOn: (date: string) => s.spansAt.all(date, date),
    invoicedBetween: (from: string, to: string) => s.invoicedBetween.get(from, to)!,
    creditedBetween: (from: string, to: string) => s.creditedBetween.get(from, to)!.net,
    paidBetween: (from: string, to: string) => s.paidBetween.all(from, to),
    refundedBetween: (from: string, to: string) => s.refundedBetween.all(from, to),
    bonusBetween: (from: string, to: string) => s.bonusBetween.get(from, to)!.amount,
    expensesByMonth: (from: string, to: string) => s.expensesByMonth.all(from, to),
    recognisedBetween,
    openInvoices: () => s.openInvoices.all(),
    overdueByPayer: (today: string) => s.overdueByPayer.all(today),
    visitedSince: (date: string) => new Set(s.visitedSince.all(date).map((r) => r[0])),
    customersSince: (date: string) => new Set(s.customersSince.all(date).map((r) => r[0])),
    lastVisit: (memberId: number) => s.lastVisit.get(memberId)?.d ?? null,
    member: (memberId: number) => s.member.get(memberId),
    checkinHours: (from: string, to: string) => s.checkinHours.all(from, to),
    plans: () => s.plans.all(),
    methods: () => s.methods.all(),
    categories: () => s.categories.all(),
  };
}

interface LiveLine {
  kind: string;
  plan_id: number | null;
  period_start: string | null;
  period_end: string | null;
  net: number;
}

export type Queries = ReturnType<typeof createQueries>;
