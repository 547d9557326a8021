import { describe, expect, it } from 'vitest';
import type { Alignment, Interval, Period, Schedule } from '../../../electron/billing/periods';
import {
  assertSchedule,
  fullPeriodLength,
  isStub,
  nextBoundaryAfter,
  normalisedMonthly,
  nthPeriod,
  periodContaining,
  periodIndex,
  periodStartingOnOrBefore,
  periodsOverlapping,
  prorateSpan,
} from '../../../electron/billing/periods';

function schedule(
  anchor: string,
  interval: Interval,
  count = 1,
  alignment: Alignment = 'anniversary',
): Schedule {
  return { anchor, interval, count, alignment };
}

/** The first n periods. */
function first(s: Schedule, n: number): Period[] {
  return Array.from({ length: n }, (_, i) => nthPeriod(s, i));
}

const starts = (periods: Period[]): string[] => periods.map((p) => p.start);

describe('anniversary monthly periods at month ends', () => {
  it('anchor Jan 31 in a leap year: Feb 29, Mar 31, Apr 30, May 31', () => {
    expect(first(schedule('2024-01-31', 'month'), 6)).toEqual([
      { start: '2024-01-31', end: '2024-02-29' },
      { start: '2024-02-29', end: '2024-03-31' },
      { start: '2024-03-31', end: '2024-04-30' },
      { start: '2024-04-30', end: '2024-05-31' },
      { start: '2024-05-31', end: '2024-06-30' },
      { start: '2024-06-30', end: '2024-07-31' },
    ]);
  });

  it('anchor Jan 31 2025: Feb 28, Mar 31, Apr 30, May 31, and back to Feb 28 next year', () => {
    const s = schedule('2025-01-31', 'month');
    expect(starts(first(s, 5))).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
    ]);
    expect(nthPeriod(s, 13)).toEqual({ start: '2026-02-28', end: '2026-03-31' });
    expect(nthPeriod(s, 37)).toEqual({ start: '2028-02-29', end: '2028-03-31' });
  });

  it('anchor Aug 31: Sep 30, Oct 31, Nov 30, Dec 31, Feb 28', () => {
    expect(starts(first(schedule('2025-08-31', 'month'), 7))).toEqual([
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
    ]);
  });

  it('anchor on the 30th returns to the 30th after February', () => {
    expect(starts(first(schedule('2026-01-30', 'month'), 3))).toEqual([
      '2026-01-30',
      '2026-02-28',
      '2026-03-30',
    ]);
  });

  it('periodContaining near clamped boundaries', () => {
    const s = schedule('2024-01-31', 'month');
    expect(periodContaining(s, '2024-01-31')).toEqual({ start: '2024-01-31', end: '2024-02-29' });
    expect(periodContaining(s, '2024-02-28')).toEqual({ start: '2024-01-31', end: '2024-02-29' });
    expect(periodContaining(s, '2024-02-29')).toEqual({ start: '2024-02-29', end: '2024-03-31' });
    expect(periodContaining(s, '2024-03-30')).toEqual({ start: '2024-02-29', end: '2024-03-31' });
    expect(periodContaining(s, '2024-03-31')).toEqual({ start: '2024-03-31', end: '2024-04-30' });
    const t = schedule('2025-01-31', 'month');
    expect(periodContaining(t, '2025-03-30')).toEqual({ start: '2025-02-28', end: '2025-03-31' });
    expect(periodIndex(t, '2025-03-30')).toBe(1);
    expect(periodIndex(t, '2025-03-31')).toBe(2);
  });
});

