/**
 * The subscription state machine: when a subscription next needs the engine (`wake`), and one
 * billing unit (`stepPayer`: every live subscription of one payer brought past a date, with the
 * lines it bills and the events for the audit). Pure: the billing run, the forecast, the desk's
 * standing and the desk actions all call these, so they cannot disagree.
 */
import { addDays, daysBetween } from '../../../shared/dates';
import { discountAmount, discountAppliesToPeriod, householdDiscount, type DiscountDuration } from '../discount';
import { prorate, roundHalfUp } from '../money';
import { fullPeriodLength, nextBoundaryAfter, periodContaining, prorateSpan, type Period } from '../periods';
import {
  NEVER,
  cloneState,
  isLiveState,
  openPauseOf,
  scheduleOfState,
  type MachineEvent,
  type MachineLine,
  type PlanTerms,
  type SubState,
  type Terms,
} from './state';

const minOf = (dates: (string | null | undefined)[]) => dates.reduce<string>((m, d) => (d != null && d < m ? d : m), NEVER);

/**
 * The next date anything happens to the subscription: its next period start, its end, its trial
 * end, the start of a scheduled pause or the end of the pause in force. NEVER when none.
 */
export function wake(s: SubState): string {
  if (!isLiveState(s)) return NEVER;
  const pause = openPauseOf(s);
  // Frozen in extend mode: the dates inside the freeze move on resume, so only the resume wakes it —
  // or an end set during a dated freeze (its dates moved when it began, so an end inside it stands).
  if (s.status === 'paused' && pause?.mode === 'extend') return pause.end_date === null ? NEVER : minOf([pause.end_date, endInsideFreeze(s, pause.end_date)]);
  return minOf([
    s.next_bill_date,
    s.end_date,
    s.status === 'trialing' ? s.anchor_date : null,
    s.status === 'active' ? pause?.start_date : null,
    s.status === 'paused' ? pause?.end_date : null,
  ]);
}

export interface StepResult {
  states: SubState[];
  lines: MachineLine[];
  events: MachineEvent[];
}

/**
 * One billing unit: every live subscription of one payer (`states`, in id order) that is due on
 * or before `d` is brought past `d`. Transitions first for all due ones (a resume changes who is
 * live, so the household order), then the period each one starts. The input is not changed.
 */
export function stepPayer(input: readonly SubState[], d: string, terms: Terms): StepResult {
  const states = input.map(cloneState);
  const out: StepResult = { states, lines: [], events: [] };
  // Several things can fall on one date (a resume and the period it starts): each pass moves
  // every due subscription on; one still due after a few passes is a bug.
  for (let pass = 0; ; pass++) {
    const due = states
      .map((s) => ({ s, w: wake(s) }))
      .filter((x) => x.w <= d)
      .sort((a, b) => (a.w < b.w ? -1 : a.w > b.w ? 1 : a.s.id - b.s.id))
      .map((x) => x.s);
    if (due.length === 0) return out;
    if (pass === 4) throw new Error(`subscription ${due[0]!.id} made no progress on ${d}`);
    for (const s of due) transition(s, d, terms, out);
    const positions = householdPositionsOf(states);
    for (const s of due) {
      if (s.status === 'active' && s.next_bill_date !== null && s.next_bill_date <= d) billPeriod(s, positions, terms, out);
    }
  }
}

/** A single subscription moved to `d` (its payer's other subscriptions only change line amounts). */
export function stepAlone(s: SubState, d: string, terms: Terms): SubState {
  let cur = s;
  for (let w = wake(cur), n = 0; w <= d; w = wake(cur), n++) {
    if (n > 10_000) throw new Error(`subscription ${s.id} does not settle before ${d}`);
    cur = stepPayer([cur], w, terms).states[0]!;
  }
  return cur;
}

