/**
 * MRR per member as a step function of the business date, from what the billing engine wrote
 * (invoice lines) and the subscription's state (pauses, end date, add-ons). Pure: plain values in,
 * plain values out. Definitions in docs/reports.md ("MRR").
 *
 * At a date X a subscription is
 *   - not a customer after its end date, before its first paid period (trial) or when no period covers X;
 *   - a customer with MRR 0 while frozen (a pause covers X);
 *   - otherwise a customer whose MRR is the monthly-normalised full-period price of the period line in force
 *     (the latest period or plan-change charge covering X), after its discounts, plus its add-ons' prices.
 * Tax, setup fees, freeze fees, packs, late fees and adjustments are never MRR. A period cut short (a
 * calendar stub, a period ended by a pause or an end date, a plan change mid-period) counts at its
 * full-period price: the prorated amount is traced back to the price the engine prorated.
 */
import { addDays } from '../billing/dates';
import { daysBetween } from '../billing/dates';
import { discountAmount } from '../billing/discount';
import { prorate, roundHalfUp } from '../billing/money';
import { taxOfLine } from '../billing/tax';
import { fullPeriodLength, normalisedMonthly, type Alignment, type Interval, type Schedule } from '../billing/periods';

/** Far enough to mean "until further notice" (an open-ended freeze). */
export const OPEN_END = '2999-12-31';

export type RecurringKind = 'period' | 'proration_charge' | 'discount' | 'household_discount' | 'addon';
export const RECURRING_KINDS: readonly RecurringKind[] = ['period', 'proration_charge', 'discount', 'household_discount', 'addon'];

export interface LineFact {
  id: number;
  invoiceId: number;
  kind: RecurringKind;
  planId: number | null;
  addonId: number | null;
  start: string;
  end: string;
  /** Before tax treatment; negative for discounts. */
  amount: number;
  /** Without tax: MRR is counted net of tax. */
  net: number;
  taxRateBp: number;
}

export interface PlanTerms {
  id: number;
  price: number;
  interval: Interval;
  count: number;
  alignment: Alignment;
}

export interface SubscriptionFacts {
  id: number;
  memberId: number;
  planId: number;
  price: number;
  interval: Interval;
  count: number;
  alignment: Alignment;
  anchor: string;
  endDate: string | null;
  discount: { kind: 'percent' | 'fixed'; value: number } | null;
  pauses: { start: string; end: string | null }[];
  addons: { id: number; price: number; start: string; end: string | null }[];
  /** Recurring lines of issued (not void) invoices. */
  lines: LineFact[];
}

/** One stretch of days [start, end) with a constant state. */
export interface Segment {
  start: string;
  end: string;
  mrr: number;
}

const isBase = (l: LineFact) => l.kind === 'period' || l.kind === 'proration_charge';
const covers = (start: string, end: string | null, x: string) => start <= x && (end === null || x < end);

/** The subscription's customer segments (days outside them: not a customer), in date order. */
export function subscriptionSegments(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>): Segment[] {
  const points = new Set<string>();
  const add = (...dates: string[]) => dates.forEach((d) => points.add(d));
  for (const l of sub.lines) add(l.start, l.end);
  for (const p of sub.pauses) add(p.start, p.end ?? OPEN_END);
  for (const a of sub.addons) add(a.start, a.end ?? OPEN_END);
  if (sub.endDate) points.add(sub.endDate);
  points.add(OPEN_END);
  const sorted = [...points].filter((d) => d <= OPEN_END).sort();
  const bases = sub.lines.filter(isBase);
  const firstPaid = bases.reduce<string | null>((m, l) => (m === null || l.start < m ? l.start : m), null);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const x = sorted[i]!;
    const mrr = mrrAt(sub, plans, bases, firstPaid, x);
    if (mrr !== null) out.push({ start: x, end: sorted[i + 1]!, mrr });
  }
  return out;
}

/** MRR of the subscription on day x, or null when it is not a customer that day. */
function mrrAt(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>, bases: LineFact[], firstPaid: string | null, x: string): number | null {
  if (sub.endDate !== null && x >= sub.endDate) return null;
  if (firstPaid === null || x < firstPaid) return null;
  if (sub.pauses.some((p) => covers(p.start, p.end, x))) return 0;
  let base: LineFact | undefined;
  for (const l of bases) if (covers(l.start, l.end, x) && (!base || l.start > base.start || (l.start === base.start && l.id > base.id))) base = l;
  if (!base) return null;
  const terms = plans.get(base.planId ?? sub.planId);
  const interval = terms?.interval ?? sub.interval;
  const count = terms?.count ?? sub.count;
  let mrr = normalisedMonthly(fullGroupNet(sub, plans, bases, base), interval, count);
  for (const l of sub.lines) {
    if (l.kind !== 'addon' || !covers(l.start, l.end, x)) continue;
    const addon = sub.addons.find((a) => a.id === l.addonId);
    if (addon && covers(addon.start, addon.end, x)) mrr += normalisedMonthly(netOf(addon.price, l), interval, count);
  }
  return mrr;
}