describe('anniversary quarterly, yearly and weekly periods', () => {
  it('quarterly (month × 3) from Nov 30 clamps each quarter from the anchor', () => {
    expect(starts(first(schedule('2025-11-30', 'month', 3), 5))).toEqual([
      '2025-11-30',
      '2026-02-28',
      '2026-05-30',
      '2026-08-30',
      '2026-11-30',
    ]);
    expect(starts(first(schedule('2023-11-30', 'month', 3), 3))).toEqual([
      '2023-11-30',
      '2024-02-29',
      '2024-05-30',
    ]);
  });

  it('yearly from Feb 29: Feb 28 in common years, Feb 29 again in the next leap year', () => {
    expect(first(schedule('2024-02-29', 'year'), 5)).toEqual([
      { start: '2024-02-29', end: '2025-02-28' },
      { start: '2025-02-28', end: '2026-02-28' },
      { start: '2026-02-28', end: '2027-02-28' },
      { start: '2027-02-28', end: '2028-02-29' },
      { start: '2028-02-29', end: '2029-02-28' },
    ]);
  });

  it('yearly and two-yearly', () => {
    expect(starts(first(schedule('2025-03-15', 'year'), 3))).toEqual([
      '2025-03-15',
      '2026-03-15',
      '2027-03-15',
    ]);
    expect(starts(first(schedule('2025-03-15', 'year', 2), 3))).toEqual([
      '2025-03-15',
      '2027-03-15',
      '2029-03-15',
    ]);
  });

  it('weekly and fortnightly, across a year end', () => {
    expect(first(schedule('2026-01-07', 'week'), 3)).toEqual([
      { start: '2026-01-07', end: '2026-01-14' },
      { start: '2026-01-14', end: '2026-01-21' },
      { start: '2026-01-21', end: '2026-01-28' },
    ]);
    expect(starts(first(schedule('2026-01-07', 'week', 2), 3))).toEqual([
      '2026-01-07',
      '2026-01-21',
      '2026-02-04',
    ]);
    expect(periodContaining(schedule('2025-12-29', 'week'), '2026-01-04')).toEqual({
      start: '2025-12-29',
      end: '2026-01-05',
    });
  });

  it('anniversary periods are never stubs and are their own full length', () => {
    const s = schedule('2024-01-31', 'month');
    const p = nthPeriod(s, 1);
    expect(isStub(s, p)).toBe(false);
    expect(fullPeriodLength(s, p)).toBe(31); // Feb 29 → Mar 31
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(29); // Jan 31 → Feb 29
  });
});

describe('calendar alignment', () => {
  it('monthly from Oct 15: a stub to Nov 1 prorated over October (31 days)', () => {
    const s = schedule('2022-10-15', 'month', 1, 'calendar');
    const [stub, next] = first(s, 2);
    expect(stub).toEqual({ start: '2022-10-15', end: '2022-11-01' });
    expect(next).toEqual({ start: '2022-11-01', end: '2022-12-01' });
    expect(isStub(s, stub!)).toBe(true);
    expect(fullPeriodLength(s, stub!)).toBe(31);
    expect(isStub(s, next!)).toBe(false);
    expect(fullPeriodLength(s, next!)).toBe(30);
    expect(prorateSpan(s, 3100, stub!)).toBe(1700); // 17/31
  });

  it('monthly stubs in February use February’s length (leap and common)', () => {
    const leap = schedule('2024-02-10', 'month', 1, 'calendar');
    expect(nthPeriod(leap, 0)).toEqual({ start: '2024-02-10', end: '2024-03-01' });
    expect(fullPeriodLength(leap, nthPeriod(leap, 0))).toBe(29);
    const common = schedule('2025-02-10', 'month', 1, 'calendar');
    expect(fullPeriodLength(common, nthPeriod(common, 0))).toBe(28);
  });

  it('Aug 31 calendar monthly: one-day stub, then the 1st of each month', () => {
    const s = schedule('2025-08-31', 'month', 1, 'calendar');
    expect(first(s, 4)).toEqual([
      { start: '2025-08-31', end: '2025-09-01' },
      { start: '2025-09-01', end: '2025-10-01' },
      { start: '2025-10-01', end: '2025-11-01' },
      { start: '2025-11-01', end: '2025-12-01' },
    ]);
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(31);
  });

  it('starting on a boundary has no stub', () => {
    const s = schedule('2022-10-01', 'month', 1, 'calendar');
    expect(nthPeriod(s, 0)).toEqual({ start: '2022-10-01', end: '2022-11-01' });
    expect(isStub(s, nthPeriod(s, 0))).toBe(false);
    const q = schedule('2026-04-01', 'month', 3, 'calendar');
    expect(nthPeriod(q, 0)).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(isStub(q, nthPeriod(q, 0))).toBe(false);
  });

  it('quarterly boundaries are Jan/Apr/Jul/Oct 1st', () => {
    const s = schedule('2026-05-15', 'month', 3, 'calendar');
    const periods = first(s, 4);
    expect(periods).toEqual([
      { start: '2026-05-15', end: '2026-07-01' },
      { start: '2026-07-01', end: '2026-10-01' },
      { start: '2026-10-01', end: '2027-01-01' },
      { start: '2027-01-01', end: '2027-04-01' },
    ]);
    expect(periods.map((p) => isStub(s, p))).toEqual([true, false, false, false]);
    expect(periods.map((p) => fullPeriodLength(s, p))).toEqual([91, 92, 92, 90]);
  });

  it('5-monthly boundaries run on from Jan 1 of the start year without resetting', () => {
    const s = schedule('2026-10-15', 'month', 5, 'calendar');
    expect(first(s, 3)).toEqual([
      { start: '2026-10-15', end: '2026-11-01' },
      { start: '2026-11-01', end: '2027-04-01' },
      { start: '2027-04-01', end: '2027-09-01' },
    ]);
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(153); // Jun 1 → Nov 1
  });

  it('weekly: boundaries on Mondays, stub until the first Monday', () => {
    const s = schedule('2026-01-07', 'week', 1, 'calendar'); // a Wednesday
    expect(first(s, 3)).toEqual([
      { start: '2026-01-07', end: '2026-01-12' },
      { start: '2026-01-12', end: '2026-01-19' },
      { start: '2026-01-19', end: '2026-01-26' },
    ]);
    expect(isStub(s, nthPeriod(s, 0))).toBe(true);
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(7);
    const monday = schedule('2026-01-05', 'week', 1, 'calendar');
    expect(nthPeriod(monday, 0)).toEqual({ start: '2026-01-05', end: '2026-01-12' });
    expect(isStub(monday, nthPeriod(monday, 0))).toBe(false);
  });

  it('fortnightly: counted from the first Monday on/after the start', () => {
    const s = schedule('2026-01-07', 'week', 2, 'calendar');
    expect(first(s, 3)).toEqual([
      { start: '2026-01-07', end: '2026-01-12' },
      { start: '2026-01-12', end: '2026-01-26' },
      { start: '2026-01-26', end: '2026-02-09' },
    ]);
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(14);
  });

  it('yearly: Jan 1 boundaries, the stub prorated over its whole year', () => {
    const s = schedule('2024-03-10', 'year', 1, 'calendar');
    expect(first(s, 2)).toEqual([
      { start: '2024-03-10', end: '2025-01-01' },
      { start: '2025-01-01', end: '2026-01-01' },
    ]);
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(366);
    expect(fullPeriodLength(s, nthPeriod(s, 1))).toBe(365);
    expect(prorateSpan(s, 36600, nthPeriod(s, 0))).toBe(29700); // 297/366
  });

  it('two-yearly: grid every 2 years from Jan 1 of the start year', () => {
    const s = schedule('2025-06-01', 'year', 2, 'calendar');
    expect(first(s, 2)).toEqual([
      { start: '2025-06-01', end: '2027-01-01' },
      { start: '2027-01-01', end: '2029-01-01' },
    ]);
    expect(first(s, 2).map((p) => fullPeriodLength(s, p))).toEqual([730, 731]);
  });

  it('month × 12 behaves like yearly', () => {
    const s = schedule('2026-03-05', 'month', 12, 'calendar');
    expect(nthPeriod(s, 0)).toEqual({ start: '2026-03-05', end: '2027-01-01' });
    expect(fullPeriodLength(s, nthPeriod(s, 0))).toBe(365);
  });
});