/** Members with a live subscription, in the order of their first live subscription (0 = full price). */
export function householdPositionsOf(states: readonly Pick<SubState, 'id' | 'member_id' | 'status'>[]): Map<number, number> {
  const first = new Map<number, number>();
  for (const s of states) {
    if (!isLiveState(s)) continue;
    const f = first.get(s.member_id);
    if (f === undefined || s.id < f) first.set(s.member_id, s.id);
  }
  return new Map([...first].sort((a, b) => a[1] - b[1]).map(([member], i) => [member, i]));
}

/** Whether a plan keeps the subscription's schedule (then a switch keeps the anchor). */
export function sameSchedule(a: Pick<SubState, 'interval' | 'interval_count' | 'alignment'>, p: Pick<PlanTerms, 'interval' | 'interval_count' | 'alignment'>): boolean {
  return a.interval === p.interval && a.interval_count === p.interval_count && a.alignment === p.alignment;
}

/** The columns a plan switch from `anchor` sets: the plan's terms, a fresh term count, nothing pending. */
export function planSwitchPatch(s: Pick<SubState, 'interval' | 'interval_count' | 'alignment'>, plan: PlanTerms, anchor: string) {
  return {
    plan_id: plan.id,
    price: plan.price,
    tax_rate_bp: plan.tax_rate_bp,
    interval: plan.interval ?? s.interval,
    interval_count: plan.interval_count ?? s.interval_count,
    alignment: plan.alignment ?? s.alignment,
    anchor_date: anchor,
    term_periods: plan.term_periods,
    auto_renew: plan.auto_renew,
    periods_billed: 0,
    pending_plan_id: null,
    pending_change_date: null,
  };
}

/**
 * Where a charge starting on `start` ends: the next period boundary, cut by the end date or by a
 * scheduled credit-mode pause (an extend-mode pause keeps the period whole: its days move on).
 */
export function chargeEnd(s: SubState, start: string): string {
  let end = nextBoundaryAfter(scheduleOfState(s), start);
  const pause = openPauseOf(s);
  if (pause && pause.mode === 'credit' && pause.start_date > start && pause.start_date < end) end = pause.start_date;
  if (s.end_date !== null && s.end_date > start && s.end_date < end) end = s.end_date;
  return end;
}

/**
 * The subscription's own discount (for period charge number `index`) and the household
 * discount (percent of what is left after it), as negative lines over the same span.
 */
export function discountLinesOf(s: SubState, base: number, index: number, span: Period, position: number, householdBp: number): MachineLine[] {
  const lines: MachineLine[] = [];
  const common = lineBase(s, span, s.tax_rate_bp);
  const facts = { daysUsed: daysBetween(span.start, span.end), daysInPeriod: fullPeriodLength(scheduleOfState(s), span) };
  const whole = facts.daysUsed >= facts.daysInPeriod;
  let off = 0;
  if (s.discount_kind && s.discount_value !== null && s.discount_duration) {
    const duration: DiscountDuration =
      s.discount_duration === 'repeating' ? { duration: 'repeating', periods: s.discount_periods ?? 1 } : { duration: s.discount_duration };
    if (discountAppliesToPeriod(duration, s.discount_duration === 'forever' ? 0 : index)) {
      const percent = s.discount_kind === 'percent';
      const terms = percent ? ({ kind: 'percent', percentBp: s.discount_value } as const) : ({ kind: 'fixed', amount: s.discount_value } as const);
      off = discountAmount(base, terms);
      // On a cut period the line's list price is the discount on the whole period (what MRR counts).
      const listPrice = whole ? -off : -discountAmount(s.price, terms);
      if (off > 0) lines.push({ ...common, ...facts, listPrice, kind: 'discount', percentBp: percent ? s.discount_value : null, amount: -off });
    }
  }
  const h = householdBp > 0 ? householdDiscount(base - off, householdBp, position) : 0;
  // A household discount is a share of what is left: scaled with its base to the whole period.
  const hList = whole || base <= 0 ? -h : -roundHalfUp(BigInt(h) * BigInt(s.price), base);
  if (h > 0) lines.push({ ...common, ...facts, listPrice: hList, kind: 'household_discount', percentBp: householdBp, amount: -h });
  return lines;
}

