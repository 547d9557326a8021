/**
 * Subscription lifecycle at the desk: sell, pause, resume, cancel, change plan, add-ons.
 * Every action checks first and changes nothing when refused; money effects go through the
 * same engine step and documents as the billing run (see desk.ts and billing-run/step.ts).
 */
import { addDays, addMonthsClamped, daysBetween, maxDate, minDate, toYmd } from '../../../shared/dates';
import { normalisedMonthly, periodsOverlapping, prorateSpan } from '../../billing/periods';
import { chargeEnd, discountLinesOf, extendedDates, householdPositionsOf, planSwitchPatch, sameSchedule, stepAlone, standingOn, type SubState } from '../../billing/subscription/index';
import { taxOfLine } from '../../billing/tax';
import { lineDrafts, loadPayerStates, loadState, machineTerms, periodCharges, stateFrom, storedWake } from '../../money/billing-run/states';
import type { ActionResult, FreezeGrant, FreezePreview } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import { OTHER_CANCEL_REASON, OTHER_CANCEL_REASON_IN } from '../../contract/settings';
import { descriptions } from '../../money/invoices/descriptions';
import type { AuditFn, BillingEnv } from '../../money/invoices/env';
import { creditLine, issueCreditNote, taxMode, type LineDraft } from '../../money/invoices/issue';
import { oneOffFacts, spanFacts } from '../../money/invoices/facts';
import type { MembersService } from '../members/service';
import type { PlanRow, PlansService } from '../plans/service';
import { billPayerToday, deskAction } from './desk';
import { addonsOf, isLive, loadSub, openPause, payerOfSub, scheduleOf, staleWake, subscriptionFrom, toSubscription, updateSub } from './model';
import type { SubscriptionRow } from '../../db/rows';
import { unusedFrom } from './value';
import { prepared } from '../../db/statements';
import type { Db } from '../../db/open';
import { subscriptionsRepo } from '../../db/repos/subscriptions';
import { createFreezeGrantsRepo } from '../../db/repos/freeze-grants';

type Result = Omit<ActionResult, 'dryRun'>;

/** A recurring plan always has an interval (plans.sellable checked its kind); the column allows null for packs. */
/** Members by id range, for the names an import's audit entries carry. */
const membersBetween = (db: Db) =>
  prepared<[number, number], { id: number; name: string; payer_id: number | null }>(db, 'SELECT id, name, payer_id FROM members WHERE id BETWEEN ? AND ?');

function recurring(interval: PlanRow['interval']): SubscriptionRow['interval'] {
  if (interval === null) throw new AppError('VALIDATION', 'A recurring plan needs an interval.', { issues: [{ path: 'interval', code: 'custom', message: 'required' }] });
  return interval;
}

export interface CreateInput {
  memberId: number;
  planId: number;
  startDate?: string | undefined;
  trialDays?: number | undefined;
  price?: number | undefined;
  discount: { kind: 'percent' | 'fixed'; value: number; duration: 'once' | 'repeating' | 'forever'; periods: number | null } | null;
  waiveSetupFee: boolean;
}

/** How far ahead or back a desk date may reach. */
const HORIZON_DAYS = 366;
/** A yearly freeze allowance of 366 days means "no limit"; 0 means "no freezes". */
export const UNLIMITED_FREEZE = 366;

function outOfRange(field: string, date: string, from: string, to: string | null): AppError {
  return new AppError('DATE_OUT_OF_RANGE', `${field} ${date} must be ${to === null ? `on or after ${from}` : `between ${from} and ${to}`}.`, {
    field,
    date,
    from,
    to,
  });
}

function checkRange(field: string, date: string, from: string, to: string | null): void {
  if (date < from || (to !== null && date > to)) throw outOfRange(field, date, from, to);
}

/** How unused time is given back, and who gives it (recorded on a refund). */
type Settle = { settlement: 'credit' | 'refund'; refundMethod?: string | undefined; staff?: { id: number; name: string } | null | undefined };

