/**
 * The report formulas, as pure functions over plain values: no SQLite, no Electron.
 * Definitions follow ProfitWell and Baremetrics (see docs/reports.md). Money is integer
 * minor units; ratios are integer basis points (10000 = 100 %), rounded half-up once.
 */
import { addDays, daysBetween, fromYmd, lastDayOfMonth, maxDate, minDate, toEpochDay, toYmd } from '../../../shared/dates';
import { roundHalfUp } from '../../billing/money';

// ---------------------------------------------------------------------------------------------
// Months and buckets

/** 'YYYY-MM'. */
export type Month = string;

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function firstDayOf(month: Month): string {
  return `${month}-01`;
}

export function lastDayOf(month: Month): string {
  return lastDayOfMonth(firstDayOf(month));
}

/** The month after `month`. */
export function nextMonth(month: Month): Month {
  return monthOf(addDays(lastDayOf(month), 1));
}

export function prevMonth(month: Month): Month {
  return monthOf(addDays(firstDayOf(month), -1));
}

/** Months since year 0 (an integer key that sorts and subtracts). */
export function monthNumber(month: Month): number {
  const { y, m } = toYmd(firstDayOf(month));
  return y * 12 + m - 1;
}

export function monthFromNumber(n: number): Month {
  return fromYmd(Math.floor(n / 12), (n % 12) + 1, 1).slice(0, 7);
}

/** One monthly bucket of a date range: the month, clipped to the range (both ends inclusive). */
export interface Bucket {
  month: Month;
  start: string;
  end: string;
}

