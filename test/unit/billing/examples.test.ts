// The billing rules' public worked examples, computed end to end with the pure maths.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  fullPeriodLength,
  periodContaining,
  prorate,
  prorateSpan,
  taxOfLine,
} from '../../../electron/billing';
import type { Schedule } from '../../../electron/billing';

describe('billing rules example: $249.95 monthly, periods start on the 2nd', () => {
  const plan: Schedule = {
    anchor: '2012-01-02',
    interval: 'month',
    count: 1,
    alignment: 'anniversary',
  };
  const price = 24995;

  it('paused effective 2012-03-04: credit 29/31 × 249.95 = 233.82', () => {
    const D = '2012-03-04';
    const period = periodContaining(plan, D);
    expect(period).toEqual({ start: '2012-03-02', end: '2012-04-02' });
    expect(daysBetween(D, period.end)).toBe(29);
    expect(fullPeriodLength(plan, period)).toBe(31);
    expect(prorate(price, daysBetween(D, period.end), fullPeriodLength(plan, period))).toBe(23382);
    expect(prorateSpan(plan, price, { start: D, end: period.end })).toBe(23382);
  });

  it('resumed 2012-04-05: invoice 2012-04-05 → 2012-05-02 = 27/30 × 249.95 = 224.96', () => {
    const R = '2012-04-05';
    const period = periodContaining(plan, R); // the anchor never moves
    expect(period).toEqual({ start: '2012-04-02', end: '2012-05-02' });
    const span = { start: R, end: period.end };
    expect(daysBetween(span.start, span.end)).toBe(27);
    expect(fullPeriodLength(plan, span)).toBe(30);
    expect(prorateSpan(plan, price, span)).toBe(22496);
  });

  it('the credit covers the resume invoice, leaving 8.86', () => {
    expect(23382 - 22496).toBe(886);
  });
});

describe('billing rules example: €31 monthly, calendar alignment, cancelled now on 2022-10-15', () => {
  const plan: Schedule = {
    anchor: '2022-10-01',
    interval: 'month',
    count: 1,
    alignment: 'calendar',
  };

  it('unused Oct 16–31 = 16/31 × 31.00 = 16.00, + 20% tax 3.20 = credit note 19.20', () => {
    const today = '2022-10-15';
    const D = addDays(today, 1); // "cancel now" = tomorrow; today was used
    const period = periodContaining(plan, D);
    expect(period).toEqual({ start: '2022-10-01', end: '2022-11-01' });
    expect(daysBetween(D, period.end)).toBe(16);
    const credit = prorateSpan(plan, 3100, { start: D, end: period.end });
    expect(credit).toBe(1600);
    expect(taxOfLine(credit, 2000, 'exclusive')).toEqual({ net: 1600, tax: 320, gross: 1920 });
    expect(taxOfLine(-credit, 2000, 'exclusive')).toEqual({ net: -1600, tax: -320, gross: -1920 });
  });

  it('the same when the subscription started mid-October (stub over 31 days)', () => {
    const stubbed: Schedule = { ...plan, anchor: '2022-10-10' };
    const period = periodContaining(stubbed, '2022-10-16');
    expect(period).toEqual({ start: '2022-10-10', end: '2022-11-01' });
    expect(prorateSpan(stubbed, 3100, period)).toBe(2200); // 22/31 charged for the stub
    expect(prorateSpan(stubbed, 3100, { start: '2022-10-16', end: period.end })).toBe(1600);
  });
});
