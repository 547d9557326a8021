/**
 * MRR per member as a step function of the business date, from what the billing engine wrote
 * (invoice lines and the facts they carry) and the subscription's state (pauses, end date,
 * add-ons). Pure: plain values in, plain values out. Definitions in docs/reports.md ("MRR").
 *
 * Whether it counts at a date X is the state machine's rule (`phaseOn`, also behind `standingOn`), fed the
 * stored history: start, first paid day (earliest period line), end date, pause rows. Then it is
 *   - not a customer when ended, not started or trialing, or when no period line covers X (not billed yet);
 *   - a customer with MRR 0 while paused;
 *   - otherwise (active) a customer whose MRR is the monthly-normalised full-period price of the period line in force
 *     (the latest period or plan-change charge covering X), after its discounts, plus its add-ons' prices.
 * Tax, setup fees, freeze fees, packs, late fees and adjustments are never MRR. A period cut short (a
 * calendar stub, a period ended by a pause or an end date, a plan change mid-period) counts at its
 * full-period price: the list price its lines carry.
 */
import { addDays, daysBetween } from '../../../shared/dates';
import { taxOfLine, type TaxMode } from '../../billing/tax';
import { normalisedMonthly, type Alignment, type Interval } from '../../billing/periods';
import { phaseOn, type PhaseFacts } from '../../billing/subscription/index';

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
  /** The full-period price (for a discount, the discount on the full period); null: the amount. */
  listPrice: number | null;
  /** Days the line covers, of a period of daysInPeriod days (null: a whole period). */
  daysUsed: number | null;
  daysInPeriod: number | null;
  /** The tax mode of the line's invoice. */
  taxMode: TaxMode;
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
  /** First day of the subscription (absent: its first paid day). */
  startDate?: string;
  interval: Interval;
  count: number;
  /** Its pauses; an extend-mode one (顺延) moves the days of the period it falls in on by its length. */
  pauses: { start: string; end: string | null; mode?: 'credit' | 'extend' }[];
  addons: { id: number; price: number; start: string; end: string | null }[];
  endDate: string | null;
  /** Recurring lines of issued (not void) invoices. */
  lines: LineFact[];
  /**
   * An imported membership, paid for outside Subdesk until its first bill here (`until`, its anchor): a paying
   * customer from its start at its price without tax, as the desk shows it, though no line covers those days.
   */
  paidOutside?: { until: string; price: number; taxRateBp: number; taxMode: TaxMode };
}

/** One stretch of days [start, end) with a constant state. */
export interface Segment {
  start: string;
  end: string;
  mrr: number;
  /** The MRR before the subscriptions' own and household discounts (tells a discount ending from a price rise). */
  list: number;
  /** How many of the member's subscriptions are frozen (tells a freeze from a downgrade). */
  paused: number;
}

/** What one subscription counts on one day (null: not a customer). */
interface DayValue {
  mrr: number;
  list: number;
  paused: number;
}

export const isBase = (l: LineFact) => l.kind === 'period' || l.kind === 'proration_charge';
const covers = (start: string, end: string | null, x: string) => start <= x && (end === null || x < end);

/**
 * The subscription's customer segments (days outside them: not a customer), in date order. With `from`,
 * only the days from `from.day` on, given the subscription's first paid day over all its lines: the lines
 * passed need only be those that cover a day from then on.
 */
