/**
 * A subscription's billing state as plain values: the subscription row's billing columns (same
 * names, so the caller can persist a diff column by column), its open pauses, its add-ons and
 * how many period charges it has had. Plans are looked up through `Terms` (a pending plan
 * switch and the freeze fee need them).
 */
import type { DiscountTerms, InvoiceLineKind, SubscriptionStatus } from '../vocabulary';
import type { Alignment, Interval, Schedule } from '../periods';

export const NEVER = '9999-12-31';

/**
 * How a pause treats the paid time. 'extend': the frozen days are added to the card (dates move
 * later on resume, nothing is credited). 'credit': the unused days become account credit and the
 * anchor never moves.
 */
export type PauseMode = 'extend' | 'credit';

/** A pause not yet resumed: in force (status paused) or scheduled (status still active). */
export interface PauseState {
  id: number;
  start_date: string;
  /** First day back; null = open-ended. */
  end_date: string | null;
  /** Set by the step when the pause ended (the caller records it and drops it). */
  resumed_on: string | null;
  /** The plan's mode when the pause was taken. */
  mode: PauseMode;
}

export interface AddonState {
  id: number;
  name: string;
  price: number;
  tax_rate_bp: number;
  start_date: string;
  end_date: string | null;
}

export interface SubState {
  id: number;
  member_id: number;
  plan_id: number;
  price: number;
  tax_rate_bp: number;
  interval: Interval;
  interval_count: number;
  alignment: Alignment;
  start_date: string;
  anchor_date: string;
  status: SubscriptionStatus;
  next_bill_date: string | null;
  end_date: string | null;
  cancel_at_period_end: number;
  term_periods: number | null;
  auto_renew: number;
  periods_billed: number;
  discount_kind: DiscountTerms['kind'] | null;
  discount_value: number | null;
  discount_duration: DiscountTerms['duration'] | null;
  discount_periods: number | null;
  pending_plan_id: number | null;
  pending_change_date: string | null;
  /** Pauses not resumed, oldest first (the last one is "the" open pause). */
  pauses: PauseState[];
  addons: AddonState[];
  /** Period charges so far: the index of the next one, for a discount that runs out. */
  charges: number;
}

/** The fields of a state that are not subscription columns (they come from other tables). */
type DerivedField = 'pauses' | 'addons' | 'charges';

/**
 * The state's subscription columns, at run time: a test checks them against the table, so a
 * renamed column cannot leave the machine reading a field the database no longer has.
 */
export const SUB_STATE_COLUMNS = [
  'id', 'member_id', 'plan_id', 'price', 'tax_rate_bp', 'interval', 'interval_count', 'alignment', 'start_date', 'anchor_date',
  'status', 'next_bill_date', 'end_date', 'cancel_at_period_end', 'term_periods', 'auto_renew', 'periods_billed', 'discount_kind',
  'discount_value', 'discount_duration', 'discount_periods', 'pending_plan_id', 'pending_change_date',
] as const satisfies readonly Exclude<keyof SubState, DerivedField>[];

// Compile-time: every column field of SubState is in the list above.
type Missing = Exclude<Exclude<keyof SubState, DerivedField>, (typeof SUB_STATE_COLUMNS)[number]>;
export const SUB_STATE_COLUMNS_COMPLETE: Missing extends never ? true : never = true;

/** The columns of a plan the machine needs (a pending switch copies them; a pause bills the freeze fee). */
export interface PlanTerms {
  id: number;
  price: number;
  tax_rate_bp: number;
  interval: Interval | null;
  interval_count: number | null;
  alignment: Alignment | null;
  term_periods: number | null;
  auto_renew: number;
  freeze_fee: number;
  pause_mode: PauseMode;
}

export interface Terms {
  plan(id: number): PlanTerms;
  /** Household discount in basis points for each member after a payer's first. */
  householdBp: number;
}

/** A line the step bills, without its text (the caller words it from kind, plan and add-on name). */
export interface MachineLine {
  kind: Extract<InvoiceLineKind, 'period' | 'discount' | 'household_discount' | 'addon' | 'freeze_fee'>;
  subscriptionId: number;
  memberId: number;
  planId: number | null;
  addonId: number | null;
  /** Add-on name, for the caller's description. */
  addonName: string | null;
  /** For a percent discount, its rate (the description shows it); for the household line, the household rate. */
  percentBp: number | null;
  periodStart: string;
  periodEnd: string | null;
  amount: number;
  taxRateBp: number;
  /** The full-period price the line was prorated from (period and add-on lines). */
  listPrice: number | null;
  daysUsed: number | null;
  daysInPeriod: number | null;
}

/** What the audit records for a change the step made (before/after as the audit log stores them). */
export interface MachineEvent {
  subscriptionId: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'paused'];

export function isLiveState(s: Pick<SubState, 'status'>): boolean {
  return LIVE_STATUSES.includes(s.status);
}

export function scheduleOfState(s: Pick<SubState, 'anchor_date' | 'interval' | 'interval_count' | 'alignment'>): Schedule {
  return { anchor: s.anchor_date, interval: s.interval, count: s.interval_count, alignment: s.alignment };
}

/** The pause that has not ended (the latest one). */
export function openPauseOf(s: Pick<SubState, 'pauses'>): PauseState | undefined {
  for (let i = s.pauses.length - 1; i >= 0; i--) if (s.pauses[i]!.resumed_on === null) return s.pauses[i];
  return undefined;
}

/** A deep copy: the step never changes the state it is given. */
export function cloneState(s: SubState): SubState {
  return { ...s, pauses: s.pauses.map((p) => ({ ...p })), addons: s.addons.map((a) => ({ ...a })) };
}
