/**
 * The 12-month forecast, projected in memory from the subscriptions' current state with the
 * billing maths (electron/billing): what runs at each month's end would invoice. It plays the
 * billing engine's step (electron/billing-run/step.ts) on plain values — date-driven changes
 * (trial end, pause start and resume, end date, fixed terms, pending plan change), then the
 * period, its discounts and add-ons, taxed per line — one invoice per payer and billing date.
 * Nothing is written, so the desk is never blocked by a dry run of a year of invoices.
 * The preview (a rolled-back run of the engine itself) stays the reference: the tests check
 * that month 1 equals it on the demo business (test/integration/books).
 */
import { addDays, addMonthsClamped, daysBetween, lastDayOfMonth, startOfMonth } from '../billing/dates';
import { discountAmount, discountAppliesToPeriod, householdDiscount } from '../billing/discount';
import { prorate } from '../billing/money';
import { fullPeriodLength, nextBoundaryAfter, periodContaining, periodsOverlapping, prorateSpan, type Schedule } from '../billing/periods';
import { taxOfLine, type TaxMode } from '../billing/tax';
import type { ForecastMonth } from '../contract/billing-types';
import type { Db } from '../db/open';

const NEVER = '9999-12-31';
const LIVE = new Set(['trialing', 'active', 'paused']);

interface Plan {
  id: number;
  price: number;
  tax_rate_bp: number;
  interval: Schedule['interval'] | null;
  interval_count: number | null;
  alignment: Schedule['alignment'] | null;
  term_periods: number | null;
  auto_renew: number;
  freeze_fee: number;
}

interface Pause {
  id: number;
  start: string;
  end: string | null;
}

interface Addon {
  id: number;
  price: number;
  taxRateBp: number;
  start: string;
  end: string | null;
}

/** A live subscription's state, as the engine's columns. */
interface Sub {
  id: number;
  member_id: number;
  plan_id: number;
  price: number;
  tax_rate_bp: number;
  interval: Schedule['interval'];
  interval_count: number;
  alignment: Schedule['alignment'];
  anchor_date: string;
  status: string;
  next_bill_date: string | null;
  end_date: string | null;
  cancel_at_period_end: number;
  term_periods: number | null;
  auto_renew: number;
  periods_billed: number;
  discount_kind: 'percent' | 'fixed' | null;
  discount_value: number | null;
  discount_duration: 'once' | 'repeating' | 'forever' | null;
  discount_periods: number | null;
  pending_plan_id: number | null;
  pending_change_date: string | null;
  /** Open pauses (not resumed), by id. */
  pauses: Pause[];
  addons: Addon[];
  /** Period charges so far (the index of the next one, for discounts). */
  charges: number;
}

interface Line {
  amount: number;
  taxRateBp: number;
}

export interface ProjectionInput {
  db: Db;
  today: string;
  months: number;
  mode: TaxMode;
  householdBp: number;
}

/**
 * Live subscriptions with their payer, each marked plain when it just renews: active, its payer's
 * only live subscription (no household discount can move), nothing scheduled (no open pause, end
 * date, fixed term, plan change or add-on) and no discount that runs out.
 */
const MARKED_SQL = `WITH live AS (
    SELECT s.*, COALESCE(m.payer_id, m.id) AS payer_id FROM subscriptions s JOIN members m ON m.id = s.member_id
     WHERE s.status IN ('trialing', 'active', 'paused')),
  counted AS (SELECT live.*, COUNT(*) OVER (PARTITION BY payer_id) AS payer_subs FROM live),
  marked AS (SELECT counted.*, (payer_subs = 1 AND status = 'active' AND next_bill_date IS NOT NULL AND next_bill_date >= anchor_date
      AND end_date IS NULL AND pending_plan_id IS NULL AND term_periods IS NULL AND (discount_kind IS NULL OR discount_duration = 'forever')
      AND NOT EXISTS (SELECT 1 FROM subscription_pauses p WHERE p.subscription_id = counted.id AND p.resumed_on IS NULL)
      AND NOT EXISTS (SELECT 1 FROM subscription_addons a WHERE a.subscription_id = counted.id)) AS plain FROM counted)`;

