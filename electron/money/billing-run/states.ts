/**
 * Between the database and the state machine (electron/billing/subscription): load a payer's
 * live subscriptions as machine states, persist what a step changed (columns, pauses, add-ons,
 * the stored wake date, audit events), and word the machine's lines as invoice line drafts.
 */
import { NEVER, wake, type MachineLine, type PauseState, type PlanTerms, type SubState, type Terms } from '../../billing/subscription/index';
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';
import { descriptions } from '../invoices/descriptions';
import type { AuditFn, BillingEnv } from '../invoices/env';
import type { LineDraft } from '../invoices/issue';
import type { PlanRow } from '../../desk/plans/service';
import { subscriptionsRepo, type SubscriptionPatch } from '../../db/repos/subscriptions';
import type { SubscriptionRow } from '../../db/rows';
import { runCache } from './cache';

/** The columns the machine owns: a step may change these, and only these are written back. */
const COLUMNS = [
  'plan_id', 'price', 'tax_rate_bp', 'interval', 'interval_count', 'alignment', 'anchor_date', 'status', 'next_bill_date',
  'end_date', 'term_periods', 'auto_renew', 'periods_billed', 'pending_plan_id', 'pending_change_date',
] as const satisfies readonly (keyof SubscriptionRow & keyof SubState)[];

export function planRow(db: Db, id: number): PlanRow {
  const cache = runCache(db)?.plans;
  const hit = cache?.get(id);
  if (hit) return hit;
  const row = prepared<[number], PlanRow>(db, 'SELECT * FROM plans WHERE id = ?').get(id);
  if (!row) throw new Error(`plan ${id} is missing`);
  cache?.set(id, row);
  return row;
}

/** The plan terms and household rate the machine looks up. */
export function machineTerms(env: BillingEnv): Terms {
  return { plan: (id): PlanTerms => planRow(env.db, id), householdBp: env.settings.get().householdDiscountBp };
}

/** Open pauses, without a query during a run for a subscription that had none when it started. */
function pausesOf(db: Db, subId: number): PauseState[] {
  const cache = runCache(db);
  if (cache && !cache.withOpenPause.has(subId)) return [];
  const p = subscriptionsRepo(db).openPause(subId);
  return p ? [{ id: p.id, start_date: p.start_date, end_date: p.end_date, resumed_on: null, mode: p.mode }] : [];
}

function addonStates(db: Db, subId: number): SubState['addons'] {
  const cache = runCache(db);
  if (cache && !cache.withAddons.has(subId)) return [];
  return subscriptionsRepo(db).addonsOf(subId).map((a) => ({ id: a.id, name: a.name, price: a.price, tax_rate_bp: a.tax_rate_bp, start_date: a.start_date, end_date: a.end_date }));
}

/** How many period charges this subscription has had: the index of the next one, for discounts. */
export function periodCharges(db: Db, subId: number): number {
  return subscriptionsRepo(db).periodCharges(subId);
}

/** A subscription row as a machine state (the charge count is a query, made only for a discount that runs out). */
export function stateOf(db: Db, row: SubscriptionRow): SubState {
  const finite = row.discount_kind !== null && row.discount_duration !== 'forever';
  return stateFrom(row, pausesOf(db, row.id), addonStates(db, row.id), finite ? periodCharges(db, row.id) : 0);
}

/** A subscription row as a machine state, from its open pause, its add-ons and its count of period charges as given. */
export function stateFrom(row: SubscriptionRow, pauses: PauseState[], addons: SubState['addons'], charges: number): SubState {
  return {
    id: row.id,
    member_id: row.member_id,
    plan_id: row.plan_id,
    price: row.price,
    tax_rate_bp: row.tax_rate_bp,
    interval: row.interval,
    interval_count: row.interval_count,
    alignment: row.alignment,
    start_date: row.start_date,
    anchor_date: row.anchor_date,
    status: row.status,
    next_bill_date: row.next_bill_date,
    end_date: row.end_date,
    cancel_at_period_end: row.cancel_at_period_end,
    term_periods: row.term_periods,
    auto_renew: row.auto_renew,
    periods_billed: row.periods_billed,
    discount_kind: row.discount_kind,
    discount_value: row.discount_value,
    discount_duration: row.discount_duration,
    discount_periods: row.discount_periods,
    pending_plan_id: row.pending_plan_id,
    pending_change_date: row.pending_change_date,
    pauses,
    addons,
    charges,
  };
}

