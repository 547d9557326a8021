/**
 * The billing engine's one step: bring every subscription of one payer up to date `d` —
 * date-driven changes (trial end, pause start, automatic resume, cancellation or term end,
 * pending plan change) and the period that starts on `d` — and return the invoice lines.
 * The run, the preview, the forecast and the desk actions all go through here.
 */
import { daysBetween } from '../billing/dates';
import { discountAmount, discountAppliesToPeriod, householdDiscount, type DiscountDuration } from '../billing/discount';
import { prorate } from '../billing/money';
import { fullPeriodLength, nextBoundaryAfter, periodContaining, prorateSpan, type Period } from '../billing/periods';
import { descriptions, type Descriptions } from '../invoices/descriptions';
import type { AuditFn, BillingEnv } from '../invoices/env';
import type { LineDraft } from '../invoices/issue';
import type { PlanRow } from '../plans/service';
import { addonsOf, discountOf, loadSub, openPause, scheduleOf, updateSub, type AddonRow, type PauseRow, type SubRow } from '../subscriptions/model';
import { runCache } from './cache';
import { PAYER_MEMBERS_SQL, WAKE_SQL } from './due';
import { prepared } from '../db/statements';

function planRow(env: BillingEnv, id: number): PlanRow {
  const cache = runCache(env.db)?.plans;
  const hit = cache?.get(id);
  if (hit) return hit;
  const row = prepared<[number], PlanRow>(env.db, 'SELECT * FROM plans WHERE id = ?').get(id);
  if (!row) throw new Error(`plan ${id} is missing`);
  cache?.set(id, row);
  return row;
}

/** The open pause, without a query during a run for a subscription that had none when it started. */
function pauseOf(env: BillingEnv, subId: number): PauseRow | undefined {
  const cache = runCache(env.db);
  return cache && !cache.withOpenPause.has(subId) ? undefined : openPause(env.db, subId);
}

function addonRows(env: BillingEnv, subId: number): AddonRow[] {
  const cache = runCache(env.db);
  return cache && !cache.withAddons.has(subId) ? [] : addonsOf(env.db, subId);
}

function texts(env: BillingEnv): Descriptions {
  return descriptions(env.settings.get().locale);
}

/** Members billed to a payer with a live subscription, in the order they joined (first = full price). */
export function householdPositions(env: BillingEnv, payerId: number): Map<number, number> {
  const rows = prepared<{ payerId: number }, { member_id: number }>(env.db, HOUSEHOLD_SQL).all({ payerId });
  return new Map(rows.map((r, i) => [r.member_id, i]));
}

const HOUSEHOLD_SQL = `SELECT s.member_id, MIN(s.id) AS first FROM subscriptions s
  WHERE s.member_id IN (${PAYER_MEMBERS_SQL}) AND s.status IN ('trialing', 'active', 'paused')
  GROUP BY s.member_id ORDER BY first`;

/** The same positions from a payer's live subscriptions in id order: a member's first one decides. */
function positionsOf(live: SubRow[]): Map<number, number> {
  const positions = new Map<number, number>();
  for (const s of live) if (!positions.has(s.member_id)) positions.set(s.member_id, positions.size);
  return positions;
}

type LiveRow = SubRow & { wake: string };

/** A payer's live subscriptions in id order, each with when it next needs the engine (due.ts). */
const LIVE_SQL = `SELECT s.*, ${WAKE_SQL} AS wake FROM subscriptions s
  WHERE s.member_id IN (${PAYER_MEMBERS_SQL}) AND s.status IN ('trialing', 'active', 'paused') ORDER BY s.id`;

/** How many period charges this subscription has had: the index of the next one, for discounts. */
export function periodCharges(env: BillingEnv, subId: number): number {
  return prepared<[number], { n: number }>(env.db, "SELECT COUNT(*) AS n FROM invoice_lines WHERE subscription_id = ? AND kind = 'period'").get(subId)?.n ?? 0;
}

/**
 * The subscription's own discount (for charge number `index`) and the household discount
 * (percent of what is left after it), as negative lines covering the same span.
 */
export function discountLines(env: BillingEnv, sub: SubRow, base: number, index: number | (() => number), span: Period, householdPosition: number): LineDraft[] {
  const t = texts(env);
  const lines: LineDraft[] = [];
  const common = { subscriptionId: sub.id, planId: sub.plan_id, periodStart: span.start, periodEnd: span.end, taxRateBp: sub.tax_rate_bp };
  let off = 0;
  const d = discountOf(sub);
  if (d) {
    const duration: DiscountDuration =
      d.duration === 'repeating' ? { duration: 'repeating', periods: d.periods ?? 1 } : { duration: d.duration };
    if (discountAppliesToPeriod(duration, typeof index === 'number' ? index : index())) {
      off = discountAmount(base, d.kind === 'percent' ? { kind: 'percent', percentBp: d.value } : { kind: 'fixed', amount: d.value });
      if (off > 0) lines.push({ ...common, kind: 'discount', description: t.discount(d.kind === 'percent' ? d.value : null), amount: -off });
    }
  }
  const bp = env.settings.get().householdDiscountBp;
  const h = bp > 0 ? householdDiscount(base - off, bp, householdPosition) : 0;
  if (h > 0) lines.push({ ...common, kind: 'household_discount', description: t.household(bp), amount: -h });
  return lines;
}

