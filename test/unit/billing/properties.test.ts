// Property tests (fast-check) for the billing maths: periods never overlap or leave gaps,
// money is conserved through proration, discounts and tax stay within their bounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  discountAmount,
  fromEpochDay,
  fromYmd,
  fullPeriodLength,
  householdDiscount,
  isStub,
  monthIndex,
  nextBoundaryAfter,
  nthPeriod,
  periodContaining,
  periodIndex,
  periodStartingOnOrBefore,
  periodsOverlapping,
  prorate,
  prorateSpan,
  roundHalfUp,
  taxOfLine,
  toEpochDay,
  toYmd,
} from '../../../electron/billing';
import type { Discount, Period, Schedule } from '../../../electron/billing';

const RUNS = { numRuns: 300 };

/** Dates in 2000..2040, with days 28..31 (clamped to the month) drawn often. */
const arbDate = fc
  .record({
    y: fc.integer({ min: 2000, max: 2040 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 28, max: 31 })),
  })
  .map(({ y, m, d }) => fromYmd(y, m, Math.min(d, daysInMonth(y, m))));

const arbSchedule: fc.Arbitrary<Schedule> = fc.record({
  anchor: arbDate,
  interval: fc.constantFrom('week' as const, 'month' as const, 'year' as const),
  count: fc.integer({ min: 1, max: 12 }),
  alignment: fc.constantFrom('anniversary' as const, 'calendar' as const),
});

/** A schedule and a range [from, to) around it (from may precede the anchor). */
const arbScheduleAndRange = fc
  .tuple(arbSchedule, fc.integer({ min: -400, max: 3000 }), fc.integer({ min: 0, max: 1500 }))
  .map(([schedule, offset, length]) => {
    const from = addDays(schedule.anchor, offset);
    return { schedule, from, to: addDays(from, length) };
  });

/** A schedule and a day on or after its anchor. */
const arbScheduleAndDay = fc
  .tuple(arbSchedule, fc.integer({ min: 0, max: 5000 }))
  .map(([schedule, offset]) => ({ schedule, day: addDays(schedule.anchor, offset) }));

const length = (p: Period): number => daysBetween(p.start, p.end);