describe('lookups', () => {
  const s = schedule('2012-01-02', 'month');

  it('periodContaining, periodIndex and nextBoundaryAfter', () => {
    expect(periodContaining(s, '2012-03-04')).toEqual({ start: '2012-03-02', end: '2012-04-02' });
    expect(periodIndex(s, '2012-03-04')).toBe(2);
    expect(periodIndex(s, '2012-01-02')).toBe(0);
    expect(nextBoundaryAfter(s, '2012-03-04')).toBe('2012-04-02');
    expect(nextBoundaryAfter(s, '2012-03-02')).toBe('2012-04-02');
    expect(nextBoundaryAfter(s, '2012-04-01')).toBe('2012-04-02');
    expect(nextBoundaryAfter(s, '2011-12-25')).toBe('2012-01-02');
  });

  it('periodStartingOnOrBefore is null before the anchor', () => {
    expect(periodStartingOnOrBefore(s, '2012-01-01')).toBeNull();
    expect(periodStartingOnOrBefore(s, '2012-01-02')).toEqual({
      start: '2012-01-02',
      end: '2012-02-02',
    });
    expect(periodStartingOnOrBefore(s, '2012-02-02')).toEqual({
      start: '2012-02-02',
      end: '2012-03-02',
    });
  });

  it('periodContaining throws before the anchor', () => {
    expect(() => periodContaining(s, '2012-01-01')).toThrow(RangeError);
    expect(() => periodIndex(s, '2011-01-01')).toThrow(RangeError);
    expect(() => nthPeriod(s, -1)).toThrow(RangeError);
    expect(() => nthPeriod(s, 0.5)).toThrow(RangeError);
  });

  it('periodsOverlapping treats [from, to) as half-open and clamps to the anchor', () => {
    expect(periodsOverlapping(s, '2012-02-15', '2012-04-02')).toEqual([
      { start: '2012-02-02', end: '2012-03-02' },
      { start: '2012-03-02', end: '2012-04-02' },
    ]);
    expect(periodsOverlapping(s, '2012-02-15', '2012-04-03')).toHaveLength(3);
    expect(periodsOverlapping(s, '2011-06-01', '2012-02-03')).toEqual([
      { start: '2012-01-02', end: '2012-02-02' },
      { start: '2012-02-02', end: '2012-03-02' },
    ]);
    expect(periodsOverlapping(s, '2012-03-04', '2012-03-04')).toEqual([]);
    expect(periodsOverlapping(s, '2012-03-04', '2012-03-01')).toEqual([]);
    expect(periodsOverlapping(s, '2011-06-01', '2012-01-02')).toEqual([]);
  });

  it('assertSchedule rejects nonsense', () => {
    expect(() => assertSchedule(schedule('2026-02-30', 'month'))).toThrow(RangeError);
    expect(() => assertSchedule(schedule('2026-01-01', 'day' as Interval))).toThrow(RangeError);
    expect(() => assertSchedule(schedule('2026-01-01', 'month', 0))).toThrow(RangeError);
    expect(() => assertSchedule(schedule('2026-01-01', 'month', 1.5))).toThrow(RangeError);
    expect(() => assertSchedule(schedule('2026-01-01', 'month', 1, 'lunar' as Alignment))).toThrow(
      RangeError,
    );
    expect(() => nthPeriod(schedule('2026-01-01', 'month', 0), 0)).toThrow(RangeError);
  });
});

