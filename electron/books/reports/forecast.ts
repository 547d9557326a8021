/**
 * The 12-month forecast, projected in memory with the subscription state machine
 * (electron/billing/subscription), the same one the billing run steps: what runs at each
 * month's end would invoice, one invoice per payer and billing date, taxed per line.
 * Nothing is written, so the desk is never blocked by a dry run of a year of invoices, and it
 * stays fast at 10,000+ members: subscriptions that just renew on the same terms and dates are
 * projected once per group.
 */
import { addMonthsClamped, lastDayOfMonth, startOfMonth } from '../../../shared/dates';
import type { Schedule } from '../../billing/periods';
import { NEVER, stepPayer, wake, type AddonState, type PauseState, type PlanTerms, type SubState, type Terms } from '../../billing/subscription/index';
import { taxOfLine, type TaxMode } from '../../billing/tax';
import type { ForecastMonth } from '../../contract/billing-types';
import type { Db } from '../../db/open';

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
function loadState(db: Db): { payers: Map<number, SubState[]>; plain: PlainGroup[]; plans: Map<number, PlanTerms>; lastAsOf: string | null; closed: Set<string> } {
  const plans = new Map(db.prepare<[], PlanTerms>('SELECT id, price, tax_rate_bp, interval, interval_count, alignment, term_periods, auto_renew, freeze_fee, pause_mode FROM plans').all().map((p) => [p.id, p]));
  const pauses = new Map<number, PauseState[]>();
  for (const p of db
    .prepare<[], { subscription_id: number; id: number; start_date: string; end_date: string | null; mode: PauseState['mode'] }>(
      `SELECT p.subscription_id, p.id, p.start_date, p.end_date, p.mode FROM subscription_pauses p JOIN subscriptions s ON s.id = p.subscription_id
        WHERE p.resumed_on IS NULL AND s.status IN ('trialing', 'active', 'paused') ORDER BY p.id`,
    )
    .all()) {
    const list = pauses.get(p.subscription_id) ?? [];
    list.push({ id: p.id, start_date: p.start_date, end_date: p.end_date, resumed_on: null, mode: p.mode });
    pauses.set(p.subscription_id, list);
  }
  const addons = new Map<number, AddonState[]>();
  for (const a of db
    .prepare<[], AddonState & { subscription_id: number }>(
      `SELECT a.subscription_id, a.id, a.name, a.price, a.tax_rate_bp, a.start_date, a.end_date FROM subscription_addons a
         JOIN subscriptions s ON s.id = a.subscription_id WHERE s.status IN ('trialing', 'active', 'paused') ORDER BY a.id`,
    )
    .all()) {
    const list = addons.get(a.subscription_id) ?? [];
    const { subscription_id: _, ...addon } = a;
    list.push(addon);
    addons.set(a.subscription_id, list);
  }
  // Only a discount for a number of periods needs the count of charges so far.
  const charges = db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM invoice_lines WHERE subscription_id = ? AND kind = 'period'");
  const payers = new Map<number, SubState[]>();
  const rows = db
    .prepare<[], Omit<SubState, 'pauses' | 'addons' | 'charges'> & { payer_id: number }>(
      `${MARKED_SQL} SELECT id, member_id, plan_id, price, tax_rate_bp, interval, interval_count, alignment, start_date, anchor_date, status, next_bill_date,
              end_date, cancel_at_period_end, term_periods, auto_renew, periods_billed, discount_kind, discount_value, discount_duration,
              discount_periods, pending_plan_id, pending_change_date, payer_id
         FROM marked WHERE NOT plain ORDER BY id`,
    )
    .all();
  for (const { payer_id, ...r } of rows) {
    const finite = r.discount_kind !== null && (r.discount_duration === 'once' || r.discount_duration === 'repeating');
    const sub: SubState = { ...r, pauses: pauses.get(r.id) ?? [], addons: addons.get(r.id) ?? [], charges: finite ? charges.get(r.id)!.n : 0 };
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

/** The machine's view of a payer's subscriptions, moved date by date as the runs would. */
class PayerProjection {
  constructor(
    private states: SubState[],
    private readonly terms: Terms,
  ) {}

  nextWake(): string {
    return this.states.reduce((m, s) => {
      const w = wake(s);
      return w < m ? w : m;
    }, NEVER);
  }

  /**
   * The billing date at which this payer's unit fails (the engine rolls it back and leaves the
   * payer alone for the rest of the run). Each later run retries it from the same state and fails
   * the same way, so the payer stays there: its state past the failure is never read again.
   */
  stuckAt: string | null = null;

  step(d: string): { amount: number; taxRateBp: number }[] {
    const out = stepPayer(this.states, d, this.terms);
    this.states = out.states;
    return out.lines;
  }
}

/** A plain group's one subscription as a machine state: active, nothing scheduled. */
function plainState(g: PlainGroup): SubState {
  return {
    id: 0, member_id: 0, plan_id: 0, price: g.price, tax_rate_bp: g.tax_rate_bp, interval: g.interval, interval_count: g.interval_count,
    alignment: g.alignment, start_date: g.anchor_date, anchor_date: g.anchor_date, status: 'active', next_bill_date: g.next_bill_date,
    end_date: null, cancel_at_period_end: 0, term_periods: null, auto_renew: 0, periods_billed: 0, discount_kind: g.discount_kind,
    discount_value: g.discount_value, discount_duration: g.discount_kind === null ? null : 'forever', discount_periods: null,
    pending_plan_id: null, pending_change_date: null, pauses: [], addons: [], charges: 0,
  };
}

/** The invoices (date, total) a plain group's one subscription gets up to `horizon`: the machine, played once for the group. */
function plainInvoices(g: PlainGroup, horizon: string, mode: TaxMode, terms: Terms): { date: string; total: number }[] {
  const p = new PayerProjection([plainState(g)], terms);
  const out: { date: string; total: number }[] = [];
  for (let d = p.nextWake(); d <= horizon; d = p.nextWake()) {
    const lines = p.step(d);
    if (lines.length) out.push({ date: d, total: lines.reduce((sum, l) => sum + taxOfLine(l.amount, l.taxRateBp, mode).gross, 0) });
  }
  return out;
}

/**
 * Month by month from the current month: the invoices (count and total) that billing runs on
 * each month's last day would issue, everything still due before today included in the first.
 */
export function projectBilling(input: ProjectionInput): ForecastMonth[] {
  const { payers, plain, plans, lastAsOf, closed } = loadState(input.db);
  const terms: Terms = {
    householdBp: input.householdBp,
    plan(id) {
      const p = plans.get(id);
      if (!p) throw new Error(`plan ${id} is missing`);
      return p;
    },
  };
  const first = startOfMonth(input.today);
  const months = Array.from({ length: input.months }, (_, i) => {
    const start = addMonthsClamped(first, i);
    // A run dated before the last real run is refused by the engine (clock set back).
    return { month: start.slice(0, 7), asOf: lastDayOfMonth(start), refused: lastAsOf !== null && lastDayOfMonth(start) < lastAsOf, invoices: 0, total: 0 };
  });
  const horizon = months.length ? months[months.length - 1]!.asOf : input.today;
  for (const group of plain) {
    for (const inv of plainInvoices(group, horizon, input.mode, terms)) {
      if (closed.has(inv.date)) break;
      const run = months.find((m) => !m.refused && inv.date <= m.asOf);
      if (!run) break;
      run.invoices += group.n;
      run.total += group.n * inv.total;
    }
  }
  for (const subs of payers.values()) {
    const projection = new PayerProjection(subs, terms);
    for (const m of months) if (!m.refused) runPayer(projection, m, input.mode, closed);
  }
  return months.map(({ month, invoices, total }) => ({ month, invoices, total }));
}

/** One run's share for one payer: each billing date up to the run's as-of date, one invoice each. */
function runPayer(engine: PayerProjection, run: { asOf: string; invoices: number; total: number }, mode: TaxMode, closed: Set<string>): void {
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