/**
 * An amount on the same terms as `line`, without tax. A line whose net differs from its amount
 * was invoiced with tax-inclusive prices; otherwise the amount is already net.
 */
function netOf(amount: number, line: LineFact): number {
  const inclusive = line.taxRateBp > 0 && line.net !== line.amount;
  return inclusive ? taxOfLine(amount, line.taxRateBp, 'inclusive').net : amount;
}

/** The base line's full-period price after its discounts (the same-span discount lines of its invoice), without tax. */
function fullGroupNet(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>, bases: LineFact[], base: LineFact): number {
  const companions = sub.lines.filter(
    (l) => (l.kind === 'discount' || l.kind === 'household_discount') && l.invoiceId === base.invoiceId && l.start === base.start && l.end === base.end,
  );
  const span = daysBetween(base.start, base.end);
  const cell = cellLength(sub, plans, bases, base);
  if (span >= cell) return Math.max(0, base.net + companions.reduce((s, l) => s + l.net, 0));
  const full = fullPrice(sub, plans, bases, base, span, cell);
  let total = netOf(full, base);
  for (const l of companions) {
    let off: number;
    if (l.kind === 'discount' && sub.discount) {
      off = discountAmount(full, sub.discount.kind === 'percent' ? { kind: 'percent', percentBp: sub.discount.value } : { kind: 'fixed', amount: sub.discount.value });
    } else {
      // A household discount is a percent of the base: scale it with the base.
      off = base.amount > 0 ? roundHalfUp(BigInt(-l.amount) * BigInt(full), base.amount) : 0;
    }
    total -= netOf(off, l);
  }
  return Math.max(0, total);
}

/**
 * The full price the engine prorated into `base.amount` (span days of a cell-day period): the
 * subscription's own price, the plan's price or the largest full charge of the same plan —
 * whichever prorates to exactly that amount — else the amount scaled back to the full period.
 */
function fullPrice(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>, bases: LineFact[], base: LineFact, span: number, cell: number): number {
  const candidates: number[] = [];
  if (base.planId === sub.planId) candidates.push(sub.price);
  const plan = base.planId === null ? undefined : plans.get(base.planId);
  if (plan) candidates.push(plan.price);
  const largest = bases.filter((l) => l.kind === 'period' && l.planId === base.planId).reduce((m, l) => Math.max(m, l.amount), 0);
  if (largest > 0) candidates.push(largest);
  for (const c of candidates) if (c >= 0 && prorate(c, span, cell) === base.amount) return c;
  return roundHalfUp(BigInt(base.amount) * BigInt(cell), span);
}

/** Days of the full period the base line belongs to, on the schedule of its plan. */
function cellLength(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>, bases: LineFact[], base: LineFact): number {
  const span = daysBetween(base.start, base.end);
  const plan = base.planId === null ? undefined : plans.get(base.planId);
  const sameAsNow = !plan || (plan.id === sub.planId && plan.interval === sub.interval && plan.count === sub.count && plan.alignment === sub.alignment);
  const schedule: Schedule =
    sameAsNow && base.start >= sub.anchor
      ? { anchor: sub.anchor, interval: sub.interval, count: sub.count, alignment: sub.alignment }
      : {
          anchor: bases.filter((l) => l.planId === base.planId && l.kind === 'period').reduce((m, l) => (l.start < m ? l.start : m), base.start),
          interval: plan?.interval ?? sub.interval,
          count: plan?.count ?? sub.count,
          alignment: plan?.alignment ?? sub.alignment,
        };
  try {
    return fullPeriodLength(schedule, { start: base.start, end: base.end });
  } catch {
    return span;
  }
}

/**
 * A member's spans: the sum of their subscriptions' segments, a customer while any subscription
 * is, consecutive days with the same MRR joined into one span.
 */
export function memberSpans(segmentsBySub: Segment[][]): Segment[] {
  const points = new Set<string>();
  for (const segs of segmentsBySub) {
    for (const s of segs) {
      points.add(s.start);
      points.add(s.end);
    }
  }
  const sorted = [...points].sort();
  const cursors = segmentsBySub.map(() => 0);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const x = sorted[i]!;
    let customer = false;
    let mrr = 0;
    segmentsBySub.forEach((segs, k) => {
      while (cursors[k]! < segs.length && segs[cursors[k]!]!.end <= x) cursors[k]!++;
      const s = segs[cursors[k]!];
      if (s && s.start <= x && x < s.end) {
        customer = true;
        mrr += s.mrr;
      }
    });
    if (!customer) continue;
    const last = out[out.length - 1];
    if (last && last.end === x && last.mrr === mrr) last.end = sorted[i + 1]!;
    else out.push({ start: x, end: sorted[i + 1]!, mrr });
  }
  return out;
}

/** MRR of a member on day x from their spans (null: not a customer). */
export function spanValueAt(spans: Segment[], x: string): number | null {
  for (const s of spans) if (s.start <= x && x < s.end) return s.mrr;
  return null;
}

/** The day before `date` (for "at the start of a bucket" = at the end of the day before). */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}
