// Billing periods: `[start, end)` ranges of calendar dates that never overlap and never leave
// a gap.
//
// Both alignments are described by one grid of boundaries, boundary(k) for integer k:
//
//   anniversary  origin = the anchor (first paid day); boundary(k) = origin + k × step,
//                month/year steps computed from the origin every time (never by chaining), so
//                month-end clamping never accumulates: Jan 31 → Feb 28 → Mar 31 → Apr 30.
//   calendar     origin = Jan 1 of the anchor's year (month and year plans), or the first
//                Monday on/after the anchor (week plans). Boundaries are every `count` months
//                / years / weeks from there. For counts that divide 12 months this is the
//                natural grid (quarterly = Jan/Apr/Jul/Oct 1st); for other counts the grid
//                runs on from Jan 1 of the anchor's year without resetting each January
//                (5-monthly from 2026: Jan 1, Jun 1, Nov 1, Apr 1 2027…), so all full periods
//                have the same number of months.
//
// A schedule's periods are the grid cells from the anchor on, the first one cut to start at
// the anchor. For calendar alignment that first cell is a "stub" unless the anchor is itself
// a boundary; the stub is prorated against the length of the full cell it belongs to.
// A schedule has no periods before its anchor.

import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  firstMondayOnOrAfter,
  maxDate,
  monthIndex,
  startOfYear,
  toYmd,
} from '../../shared/dates';
import type { IsoDate } from '../../shared/dates';
import { assertMinor, prorate, roundHalfUp } from './money';

export type Interval = 'week' | 'month' | 'year';
export type Alignment = 'anniversary' | 'calendar';

/** `[start, end)`: `end` is the first day of the next period. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** How a subscription is cut into periods; `anchor` is the first paid day. */
export interface Schedule {
  anchor: IsoDate;
  interval: Interval;
  count: number;
  alignment: Alignment;
}

const INTERVALS: readonly Interval[] = ['week', 'month', 'year'];
const ALIGNMENTS: readonly Alignment[] = ['anniversary', 'calendar'];

/** Throws RangeError on an invalid anchor, interval, count or alignment. */
export function assertSchedule(schedule: Schedule): void {
  toYmd(schedule.anchor);
  if (!INTERVALS.includes(schedule.interval)) {
    throw new RangeError(`Invalid interval: ${String(schedule.interval)}`);
  }
  if (!ALIGNMENTS.includes(schedule.alignment)) {
    throw new RangeError(`Invalid alignment: ${String(schedule.alignment)}`);
  }
  if (!Number.isSafeInteger(schedule.count) || schedule.count < 1) {
    throw new RangeError(`Interval count must be a positive integer, got ${schedule.count}`);
  }
}

/** The grid a schedule's boundaries lie on (see the header comment). */
interface Grid {
  origin: IsoDate;
  /** Days per cell for weeks, months per cell for months and years. */
  step: number;
  unit: 'days' | 'months';
}

function gridOf(schedule: Schedule): Grid {
  assertSchedule(schedule);
  const { anchor, interval, count, alignment } = schedule;
  if (interval === 'week') {
    const origin = alignment === 'calendar' ? firstMondayOnOrAfter(anchor) : anchor;
    return { origin, step: 7 * count, unit: 'days' };
  }
  const origin = alignment === 'calendar' ? startOfYear(anchor) : anchor;
  return { origin, step: interval === 'month' ? count : 12 * count, unit: 'months' };
}

function boundary(grid: Grid, k: number): IsoDate {
  return grid.unit === 'days'
    ? addDays(grid.origin, grid.step * k)
    : addMonthsClamped(grid.origin, grid.step * k);
}

/** The largest k with boundary(k) ≤ date. */
function cellIndex(grid: Grid, date: IsoDate): number {
  if (grid.unit === 'days') return Math.floor(daysBetween(grid.origin, date) / grid.step);
  // boundary(k) for this k lies in date's month or earlier; if in date's month, its (clamped)
  // day may still be after date's day, and then the cell before is the one.
  const k = Math.floor((monthIndex(date) - monthIndex(grid.origin)) / grid.step);
  return compareDates(boundary(grid, k), date) > 0 ? k - 1 : k;
}

function assertNotBeforeAnchor(schedule: Schedule, date: IsoDate): void {
  if (compareDates(date, schedule.anchor) < 0) {
    throw new RangeError(`${date} is before the schedule's anchor ${schedule.anchor}`);
  }
}