/** One subscription as the machine sees it. */
export function loadState(db: Db, id: number): SubState {
  const row = subscriptionsRepo(db).byId(id);
  if (!row) throw new Error(`subscription ${id} is missing`);
  return stateOf(db, row);
}

/** A payer's live subscriptions, in id order, as machine states. */
export function loadPayerStates(db: Db, payerId: number): SubState[] {
  return subscriptionsRepo(db).liveOfPayer(payerId).map((r) => stateOf(db, r));
}

/** What `wake()` gives, as stored in subscriptions.wake_date. */
export function storedWake(s: SubState): string {
  return wake(s);
}

/** Writes the stored wake date of one subscription from its current rows (after any desk save). */
export function saveWake(db: Db, subId: number): void {
  subscriptionsRepo(db).setWake(subId, storedWake(loadState(db, subId)));
}

/**
 * Computes the wake date of rows saved without one (a desk save cleared it, or the row was
 * written before the column). One transaction: after the migration that is every row at once.
 */
export function fillMissingWakes(db: Db): void {
  const ids = subscriptionsRepo(db).idsWithoutWake();
  if (ids.length) db.transaction(() => ids.forEach((id) => saveWake(db, id)))();
}

/** Writes what a step changed between `before` and `after` (same subscriptions, same order), with the new wake dates. */
export function persistStates(db: Db, before: readonly SubState[], after: readonly SubState[], at: string): void {
  const repo = subscriptionsRepo(db);
  after.forEach((s, i) => {
    const old = before[i]!;
    const patch: Record<string, unknown> = {};
    for (const k of COLUMNS) if (s[k] !== old[k]) patch[k] = s[k];
    const w = storedWake(s);
    if (Object.keys(patch).length > 0 || w !== storedWake(old)) repo.update(s.id, { ...(patch as SubscriptionPatch), wake_date: w }, at);
    for (const p of old.pauses) {
      const now = s.pauses.find((x) => x.id === p.id);
      if (!now) repo.deletePause(p.id);
      else if (now.resumed_on !== p.resumed_on) repo.setResumed(p.id, now.resumed_on);
    }
    for (const a of old.addons) {
      const now = s.addons.find((x) => x.id === a.id);
      if (now && now.end_date !== a.end_date) repo.setAddonEnd(a.id, now.end_date);
    }
  });
}

/** The machine's lines as invoice line drafts, worded in the business's language. */
export function lineDrafts(env: BillingEnv, lines: readonly MachineLine[]): LineDraft[] {
  const t = descriptions(env.settings.get().locale);
  return lines.map((l) => {
    const { addonName, percentBp, ...draft } = l;
    const planName = () => (l.planId === null ? '' : planRow(env.db, l.planId).name);
    const description =
      l.kind === 'period' ? t.period(planName())
      : l.kind === 'freeze_fee' ? t.freezeFee(planName())
      : l.kind === 'discount' ? t.discount(percentBp)
      : l.kind === 'household_discount' ? t.household(percentBp ?? 0)
      : (addonName ?? '');
    return { ...draft, description };
  });
}

/** Records the machine's events in the audit log, in the order they happened. */
export function auditEvents(audit: AuditFn, events: readonly { subscriptionId: number; before: unknown; after: unknown }[]): void {
  for (const e of events) audit('subscription', e.subscriptionId, e.before, e.after);
}

export { NEVER };
