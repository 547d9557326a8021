/**
 * The facts an invoice line carries (docs/billing.md, "What a line says about itself"), worked
 * out from the subscription for lines whose producer did not state them: the one-time backfill
 * of migration 009, and lines drafted without them. Pure: plain values in, plain values out.
 *
 * A producer that knows the facts (the price it prorated, the period length it used) states them
 * on its draft; this is the fallback that recovers them from the subscription's schedule and
 * prices, the way the reports used to before lines carried them.
 */
import { daysBetween } from '../../shared/dates';
import { discountAmount } from '../billing/discount';
import { prorate, roundHalfUp } from '../billing/money';
import { fullPeriodLength, type Alignment, type Interval, type Schedule } from '../billing/periods';

export interface LineFacts {
  memberId: number | null;
  listPrice: number | null;
  daysUsed: number | null;
  daysInPeriod: number | null;
}

export interface FactLine {
  kind: string;
  subscriptionId: number | null;
  addonId: number | null;
  planId: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  amount: number;
}

export interface SubTerms {
  memberId: number;
  planId: number;
  price: number;
  interval: Interval;
  count: number;
  alignment: Alignment;
  anchor: string;
  discount: { kind: 'percent' | 'fixed'; value: number } | null;
}

export interface PlanTerms {
  id: number;
  price: number;
  interval: Interval | null;
  count: number | null;
  alignment: Alignment | null;
}

/** What else is known about the subscription: its plans, add-ons and earlier period charges. */
export interface SubContext {
  sub: SubTerms | null;
  plan(id: number): PlanTerms | undefined;
  addonPrice(id: number): number | undefined;
  /** The first day of a 'period' line of this plan on this subscription, if any. */
  firstPeriodStart(planId: number | null): string | null;
  /** The largest 'period' amount of this plan on this subscription (0 if none). */
  largestPeriod(planId: number | null): number;
}

/** Lines priced per period: they have a list price. One-off fees and credits do not. */
const PRICED = new Set(['period', 'proration_charge', 'addon', 'discount', 'household_discount', 'pack']);
const BASE = new Set(['period', 'proration_charge']);
const DISCOUNT = new Set(['discount', 'household_discount']);

/**
 * Facts for each line of one invoice, in order (a discount line is read against the period or
 * proration charge of the same subscription and span before it). `payerId` is whom a line
 * that names no member is for.
 */
export function inferInvoiceFacts(lines: FactLine[], payerId: number, ctxOf: (subId: number) => SubContext): LineFacts[] {
  const out: LineFacts[] = [];
  lines.forEach((line, i) => out.push(factsOf(lines, i, out, payerId, ctxOf)));
  return out;
}

/** Line i's facts; `before` holds the facts of the lines before it. */
function factsOf(lines: FactLine[], i: number, before: LineFacts[], payerId: number, ctxOf: (subId: number) => SubContext): LineFacts {
  const line = lines[i]!;
  const ctx = line.subscriptionId === null ? null : ctxOf(line.subscriptionId);
  const memberId = ctx?.sub?.memberId ?? payerId;
  if (line.periodStart === null || line.periodEnd === null) return { memberId, listPrice: null, daysUsed: null, daysInPeriod: null };
  const days = daysBetween(line.periodStart, line.periodEnd);
  const whole = { memberId, listPrice: PRICED.has(line.kind) ? line.amount : null, daysUsed: days, daysInPeriod: days };
  if (!ctx?.sub || line.kind === 'pack' || line.kind === 'freeze_fee') return whole;
  if (DISCOUNT.has(line.kind)) {
    const b = baseOf(lines, i);
    return b === null ? whole : discountFacts(line, lines[b]!, before[b]!, ctx.sub, memberId, days);
  }
  const cell = line.kind === 'addon' ? addonCell(ctx.sub, line) : cellLength(ctx, line);
  if (days >= cell) return whole;
  return { memberId, listPrice: cutListPrice(ctx, line, days, cell), daysUsed: days, daysInPeriod: cell };
}

/** The list price of a line for part of a period: none for a credit, the add-on's price, or the price that was prorated. */
function cutListPrice(ctx: SubContext, line: FactLine, days: number, cell: number): number | null {
  if (line.kind === 'proration_credit') return null;
  if (line.kind === 'addon') return ctx.addonPrice(line.addonId ?? -1) ?? scaleBack(line.amount, days, cell);
  return fullPrice(ctx, line, days, cell);
}

