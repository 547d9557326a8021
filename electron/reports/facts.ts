/**
 * The facts refresh: brings the report summaries that need TypeScript up to date with the
 * records, for what changed since it last ran (docs/reports.md, "How the figures are kept fast").
 *
 *  - MRR spans of every member marked dirty by the triggers of migration 006 (anything about their
 *    subscriptions, pauses, add-ons, invoice or credit lines changed);
 *  - revenue recognised by service month ('recognised' rows of report_monthly) for invoice lines and
 *    credit-note lines added since the watermarks, and for invoices voided since.
 *
 * Derived data only: it is not audited, and a rebuild from scratch gives the same rows.
 */
import type { Db } from '../db/open';
import { spreadByDays } from './metrics';
import {
  memberSpans,
  RECURRING_KINDS,
  subscriptionSegments,
  type LineFact,
  type PlanTerms,
  type RecurringKind,
  type SubscriptionFacts,
} from './mrr';

/** Line kinds recognised over their service period; every other kind is recognised on its invoice's date. */
export const SPREAD_KINDS = new Set(['period', 'proration_charge', 'proration_credit', 'discount', 'household_discount', 'addon']);

/** What a line's revenue counts as, in "revenue by plan". */
export function revenueKey(kind: string, planId: number | null): string {
  if (kind === 'addon') return 'addons';
  if (kind === 'late_fee') return 'late_fees';
  return planId === null ? 'other' : `plan:${planId}`;
}

interface SubRow {
  id: number;
  member_id: number;
  plan_id: number;
  price: number;
  interval: PlanTerms['interval'];
  interval_count: number;
  alignment: PlanTerms['alignment'];
  anchor_date: string;
  end_date: string | null;
  discount_kind: 'percent' | 'fixed' | null;
  discount_value: number | null;
}