export function subscriptionSegments(sub: SubscriptionFacts, plans: ReadonlyMap<number, PlanTerms>, from?: { day: string; firstPaid: string | null }): Segment[] {
  // An imported membership not billed here yet (the import's 49,000 rows): one segment, worked out at once.
  if (sub.paidOutside && !from && sub.lines.length === 0 && sub.pauses.length === 0 && sub.addons.length === 0 && sub.startDate) {
    const end = sub.endDate !== null && sub.endDate < sub.paidOutside.until ? sub.endDate : sub.paidOutside.until;
    const v = end > sub.startDate ? paidOutsideOn(sub, sub.startDate) : null;
    return v ? [{ start: sub.startDate, end, mrr: v.mrr, list: v.list, paused: 0 }] : [];
  }
  const points = new Set<string>();
  const served = servedEnds(sub);
  for (const l of sub.lines) points.add(l.start).add(l.end);
  for (const end of served.values()) points.add(end);
  for (const p of sub.pauses) points.add(p.start).add(p.end ?? OPEN_END);
  for (const a of sub.addons) points.add(a.start).add(a.end ?? OPEN_END);
  if (sub.endDate) points.add(sub.endDate);
  if (sub.startDate) points.add(sub.startDate);
  if (sub.paidOutside) points.add(sub.paidOutside.until);
  points.add(OPEN_END);
  if (from) points.add(from.day);
  const sorted = [...points].filter((d) => d <= OPEN_END && (!from || d >= from.day)).sort();
  const bases = sub.lines.filter(isBase);
  const firstPaid = from ? from.firstPaid : firstPaidOf(bases);
  const facts = phaseFactsOfRecords(sub, firstPaid);
  const discounted = sub.lines.some(isDiscount);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const x = sorted[i]!;
    const v = valueAt(sub, plans, bases, facts, discounted, served, x);
    if (v !== null) out.push({ start: x, end: sorted[i + 1]!, mrr: v.mrr, list: v.list, paused: v.paused });
  }
  return out;
}

/**
 * The subscription's dated facts as the state machine's `phaseOn` reads them: its start, its first paid
 * day (the earliest period line: a trial ends there), its end date and its pause rows.
 */
export function phaseFactsOfRecords(sub: SubscriptionFacts, firstPaid: string | null): PhaseFacts {
  // An imported membership is paid from its start (outside Subdesk until its first bill): no trial.
  const paidFrom = sub.paidOutside && sub.startDate ? sub.startDate : firstPaid;
  return { start: sub.startDate ?? firstPaid ?? OPEN_END, paidFrom, end: sub.endDate, pauses: sub.pauses };
}

export const firstPaidOf = (bases: LineFact[]) => bases.reduce<string | null>((m, l) => (m === null || l.start < m ? l.start : m), null);

/**
 * MRR of the subscription on day x (and its list MRR, whether frozen), or null when it is not a customer that day.
 * `facts`: its phase facts; `discounted`: whether any of its lines is a discount.
 */
function valueAt(
  sub: SubscriptionFacts,
  plans: ReadonlyMap<number, PlanTerms>,
  bases: LineFact[],
  facts: PhaseFacts,
  discounted: boolean,
  served: ReadonlyMap<number, string>,
  x: string,
): DayValue | null {
  const phase = phaseOn(facts, x);
  if (phase === 'paused') return { mrr: 0, list: 0, paused: 1 };
  if (phase !== 'active') return null;
  const serves = (l: LineFact) => covers(l.start, served.get(l.id) ?? l.end, x);
  let base: LineFact | undefined;
  for (const l of bases) if (serves(l) && (!base || l.start > base.start || (l.start === base.start && l.id > base.id))) base = l;
  if (!base) return paidOutsideOn(sub, x);
  const terms = plans.get(base.planId ?? sub.planId);
  const interval = terms?.interval ?? sub.interval;
  const count = terms?.count ?? sub.count;
  let mrr = normalisedMonthly(discounted ? fullGroupNet(sub, base) : fullNet(base), interval, count);
  let list = normalisedMonthly(fullNet(base), interval, count);
  // An add-on line counts only with its add-on: none, nothing to look at.
  if (sub.addons.length) for (const l of sub.lines) {
    if (l.kind !== 'addon' || !serves(l)) continue;
    const addon = sub.addons.find((a) => a.id === l.addonId);
    if (!addon || !covers(addon.start, addon.end, x)) continue;
    const m = normalisedMonthly(netOf(l.listPrice ?? addon.price, l), interval, count);
    mrr += m;
    list += m;
  }
  return { mrr, list: Math.max(list, mrr), paused: 0 };
}