describe('prorateSpan', () => {
  const s = schedule('2012-01-02', 'month');

  it('prices a span over the length of its period', () => {
    expect(prorateSpan(s, 24995, { start: '2012-03-04', end: '2012-04-02' })).toBe(23382);
    expect(prorateSpan(s, 24995, { start: '2012-03-02', end: '2012-04-02' })).toBe(24995);
    expect(prorateSpan(s, 24995, { start: '2012-03-04', end: '2012-03-04' })).toBe(0);
  });

  it('refuses spans that cross a boundary, run backwards or precede the anchor', () => {
    expect(() => prorateSpan(s, 100, { start: '2012-03-04', end: '2012-04-03' })).toThrow(
      RangeError,
    );
    expect(() => prorateSpan(s, 100, { start: '2012-03-04', end: '2012-03-03' })).toThrow(
      RangeError,
    );
    expect(() => prorateSpan(s, 100, { start: '2011-12-30', end: '2012-01-01' })).toThrow(
      RangeError,
    );
    expect(() => prorateSpan(s, -100, { start: '2012-03-04', end: '2012-03-05' })).toThrow(
      RangeError,
    );
  });
});

describe('normalisedMonthly', () => {
  it('weeks × 52 / 12 / count, half-up', () => {
    expect(normalisedMonthly(2500, 'week', 1)).toBe(10833); // 10833.33
    expect(normalisedMonthly(10000, 'week', 2)).toBe(21667); // 21666.67
    expect(normalisedMonthly(3, 'week', 1)).toBe(13); // 13.0
  });

  it('months / count', () => {
    expect(normalisedMonthly(24995, 'month', 1)).toBe(24995);
    expect(normalisedMonthly(30000, 'month', 3)).toBe(10000);
    expect(normalisedMonthly(10000, 'month', 3)).toBe(3333);
    expect(normalisedMonthly(20000, 'month', 3)).toBe(6667);
    expect(normalisedMonthly(3, 'month', 2)).toBe(2); // 1.5
  });

  it('years / (12 × count)', () => {
    expect(normalisedMonthly(120000, 'year', 1)).toBe(10000);
    expect(normalisedMonthly(100000, 'year', 1)).toBe(8333);
    expect(normalisedMonthly(6, 'year', 1)).toBe(1); // 0.5
    expect(normalisedMonthly(240000, 'year', 2)).toBe(10000);
  });

  it('tells an upgrade from a downgrade', () => {
    // 25.00 a week is more than 100.00 a month; 1,100.00 a year is less.
    expect(normalisedMonthly(2500, 'week', 1)).toBeGreaterThan(
      normalisedMonthly(10000, 'month', 1),
    );
    expect(normalisedMonthly(110000, 'year', 1)).toBeLessThan(normalisedMonthly(10000, 'month', 1));
  });

  it('throws on invalid input', () => {
    expect(() => normalisedMonthly(-1, 'month', 1)).toThrow(RangeError);
    expect(() => normalisedMonthly(100, 'month', 0)).toThrow(RangeError);
    expect(() => normalisedMonthly(100, 'day' as Interval, 1)).toThrow(RangeError);
  });
});