/** Copies a plan's terms onto a subscription (a plan change), from the given anchor. */
export function applyPlanTerms(env: BillingEnv, sub: SubRow, plan: PlanRow, anchor: string): void {
  updateSub(
    env.db,
    sub.id,
    {
      plan_id: plan.id,
      price: plan.price,
      tax_rate_bp: plan.tax_rate_bp,
      interval: plan.interval ?? sub.interval,
      interval_count: plan.interval_count ?? sub.interval_count,
      alignment: plan.alignment ?? sub.alignment,
      anchor_date: anchor,
      term_periods: plan.term_periods,
      auto_renew: plan.auto_renew,
      periods_billed: 0,
      pending_plan_id: null,
      pending_change_date: null,
    },
    env.now().toISOString(),
  );
}

export function sameSchedule(a: Pick<SubRow, 'interval' | 'interval_count' | 'alignment'>, p: PlanRow): boolean {
  return a.interval === p.interval && a.interval_count === p.interval_count && a.alignment === p.alignment;
}

/** Ends a subscription on its end date: add-ons end with it, a pause not yet started is dropped. */
function endSubscription(env: BillingEnv, sub: SubRow, audit: AuditFn): void {
  const end = sub.end_date as string;
  const status = sub.cancel_at_period_end ? 'cancelled' : 'ended';
  const at = env.now().toISOString();
  updateSub(env.db, sub.id, { status, next_bill_date: null, pending_plan_id: null, pending_change_date: null }, at);
  prepared(env.db, 'UPDATE subscription_addons SET end_date = MAX(start_date, ?) WHERE subscription_id = ? AND (end_date IS NULL OR end_date > ?)')
    .run(end, sub.id, end);
  prepared(env.db, 'DELETE FROM subscription_pauses WHERE subscription_id = ? AND resumed_on IS NULL AND start_date >= ?').run(sub.id, end);
  audit('subscription', sub.id, { status: sub.status }, { status, endDate: end });
}

/** Lines a transition adds, and whether it changed the subscription (so its row must be read again). */
interface Transition {
  changed: boolean;
  lines: LineDraft[];
}

const UNCHANGED: Transition = { changed: false, lines: [] };
const CHANGED: Transition = { changed: true, lines: [] };

/** Date-driven changes due on or before `d`; a freeze-fee line when a pause starts. */
function transitions(env: BillingEnv, sub: SubRow, d: string, audit: AuditFn): Transition {
  const at = env.now().toISOString();
  if (sub.end_date !== null && sub.end_date <= d) {
    endSubscription(env, sub, audit);
    return CHANGED;
  }
  if (sub.status === 'trialing' && sub.anchor_date <= d) {
    updateSub(env.db, sub.id, { status: 'active' }, at);
    audit('subscription', sub.id, { status: 'trialing' }, { status: 'active', on: sub.anchor_date });
    return CHANGED;
  }
  const pause = pauseOf(env, sub.id);
  if (!pause) return UNCHANGED;
  if (sub.status === 'paused' && pause.end_date !== null && pause.end_date <= d) {
    prepared(env.db, 'UPDATE subscription_pauses SET resumed_on = end_date WHERE id = ?').run(pause.id);
    updateSub(env.db, sub.id, { status: 'active', next_bill_date: pause.end_date }, at);
    audit('subscription', sub.id, { status: 'paused' }, { status: 'active', resumedOn: pause.end_date });
    return CHANGED;
  }
  if (sub.status === 'active' && pause.start_date <= d) {
    updateSub(env.db, sub.id, { status: 'paused', next_bill_date: pause.end_date }, at);
    audit('subscription', sub.id, { status: 'active' }, { status: 'paused', from: pause.start_date, until: pause.end_date });
    const plan = planRow(env, sub.plan_id);
    if (plan.freeze_fee === 0) return CHANGED;
    const fee: LineDraft = {
      kind: 'freeze_fee',
      description: texts(env).freezeFee(plan.name),
      subscriptionId: sub.id,
      planId: plan.id,
      periodStart: pause.start_date,
      periodEnd: pause.end_date,
      amount: plan.freeze_fee,
      taxRateBp: sub.tax_rate_bp,
    };
    return { changed: true, lines: [fee] };
  }
  return UNCHANGED;
}