function lineBase(s: SubState, span: { start: string; end: string | null }, taxRateBp: number): Omit<MachineLine, 'kind' | 'amount' | 'percentBp'> {
  return {
    subscriptionId: s.id,
    memberId: s.member_id,
    planId: s.plan_id,
    addonId: null,
    addonName: null,
    periodStart: span.start,
    periodEnd: span.end,
    taxRateBp,
    listPrice: null,
    daysUsed: null,
    daysInPeriod: null,
  };
}

/** Ends the subscription on its end date: add-ons end with it, a pause not yet started is dropped. */
function endSubscription(s: SubState, out: StepResult): void {
  const end = s.end_date as string;
  const before = s.status;
  s.status = s.cancel_at_period_end ? 'cancelled' : 'ended';
  s.next_bill_date = null;
  s.pending_plan_id = null;
  s.pending_change_date = null;
  for (const a of s.addons) if (a.end_date === null || a.end_date > end) a.end_date = a.start_date > end ? a.start_date : end;
  s.pauses = s.pauses.filter((p) => p.resumed_on !== null || p.start_date < end);
  out.events.push({ subscriptionId: s.id, before: { status: before }, after: { status: s.status, endDate: end } });
}

/**
 * The dates an extend-mode freeze of the days [from, to) moves later (a negative span moves them
 * back, when the desk ends a freeze early): the next bill date, a set end date and a pending
 * switch; an anniversary schedule takes the moved bill date as its anchor (a calendar one keeps
 * its grid and bills a prorated stretch to its next boundary).
 */
export function extendedDates(
  s: Pick<SubState, 'alignment' | 'anchor_date' | 'next_bill_date' | 'end_date' | 'pending_change_date'>,
  from: string,
  to: string,
): Pick<SubState, 'anchor_date' | 'next_bill_date' | 'end_date' | 'pending_change_date'> {
  const f = daysBetween(from, to);
  const move = (date: string | null) => (date === null ? null : addDays(date, f));
  const next = move(s.next_bill_date);
  return {
    next_bill_date: next,
    anchor_date: s.alignment === 'anniversary' && next !== null ? next : s.anchor_date,
    end_date: move(s.end_date),
    pending_change_date: move(s.pending_change_date),
  };
}

/** An end date before a dated extend-mode freeze's resume: set during the freeze (a cancel from a day inside it). */
function endInsideFreeze(s: SubState, resume: string): string | null {
  return s.end_date !== null && s.end_date < resume ? s.end_date : null;
}

/** Date-driven changes due on or before `d`; a freeze-fee line when a pause starts. */
function transition(s: SubState, d: string, terms: Terms, out: StepResult): void {
  const open = openPauseOf(s);
  // Frozen in extend mode: the card's dates already moved (or move when the desk sets the end).
  if (s.status === 'paused' && open?.mode === 'extend') {
    if (open.end_date === null) return;
    const end = endInsideFreeze(s, open.end_date);
    if (end !== null && end <= d) return endSubscription(s, out);
    if (open.end_date > d) return;
    open.resumed_on = open.end_date;
    s.status = 'active';
    out.events.push({ subscriptionId: s.id, before: { status: 'paused' }, after: { status: 'active', resumedOn: open.end_date } });
    return;
  }
  if (s.end_date !== null && s.end_date <= d) return endSubscription(s, out);
  if (s.status === 'trialing' && s.anchor_date <= d) {
    s.status = 'active';
    out.events.push({ subscriptionId: s.id, before: { status: 'trialing' }, after: { status: 'active', on: s.anchor_date } });
    return;
  }
  const pause = openPauseOf(s);
  if (!pause) return;
  if (s.status === 'paused' && pause.end_date !== null && pause.end_date <= d) {
    pause.resumed_on = pause.end_date;
    s.status = 'active';
    s.next_bill_date = pause.end_date;
    out.events.push({ subscriptionId: s.id, before: { status: 'paused' }, after: { status: 'active', resumedOn: pause.end_date } });
    return;
  }
  if (s.status === 'active' && pause.start_date <= d) {
    s.status = 'paused';
    // Credit mode: the paid days were credited, billing restarts on resume. Extend: the card's
    // dates move later by the frozen days now (an open-ended freeze moves them when it is ended).
    if (pause.mode === 'credit') s.next_bill_date = pause.end_date;
    else if (pause.end_date !== null) Object.assign(s, extendedDates(s, pause.start_date, pause.end_date));
    out.events.push({
      subscriptionId: s.id,
      before: { status: 'active' },
      after: { status: 'paused', from: pause.start_date, until: pause.end_date, ...(pause.mode === 'extend' ? { mode: 'extend', nextBillDate: s.next_bill_date, endDate: s.end_date } : {}) },
    });
    const fee = terms.plan(s.plan_id).freeze_fee;
    if (fee === 0) return;
    out.lines.push({
      ...lineBase(s, { start: pause.start_date, end: pause.end_date }, s.tax_rate_bp),
      kind: 'freeze_fee',
      percentBp: null,
      amount: fee,
      listPrice: fee,
    });
  }
}