export function createFacts(db: Db) {
  const stmt = {
    state: db.prepare<[string], { value: number }>('SELECT value FROM report_state WHERE key = ?'),
    setState: db.prepare<[string, number]>('INSERT INTO report_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    dirty: db.prepare<[], { member_id: number }>('SELECT member_id FROM report_dirty_members ORDER BY member_id'),
    clearDirty: db.prepare('DELETE FROM report_dirty_members'),
    plans: db.prepare<[], { id: number; price: number; interval: PlanTerms['interval'] | null; interval_count: number | null; alignment: PlanTerms['alignment'] | null }>(
      'SELECT id, price, interval, interval_count, alignment FROM plans',
    ),
    subs: db.prepare<[number], SubRow>('SELECT * FROM subscriptions WHERE member_id = ? ORDER BY id'),
    lines: db.prepare<[number], { id: number; invoice_id: number; kind: RecurringKind; plan_id: number | null; addon_id: number | null; period_start: string; period_end: string; amount: number; net: number; tax_rate_bp: number }>(
      `SELECT l.id, l.invoice_id, l.kind, l.plan_id, l.addon_id, l.period_start, l.period_end, l.amount, l.net, l.tax_rate_bp
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = ? AND i.status = 'issued' AND l.period_start IS NOT NULL
          AND l.kind IN (${RECURRING_KINDS.map((k) => `'${k}'`).join(', ')})
        ORDER BY l.id`,
    ),
    pauses: db.prepare<[number], { start_date: string; end_date: string | null }>('SELECT start_date, end_date FROM subscription_pauses WHERE subscription_id = ?'),
    addons: db.prepare<[number], { id: number; price: number; start_date: string; end_date: string | null }>(
      'SELECT id, price, start_date, end_date FROM subscription_addons WHERE subscription_id = ?',
    ),
    deleteSpans: db.prepare<[number]>('DELETE FROM report_mrr_spans WHERE member_id = ?'),
    insertSpan: db.prepare<[number, string, string, number]>('INSERT INTO report_mrr_spans (member_id, start, end, mrr) VALUES (?, ?, ?, ?)'),
    maxLine: db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM invoice_lines'),
    maxCreditLine: db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM credit_note_lines'),
    newLines: db.prepare<[number, number], RevenueLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net, i.issue_date
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id > ? AND l.id <= ?`,
    ),
    newVoids: db.prepare<[], { id: number }>(
      "SELECT id FROM invoices WHERE status = 'void' AND id NOT IN (SELECT invoice_id FROM report_seen_void) ORDER BY id",
    ),
    voidLines: db.prepare<[number, number], RevenueLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net, i.issue_date
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.invoice_id = ? AND l.id <= ?`,
    ),
    seeVoid: db.prepare<[number]>('INSERT INTO report_seen_void (invoice_id) VALUES (?)'),
    newCreditLines: db.prepare<[number, number], RevenueLine>(
      `SELECT COALESCE(il.kind, 'adjustment') AS kind, il.plan_id, c.period_start, c.period_end, -c.net AS net, n.issue_date
         FROM credit_note_lines c JOIN credit_notes n ON n.id = c.credit_note_id LEFT JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE c.id > ? AND c.id <= ?`,
    ),
    addRecognised: db.prepare<[string, string, number]>(
      `INSERT INTO report_monthly (month, measure, key, amount) VALUES (?, 'recognised', ?, ?)
         ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount`,
    ),
  };

  function planTerms(): Map<number, PlanTerms> {
    const map = new Map<number, PlanTerms>();
    for (const p of stmt.plans.all()) {
      if (p.interval && p.interval_count && p.alignment) map.set(p.id, { id: p.id, price: p.price, interval: p.interval, count: p.interval_count, alignment: p.alignment });
    }
    return map;
  }

  function subscriptionFacts(s: SubRow): SubscriptionFacts {
    return {
      id: s.id,
      memberId: s.member_id,
      planId: s.plan_id,
      price: s.price,
      interval: s.interval,
      count: s.interval_count,
      alignment: s.alignment,
      anchor: s.anchor_date,
      endDate: s.end_date,
      discount: s.discount_kind && s.discount_value !== null ? { kind: s.discount_kind, value: s.discount_value } : null,
      pauses: stmt.pauses.all(s.id).map((p) => ({ start: p.start_date, end: p.end_date })),
      addons: stmt.addons.all(s.id).map((a) => ({ id: a.id, price: a.price, start: a.start_date, end: a.end_date })),
      lines: stmt.lines.all(s.id).map(
        (l): LineFact => ({
          id: l.id,
          invoiceId: l.invoice_id,
          kind: l.kind,
          planId: l.plan_id,
          addonId: l.addon_id,
          start: l.period_start,
          end: l.period_end,
          amount: l.amount,
          net: l.net,
          taxRateBp: l.tax_rate_bp,
        }),
      ),
    };
  }

  function refreshMember(memberId: number, plans: Map<number, PlanTerms>): void {
    const segments = stmt.subs.all(memberId).map((s) => subscriptionSegments(subscriptionFacts(s), plans));
    stmt.deleteSpans.run(memberId);
    for (const span of memberSpans(segments)) stmt.insertSpan.run(memberId, span.start, span.end, span.mrr);
  }

  function recognise(line: RevenueLine, sign: 1 | -1): void {
    const key = revenueKey(line.kind, line.plan_id);
    const amount = sign * line.net;
    if (amount === 0) return;
    const spread = SPREAD_KINDS.has(line.kind) && line.period_start !== null && line.period_end !== null && line.period_end > line.period_start;
    const parts = spread ? spreadByDays(amount, line.period_start!, line.period_end!) : [{ month: line.issue_date.slice(0, 7), amount }];
    for (const p of parts) if (p.amount !== 0) stmt.addRecognised.run(p.month, key, p.amount);
  }

  function refreshRevenue(): void {
    const lineWm = stmt.state.get('lines')?.value ?? 0;
    const lineTop = stmt.maxLine.get()?.m ?? 0;
    inChunks(lineWm, lineTop, (a, b) => stmt.newLines.all(a, b).forEach((l) => recognise(l, 1)));
    for (const v of stmt.newVoids.all()) {
      for (const l of stmt.voidLines.all(v.id, lineTop)) recognise(l, -1);
      stmt.seeVoid.run(v.id);
    }
    stmt.setState.run('lines', lineTop);
    const creditWm = stmt.state.get('credit_lines')?.value ?? 0;
    const creditTop = stmt.maxCreditLine.get()?.m ?? 0;
    inChunks(creditWm, creditTop, (a, b) => stmt.newCreditLines.all(a, b).forEach((l) => recognise(l, 1)));
    stmt.setState.run('credit_lines', creditTop);
  }

  /** Brings every summary up to date; cheap when little changed. */
  const refresh = db.transaction(() => {
    const dirty = stmt.dirty.all();
    if (dirty.length) {
      const plans = planTerms();
      for (const d of dirty) refreshMember(d.member_id, plans);
      stmt.clearDirty.run();
    }
    refreshRevenue();
  });

  return { refresh };
}

/** Row ids (from, to] in slices, so a first full rebuild never holds every line in memory at once. */
function inChunks(from: number, to: number, work: (a: number, b: number) => void): void {
  for (let a = from; a < to; a += 20_000) work(a, Math.min(a + 20_000, to));
}

interface RevenueLine {
  kind: string;
  plan_id: number | null;
  period_start: string | null;
  period_end: string | null;
  net: number;
  issue_date: string;
}

export type Facts = ReturnType<typeof createFacts>;