describe('periods (properties)', () => {
  it('periodsOverlapping is in order, contiguous and covers the range exactly', () => {
    fc.assert(
      fc.property(arbScheduleAndRange, ({ schedule, from, to }) => {
        const periods = periodsOverlapping(schedule, from, to);
        const start = compareDates(from, schedule.anchor) > 0 ? from : schedule.anchor;
        if (compareDates(start, to) >= 0) {
          expect(periods).toEqual([]);
          return;
        }
        expect(periods.length).toBeGreaterThan(0);
        const firstPeriod = periods[0]!;
        const lastPeriod = periods[periods.length - 1]!;
        expect(compareDates(firstPeriod.start, start)).toBeLessThanOrEqual(0);
        expect(compareDates(firstPeriod.start, schedule.anchor)).toBeGreaterThanOrEqual(0);
        expect(compareDates(lastPeriod.end, to)).toBeGreaterThanOrEqual(0);
        periods.forEach((p, i) => {
          expect(compareDates(p.start, p.end)).toBe(-1);
          expect(compareDates(p.start, to)).toBe(-1); // overlaps [from, to)
          expect(compareDates(p.end, start)).toBe(1);
          const next = periods[i + 1];
          if (next) expect(next.start).toBe(p.end); // no gap, no overlap
        });
      }),
      RUNS,
    );
  });

  it('every day after the anchor lies in exactly one period, and lookups agree', () => {
    fc.assert(
      fc.property(arbScheduleAndDay, ({ schedule, day }) => {
        const p = periodContaining(schedule, day);
        expect(compareDates(p.start, day)).toBeLessThanOrEqual(0);
        expect(compareDates(day, p.end)).toBe(-1);
        expect(periodsOverlapping(schedule, day, addDays(day, 1))).toEqual([p]);
        expect(nthPeriod(schedule, periodIndex(schedule, day))).toEqual(p);
        expect(periodStartingOnOrBefore(schedule, day)).toEqual(p);
        expect(nextBoundaryAfter(schedule, day)).toBe(p.end);
        if (p.start !== schedule.anchor) {
          expect(periodContaining(schedule, addDays(p.start, -1)).end).toBe(p.start);
        }
      }),
      RUNS,
    );
  });

  it('period lengths: whole periods have the interval’s length; only period 0 can be a stub', () => {
    fc.assert(
      fc.property(arbSchedule, fc.integer({ min: 0, max: 30 }), (schedule, n) => {
        const p = nthPeriod(schedule, n);
        const full = fullPeriodLength(schedule, p);
        const { interval, count } = schedule;
        const [min, max] =
          interval === 'week'
            ? [7 * count, 7 * count]
            : interval === 'month'
              ? [28 * count + (count >= 2 ? 1 : 0), 31 * count]
              : [365 * count, 366 * count];
        expect(full).toBeGreaterThanOrEqual(min);
        expect(full).toBeLessThanOrEqual(max);
        if (isStub(schedule, p)) {
          expect(n).toBe(0);
          expect(schedule.alignment).toBe('calendar');
          expect(length(p)).toBeLessThan(full);
          expect(length(p)).toBeGreaterThan(0);
        } else {
          expect(length(p)).toBe(full);
        }
      }),
      RUNS,
    );
  });

  it('anniversary periods start on the anchor day whenever the month has it', () => {
    const arbAnniversary = arbSchedule.filter((s) => s.interval !== 'week');
    fc.assert(
      fc.property(arbAnniversary, fc.integer({ min: 0, max: 40 }), (base, n) => {
        const schedule: Schedule = { ...base, alignment: 'anniversary' };
        const step = schedule.interval === 'month' ? schedule.count : 12 * schedule.count;
        const anchorDay = toYmd(schedule.anchor).d;
        const { start } = nthPeriod(schedule, n);
        const { y, m, d } = toYmd(start);
        expect(monthIndex(start)).toBe(monthIndex(schedule.anchor) + n * step);
        expect(d).toBe(Math.min(anchorDay, daysInMonth(y, m)));
        expect(start).toBe(addMonthsClamped(schedule.anchor, n * step));
      }),
      RUNS,
    );
  });

  it('weekly anniversary periods keep the anchor’s weekday', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 12 }), fc.nat(200), (anchor, count, n) => {
        const schedule: Schedule = { anchor, interval: 'week', count, alignment: 'anniversary' };
        const { start } = nthPeriod(schedule, n);
        expect(daysBetween(anchor, start)).toBe(7 * count * n);
        expect(dayOfWeek(start)).toBe(dayOfWeek(anchor));
      }),
      RUNS,
    );
  });

  it('calendar boundaries are 1sts, Mondays or Jan 1sts on the documented grid', () => {
    fc.assert(
      fc.property(arbSchedule, fc.integer({ min: 1, max: 30 }), (s, n) => {
        const schedule: Schedule = { ...s, alignment: 'calendar' };
        const { start } = nthPeriod(schedule, n);
        const { m, d } = toYmd(start);
        if (schedule.interval === 'week') {
          expect(dayOfWeek(start)).toBe(1);
          expect(daysBetween(nthPeriod(schedule, 1).start, start) % (7 * schedule.count)).toBe(0);
        } else if (schedule.interval === 'year') {
          expect([m, d]).toEqual([1, 1]);
          expect((toYmd(start).y - toYmd(schedule.anchor).y) % schedule.count).toBe(0);
        } else {
          expect(d).toBe(1);
          const fromJan = monthIndex(start) - 12 * toYmd(schedule.anchor).y;
          expect(fromJan % schedule.count).toBe(0);
          if (12 % schedule.count === 0) expect((m - 1) % schedule.count).toBe(0);
        }
      }),
      RUNS,
    );
  });
});

