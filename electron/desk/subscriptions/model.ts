/** Subscription rows: reading, the billing schedule they imply, and the output shape. */
import type { Schedule } from '../../billing/periods';
import type { Addon, DiscountTerms, Subscription, SubscriptionStatus } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';
import { subscriptionsRepo, type SubscriptionPatch } from '../../db/repos/subscriptions';
import type { SubscriptionAddonRow, SubscriptionPauseRow, SubscriptionRow } from '../../db/rows';

export const LIVE: readonly SubscriptionStatus[] = ['trialing', 'active', 'paused'];

export function isLive(s: SubscriptionRow): boolean {
  return LIVE.includes(s.status);
}

export function scheduleOf(s: Pick<SubscriptionRow, 'anchor_date' | 'interval' | 'interval_count' | 'alignment'>): Schedule {
  return { anchor: s.anchor_date, interval: s.interval, count: s.interval_count, alignment: s.alignment };
}

export function discountOf(s: SubscriptionRow): DiscountTerms | null {
  if (!s.discount_kind || s.discount_value === null || !s.discount_duration) return null;
  return { kind: s.discount_kind, value: s.discount_value, duration: s.discount_duration, periods: s.discount_periods };
}

export function loadSub(db: Db, id: number): SubscriptionRow {
  const row = subscriptionsRepo(db).byId(id);
  if (!row) throw new AppError('NOT_FOUND', `Subscription ${id} does not exist.`, { entity: 'subscription', id });
  return row;
}

/** The pause that has not ended: in force (status paused) or scheduled (status still active). */
export function openPause(db: Db, subId: number): SubscriptionPauseRow | undefined {
  return subscriptionsRepo(db).openPause(subId);
}

export function addonsOf(db: Db, subId: number): SubscriptionAddonRow[] {
  return subscriptionsRepo(db).addonsOf(subId);
}

/**
 * Updates the given columns of a subscription (and its updated_at). The stored wake date is
 * cleared: the frame of the action computes it again with the state machine before billing.
 */
export function updateSub(db: Db, id: number, patch: SubscriptionPatch, at: string): void {
  if (Object.keys(patch).length === 0) return;
  subscriptionsRepo(db).update(id, 'wake_date' in patch ? patch : { ...patch, wake_date: null }, at);
}

/** Marks the stored wake date as out of date after a pause or add-on of the subscription changed. */
export function staleWake(db: Db, id: number): void {
  subscriptionsRepo(db).setWake(id, null);
}

function addonFromRow(a: SubscriptionAddonRow): Addon {
  return {
    id: a.id,
    subscriptionId: a.subscription_id,
    name: a.name,
    price: a.price,
    taxRateBp: a.tax_rate_bp,
    startDate: a.start_date,
    endDate: a.end_date,
  };
}

export function toSubscription(db: Db, s: SubscriptionRow): Subscription {
  const member = prepared<[number], { name: string; payer_id: number | null }>(db, 'SELECT name, payer_id FROM members WHERE id = ?').get(s.member_id);
  const plan = prepared<[number], { name: string; freeze_days_per_year: number }>(db, 'SELECT name, freeze_days_per_year FROM plans WHERE id = ?').get(s.plan_id);
  const pause = isLive(s) ? openPause(db, s.id) : undefined;
  return subscriptionFrom(s, member, plan, pause, addonsOf(db, s.id));
}

/** The output shape of a subscription row, from its member, its plan, its open pause and its add-ons as given. */
export function subscriptionFrom(
  s: SubscriptionRow,
  member: { name: string; payer_id: number | null } | undefined,
  plan: { name: string; freeze_days_per_year: number } | undefined,
  pause: SubscriptionPauseRow | undefined,
  addons: SubscriptionAddonRow[],
): Subscription {
  return {
    id: s.id,
    memberId: s.member_id,
    memberName: member?.name ?? '',
    payerId: member?.payer_id ?? s.member_id,
    planId: s.plan_id,
    planName: plan?.name ?? '',
    freezeDaysPerYear: plan?.freeze_days_per_year ?? 0,
    price: s.price,
    taxRateBp: s.tax_rate_bp,
    interval: s.interval,
    intervalCount: s.interval_count,
    alignment: s.alignment,
    startDate: s.start_date,
    anchorDate: s.anchor_date,
    status: s.status,
    nextBillDate: s.next_bill_date,
    endDate: s.end_date,
    cancelAtPeriodEnd: s.cancel_at_period_end === 1,
    termPeriods: s.term_periods,
    autoRenew: s.auto_renew === 1,
    periodsBilled: s.periods_billed,
    discount: discountOf(s),
    pendingPlanId: s.pending_plan_id,
    pendingChangeDate: s.pending_change_date,
    pause: pause ? { id: pause.id, startDate: pause.start_date, endDate: pause.end_date } : null,
    addons: addons.map(addonFromRow),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

/** The member who receives this subscription's invoices (their payer, or themself). */
export function payerOfSub(db: Db, s: Pick<SubscriptionRow, 'member_id'>): number {
  const m = prepared<[number], { payer_id: number | null }>(db, 'SELECT payer_id FROM members WHERE id = ?').get(s.member_id);
  return m?.payer_id ?? s.member_id;
}
