import { describe, expect, it } from 'vitest';
import type { Discount, DiscountDuration } from '../../../electron/billing/discount';
import {
  discountAmount,
  discountAppliesToPeriod,
  householdDiscount,
} from '../../../electron/billing/discount';

const percent = (percentBp: number): Discount => ({ kind: 'percent', percentBp });
const fixed = (amount: number): Discount => ({ kind: 'fixed', amount });

describe('discountAmount: percent', () => {
  it('is round(base × rate), half-up at x.5', () => {
    expect(discountAmount(1000, percent(2500))).toBe(250);
    expect(discountAmount(1, percent(5000))).toBe(1); // 0.5
    expect(discountAmount(3, percent(5000))).toBe(2); // 1.5
    expect(discountAmount(1005, percent(1000))).toBe(101); // 100.5
    expect(discountAmount(1004, percent(1000))).toBe(100); // 100.4
    expect(discountAmount(999, percent(1000))).toBe(100); // 99.9
    expect(discountAmount(5000, percent(1))).toBe(1); // 0.5
    expect(discountAmount(4999, percent(1))).toBe(0); // 0.4999
    expect(discountAmount(24995, percent(1500))).toBe(3749); // 3749.25
  });

  it('100% is the whole base, 0% is nothing', () => {
    expect(discountAmount(12345, percent(10_000))).toBe(12345);
    expect(discountAmount(12345, percent(0))).toBe(0);
    expect(discountAmount(0, percent(5000))).toBe(0);
  });

  it('rejects rates outside 0..10000 bp', () => {
    expect(() => discountAmount(1000, percent(10_001))).toThrow(RangeError);
    expect(() => discountAmount(1000, percent(-1))).toThrow(RangeError);
    expect(() => discountAmount(1000, percent(12.5))).toThrow(RangeError);
  });
});

describe('discountAmount: fixed', () => {
  it('is min(amount, base)', () => {
    expect(discountAmount(1000, fixed(500))).toBe(500);
    expect(discountAmount(1000, fixed(1000))).toBe(1000);
    expect(discountAmount(1000, fixed(1500))).toBe(1000);
    expect(discountAmount(1000, fixed(0))).toBe(0);
    expect(discountAmount(0, fixed(500))).toBe(0);
  });

  it('rejects negative or fractional amounts and bases', () => {
    expect(() => discountAmount(1000, fixed(-1))).toThrow(RangeError);
    expect(() => discountAmount(1000, fixed(1.5))).toThrow(RangeError);
    expect(() => discountAmount(-1, fixed(1))).toThrow(RangeError);
    expect(() => discountAmount(1000, { kind: 'bogus' } as unknown as Discount)).toThrow(
      RangeError,
    );
  });
});

describe('discountAppliesToPeriod', () => {
  it('once: the first paid period only', () => {
    const once: DiscountDuration = { duration: 'once' };
    expect([0, 1, 2].map((i) => discountAppliesToPeriod(once, i))).toEqual([true, false, false]);
  });

  it('repeating N: periods 0..N−1', () => {
    const three: DiscountDuration = { duration: 'repeating', periods: 3 };
    expect([0, 1, 2, 3, 4].map((i) => discountAppliesToPeriod(three, i))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('forever: every period', () => {
    const forever: DiscountDuration = { duration: 'forever' };
    expect([0, 1, 1000].map((i) => discountAppliesToPeriod(forever, i))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('rejects bad indexes and durations', () => {
    expect(() => discountAppliesToPeriod({ duration: 'once' }, -1)).toThrow(RangeError);
    expect(() => discountAppliesToPeriod({ duration: 'once' }, 1.5)).toThrow(RangeError);
    expect(() => discountAppliesToPeriod({ duration: 'repeating', periods: 0 }, 0)).toThrow(
      RangeError,
    );
    expect(() =>
      discountAppliesToPeriod({ duration: 'sometimes' } as unknown as DiscountDuration, 0),
    ).toThrow(RangeError);
  });
});

describe('householdDiscount', () => {
  it('the first member pays full price, each additional member gets the percent off', () => {
    expect(householdDiscount(24995, 1000, 0)).toBe(0);
    expect(householdDiscount(24995, 1000, 1)).toBe(2500); // 2499.5
    expect(householdDiscount(24995, 1000, 2)).toBe(2500);
    expect(householdDiscount(3100, 10_000, 1)).toBe(3100);
  });

  it('rejects bad positions and rates', () => {
    expect(() => householdDiscount(1000, 1000, -1)).toThrow(RangeError);
    expect(() => householdDiscount(1000, 1000, 0.5)).toThrow(RangeError);
    expect(() => householdDiscount(1000, 10_001, 1)).toThrow(RangeError);
    expect(() => householdDiscount(1000, 10_001, 0)).toThrow(RangeError);
  });
});