describe('money (properties)', () => {
  const arbAmount = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  );

  it('roundHalfUp is the nearest integer, ties away from zero, and symmetric', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const r = BigInt(roundHalfUp(n, d));
          // r = floor(n/d + 1/2)  ⇔  r·2d ≤ 2n + d < (r + 1)·2d
          expect(r * 2n * d <= 2n * n + d).toBe(true);
          expect(2n * n + d < (r + 1n) * 2n * d).toBe(true);
          expect(roundHalfUp(-n, d)).toBe(0 - Number(r));
          expect(roundHalfUp(n, -d)).toBe(0 - Number(r));
        },
      ),
      RUNS,
    );
  });

  it('prorate(a, d, d) = a, prorate(a, 0, d) = 0, and it is monotonic within 0..a', () => {
    fc.assert(
      fc.property(arbAmount, fc.integer({ min: 1, max: 800 }), fc.nat(800), (a, days, k) => {
        const used = k % (days + 1);
        expect(prorate(a, days, days)).toBe(a);
        expect(prorate(a, 0, days)).toBe(0);
        const part = prorate(a, used, days);
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(a);
        if (used < days) expect(prorate(a, used + 1, days)).toBeGreaterThanOrEqual(part);
      }),
      RUNS,
    );
  });

  it('splitting a period into consecutive pieces conserves money within (pieces − 1) units', () => {
    fc.assert(
      fc.property(
        arbAmount,
        fc.integer({ min: 1, max: 800 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 799 }), { maxLength: 12 }),
        (a, days, rawCuts) => {
          const cuts = rawCuts.filter((c) => c < days).sort((x, y) => x - y);
          const edges = [0, ...cuts, days];
          const pieces = edges.slice(1).map((edge, i) => edge - edges[i]!);
          const total = pieces.reduce((sum, used) => sum + prorate(a, used, days), 0);
          const drift = Math.abs(total - a);
          expect(drift).toBeLessThanOrEqual(pieces.length - 1);
          expect(drift).toBeLessThanOrEqual(Math.floor(pieces.length / 2)); // each piece ≤ ½
        },
      ),
      RUNS,
    );
  });

  it('a real period split at pause / resume / cancel dates conserves money too', () => {
    fc.assert(
      fc.property(
        arbScheduleAndDay,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.uniqueArray(fc.nat(400), { maxLength: 6 }),
        ({ schedule, day }, price, rawCuts) => {
          const p = periodContaining(schedule, day);
          const len = length(p);
          const cutDays = rawCuts.filter((c) => c > 0 && c < len).sort((x, y) => x - y);
          const edges = [p.start, ...cutDays.map((c) => addDays(p.start, c)), p.end];
          const spans = edges.slice(1).map((end, i) => ({ start: edges[i]!, end }));
          const total = spans.reduce((sum, span) => sum + prorateSpan(schedule, price, span), 0);
          const whole = prorateSpan(schedule, price, p); // a stub's own price
          expect(Math.abs(total - whole)).toBeLessThanOrEqual(spans.length - 1);
          if (!isStub(schedule, p)) expect(whole).toBe(price);
        },
      ),
      RUNS,
    );
  });
});

describe('discounts (properties)', () => {
  const arbDiscount: fc.Arbitrary<Discount> = fc.oneof(
    fc
      .integer({ min: 0, max: 10_000 })
      .map((percentBp) => ({ kind: 'percent' as const, percentBp })),
    fc.integer({ min: 0, max: 100_000_000 }).map((amount) => ({ kind: 'fixed' as const, amount })),
  );

  it('a discount is never negative and never exceeds the base', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), arbDiscount, (base, discount) => {
        const off = discountAmount(base, discount);
        expect(Number.isSafeInteger(off)).toBe(true);
        expect(off).toBeGreaterThanOrEqual(0);
        expect(off).toBeLessThanOrEqual(base);
      }),
      RUNS,
    );
  });

  it('household discounts stay within 0..base and spare the first member', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.nat(10),
        (base, bp, position) => {
          const off = householdDiscount(base, bp, position);
          expect(off).toBeGreaterThanOrEqual(0);
          expect(off).toBeLessThanOrEqual(base);
          if (position === 0) expect(off).toBe(0);
        },
      ),
      RUNS,
    );
  });
});

describe('tax (properties)', () => {
  const arbLine = fc.integer({ min: -100_000_000, max: 100_000_000 });
  const arbRate = fc.oneof(
    fc.constantFrom(0, 600, 900, 1300, 2000, 2100),
    fc.integer({ min: 0, max: 10_000 }),
  );

  it('net + tax = gross in both modes, and −x mirrors x', () => {
    fc.assert(
      fc.property(
        arbLine,
        arbRate,
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        (amount, rate, mode) => {
          const line = taxOfLine(amount, rate, mode);
          expect(line.net + line.tax).toBe(line.gross);
          expect(mode === 'inclusive' ? line.gross : line.net).toBe(amount);
          const mirror = taxOfLine(0 - amount, rate, mode);
          expect(mirror).toEqual({ net: 0 - line.net, tax: 0 - line.tax, gross: 0 - line.gross });
          if (amount >= 0) {
            expect(line.tax).toBeGreaterThanOrEqual(0);
            expect(line.tax).toBeLessThanOrEqual(line.gross);
          }
        },
      ),
      RUNS,
    );
  });

  it('an exclusive gross, read back as inclusive, gives the same net and tax', () => {
    fc.assert(
      fc.property(arbLine, arbRate, (net, rate) => {
        const exclusive = taxOfLine(net, rate, 'exclusive');
        expect(taxOfLine(exclusive.gross, rate, 'inclusive')).toEqual(exclusive);
      }),
      RUNS,
    );
  });
});

describe('dates (properties)', () => {
  it('addDays and daysBetween are inverse; epoch days round-trip', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(daysBetween(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
        expect(fromEpochDay(toEpochDay(date))).toBe(date);
        expect(compareDates(date, later)).toBe(Math.sign(n) === 0 ? 0 : n > 0 ? -1 : 1);
      }),
      RUNS,
    );
  });
});