/** The period starting at the next bill date (≤ d): a pending switch, a term's end or renewal, then the lines. */
function billPeriod(s: SubState, positions: Map<number, number>, terms: Terms, out: StepResult): void {
  const start = s.next_bill_date as string;
  if (s.pending_plan_id !== null && s.pending_change_date !== null && s.pending_change_date <= start) {
    const plan = terms.plan(s.pending_plan_id);
    const from = s.plan_id;
    Object.assign(s, planSwitchPatch(s, plan, sameSchedule(s, plan) ? s.anchor_date : start));
    out.events.push({ subscriptionId: s.id, before: { planId: from }, after: { planId: plan.id, from: start } });
  }
  if (s.term_periods !== null && s.periods_billed >= s.term_periods) {
    if (!s.auto_renew) {
      s.end_date = start;
      return endSubscription(s, out);
    }
    s.periods_billed = 0;
    out.events.push({ subscriptionId: s.id, before: null, after: { renewed: start, termPeriods: s.term_periods } });
  }
  const schedule = scheduleOfState(s);
  const end = chargeEnd(s, start);
  const span = { start, end };
  const amount = prorateSpan(schedule, s.price, span);
  const fullDays = fullPeriodLength(schedule, span);
  out.lines.push(
    { ...lineBase(s, span, s.tax_rate_bp), kind: 'period', percentBp: null, amount, listPrice: s.price, daysUsed: daysBetween(start, end), daysInPeriod: fullDays },
    ...discountLinesOf(s, amount, s.charges, span, positions.get(s.member_id) ?? 0, terms.householdBp),
    ...addonLines(s, span, fullDays),
  );
  s.charges += 1;
  const billed = s.periods_billed + (periodContaining(schedule, start).start === start ? 1 : 0);
  s.next_bill_date = end;
  s.periods_billed = billed;
  // A fixed term without renewal: service stops when its last period ends.
  if (s.term_periods !== null && !s.auto_renew && billed >= s.term_periods && (s.end_date === null || s.end_date > end)) s.end_date = end;
}

function addonLines(s: SubState, p: Period, fullDays: number): MachineLine[] {
  return s.addons.flatMap((a): MachineLine[] => {
    const from = a.start_date > p.start ? a.start_date : p.start;
    const to = a.end_date !== null && a.end_date < p.end ? a.end_date : p.end;
    if (from >= to) return [];
    const days = daysBetween(from, to);
    return [
      {
        ...lineBase(s, { start: from, end: to }, a.tax_rate_bp),
        kind: 'addon',
        planId: null,
        addonId: a.id,
        addonName: a.name,
        percentBp: null,
        amount: prorate(a.price, days, fullDays),
        listPrice: a.price,
        daysUsed: days,
        daysInPeriod: fullDays,
      },
    ];
  });
}