/** The months touched by [from, to] (inclusive), the first and last clipped to the range. */
export function monthlyBuckets(from: string, to: string): Bucket[] {
  if (to < from) return [];
  const out: Bucket[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = nextMonth(m)) {
    out.push({ month: m, start: maxDate(firstDayOf(m), from), end: minDate(lastDayOf(m), to) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ratios

/** num / den in basis points, half-up (negative ratios mirror); null when den is 0. */
export function ratioBp(num: number, den: number): number | null {
  if (den === 0) return null;
  return roundHalfUp(BigInt(num) * 10_000n, den);
}

/** An amount divided by a count, half-up; null when the count is 0. */
export function perHead(amount: number, count: number): number | null {
  return count === 0 ? null : roundHalfUp(amount, count);
}

// ---------------------------------------------------------------------------------------------
// MRR movements (ProfitWell / Baremetrics): each customer's MRR at the start of a month is
// compared with their MRR at its end; the difference is one movement.

export type MovementKind = 'new' | 'expansion' | 'contraction' | 'churned' | 'reactivation' | 'paused' | 'resumed';
export const MOVEMENT_KINDS: readonly MovementKind[] = ['new', 'expansion', 'contraction', 'churned', 'reactivation', 'paused', 'resumed'];

/** A customer at a snapshot: their MRR, their MRR before discounts and how many subscriptions are frozen. */
export interface Snapshot {
  mrr: number;
  list: number;
  paused: number;
}

/**
 * The movement of one customer between two snapshots (null: not a customer then; a frozen member
 * is a customer with MRR 0). Not a customer → customer is new, or a reactivation when they were a
 * customer at some earlier time; customer → not is churned. A customer both times: MRR down with
 * more subscriptions frozen is paused, MRR up with fewer frozen is resumed, otherwise expansion or
 * contraction; `discountEnded` is the part of an expansion that is less discount on the same
 * prices. Amounts are positive; null when nothing moved.
 */
export function classifyMovement(
  prev: Snapshot | null,
  cur: Snapshot | null,
  customerBefore: boolean,
): { kind: MovementKind; amount: number; discountEnded: number } | null {
  const move = (kind: MovementKind, amount: number, discountEnded = 0) => ({ kind, amount, discountEnded });
  if (prev === null && cur === null) return null;
  if (prev === null) return move(customerBefore ? 'reactivation' : 'new', cur!.mrr);
  if (cur === null) return move('churned', prev.mrr);
  if (cur.mrr === prev.mrr) return null;
  if (cur.mrr < prev.mrr) return move(cur.paused > prev.paused ? 'paused' : 'contraction', prev.mrr - cur.mrr);
  const up = cur.mrr - prev.mrr;
  if (cur.paused < prev.paused) return move('resumed', up);
  const lessOff = prev.list - prev.mrr - (cur.list - cur.mrr);
  return move('expansion', up, Math.max(0, Math.min(up, lessOff)));
}

export type Movements = Record<MovementKind, number>;

export function emptyMovements(): Movements {
  return { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0, paused: 0, resumed: 0 };
}

/** The change in MRR the movements explain: new + expansion + reactivation + resumed − contraction − churned − paused. */
export function netNewMrr(m: Movements): number {
  return m.new + m.expansion + m.reactivation + m.resumed - m.contraction - m.churned - m.paused;
}

/** Customer churn rate: customers lost in the month ÷ customers at its start (new ones are in neither). */
export function customerChurnBp(lost: number, atStart: number): number | null {
  return ratioBp(lost, atStart);
}

/** Gross MRR churn: (churned + contraction) ÷ MRR at the start (a freeze is its own movement, not churn). */
export function grossRevenueChurnBp(m: Movements, startMrr: number): number | null {
  return ratioBp(m.churned + m.contraction, startMrr);
}

/** Net MRR churn: (churned + contraction − expansion) ÷ MRR at the start; negative when expansion wins. */
export function netRevenueChurnBp(m: Movements, startMrr: number): number | null {
  return ratioBp(m.churned + m.contraction - m.expansion, startMrr);
}

/**
 * Net revenue retention: what the members at the start still bring in — (start MRR + expansion +
 * resumed − contraction − churned − paused) ÷ start MRR. A freeze is not churn (the rates above
 * leave it out) but a frozen member brings nothing in, so retention counts it.
 */
export function nrrBp(m: Movements, startMrr: number): number | null {
  return ratioBp(startMrr + m.expansion + m.resumed - m.contraction - m.churned - m.paused, startMrr);
}

/** Pooled churn over several months: Σ lost ÷ Σ customers at the start (trailing 3 months by default). */
export function pooledChurnBp(months: { lost: number; atStart: number }[]): number | null {
  return ratioBp(
    months.reduce((s, m) => s + m.lost, 0),
    months.reduce((s, m) => s + m.atStart, 0),
  );
}

/** Lifetime value (Baremetrics): ARPU ÷ monthly customer churn rate. Null without churn or customers. */
export function lifetimeValue(arpu: number | null, churnBp: number | null): number | null {
  if (arpu === null || churnBp === null || churnBp <= 0) return null;
  return roundHalfUp(BigInt(arpu) * 10_000n, churnBp);
}

// ---------------------------------------------------------------------------------------------
// Revenue recognition (accrual): an amount for a service span is spread over the months of the
// span by days. Cumulative rounding makes the shares add up to the amount exactly.

/** `amount` for [start, endExclusive) spread by days over its months. */
export function spreadByDays(amount: number, start: string, endExclusive: string): { month: Month; amount: number }[] {
  const total = daysBetween(start, endExclusive);
  if (total <= 0) return [{ month: monthOf(start), amount }];
  const out: { month: Month; amount: number }[] = [];
  let done = 0;
  let before = 0;
  for (let day = start; day < endExclusive; ) {
    const month = monthOf(day);
    const next = minDate(addDays(lastDayOf(month), 1), endExclusive);
    done += daysBetween(day, next);
    const upTo = mulDivRound(amount, done, total);
    out.push({ month, amount: upTo - before });
    before = upTo;
    day = next;
  }
  return out;
}

/**
 * a × b / den rounded half away from zero, exactly like billing's roundHalfUp, without BigInt
 * while the product fits a double exactly (the common case, done thousands of times a report).
 */
export function mulDivRound(a: number, b: number, den: number): number {
  const num = a * b;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) return roundHalfUp(BigInt(a) * BigInt(b), BigInt(den));
  const r = num % den;
  const q = (num - r) / den;
  return 2 * Math.abs(r) >= den ? q + Math.sign(r) : q;
}

/**
 * `amount` spread over `total` days by cumulative rounding, each day's share added to `into[at + day]`:
 * day i gets mulDivRound(amount, i + 1, total) − mulDivRound(amount, i, total), worked out step by step
 * (no division per day) while amount × total fits a double exactly.
 */
export function addDailyShares(amount: number, total: number, into: number[], at: number): void {
  const abs = Math.abs(amount);
  if (!Number.isSafeInteger(total) || total <= 0 || !Number.isSafeInteger(abs * total)) {
    let before = 0;
    for (let i = 1; i <= total; i++) {
      const upTo = mulDivRound(amount, i, total);
      into[at + i - 1]! += upTo - before;
      before = upTo;
    }
    return;
  }
  // abs × (i + 1) = q × total + r; rounded half up (a negative amount is the mirror image).
  const sign = amount < 0 ? -1 : 1;
  const whole = Math.floor(abs / total);
  const part = abs % total;
  let q = 0;
  let r = 0;
  let before = 0;
  for (let i = 0; i < total; i++) {
    q += whole;
    r += part;
    if (r >= total) {
      r -= total;
      q++;
    }
    const upTo = 2 * r >= total ? q + 1 : q;
    into[at + i]! += sign * (upTo - before);
    before = upTo;
  }
}

/**
 * The part of `amount` (for [start, endExclusive)) that falls on the days [from, toExclusive),
 * by the same cumulative rounding as spreadByDays: a month's share is the same either way.
 */
export function shareOfSpan(amount: number, start: string, endExclusive: string, from: string, toExclusive: string): number {
  return shareOfDays(amount, toEpochDay(start), toEpochDay(endExclusive), toEpochDay(from), toEpochDay(toExclusive));
}

/** shareOfSpan on epoch days. */
export function shareOfDays(amount: number, start: number, endExclusive: number, from: number, toExclusive: number): number {
  const total = endExclusive - start;
  if (total <= 0) return from <= start && start < toExclusive ? amount : 0;
  const upTo = (day: number) => mulDivRound(amount, Math.min(Math.max(day - start, 0), total), total);
  return upTo(toExclusive) - upTo(from);
}

// ---------------------------------------------------------------------------------------------
// Cash flow

export interface CashMonth {
  month: Month;
  collected: number;
  refunded: number;
  expenses: number;
}

export interface CashFlowRow extends CashMonth {
  /** collected − refunded − expenses. */
  net: number;
  /** Running total of `net` from the start of the range (plus the opening amount). */
  running: number;
}

export function cashFlow(rows: CashMonth[], opening = 0): CashFlowRow[] {
  let running = opening;
  return rows.map((r) => {
    const net = r.collected - r.refunded - r.expenses;
    running += net;
    return { ...r, net, running };
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts receivable aging

export type AgingBucket = 'current' | 'd1_30' | 'd31_60' | 'd61_90' | 'd90plus';
export const AGING_BUCKETS: readonly AgingBucket[] = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'];

/** Days past due → bucket. Not yet due (or due today) is current. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) return 'current';
  if (late <= 30) return 'd1_30';
  if (late <= 60) return 'd31_60';
  if (late <= 90) return 'd61_90';
  return 'd90plus';
}

export type AgingAmounts = Record<AgingBucket, number> & { total: number };

export function emptyAging(): AgingAmounts {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0, total: 0 };
}

export interface OpenItem {
  payerId: number;
  payerName: string;
  dueDate: string;
  balance: number;
}

export interface AgingRow extends AgingAmounts {
  payerId: number;
  payerName: string;
  invoices: number;
  oldestDueDate: string;
}

/** Open balances by payer and bucket, largest total first; plus the totals row. */
export function agingTable(items: OpenItem[], asOf: string): { rows: AgingRow[]; totals: AgingAmounts } {
  const byPayer = new Map<number, AgingRow>();
  const totals = emptyAging();
  for (const it of items) {
    const bucket = agingBucket(it.dueDate, asOf);
    let row = byPayer.get(it.payerId);
    if (!row) {
      row = { payerId: it.payerId, payerName: it.payerName, invoices: 0, oldestDueDate: it.dueDate, ...emptyAging() };
      byPayer.set(it.payerId, row);
    }
    row[bucket] += it.balance;
    row.total += it.balance;
    row.invoices += 1;
    if (it.dueDate < row.oldestDueDate) row.oldestDueDate = it.dueDate;
    totals[bucket] += it.balance;
    totals.total += it.balance;
  }
  const rows = [...byPayer.values()].sort((a, b) => b.total - a.total || a.payerId - b.payerId);
  return { rows, totals };
}

// ---------------------------------------------------------------------------------------------
// Forecast

/**
 * Applies a monthly churn rate to a forecast: month k (1-based) keeps (1 − churn)^k of what the
 * billing engine would invoice, since each member billed then must have stayed k more months.
 * Survival is carried in parts per billion so twelve months of compounding stay exact enough;
 * each month's amount is rounded half-up once.
 */
export function applyChurn<T extends { total: number }>(months: T[], churnBp: number): (T & { withChurn: number })[] {
  const SCALE = 1_000_000_000n;
  const keep = SCALE - (BigInt(Math.max(0, Math.min(10_000, churnBp))) * SCALE) / 10_000n;
  let survival = SCALE;
  return months.map((m) => {
    survival = (survival * keep) / SCALE;
    return { ...m, withChurn: roundHalfUp(BigInt(m.total) * survival, SCALE) };
  });
}