export function createSubscriptionsService(env: BillingEnv, plans: PlansService, members: MembersService) {
  const db = env.db;
  const repo = subscriptionsRepo(db);
  const grants = createFreezeGrantsRepo(db);
  const at = () => env.now().toISOString();
  const today = () => env.today();
  const t = () => descriptions(env.settings.get().locale);

  function planOf(sub: SubscriptionRow): PlanRow {
    return plans.getRow(sub.plan_id);
  }

  function result(subId: number): Pick<Result, 'subscription'> {
    return { subscription: toSubscription(db, loadSub(db, subId)) };
  }

  function requireLive(sub: SubscriptionRow): void {
    if (!isLive(sub)) throw new AppError('SUBSCRIPTION_NOT_ACTIVE', `Subscription ${sub.id} is ${sub.status}.`, { id: sub.id, status: sub.status });
  }

  function requireActive(sub: SubscriptionRow, alsoTrialing: boolean): void {
    if (sub.status === 'active' || (alsoTrialing && sub.status === 'trialing')) return;
    throw new AppError('SUBSCRIPTION_NOT_ACTIVE', `Subscription ${sub.id} is ${sub.status}.`, { id: sub.id, status: sub.status });
  }

  /** First day of the open period: the latest charged period start on or before today (or the sign-up day). */
  function openStart(sub: SubscriptionRow): string {
    return repo.chargedPeriodStart(sub.id, today()) ?? sub.start_date;
  }

  /**
   * Whether the end date is only the fixed term running out (its last period billed, no renewal, not cancelled).
   * A plan switch then carries the membership on under the new plan's terms instead of letting it end: the member
   * chose a plan to go on with.
   */
  function endsWithTerm(sub: SubscriptionRow): boolean {
    return sub.end_date !== null && sub.end_date === sub.next_bill_date && !sub.cancel_at_period_end && inLastTermPeriod(sub);
  }

  /** A fixed term without renewal whose every period is billed: it ends at its next bill date. */
  function inLastTermPeriod(sub: SubscriptionRow): boolean {
    return sub.term_periods !== null && !sub.auto_renew && sub.periods_billed >= sub.term_periods;
  }

  /** A plan switch from `anchor`: the plan's terms copied onto the subscription (the machine's rule). */
  function applyPlanTerms(sub: SubscriptionRow, plan: PlanRow, anchor: string): void {
    updateSub(db, sub.id, { ...planSwitchPatch(sub, plan, anchor), ...(endsWithTerm(sub) ? { end_date: null } : {}) }, at());
  }

  function requireRefundMethod(settlement: 'credit' | 'refund', method: string | undefined): void {
    if (settlement === 'refund' && !method) {
      throw new AppError('VALIDATION', 'A refund needs a refund method.', { issues: [{ path: 'refundMethod', code: 'custom', message: 'required' }] });
    }
  }

  /**
   * Where the service paid for runs out: the next bill date, or a scheduled pause's start if
   * sooner (the days after it were credited when the pause was booked).
   */
  function liveUntil(sub: SubscriptionRow, from: string): string | null {
    const p = openPause(db, sub.id);
    // Only a credit-mode pause gave the days after its start back; an extend-mode one keeps them.
    const pauseStart = sub.status !== 'paused' && p && p.mode === 'credit' && p.start_date > from ? p.start_date : null;
    // Paid up to the next bill; with none (a cancellation or a term's last period), up to the end.
    const paidUntil = sub.next_bill_date ?? sub.end_date;
    if (paidUntil === null || (pauseStart !== null && pauseStart < paidUntil)) return pauseStart;
    return paidUntil;
  }

  /** The account an invoice was billed to (undefined for none). */
  function payerOfInvoice(invoiceId: number): number | undefined {
    return prepared<[number], number>(db, 'SELECT payer_id FROM invoices WHERE id = ?').pluck().get(invoiceId);
  }

  /** A credit note for what is left of the subscription's charges from `from` (all groups, or one add-on's). */
  function creditUnused(
    sub: SubscriptionRow,
    from: string,
    only: { addonId: number | null } | undefined,
    settle: Settle,
    reason: string,
    audit: AuditFn,
  ): void {
    const groups = unusedFrom(env, sub.id, from, only, liveUntil(sub, from));
    if (groups.length === 0) return;
    const addons = new Map(addonsOf(db, sub.id).map((a) => [a.id, a.name]));
    const planName = planOf(sub).name;
    const main = groups.find((g) => g.addonId === null) ?? (groups[0] as (typeof groups)[number]);
    issueCreditNote(
      env,
      {
        // Whoever paid for the credited period gets its credit, also when the member has since left that household.
        payerId: payerOfInvoice(main.invoiceId) ?? payerOfSub(db, sub),
        invoiceId: main.invoiceId,
        issueDate: today(),
        reason,
        settlement: settle.settlement,
        refundMethod: settle.refundMethod,
        staff: settle.staff,
        lines: groups.map((g) => ({
          ...creditLine(env, g.amount, g.taxRateBp),
          invoiceLineId: g.lineId,
          subscriptionId: sub.id,
          description: t().unused(g.addonId === null ? planName : (addons.get(g.addonId) ?? '')),
          periodStart: g.from,
          periodEnd: g.until,
          taxRateBp: g.taxRateBp,
        })),
      },
      audit,
    );
  }

  function create(input: CreateInput, audit: AuditFn): Result {
    return deskAction(env, audit, () => {
      const member = members.active(input.memberId);
      const plan = plans.sellable(input.planId, 'recurring');
      const start = input.startDate ?? today();
      checkRange('startDate', start, addDays(today(), -HORIZON_DAYS), addDays(today(), HORIZON_DAYS));
      const trialDays = input.trialDays ?? plan.trial_days;
      const anchor = addDays(start, trialDays);
      const d = input.discount;
      const id = repo.insert(
        { member_id: member.id, plan_id: plan.id, price: input.price ?? plan.price, tax_rate_bp: plan.tax_rate_bp, interval: recurring(plan.interval),
          interval_count: plan.interval_count ?? 1, alignment: plan.alignment ?? 'anniversary', start_date: start, anchor_date: anchor,
          status: trialDays > 0 ? 'trialing' : 'active', next_bill_date: anchor, term_periods: plan.term_periods, auto_renew: plan.auto_renew,
          discount_kind: d?.kind ?? null, discount_value: d?.value ?? null, discount_duration: d?.duration ?? null, discount_periods: d?.periods ?? null },
        at(),
      );
      const setup: LineDraft[] =
        plan.setup_fee > 0 && !input.waiveSetupFee
          ? [{ kind: 'setup_fee', description: t().setupFee(plan.name), subscriptionId: id, planId: plan.id, amount: plan.setup_fee, taxRateBp: plan.tax_rate_bp, ...oneOffFacts(member.id) }]
          : [];
      audit('subscription', id, null, toSubscription(db, loadSub(db, id)));
      billPayerToday(env, payerOfSub(db, { member_id: member.id }), setup, audit);
      return result(id);
    });
  }

  /** Freeze days used per calendar year by this subscription's other pauses. */
  function freezeDaysUsed(subId: number, exceptPauseId: number | null): Map<number, number> {
    const used = new Map<number, number>();
    for (const p of repo.pausesOf(subId)) {
      const end = p.resumed_on ?? p.end_date;
      if (p.id === exceptPauseId || end === null) continue;
      for (let d = p.start_date; d < end; d = addDays(d, 1)) used.set(toYmd(d).y, (used.get(toYmd(d).y) ?? 0) + 1);
    }
    return used;
  }

  /** Freeze days the member may use in a year: the plan's allowance plus any grant (UNLIMITED_FREEZE: no limit). */
  function allowanceIn(sub: SubscriptionRow, year: number): { plan: number; granted: number; total: number } {
    const plan = planOf(sub).freeze_days_per_year;
    const granted = grants.daysOf(sub.member_id, year);
    return { plan, granted, total: plan >= UNLIMITED_FREEZE ? UNLIMITED_FREEZE : plan + granted };
  }

  /**
   * Enforces the freeze allowance per calendar year (the plan's days plus a manager's grant).
   * Returns the pause's end: the one asked for, or — for an open-ended pause under a limited
   * allowance — the day it runs out. A plan that allows none refuses whatever was granted.
   */
  function allowedPauseEnd(sub: SubscriptionRow, pauseId: number | null, start: string, end: string | null): string | null {
    if (planOf(sub).freeze_days_per_year === 0) throw new AppError('FREEZE_NOT_ALLOWED', `Plan ${sub.plan_id} allows no freezes.`, { planId: sub.plan_id });
    if (planOf(sub).freeze_days_per_year >= UNLIMITED_FREEZE) return end;
    const used = freezeDaysUsed(sub.id, pauseId);
    const allowed = new Map<number, number>();
    let d = start;
    for (; end === null ? d < addDays(start, 2 * HORIZON_DAYS) : d < end; d = addDays(d, 1)) {
      const y = toYmd(d).y;
      if (!allowed.has(y)) allowed.set(y, allowanceIn(sub, y).total);
      const allowance = allowed.get(y) as number;
      const n = used.get(y) ?? 0;
      if (n >= allowance) {
        if (end !== null || d === start) {
          throw new AppError('FREEZE_ALLOWANCE_EXCEEDED', `The freeze would exceed ${allowance} days in ${y}.`, { year: y, allowance, used: n });
        }
        return d;
      }
      used.set(y, n + 1);
    }
    return end ?? d;
  }

  /** The checks a pause passes before anything is written: its first day and its (allowed) resume date. */
  function checkPause(sub: SubscriptionRow, input: { effectiveDate?: string | undefined; resumeDate: string | null }): { from: string; until: string | null } {
    requireLive(sub);
    if (sub.status === 'paused' || openPause(db, sub.id)) throw new AppError('ALREADY_PAUSED', `Subscription ${sub.id} is already paused or has a pause scheduled.`, { id: sub.id });
    requireActive(sub, false);
    const from = input.effectiveDate ?? addDays(today(), 1);
    checkRange('effectiveDate', from, openStart(sub), sub.end_date !== null ? addDays(sub.end_date, -1) : addDays(today(), HORIZON_DAYS));
    if (input.resumeDate !== null) checkRange('resumeDate', input.resumeDate, addDays(from, 1), addDays(from, 2 * HORIZON_DAYS));
    return { from, until: allowedPauseEnd(sub, null, from, input.resumeDate) };
  }

  /**
   * What a proposed freeze would do, before it is booked: the card's dates after it (the same
   * machine step the run takes), the year's allowance and what is left of it, and the fee.
   */
  function freezePreview(input: { id: number; effectiveDate?: string | undefined; resumeDate: string | null }): FreezePreview {
    const sub = loadSub(db, input.id);
    const { from, until } = checkPause(sub, input);
    const plan = planOf(sub);
    const terms = machineTerms(env);
    const now = loadState(db, sub.id);
    const frozen: SubState = { ...now, pauses: [{ id: 0, start_date: from, end_date: until, resumed_on: null, mode: plan.pause_mode }] };
    const after = stepAlone(frozen, from, terms);
    const year = toYmd(from).y;
    const allowance = allowanceIn(sub, year);
    const used = freezeDaysUsed(sub.id, null).get(year) ?? 0;
    let days = 0;
    for (let d = from; until !== null && d < until; d = addDays(d, 1)) if (toYmd(d).y === year) days++;
    const unlimited = allowance.total >= UNLIMITED_FREEZE;
    return {
      subscriptionId: sub.id,
      mode: plan.pause_mode,
      startDate: from,
      resumeDate: until,
      frozenDays: until === null ? null : daysBetween(from, until),
      nextBillDateBefore: now.next_bill_date,
      endsOnBefore: standingOn(now, today(), terms).endsOn,
      nextBillDate: until === null ? null : after.next_bill_date,
      endsOn: standingOn(frozen, until ?? from, terms).endsOn,
      year,
      allowanceDays: unlimited ? null : allowance.plan,
      grantedDays: allowance.granted,
      usedDays: used,
      daysLeft: unlimited ? null : Math.max(0, allowance.total - used - days),
      freezeFee: plan.freeze_fee,
    };
  }

  /** Extra freeze days for one member in one calendar year (the contract lets only a manager or the owner call it). */
  function grantFreezeDays(
    input: { memberId: number; days: number; reason: string; year?: number | undefined },
    staff: { id: number; name: string } | null,
    audit: AuditFn,
  ): FreezeGrant {
    const member = members.active(input.memberId);
    const year = input.year ?? toYmd(today()).y;
    const before = grants.daysOf(member.id, year);
    const id = grants.insert({ member_id: member.id, year, days: input.days, reason: input.reason, staff_id: staff?.id ?? null, staff_name: staff?.name ?? '', created_at: at() });
    const after = before + input.days;
    audit('freeze_grant', id, { memberId: member.id, year, grantedDays: before }, { memberId: member.id, year, days: input.days, grantedDays: after, reason: input.reason });
    return { id, memberId: member.id, year, days: input.days, grantedDays: after, reason: input.reason };
  }

  function pause(input: { id: number; effectiveDate?: string | undefined; resumeDate: string | null }, audit: AuditFn): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      const { from, until } = checkPause(sub, input);
      const mode = planOf(sub).pause_mode;
      repo.insertPause({ subscription_id: sub.id, start_date: from, end_date: until, mode, created_at: at() });
      staleWake(db, sub.id);
      // Extend mode credits nothing: the paid days wait and the card's dates move on resume. Credit
      // mode gives back the paid days from the pause on — up to the next bill, or up to the end when a
      // cancellation or a term's last period left no next bill (the resume bills R → end again).
      const paidUntil = sub.next_bill_date ?? sub.end_date;
      if (mode === 'credit' && paidUntil !== null && from < paidUntil) {
        creditUnused(sub, from, undefined, { settlement: 'credit' }, t().reasonPause(from), audit);
        updateSub(db, sub.id, { next_bill_date: until }, at());
      }
      audit('subscription', sub.id, { status: sub.status }, { pauseFrom: from, pauseUntil: until, mode });
      billPayerToday(env, payerOfSub(db, sub), [], audit);
      return result(sub.id);
    });
  }

  function resume(input: { id: number; effectiveDate?: string | undefined }, audit: AuditFn): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      const p = openPause(db, sub.id);
      if (sub.status !== 'paused' || !p) throw new AppError('SUBSCRIPTION_NOT_PAUSED', `Subscription ${sub.id} is not paused.`, { id: sub.id, status: sub.status });
      // Cancelled now during an extend-mode freeze: its unused days were credited, so there is nothing left to resume.
      if (p.mode === 'extend' && sub.cancel_at_period_end && sub.next_bill_date === null && sub.end_date !== null) {
        throw new AppError('SUBSCRIPTION_CANCELLED', `Subscription ${sub.id} was cancelled from ${sub.end_date}.`, { id: sub.id, endDate: sub.end_date });
      }
      const on = input.effectiveDate ?? today();
      checkRange('effectiveDate', on, addDays(p.start_date, 1), addDays(today(), HORIZON_DAYS));
      // Resuming later than planned uses more of the allowance; earlier never needs a check.
      if (p.end_date !== null && on > p.end_date) allowedPauseEnd(sub, p.id, p.start_date, on);
      repo.setPauseEnd(p.id, on);
      staleWake(db, sub.id);
      // Credit mode bills again from the resume day. Extend mode moved the card's dates by the
      // planned days when the freeze began (none if open-ended): they move by the difference.
      if (p.mode === 'credit') updateSub(db, sub.id, { next_bill_date: on }, at());
      else updateSub(db, sub.id, extendedDates(sub, p.end_date ?? p.start_date, on), at());
      audit('subscription', sub.id, { pauseUntil: p.end_date }, { resumeOn: on });
      billPayerToday(env, payerOfSub(db, sub), [], audit);
      return result(sub.id);
    });
  }

  function cancel(
    input: { id: number; mode: 'period_end' | 'now'; effectiveDate?: string | undefined; reason: string } & Settle,
    audit: AuditFn,
  ): Result {
    return deskAction(env, audit, () => {
      const { cancelReasons: reasons, locale } = env.settings.get();
      if (input.reason !== OTHER_CANCEL_REASON && !reasons.includes(input.reason)) {
        throw new AppError('CANCEL_REASON_UNKNOWN', `"${input.reason}" is not one of the cancel reasons.`, { reason: input.reason, reasons });
      }
      // No reason picked: the catch-all in the business's language, so a Chinese report never reads "Other".
      const reason = input.reason === OTHER_CANCEL_REASON ? OTHER_CANCEL_REASON_IN[locale] : input.reason;
      const sub = loadSub(db, input.id);
      requireLive(sub);
      if (sub.cancel_at_period_end) throw new AppError('ALREADY_CANCELLING', `Subscription ${sub.id} is already set to cancel.`, { id: sub.id, endDate: sub.end_date });
      // During a dated extend-mode freeze the period's end is known (moved by the frozen days): cancelling at it
      // works as on an active card. Otherwise a paused card has no period under way, so it ends at D.
      const p = openPause(db, sub.id);
      const periodKnown = sub.status !== 'paused' || (p?.mode === 'extend' && p.end_date !== null);
      if (input.mode === 'period_end' && periodKnown && sub.next_bill_date !== null) {
        // The period's end is the only day such a cancellation can take effect: another date is refused, not ignored.
        if (input.effectiveDate !== undefined) checkRange('effectiveDate', input.effectiveDate, sub.next_bill_date, sub.next_bill_date);
        // A switch booked for the period end stays booked (it never comes: the membership ends first), so undoing
        // the cancellation brings it back.
        updateSub(db, sub.id, { cancel_at_period_end: 1, end_date: sub.next_bill_date, cancel_reason: reason }, at());
      } else {
        requireRefundMethod(input.settlement, input.refundMethod);
        const from = input.effectiveDate ?? addDays(today(), 1);
        const lower = sub.status === 'paused' && p && p.start_date > openStart(sub) ? p.start_date : openStart(sub);
        const upper = sub.status === 'paused' ? (p?.end_date ?? addDays(today(), HORIZON_DAYS)) : (sub.next_bill_date ?? addDays(today(), HORIZON_DAYS));
        checkRange('effectiveDate', from, lower, upper);
        // A freeze under way stops where the card does: its frozen days end at D (an open-ended one has no end of
        // its own), so the credit counts the paid days it kept, and the card ends at D rather than staying paused.
        // One that would only start on or after D never happens. (A credit-mode pause credited its days when it
        // began, and its resume bills what is used after: it is left as it is.)
        const extend = p?.mode === 'extend' ? p : undefined;
        if (extend && extend.start_date < from && (extend.end_date === null || extend.end_date > from)) repo.setPauseEnd(extend.id, from);
        else if (extend && extend.start_date >= from) repo.deletePause(extend.id);
        // An open-ended one had not moved the card's dates yet: its days to D move where the paid days run out.
        const moved = p && extend && p.end_date === null && p.start_date < from && sub.next_bill_date !== null;
        const paid = moved ? { ...sub, next_bill_date: addDays(sub.next_bill_date!, daysBetween(p.start_date, from)) } : sub;
        creditUnused(paid, from, undefined, input, t().reasonCancel(from), audit);
        updateSub(db, sub.id, { cancel_at_period_end: 1, end_date: from, next_bill_date: null, pending_plan_id: null, pending_change_date: null, cancel_reason: reason }, at());
      }
      audit('subscription', sub.id, { endDate: sub.end_date }, { cancel: input.mode, endDate: loadSub(db, sub.id).end_date, reason });
      billPayerToday(env, payerOfSub(db, sub), [], audit);
      return result(sub.id);
    });
  }

  function undoCancel(input: { id: number }, audit: AuditFn): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      requireLive(sub);
      if (!sub.cancel_at_period_end || sub.next_bill_date === null || sub.end_date !== sub.next_bill_date) {
        throw new AppError('NOT_CANCELLING', `Subscription ${sub.id} is not set to cancel at the period end.`, { id: sub.id });
      }
      // A fixed term's last period ends with the term, unless a plan switch is booked for its end (it carries on).
      const termDone = inLastTermPeriod(sub) && sub.pending_plan_id === null;
      updateSub(db, sub.id, { cancel_at_period_end: 0, end_date: termDone ? sub.end_date : null, cancel_reason: null }, at());
      audit('subscription', sub.id, { endDate: sub.end_date, cancelAtPeriodEnd: true }, { endDate: termDone ? sub.end_date : null, cancelAtPeriodEnd: false });
      return result(sub.id);
    });
  }

  /**
   * Withdraws a switch booked for the period end: the membership stays on its plan. In a fixed term's last period
   * the booking had carried the membership on; without it the membership ends with the term again.
   */
  function withdrawSwitch(input: { id: number }, audit: AuditFn): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      requireLive(sub);
      if (sub.pending_plan_id === null) throw new AppError('NO_SWITCH_BOOKED', `Subscription ${sub.id} has no plan switch booked.`, { id: sub.id });
      const termDone = inLastTermPeriod(sub) && sub.next_bill_date !== null;
      const endDate = termDone ? sub.next_bill_date : sub.end_date;
      updateSub(db, sub.id, { pending_plan_id: null, pending_change_date: null, end_date: endDate }, at());
      audit(
        'subscription',
        sub.id,
        { pendingPlanId: sub.pending_plan_id, on: sub.pending_change_date, endDate: sub.end_date },
        { pendingPlanId: null, on: null, endDate },
      );
      return result(sub.id);
    });
  }

  function changePlan(
    input: { id: number; planId: number; when: 'auto' | 'now' | 'period_end'; effectiveDate?: string | undefined },
    audit: AuditFn,
  ): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      requireLive(sub);
      requireActive(sub, true);
      const plan = plans.sellable(input.planId, 'recurring');
      if (plan.id === sub.plan_id) throw new AppError('SAME_PLAN', `Subscription ${sub.id} is already on plan ${plan.id}.`, { planId: plan.id });
      const upgrade =
        normalisedMonthly(plan.price, plan.interval ?? 'month', plan.interval_count ?? 1) > normalisedMonthly(sub.price, sub.interval, sub.interval_count);
      const timing = input.when === 'auto' ? (upgrade ? 'now' : 'period_end') : input.when;
      if (timing === 'period_end') {
        if (sub.next_bill_date === null) throw new AppError('SUBSCRIPTION_NOT_ACTIVE', `Subscription ${sub.id} has no next period.`, { id: sub.id });
        // A switch at the period end (asked for, or a downgrade left to "auto") happens on that day only.
        if (input.effectiveDate !== undefined) checkRange('effectiveDate', input.effectiveDate, sub.next_bill_date, sub.next_bill_date);
        const goesOn = endsWithTerm(sub);
        updateSub(db, sub.id, { pending_plan_id: plan.id, pending_change_date: sub.next_bill_date, ...(goesOn ? { end_date: null } : {}) }, at());
        audit('subscription', sub.id, { pendingPlanId: sub.pending_plan_id, endDate: sub.end_date }, { pendingPlanId: plan.id, on: sub.next_bill_date, endDate: goesOn ? null : sub.end_date });
        return result(sub.id);
      }
      const from = input.effectiveDate ?? today();
      if (sub.status === 'trialing') {
        checkRange('effectiveDate', from, sub.start_date, sub.anchor_date);
        applyPlanTerms(sub, plan, sub.anchor_date);
      } else if (sub.start_date > today() && periodCharges(db, sub.id) === 0) {
        // Sold to start later and nothing billed yet: the new plan simply replaces it from its first day.
        checkRange('effectiveDate', from, today(), sub.start_date);
        applyPlanTerms(sub, plan, sub.anchor_date);
      } else {
        switchNow(sub, plan, from, audit);
      }
      audit('subscription', sub.id, { planId: sub.plan_id, price: sub.price }, { planId: plan.id, price: plan.price, from });
      return result(sub.id);
    });
  }

  /**
   * A plan change at D inside the invoiced period: credit what is left of the old charges,
   * charge the new plan from D to the period end (same schedule) or for a fresh period from D
   * (different interval or alignment: the anchor moves to D). Both on one invoice; when the
   * credit is larger than the charge it goes on a credit note instead, so no invoice is negative.
   */
  function switchNow(sub: SubscriptionRow, plan: PlanRow, from: string, audit: AuditFn): void {
    const invoicedUntil = sub.next_bill_date;
    if (invoicedUntil === null) throw new AppError('SUBSCRIPTION_NOT_ACTIVE', `Subscription ${sub.id} has no open period.`, { id: sub.id });
    checkRange('effectiveDate', from, openStart(sub), addDays(invoicedUntil, -1));
    const oldPlan = planOf(sub);
    const credits = unusedFrom(env, sub.id, from, { addonId: null }, liveUntil(sub, from));
    const keep = sameSchedule(sub, plan);
    applyPlanTerms(sub, plan, keep ? sub.anchor_date : from);
    const next = pricedFrom(loadState(db, sub.id), from);
    // The period containing D under the (new) schedule, cut by a scheduled pause or the end date.
    const end = chargeEnd(next, from);
    const span = { start: from, end };
    const schedule = scheduleOf(next);
    const charge = prorateSpan(schedule, next.price, span);
    const index = Math.max(0, periodCharges(db, sub.id) - 1);
    const position = householdPositionsOf(loadPayerStates(db, payerOfSub(db, sub))).get(sub.member_id) ?? 0;
    const chargeLines: LineDraft[] = [
      { kind: 'proration_charge', description: t().prorationCharge(plan.name), subscriptionId: sub.id, planId: plan.id, periodStart: from, periodEnd: end, amount: charge, taxRateBp: next.tax_rate_bp,
        ...spanFacts(sub.member_id, scheduleOf(next), next.price, span) },
      ...lineDrafts(env, discountLinesOf(next, charge, index, span, position, machineTerms(env).householdBp)),
    ];
    const creditLines: LineDraft[] = credits.map((c) => ({
      kind: 'proration_credit',
      description: t().prorationCredit(oldPlan.name),
      subscriptionId: sub.id,
      planId: oldPlan.id,
      periodStart: from,
      periodEnd: c.until,
      amount: -c.amount,
      taxRateBp: c.taxRateBp,
      ...spanFacts(sub.member_id, scheduleOf(sub), null, { start: from, end: c.until }),
    }));
    updateSub(db, sub.id, { next_bill_date: end, periods_billed: 1 }, at());
    const mode = taxMode(env);
    const gross = [...creditLines, ...chargeLines].reduce((s, l) => s + taxOfLine(l.amount, l.taxRateBp, mode).gross, 0);
    // The credit rides on the new charge's invoice only when the same account paid for the old days; a member
    // who has left the household that paid gets it back there on a credit note instead.
    const payer = payerOfSub(db, sub);
    if (gross >= 0 && credits.every((c) => (payerOfInvoice(c.invoiceId) ?? payer) === payer)) {
      billPayerToday(env, payer, [...creditLines, ...chargeLines], audit);
      return;
    }
    creditUnused({ ...sub }, from, { addonId: null }, { settlement: 'credit' }, t().reasonPlanChange(from), audit);
    billPayerToday(env, payerOfSub(db, sub), chargeLines, audit);
  }

  /**
   * An extend-mode freeze moved an anniversary anchor past D (the paid period now ends on it): the
   * proration runs on the same grid stepped back whole periods to one starting on or before D.
   * Only the pricing uses it; the stored anchor stays.
   */
  function pricedFrom<S extends Pick<SubState, 'anchor_date' | 'interval' | 'interval_count'>>(s: S, from: string): S {
    if (s.anchor_date <= from) return s;
    const months = s.interval === 'year' ? 12 * s.interval_count : s.interval === 'month' ? s.interval_count : 0;
    let anchor = s.anchor_date;
    for (let k = 1; anchor > from; k++) {
      anchor = months > 0 ? addMonthsClamped(s.anchor_date, -months * k) : addDays(s.anchor_date, -7 * s.interval_count * k);
    }
    return { ...s, anchor_date: anchor };
  }

  function addAddon(
    input: { id: number; name: string; price: number; taxRateBp?: number | undefined; effectiveDate?: string | undefined },
    audit: AuditFn,
  ): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      requireLive(sub);
      requireActive(sub, true);
      if (sub.next_bill_date === null) throw new AppError('SUBSCRIPTION_NOT_ACTIVE', `Subscription ${sub.id} is ending.`, { id: sub.id });
      const from = input.effectiveDate ?? today();
      checkRange('effectiveDate', from, openStart(sub), sub.next_bill_date);
      const rate = input.taxRateBp ?? env.settings.get().defaultTaxRateBp;
      const addonId = repo.insertAddon({ subscription_id: sub.id, name: input.name, price: input.price, tax_rate_bp: rate, start_date: from, created_at: at() });
      staleWake(db, sub.id);
      const lines: LineDraft[] = [];
      // Charged up to where the paid service runs out: the next bill date, or a booked pause's start.
      const until = liveUntil(sub, from);
      if (sub.status === 'active' && until !== null && from < until) {
        // After an extend-mode freeze the anchor may lie past D: priced on that grid stepped back (pricedFrom).
        // A calendar card's moved paid-through date may lie past a boundary of its grid: one line per period
        // the days fall in, each priced on its own period.
        const schedule = scheduleOf(pricedFrom(sub, from));
        for (const p of periodsOverlapping(schedule, from, until)) {
          const span = { start: maxDate(from, p.start), end: minDate(until, p.end) };
          lines.push({ kind: 'addon', description: input.name, subscriptionId: sub.id, addonId, periodStart: span.start, periodEnd: span.end, amount: prorateSpan(schedule, input.price, span), taxRateBp: rate,
            ...spanFacts(sub.member_id, schedule, input.price, span) });
        }
      }
      audit('subscription_addon', addonId, null, { subscriptionId: sub.id, name: input.name, price: input.price, taxRateBp: rate, startDate: from });
      billPayerToday(env, payerOfSub(db, sub), lines, audit);
      return result(sub.id);
    });
  }

  function removeAddon(
    input: { id: number; addonId: number; effectiveDate?: string | undefined } & Settle,
    audit: AuditFn,
  ): Result {
    return deskAction(env, audit, () => {
      const sub = loadSub(db, input.id);
      requireLive(sub);
      const addon = addonsOf(db, sub.id).find((a) => a.id === input.addonId);
      const from = input.effectiveDate ?? addDays(today(), 1);
      if (!addon || (addon.end_date !== null && addon.end_date <= from)) {
        throw new AppError('ADDON_NOT_FOUND', `Add-on ${input.addonId} is not on subscription ${sub.id}.`, { addonId: input.addonId });
      }
      requireRefundMethod(input.settlement, input.refundMethod);
      const lower = addon.start_date > openStart(sub) ? addon.start_date : openStart(sub);
      checkRange('effectiveDate', from, lower, addDays(today(), HORIZON_DAYS));
      repo.setAddonEnd(addon.id, from);
      staleWake(db, sub.id);
      creditUnused(sub, from, { addonId: addon.id }, input, t().reasonAddonRemoved(addon.name, from), audit);
      audit('subscription_addon', addon.id, { endDate: addon.end_date }, { endDate: from });
      billPayerToday(env, payerOfSub(db, sub), [], audit);
      return result(sub.id);
    });
  }

  /**
   * Imported members' current plans (front-desk import), each paid up outside Subdesk until
   * `nextBillDate`, which becomes the anchor and the first invoiced period. No setup fee, no
   * trial; the billing run invoices it when it is due. Runs inside the import's transaction.
   */
  function startImported(starts: { memberId: number; planId: number; nextBillDate: string; price: number | null }[], audit: AuditFn): void {
    const day = today();
    const stamp = at();
    const planOf = new Map<number, ReturnType<typeof plans.sellable>>();
    // The imported members (just written in the same transaction), read once: each audit entry names its member.
    const ids = starts.map((s) => s.memberId);
    const people = new Map<number, { name: string; payer_id: number | null }>();
    if (ids.length) {
      const low = ids.reduce((a, b) => (b < a ? b : a));
      const high = ids.reduce((a, b) => (b > a ? b : a));
      for (const m of membersBetween(db).all(low, high)) people.set(m.id, m);
    }
    const rows: { row: SubscriptionRow; plan: NonNullable<ReturnType<typeof plans.sellable>> }[] = [];
    for (const input of starts) {
      let plan = planOf.get(input.planId);
      if (!plan) planOf.set(input.planId, (plan = plans.sellable(input.planId, 'recurring')));
      const start = input.nextBillDate < day ? input.nextBillDate : day;
      const values = {
        member_id: input.memberId, plan_id: plan.id, price: input.price ?? plan.price, tax_rate_bp: plan.tax_rate_bp, interval: recurring(plan.interval),
        interval_count: plan.interval_count ?? 1, alignment: plan.alignment ?? 'anniversary', start_date: start, anchor_date: input.nextBillDate,
        status: 'active' as const, next_bill_date: input.nextBillDate, term_periods: plan.term_periods, auto_renew: plan.auto_renew,
        discount_kind: null, discount_value: null, discount_duration: null, discount_periods: null,
      };
      // The row as the insert writes it (every other column at its default): no pause, no add-on, no charge yet,
      // so its wake date is worked out before the insert and the audit entry built without reading it back.
      const row: SubscriptionRow = {
        id: 0, ...values, end_date: null, cancel_at_period_end: 0, periods_billed: 0, pending_plan_id: null, pending_change_date: null,
        created_at: stamp, updated_at: stamp, wake_date: null, cancel_reason: null, session_quota: plan.session_quota, checkins_per_day: plan.checkins_per_day, imported: 1,
      };
      row.wake_date = storedWake(stateFrom(row, [], [], 0));
      rows.push({ row, plan });
    }
    // All of them in multi-row inserts, then one audit entry each in the same order as before.
    const made = repo.insertImported(rows.map((r) => r.row), stamp);
    rows.forEach(({ row, plan }, i) => {
      row.id = made[i]!;
      audit('subscription', row.id, null, subscriptionFrom(row, people.get(row.member_id), plan, undefined, []));
    });
  }

  function get(id: number) {
    return toSubscription(db, loadSub(db, id));
  }

  function listByMember(memberId: number) {
    members.get(memberId);
    return repo
      .ofMember(memberId)
      .map((s) => toSubscription(db, s));
  }

  return { create, startImported, pause, freezePreview, grantFreezeDays, resume, cancel, undoCancel, withdrawSwitch, changePlan, addAddon, removeAddon, get, listByMember };
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