/** Plain subscriptions on the same terms and dates: they invoice the same, so they are projected once. */
interface PlainGroup {
  interval: Schedule['interval'];
  interval_count: number;
  alignment: Schedule['alignment'];
  anchor_date: string;
  next_bill_date: string;
  price: number;
  tax_rate_bp: number;
  discount_kind: 'percent' | 'fixed' | null;
  discount_value: number | null;
  n: number;
}

/** The current state of every live subscription: plain ones in groups, the others by payer. */
function loadState(db: Db): { payers: Map<number, Sub[]>; plain: PlainGroup[]; plans: Map<number, Plan>; lastAsOf: string | null; closed: Set<string> } {
  const plans = new Map(db.prepare<[], Plan>('SELECT id, price, tax_rate_bp, interval, interval_count, alignment, term_periods, auto_renew, freeze_fee FROM plans').all().map((p) => [p.id, p]));
  const pauses = new Map<number, Pause[]>();
  for (const p of db
    .prepare<[], { subscription_id: number; id: number; start_date: string; end_date: string | null }>(
      `SELECT p.subscription_id, p.id, p.start_date, p.end_date FROM subscription_pauses p JOIN subscriptions s ON s.id = p.subscription_id
        WHERE p.resumed_on IS NULL AND s.status IN ('trialing', 'active', 'paused') ORDER BY p.id`,
    )
    .all()) {
    const list = pauses.get(p.subscription_id) ?? [];
    list.push({ id: p.id, start: p.start_date, end: p.end_date });
    pauses.set(p.subscription_id, list);
  }
  const addons = new Map<number, Addon[]>();
  for (const a of db
    .prepare<[], { subscription_id: number; id: number; price: number; tax_rate_bp: number; start_date: string; end_date: string | null }>(
      `SELECT a.subscription_id, a.id, a.price, a.tax_rate_bp, a.start_date, a.end_date FROM subscription_addons a
         JOIN subscriptions s ON s.id = a.subscription_id WHERE s.status IN ('trialing', 'active', 'paused') ORDER BY a.id`,
    )
    .all()) {
    const list = addons.get(a.subscription_id) ?? [];
    list.push({ id: a.id, price: a.price, taxRateBp: a.tax_rate_bp, start: a.start_date, end: a.end_date });
    addons.set(a.subscription_id, list);
  }
  // Only a discount for a number of periods needs the count of charges so far.
  const charges = db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM invoice_lines WHERE subscription_id = ? AND kind = 'period'");
  const payers = new Map<number, Sub[]>();
  const rows = db
    .prepare<[], Omit<Sub, 'pauses' | 'addons' | 'charges'> & { payer_id: number }>(
      `${MARKED_SQL} SELECT id, member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment, anchor_date, status, next_bill_date,
              end_date, cancel_at_period_end, term_periods, auto_renew, periods_billed, discount_kind, discount_value, discount_duration,
              discount_periods, pending_plan_id, pending_change_date, payer_id
         FROM marked WHERE NOT plain ORDER BY id`,
    )
    .all();
  for (const { payer_id, ...r } of rows) {
    const finite = r.discount_kind !== null && (r.discount_duration === 'once' || r.discount_duration === 'repeating');
    const sub: Sub = { ...r, pauses: pauses.get(r.id) ?? [], addons: addons.get(r.id) ?? [], charges: finite ? charges.get(r.id)!.n : 0 };
    const list = payers.get(payer_id) ?? [];
    list.push(sub);
    payers.set(payer_id, list);
  }
  const plain = db
    .prepare<[], PlainGroup>(
      `${MARKED_SQL} SELECT interval, interval_count, alignment, anchor_date, next_bill_date, price, tax_rate_bp, discount_kind, discount_value,
              COUNT(*) AS n FROM marked WHERE plain GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    )
    .all();
  const lastAsOf = db.prepare<[], { d: string | null }>("SELECT MAX(as_of) AS d FROM billing_runs WHERE status <> 'refused_clock_behind'").get()?.d ?? null;
  // Catching up on a closed day (日结) fails that payer's unit, as issueInvoice refuses it.
  const closed = new Set(db.prepare<[], { date: string }>('SELECT date FROM day_closeouts WHERE reopened_at IS NULL').all().map((r) => r.date));
  return { payers, plain, plans, lastAsOf, closed };
}

const scheduleOf = (s: Sub): Schedule => ({ anchor: s.anchor_date, interval: s.interval, count: s.interval_count, alignment: s.alignment });
const minOf = (dates: (string | null)[]) => dates.reduce<string>((m, d) => (d !== null && d < m ? d : m), NEVER);

/** When the engine next needs the subscription (due.ts WAKE_SQL). */
function wakeOf(s: Sub): string {
  if (!LIVE.has(s.status)) return NEVER;
  return minOf([
    s.next_bill_date,
    s.end_date,
    s.status === 'trialing' ? s.anchor_date : null,
    s.status === 'active' ? minOf(s.pauses.map((p) => p.start)) : null,
    s.status === 'paused' ? minOf(s.pauses.map((p) => p.end)) : null,
  ]);
}

/** The pause that has not ended (the latest one), as openPause. */
const openPause = (s: Sub): Pause | undefined => s.pauses[s.pauses.length - 1];

/** One payer's billing, as step.ts does it, on the in-memory state. */
class PayerEngine {
  constructor(
    private readonly subs: Sub[],
    private readonly plans: Map<number, Plan>,
    private readonly householdBp: number,
  ) {}

  nextWake(): string {
    return minOf(this.subs.map(wakeOf));
  }

  /**
   * The billing date at which this payer's unit fails (the engine rolls it back and leaves the
   * payer alone for the rest of the run). Each later run retries it from the same state and fails
   * the same way, so the payer stays there: its state past the failure is never read again.
   */
  stuckAt: string | null = null;

  /** stepPayerAt: every subscription due on or before d brought past it; the invoice lines. */
  step(d: string): Line[] {
    const lines: Line[] = [];
    for (let pass = 0; ; pass++) {
      const due = this.subs
        .map((s) => ({ s, wake: wakeOf(s) }))
        .filter((x) => x.wake <= d)
        .sort((a, b) => (a.wake < b.wake ? -1 : a.wake > b.wake ? 1 : a.s.id - b.s.id))
        .map((x) => x.s);
      if (due.length === 0) return lines;
      if (pass === 4) throw new Error(`subscription ${due[0]!.id} made no progress on ${d}`);
      for (const s of due) lines.push(...this.transitions(s, d));
      const positions = this.householdPositions();
      for (const s of due) {
        if (s.status === 'active' && s.next_bill_date !== null && s.next_bill_date <= d) lines.push(...this.billPeriod(s, positions));
      }
    }
  }

  /** Members with a live subscription, in the order of their first live subscription. */
  private householdPositions(): Map<number, number> {
    const first = new Map<number, number>();
    for (const s of this.subs) {
      if (!LIVE.has(s.status)) continue;
      const f = first.get(s.member_id);
      if (f === undefined || s.id < f) first.set(s.member_id, s.id);
    }
    return new Map([...first].sort((a, b) => a[1] - b[1]).map(([member], i) => [member, i]));
  }

  private plan(id: number): Plan {
    const p = this.plans.get(id);
    if (!p) throw new Error(`plan ${id} is missing`);
    return p;
  }

  private end(s: Sub): void {
    const end = s.end_date!;
    s.status = s.cancel_at_period_end ? 'cancelled' : 'ended';
    s.next_bill_date = null;
    s.pending_plan_id = null;
    s.pending_change_date = null;
    s.addons = s.addons.map((a) => (a.end === null || a.end > end ? { ...a, end: a.start > end ? a.start : end } : a));
    s.pauses = s.pauses.filter((p) => p.start < end);
  }

  private transitions(s: Sub, d: string): Line[] {
    if (s.end_date !== null && s.end_date <= d) {
      this.end(s);
      return [];
    }
    if (s.status === 'trialing' && s.anchor_date <= d) {
      s.status = 'active';
      return [];
    }
    const pause = openPause(s);
    if (!pause) return [];
    if (s.status === 'paused' && pause.end !== null && pause.end <= d) {
      s.pauses = s.pauses.filter((p) => p !== pause);
      s.status = 'active';
      s.next_bill_date = pause.end;
      return [];
    }
    if (s.status === 'active' && pause.start <= d) {
      s.status = 'paused';
      s.next_bill_date = pause.end;
      const plan = this.plan(s.plan_id);
      return plan.freeze_fee === 0 ? [] : [{ amount: plan.freeze_fee, taxRateBp: s.tax_rate_bp }];
    }
    return [];
  }

  private billPeriod(s: Sub, positions: Map<number, number>): Line[] {
    const start = s.next_bill_date!;
    if (s.pending_plan_id !== null && s.pending_change_date !== null && s.pending_change_date <= start) {
      const plan = this.plan(s.pending_plan_id);
      const same = s.interval === plan.interval && s.interval_count === plan.interval_count && s.alignment === plan.alignment;
      Object.assign(s, {
        plan_id: plan.id,
        price: plan.price,
        tax_rate_bp: plan.tax_rate_bp,
        interval: plan.interval ?? s.interval,
        interval_count: plan.interval_count ?? s.interval_count,
        alignment: plan.alignment ?? s.alignment,
        anchor_date: same ? s.anchor_date : start,
        term_periods: plan.term_periods,
        auto_renew: plan.auto_renew,
        periods_billed: 0,
        pending_plan_id: null,
        pending_change_date: null,
      });
    }
    if (s.term_periods !== null && s.periods_billed >= s.term_periods) {
      if (!s.auto_renew) {
        s.end_date = start;
        this.end(s);
        return [];
      }
      s.periods_billed = 0;
    }
    const schedule = scheduleOf(s);
    // One period lookup where the engine makes several (next boundary, proration, on the grid): same values.
    const period = start < schedule.anchor ? null : periodContaining(schedule, start);
    let end = period ? period.end : nextBoundaryAfter(schedule, start);
    const pause = openPause(s);
    if (pause && pause.start > start && pause.start < end) end = pause.start;
    if (s.end_date !== null && s.end_date > start && s.end_date < end) end = s.end_date;
    const span = { start, end };
    const fullDays = period ? fullPeriodLength(schedule, span) : 0;
    const amount = period ? prorate(s.price, daysBetween(start, end), fullDays) : prorateSpan(schedule, s.price, span);
    const lines: Line[] = [{ amount, taxRateBp: s.tax_rate_bp }, ...this.discounts(s, amount, positions.get(s.member_id) ?? 0)];
    for (const a of s.addons) {
      const from = a.start > start ? a.start : start;
      const to = a.end !== null && a.end < end ? a.end : end;
      if (from < to) lines.push({ amount: prorate(a.price, daysBetween(from, to), fullDays || fullPeriodLength(schedule, span)), taxRateBp: a.taxRateBp });
    }
    s.charges++;
    const billed = s.periods_billed + ((period ?? periodContaining(schedule, start)).start === start ? 1 : 0);
    s.next_bill_date = end;
    s.periods_billed = billed;
    if (s.term_periods !== null && !s.auto_renew && billed >= s.term_periods && (s.end_date === null || s.end_date > end)) s.end_date = end;
    return lines;
  }

  /** discountLines: the subscription's discount for this charge, then the household discount. */
  private discounts(s: Sub, base: number, position: number): Line[] {
    const lines: Line[] = [];
    let off = 0;
    if (s.discount_kind && s.discount_value !== null && s.discount_duration) {
      const duration =
        s.discount_duration === 'repeating' ? { duration: 'repeating' as const, periods: s.discount_periods ?? 1 } : { duration: s.discount_duration };
      // The charge count only matters for a discount that runs out ('forever' applies to every one).
      if (discountAppliesToPeriod(duration, s.discount_duration === 'forever' ? 0 : s.charges)) {
        off = discountAmount(base, s.discount_kind === 'percent' ? { kind: 'percent', percentBp: s.discount_value } : { kind: 'fixed', amount: s.discount_value });
        if (off > 0) lines.push({ amount: -off, taxRateBp: s.tax_rate_bp });
      }
    }
    const h = this.householdBp > 0 ? householdDiscount(base - off, this.householdBp, position) : 0;
    if (h > 0) lines.push({ amount: -h, taxRateBp: s.tax_rate_bp });
    return lines;
  }
}

/**
 * Month by month from the current month: the invoices (count and total) that billing runs on
 * each month's last day would issue, everything still due before today included in the first.
 */
export function projectBilling(input: ProjectionInput): ForecastMonth[] {
  const { payers, plain, plans, lastAsOf, closed } = loadState(input.db);
  const first = startOfMonth(input.today);
  const months = Array.from({ length: input.months }, (_, i) => {
    const start = addMonthsClamped(first, i);
    // A run dated before the last real run is refused by the engine (clock set back).
    return { month: start.slice(0, 7), asOf: lastDayOfMonth(start), refused: lastAsOf !== null && lastDayOfMonth(start) < lastAsOf, invoices: 0, total: 0 };
  });
  const horizon = months.length ? months[months.length - 1]!.asOf : input.today;
  for (const group of plain) {
    for (const inv of plainInvoices(group, horizon, input.mode)) {
      if (closed.has(inv.date)) break;
      const run = months.find((m) => !m.refused && inv.date <= m.asOf);
      if (!run) break;
      run.invoices += group.n;
      run.total += group.n * inv.total;
    }
  }
  for (const subs of payers.values()) {
    const engine = new PayerEngine(subs, plans, input.householdBp);
    for (const m of months) if (!m.refused) runPayer(engine, m, input.mode, closed);
  }
  return months.map(({ month, invoices, total }) => ({ month, invoices, total }));
}

/**
 * The plain case in one pass: the first charge is the span from the next bill date to its
 * period's end (prorated as the engine does); every later period starts on the grid and is
 * whole, so it costs the full price.
 */
function plainInvoices(s: PlainGroup, horizon: string, mode: TaxMode): { date: string; total: number }[] {
  const start = s.next_bill_date;
  const schedule: Schedule = { anchor: s.anchor_date, interval: s.interval, count: s.interval_count, alignment: s.alignment };
  const totalOf = (amount: number) => {
    let total = taxOfLine(amount, s.tax_rate_bp, mode).gross;
    if (s.discount_kind && s.discount_value !== null) {
      const off = discountAmount(amount, s.discount_kind === 'percent' ? { kind: 'percent', percentBp: s.discount_value } : { kind: 'fixed', amount: s.discount_value });
      if (off > 0) total += taxOfLine(-off, s.tax_rate_bp, mode).gross;
    }
    return total;
  };
  let whole: number | null = null;
  return periodsOverlapping(schedule, start, addDays(horizon, 1)).map((p, i) =>
    i === 0
      ? { date: start, total: totalOf(prorate(s.price, daysBetween(start, p.end), fullPeriodLength(schedule, { start, end: p.end }))) }
      : { date: p.start, total: (whole ??= totalOf(s.price)) },
  );
}

/** One run's share for one payer: each billing date up to the run's as-of date, one invoice each. */
function runPayer(engine: PayerEngine, run: { asOf: string; invoices: number; total: number }, mode: TaxMode, closed: Set<string>): void {
  while (engine.stuckAt === null) {
    const date = engine.nextWake();
    if (date > run.asOf) return;
    try {
      const lines = engine.step(date);
      if (lines.length === 0) continue;
      if (closed.has(date)) throw new Error(`${date} is closed`);
      const total = lines.reduce((sum, l) => sum + taxOfLine(l.amount, l.taxRateBp, mode).gross, 0);
      if (total < 0) throw new Error(`invoice total would be negative (${total})`);
      run.invoices += 1;
      run.total += total;
    } catch {
      engine.stuckAt = date;
    }
  }
}
