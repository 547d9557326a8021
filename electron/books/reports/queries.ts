/**
 * The reports' SQL: a few aggregate queries over the summaries of migration 006 (whole months)
 * and over the dated records themselves (part months, today). Every function returns plain rows;
 * the arithmetic happens in service.ts with metrics.ts.
 */
import type { Db } from '../../db/open';

export interface MonthlyRow {
  month: string;
  measure: string;
  key: string;
  amount: number;
}

export function createQueries(db: Db) {
  const s = {
    monthly: db.prepare<[string], MonthlyRow>('SELECT month, measure, key, amount FROM report_monthly WHERE month <= ? AND amount <> 0'),
    spans: db
      .prepare<[], [number, string, string, number, number, number]>('SELECT member_id, start, end, mrr, list_mrr, paused FROM report_mrr_spans ORDER BY member_id, start')
      .raw(true),
    invoicedBetween: db.prepare<[string, string], { net: number; tax: number }>(
      "SELECT COALESCE(SUM(subtotal), 0) AS net, COALESCE(SUM(tax_total), 0) AS tax FROM invoices WHERE status = 'issued' AND issue_date BETWEEN ? AND ?",
    ),
    creditedBetween: db.prepare<[string, string], { net: number }>('SELECT COALESCE(SUM(subtotal), 0) AS net FROM credit_notes WHERE issue_date BETWEEN ? AND ?'),
    creditedTaxBetween: db.prepare<[string, string], { tax: number }>('SELECT COALESCE(SUM(tax_total), 0) AS tax FROM credit_notes WHERE issue_date BETWEEN ? AND ?'),
    paidBetween: db.prepare<[string, string], { key: string; amount: number; n: number }>(
      'SELECT method AS key, SUM(amount) AS amount, COUNT(*) AS n FROM payments WHERE date BETWEEN ? AND ? GROUP BY method',
    ),
    refundedBetween: db.prepare<[string, string], { key: string; amount: number; n: number }>(
      'SELECT method AS key, SUM(amount) AS amount, COUNT(*) AS n FROM refunds WHERE date BETWEEN ? AND ? GROUP BY method',
    ),
    // Bonus spent, less bonus a credit note gave back (the credited days it had paid for): spent again later, it
    // counts again, so over time the discount is what the customer really received. Without tax, as the revenue
    // it comes off is: each amount's share of its invoice's (or note's) net, half up (a bonus pays totals with tax).
    bonusBetween: db.prepare<{ from: string; to: string }, { amount: number }>(
      `SELECT (SELECT COALESCE(SUM((2 * a.amount * i.subtotal + i.total) / (2 * i.total)), 0)
                 FROM allocations a JOIN invoices i ON i.id = a.invoice_id
                WHERE a.bonus_grant_id IS NOT NULL AND a.date BETWEEN @from AND @to AND i.total > 0)
            - (SELECT COALESCE(SUM((2 * g.amount * n.subtotal + n.total) / (2 * n.total)), 0)
                 FROM bonus_grants g JOIN credit_notes n ON n.id = g.credit_note_id
                WHERE g.date BETWEEN @from AND @to AND n.total > 0) AS amount`,
    ),
    expensesByMonth: db.prepare<[string, string], { month: string; category_id: number; amount: number }>(
      `SELECT substr(date, 1, 7) AS month, category_id, SUM(amount) AS amount FROM expenses
        WHERE deleted_at IS NULL AND date BETWEEN ? AND ? GROUP BY 1, 2`,
    ),
    recognisedBetween: db.prepare<[string, string], { key: string; amount: number }>(
      'SELECT key, SUM(amount) AS amount FROM report_recognised_daily WHERE day BETWEEN ? AND ? GROUP BY key',
    ),
    overdueByPayer: db.prepare<[string], { payer_id: number; payer_name: string; phone: string; overdue: number; oldest: string }>(
      `SELECT o.payer_id, m.name AS payer_name, m.phone, SUM(o.balance) AS overdue, MIN(o.due_date) AS oldest
         FROM report_open_invoices o JOIN members m ON m.id = o.payer_id WHERE o.due_date < ? GROUP BY o.payer_id`,
    ),
    mrrOn: db.prepare<[string, string], { mrr: number; customers: number; paying: number }>(
      `SELECT COALESCE(SUM(mrr), 0) AS mrr, COUNT(*) AS customers, COALESCE(SUM(mrr > 0), 0) AS paying
         FROM report_mrr_spans WHERE end > ? AND start <= ?`,
    ),
    // Paying today, a customer since \`since\` or before, and no visit since then.
    notSeen: db.prepare<{ today: string; since: string }, { member_id: number; name: string; phone: string }>(
      `SELECT r.member_id, m.name, m.phone FROM report_mrr_spans r JOIN members m ON m.id = r.member_id
        WHERE r.end > @today AND r.start <= @today AND r.mrr > 0
          AND (SELECT MIN(x.start) FROM report_mrr_spans x WHERE x.member_id = r.member_id) <= @since
          AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = r.member_id AND c.date >= @since AND c.undone_at IS NULL)`,
    ),
    lastVisit: db.prepare<[number], { d: string | null }>('SELECT MAX(date) AS d FROM checkins WHERE member_id = ? AND undone_at IS NULL'),
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

  return {
    /** Every summary row up to a month (the running balances need the months before the range). */
    monthly: (toMonth: string) => s.monthly.all(toMonth),
    /** Every span as [member, start, end, mrr, list mrr, frozen subscriptions], by member then start. */
    spans: () => s.spans.all(),
    invoicedBetween: (from: string, to: string) => s.invoicedBetween.get(from, to)!,
    creditedBetween: (from: string, to: string) => s.creditedBetween.get(from, to)!.net,
    creditedTaxBetween: (from: string, to: string) => s.creditedTaxBetween.get(from, to)!.tax,
    paidBetween: (from: string, to: string) => s.paidBetween.all(from, to),
    refundedBetween: (from: string, to: string) => s.refundedBetween.all(from, to),
    bonusBetween: (from: string, to: string) => s.bonusBetween.get({ from, to })!.amount,
    expensesByMonth: (from: string, to: string) => s.expensesByMonth.all(from, to),
    /** Revenue recognised on the days [from, to] (both inclusive), by what it was for. */
    recognisedBetween: (from: string, to: string) => new Map(s.recognisedBetween.all(from, to).map((r) => [r.key, r.amount])),
    openInvoices: () => s.openInvoices.all(),
    overdueByPayer: (today: string) => s.overdueByPayer.all(today),
    /** MRR, customers and paying customers on a day. */
    mrrOn: (date: string) => s.mrrOn.get(date, date)!,
    notSeen: (today: string, since: string) => s.notSeen.all({ today, since }),
    lastVisit: (memberId: number) => s.lastVisit.get(memberId)?.d ?? null,
    checkinHours: (from: string, to: string) => s.checkinHours.all(from, to),
    plans: () => s.plans.all(),
    methods: () => s.methods.all(),
    categories: () => s.categories.all(),
  };
}

export type Queries = ReturnType<typeof createQueries>;