/** Lines for the period starting at the subscription's next bill date (≤ d), and the state after it. */
function billPeriod(env: BillingEnv, initial: SubRow, positions: Map<number, number>, audit: AuditFn): LineDraft[] {
  let sub = initial;
  const start = sub.next_bill_date as string;
  const at = env.now().toISOString();
  if (sub.pending_plan_id !== null && sub.pending_change_date !== null && sub.pending_change_date <= start) {
    const plan = planRow(env, sub.pending_plan_id);
    applyPlanTerms(env, sub, plan, sameSchedule(sub, plan) ? sub.anchor_date : start);
    audit('subscription', sub.id, { planId: sub.plan_id }, { planId: plan.id, from: start });
    sub = loadSub(env.db, sub.id);
  }
  if (sub.term_periods !== null && sub.periods_billed >= sub.term_periods) {
    if (!sub.auto_renew) {
      updateSub(env.db, sub.id, { end_date: start }, at);
      endSubscription(env, loadSub(env.db, sub.id), audit);
      return [];
    }
    updateSub(env.db, sub.id, { periods_billed: 0 }, at);
    audit('subscription', sub.id, null, { renewed: start, termPeriods: sub.term_periods });
    sub = loadSub(env.db, sub.id);
  }
  const schedule = scheduleOf(sub);
  let end = nextBoundaryAfter(schedule, start);
  const pause = pauseOf(env, sub.id);
  if (pause && pause.start_date > start && pause.start_date < end) end = pause.start_date;
  if (sub.end_date !== null && sub.end_date > start && sub.end_date < end) end = sub.end_date;
  const span = { start, end };
  const plan = planRow(env, sub.plan_id);
  const amount = prorateSpan(schedule, sub.price, span);
  const lines: LineDraft[] = [
    {
      kind: 'period',
      description: texts(env).period(plan.name),
      subscriptionId: sub.id,
      planId: plan.id,
      periodStart: start,
      periodEnd: end,
      amount,
      taxRateBp: sub.tax_rate_bp,
    },
    // The charge count is a query, needed only by a subscription with its own discount.
    ...discountLines(env, sub, amount, () => periodCharges(env, sub.id), span, positions.get(sub.member_id) ?? 0),
    ...addonLines(sub, span, fullPeriodLength(schedule, span)),
  ];
  const onGrid = periodContaining(schedule, start).start === start;
  const billed = sub.periods_billed + (onGrid ? 1 : 0);
  const patch: Partial<SubRow> = { next_bill_date: end, periods_billed: billed };
  // A fixed term without renewal: service stops when its last period ends.
  if (sub.term_periods !== null && !sub.auto_renew && billed >= sub.term_periods && (sub.end_date === null || sub.end_date > end)) {
    patch.end_date = end;
  }
  updateSub(env.db, sub.id, patch, at);
  return lines;

  function addonLines(s: SubRow, p: Period, fullDays: number): LineDraft[] {
    return addonRows(env, s.id).flatMap((a): LineDraft[] => {
      const from = a.start_date > p.start ? a.start_date : p.start;
      const to = a.end_date !== null && a.end_date < p.end ? a.end_date : p.end;
      if (from >= to) return [];
      return [
        {
          kind: 'addon',
          description: a.name,
          subscriptionId: s.id,
          addonId: a.id,
          periodStart: from,
          periodEnd: to,
          amount: prorate(a.price, daysBetween(from, to), fullDays),
          taxRateBp: a.tax_rate_bp,
        },
      ];
    });
  }
}

/**
 * One billing unit: every subscription of `payerId` that needs the engine on or before `d`
 * is brought past `d`. Returns the lines for the payer's invoice of that date (maybe none).
 */
export function stepPayerAt(env: BillingEnv, payerId: number, d: string, audit: AuditFn): LineDraft[] {
  const lines: LineDraft[] = [];
  // Several things can fall on one date (a resume and the period it starts); each pass moves
  // every subscription forward, and a subscription still due after a few passes is a bug.
  // One query per pass reads every live subscription of the payer with its wake date: the due
  // ones (in wake, id order, as dueSubscriptions) and the household order come from it.
  for (let pass = 0; ; pass++) {
    const live = prepared<{ payerId: number }, LiveRow>(env.db, LIVE_SQL).all({ payerId });
    const due = live.filter((s) => s.wake <= d).sort((a, b) => (a.wake < b.wake ? -1 : a.wake > b.wake ? 1 : a.id - b.id));
    if (due.length === 0) return lines;
    if (pass === 4) throw new Error(`subscription ${due[0]?.id} made no progress on ${d}`);
    // Transitions first for all (a resume changes who is live), then periods; a row that no
    // transition changed is not read again.
    const unchanged = due.map((sub) => {
      const t = transitions(env, sub, d, audit);
      lines.push(...t.lines);
      return t.changed ? null : sub;
    });
    const positions = unchanged.includes(null) ? householdPositions(env, payerId) : positionsOf(live);
    for (const [i, r] of due.entries()) {
      const sub = unchanged[i] ?? loadSub(env.db, r.id);
      if (sub.status === 'active' && sub.next_bill_date !== null && sub.next_bill_date <= d) lines.push(...billPeriod(env, sub, positions, audit));
    }
  }
}