/** Period number n of the schedule (0 = the first, starting on the anchor). */
export function nthPeriod(schedule: Schedule, n: number): Period {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Period index must be a non-negative integer, got ${n}`);
  }
  const grid = gridOf(schedule);
  const k = cellIndex(grid, schedule.anchor) + n;
  return { start: maxDate(boundary(grid, k), schedule.anchor), end: boundary(grid, k + 1) };
}

/** The number (0-based, as for nthPeriod) of the period containing `date` ≥ anchor. */
export function periodIndex(schedule: Schedule, date: IsoDate): number {
  assertNotBeforeAnchor(schedule, date);
  const grid = gridOf(schedule);
  return cellIndex(grid, date) - cellIndex(grid, schedule.anchor);
}

// Periods depend only on the schedule and the date, and a billing run asks about the same few
// (schedule, date) pairs for thousands of subscriptions: answers are remembered (bounded).
const memo = new Map<string, Period | number>();
const MEMO_MAX = 20_000;

function remembered<T extends Period | number>(what: string, schedule: Schedule, date: IsoDate, compute: () => T): T {
  const key = `${what}|${schedule.anchor}|${schedule.interval}|${schedule.count}|${schedule.alignment}|${date}`;
  const copy = (v: Period | number) => (typeof v === 'number' ? v : { start: v.start, end: v.end }) as T;
  const hit = memo.get(key);
  if (hit !== undefined) return copy(hit);
  const value = compute();
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, copy(value));
  return value;
}

/** The period containing `date`. Throws RangeError when `date` is before the anchor. */
export function periodContaining(schedule: Schedule, date: IsoDate): Period {
  return remembered('containing', schedule, date, () => nthPeriod(schedule, periodIndex(schedule, date)));
}

/**
 * The latest period that starts on or before `date` — the last one the billing run should have
 * invoiced by `date` — or null when the schedule has not started yet.
 */
export function periodStartingOnOrBefore(schedule: Schedule, date: IsoDate): Period | null {
  assertSchedule(schedule);
  if (compareDates(date, schedule.anchor) < 0) return null;
  return periodContaining(schedule, date);
}

/** The first period start strictly after `date` (the anchor itself if `date` precedes it). */
export function nextBoundaryAfter(schedule: Schedule, date: IsoDate): IsoDate {
  assertSchedule(schedule);
  if (compareDates(date, schedule.anchor) < 0) return schedule.anchor;
  return periodContaining(schedule, date).end;
}

/**
 * The schedule's periods that overlap `[from, to)`, in order and contiguous (each end is the
 * next start). The first starts on or before max(from, anchor); the last ends on or after
 * `to`. Empty when the range is empty or ends on or before the anchor.
 */
export function periodsOverlapping(schedule: Schedule, from: IsoDate, to: IsoDate): Period[] {
  assertSchedule(schedule);
  const first = maxDate(from, schedule.anchor);
  const periods: Period[] = [];
  if (compareDates(first, to) >= 0) return periods;
  for (let n = periodIndex(schedule, first); ; n++) {
    const period = nthPeriod(schedule, n);
    if (compareDates(period.start, to) >= 0) return periods;
    periods.push(period);
  }
}

/** Length in days of the full grid cell containing `date`. */
function fullCellLength(schedule: Schedule, date: IsoDate): number {
  return remembered('cell', schedule, date, () => {
    const grid = gridOf(schedule);
    const k = cellIndex(grid, date);
    return daysBetween(boundary(grid, k), boundary(grid, k + 1));
  });
}

/**
 * True for a calendar-aligned first period that starts between two boundaries (a partial
 * "stub", prorated). Anniversary periods are never stubs.
 */
export function isStub(schedule: Schedule, period: Period): boolean {
  if (schedule.alignment !== 'calendar') return false;
  const grid = gridOf(schedule);
  return boundary(grid, cellIndex(grid, period.start)) !== period.start;
}

/**
 * Length in days of the full period that `period` (or any span inside one period) belongs to:
 * the denominator for proration. Stub Oct 15..Nov 1 of a calendar month plan → 31 (October);
 * for any whole period, its own length.
 */
export function fullPeriodLength(schedule: Schedule, period: Period): number {
  return fullCellLength(schedule, period.start);
}

/**
 * The price of `span`, a run of whole days inside one period of the schedule:
 * price × days(span) / fullPeriodLength, half-up. Used for stubs, resumes (R → next anchor) and
 * credits for unused days (D → period end). Throws if the span ends before it starts, starts
 * before the anchor, or crosses a period boundary.
 */
export function prorateSpan(schedule: Schedule, price: number, span: Period): number {
  assertMinor(price, 'Price');
  const period = periodContaining(schedule, span.start);
  if (compareDates(span.end, span.start) < 0 || compareDates(span.end, period.end) > 0) {
    throw new RangeError(`Span ${span.start}..${span.end} is not inside one period`);
  }
  return prorate(price, daysBetween(span.start, span.end), fullCellLength(schedule, span.start));
}

/**
 * The price per month equivalent, half-up: week × 52 / 12 / count, month / count,
 * year / (12 × count). Used to tell an upgrade from a downgrade, and for MRR.
 */
export function normalisedMonthly(price: number, interval: Interval, count: number): number {
  assertMinor(price, 'Price');
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`Interval count must be a positive integer, got ${count}`);
  }
  // Every month: the price itself (no division to round), without BigInt; the reports ask this per day of change.
  if (interval === 'month' && count === 1) return price;
  const p = BigInt(price);
  const c = BigInt(count);
  switch (interval) {
    case 'week':
      return roundHalfUp(p * 52n, 12n * c);
    case 'month':
      return roundHalfUp(p, c);
    case 'year':
      return roundHalfUp(p, 12n * c);
    default:
      throw new RangeError(`Invalid interval: ${String(interval)}`);
  }
}