/** The period or plan-change charge a discount line belongs to: same subscription and span, before it. */
function baseOf(lines: FactLine[], i: number): number | null {
  const d = lines[i]!;
  for (let k = i - 1; k >= 0; k--) {
    const l = lines[k]!;
    if (BASE.has(l.kind) && l.subscriptionId === d.subscriptionId && l.periodStart === d.periodStart && l.periodEnd === d.periodEnd) return k;
  }
  return null;
}

/**
 * A discount on a cut period: its list price is the discount on the full period. The
 * subscription's own discount is taken of the full price; a household discount (a percent of
 * what is left) is scaled with its base.
 */
function discountFacts(line: FactLine, base: FactLine, baseFacts: LineFacts, sub: SubTerms, memberId: number, days: number): LineFacts {
  const cell = baseFacts.daysInPeriod ?? days;
  const full = baseFacts.listPrice;
  if (days >= cell || full === null) return { memberId, listPrice: line.amount, daysUsed: days, daysInPeriod: Math.max(days, cell) };
  let off: number;
  if (line.kind === 'discount' && sub.discount) {
    off = discountAmount(full, sub.discount.kind === 'percent' ? { kind: 'percent', percentBp: sub.discount.value } : { kind: 'fixed', amount: sub.discount.value });
  } else {
    off = base.amount > 0 ? roundHalfUp(BigInt(-line.amount) * BigInt(full), base.amount) : 0;
  }
  return { memberId, listPrice: -off, daysUsed: days, daysInPeriod: cell };
}

/**
 * The full price prorated into `line.amount` (days of a cell-day period): the subscription's own
 * price, the plan's price or the largest full charge of the same plan — whichever prorates to
 * exactly that amount — else the amount scaled back to the full period.
 */
function fullPrice(ctx: SubContext, line: FactLine, days: number, cell: number): number {
  const sub = ctx.sub!;
  const candidates: number[] = [];
  if (line.planId === sub.planId) candidates.push(sub.price);
  const plan = line.planId === null ? undefined : ctx.plan(line.planId);
  if (plan) candidates.push(plan.price);
  const largest = ctx.largestPeriod(line.planId);
  if (largest > 0) candidates.push(largest);
  for (const c of candidates) if (c >= 0 && prorate(c, days, cell) === line.amount) return c;
  return scaleBack(line.amount, days, cell);
}

const scaleBack = (amount: number, days: number, cell: number) => roundHalfUp(BigInt(amount) * BigInt(cell), days);

/** Days of the full period the line belongs to, on the schedule of its plan. */
function cellLength(ctx: SubContext, line: FactLine): number {
  const sub = ctx.sub!;
  const start = line.periodStart!;
  const span = daysBetween(start, line.periodEnd!);
  const plan = line.planId === null ? undefined : ctx.plan(line.planId);
  const sameAsNow = !plan || (plan.id === sub.planId && plan.interval === sub.interval && plan.count === sub.count && plan.alignment === sub.alignment);
  const first = ctx.firstPeriodStart(line.planId);
  const schedule: Schedule =
    sameAsNow && start >= sub.anchor
      ? { anchor: sub.anchor, interval: sub.interval, count: sub.count, alignment: sub.alignment }
      : {
          anchor: first !== null && first < start ? first : start,
          interval: plan?.interval ?? sub.interval,
          count: plan?.count ?? sub.count,
          alignment: plan?.alignment ?? sub.alignment,
        };
  return cellOr(schedule, line, span);
}

/** An add-on is prorated against the subscription's period. */
function addonCell(sub: SubTerms, line: FactLine): number {
  const schedule: Schedule = { anchor: sub.anchor, interval: sub.interval, count: sub.count, alignment: sub.alignment };
  return cellOr(schedule, line, daysBetween(line.periodStart!, line.periodEnd!));
}

function cellOr(schedule: Schedule, line: FactLine, span: number): number {
  try {
    return Math.max(span, fullPeriodLength(schedule, { start: line.periodStart!, end: line.periodEnd! }));
  } catch {
    return span;
  }
}