/** An imported membership's value before its first bill: its price without tax, by month; null outside those days. */
function paidOutsideOn(sub: SubscriptionFacts, x: string): DayValue | null {
  const p = sub.paidOutside;
  if (!p || !sub.startDate || x < sub.startDate || x >= p.until) return null;
  const net = p.taxMode === 'inclusive' && p.taxRateBp > 0 ? taxOfLine(p.price, p.taxRateBp, 'inclusive').net : p.price;
  const mrr = normalisedMonthly(net, sub.interval, sub.count);
  return { mrr, list: mrr, paused: 0 };
}

/**
 * Where each line's service ends when an extend-mode pause (顺延) began inside it: its end moved on by the
 * pause's days (open-ended: until further notice), as the machine moved the next bill date. Only lines
 * that moved are in the map. A pause that began before a line does not move it (the line was billed after).
 */
export function servedEnds(sub: Pick<SubscriptionFacts, 'lines' | 'pauses'>): Map<number, string> {
  const out = new Map<number, string>();
  const moving = sub.pauses.filter((p) => p.mode === 'extend').sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (moving.length === 0) return out;
  for (const l of sub.lines) {
    let end = l.end;
    for (const p of moving) {
      if (p.start < l.start || p.start >= end) continue;
      const moved = p.end === null ? OPEN_END : addDays(end, daysBetween(p.start, p.end));
      end = moved < OPEN_END ? moved : OPEN_END;
    }
    if (end !== l.end) out.set(l.id, end);
  }
  return out;
}

/** A line's full-period amount without tax (its list price when the period was cut). */
function fullNet(l: LineFact): number {
  return Math.max(0, isWhole(l) || l.listPrice === null ? l.net : netOf(l.listPrice, l));
}

/** An amount on the same terms as `line`, without tax (its invoice says whether prices included tax). */
function netOf(amount: number, line: LineFact): number {
  return line.taxMode === 'inclusive' && line.taxRateBp > 0 ? taxOfLine(amount, line.taxRateBp, 'inclusive').net : amount;
}

const isDiscount = (l: LineFact) => l.kind === 'discount' || l.kind === 'household_discount';
const isWhole = (l: LineFact) => l.daysUsed === null || l.daysInPeriod === null || l.daysUsed >= l.daysInPeriod;

/**
 * The base line's full-period price after its discounts (the same-span discount lines of its
 * invoice), without tax: a whole period as invoiced, a cut one at the list prices its lines carry.
 */
function fullGroupNet(sub: SubscriptionFacts, base: LineFact): number {
  const group = [
    base,
    ...sub.lines.filter((l) => isDiscount(l) && l.invoiceId === base.invoiceId && l.start === base.start && l.end === base.end),
  ];
  const whole = isWhole(base);
  return Math.max(0, group.reduce((s, l) => s + (whole || l.listPrice === null ? l.net : netOf(l.listPrice, l)), 0));
}

/**
 * A member's spans: the sum of their subscriptions' segments, a customer while any subscription
 * is, consecutive days with the same MRR joined into one span.
 */
export function memberSpans(segmentsBySub: Segment[][]): Segment[] {
  if (segmentsBySub.length === 1) return joined(segmentsBySub[0]!);
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
    const sum = { mrr: 0, list: 0, paused: 0 };
    segmentsBySub.forEach((segs, k) => {
      while (cursors[k]! < segs.length && segs[cursors[k]!]!.end <= x) cursors[k]!++;
      const s = segs[cursors[k]!];
      if (s && s.start <= x && x < s.end) {
        customer = true;
        sum.mrr += s.mrr;
        sum.list += s.list;
        sum.paused += s.paused;
      }
    });
    if (!customer) continue;
    const last = out[out.length - 1];
    if (last && last.end === x && last.mrr === sum.mrr && last.list === sum.list && last.paused === sum.paused) last.end = sorted[i + 1]!;
    else out.push({ start: x, end: sorted[i + 1]!, ...sum });
  }
  return out;
}

/** One subscription's segments (in order, apart) as spans: the same, touching ones with the same figures joined. */
function joined(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.end === s.start && last.mrr === s.mrr && last.list === s.list && last.paused === s.paused) last.end = s.end;
    else out.push({ start: s.start, end: s.end, mrr: s.mrr, list: s.list, paused: s.paused });
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
