import { describe, expect, it } from 'vitest';
import {
  normalisePromotionCode, percentDiscountText, percentOffText, promotionRefusal, promotionStatus, promotionalPeriods, zheText, PROMOTION_CODE,
} from '../../shared/promotions';

describe('the discount in the shop’s words', () => {
  it('Chinese: the share still paid, in 折', () => {
    expect([2000, 1500, 2500, 5000, 500, 1000, 3000, 1250, 100, 9500, 9900].map(zheText)).toEqual([
      '8折', '85折', '75折', '5折', '95折', '9折', '7折', '87.5折', '99折', '0.5折', '0.1折',
    ]);
    expect(zheText(0)).toBeNull();
    expect(zheText(10_000)).toBe('免费');
  });

  it('English: percent off', () => {
    expect([2000, 1500, 2500, 5000, 500, 1250, 1].map(percentOffText)).toEqual(['20% off', '15% off', '25% off', '50% off', '5% off', '12.5% off', '0.01% off']);
    expect(percentOffText(0)).toBeNull();
    expect(percentOffText(10_000)).toBe('free');
    expect(percentDiscountText(2000, 'zh-CN')).toBe('8折（减20%）');
    expect(percentDiscountText(1250, 'zh-CN')).toBe('87.5折（减12.5%）');
    expect(percentDiscountText(10_000, 'zh-CN')).toBe('免费');
    expect(percentDiscountText(0, 'zh-CN')).toBeNull();
    expect(percentDiscountText(2000, 'en')).toBe('20% off');
  });

  it('refuses what is not basis points', () => {
    for (const bad of [-1, 10_001, 12.5, Number.NaN]) {
      expect(() => zheText(bad)).toThrow(RangeError);
      expect(() => percentOffText(bad)).toThrow(RangeError);
    }
  });
});

describe('where a promotion stands and whether it may be used', () => {
  const p = { startsOn: '2026-11-01', endsOn: '2026-11-11', planIds: [3, 5], archived: false };

  it('upcoming before its first day, running through its last day inclusive, ended after', () => {
    expect(['2026-10-31', '2026-11-01', '2026-11-11', '2026-11-12'].map((d) => promotionStatus(p, d))).toEqual(['upcoming', 'running', 'running', 'ended']);
  });

  it('eligible only when running, not archived and for the plan', () => {
    expect(promotionRefusal(p, 3, '2026-11-05')).toBeNull();
    expect(promotionRefusal(p, 5, '2026-11-11')).toBeNull();
    expect(promotionRefusal(p, 4, '2026-11-05')).toBe('PROMOTION_WRONG_PLAN');
    expect(promotionRefusal(p, 3, '2026-10-31')).toBe('PROMOTION_NOT_STARTED');
    expect(promotionRefusal(p, 3, '2026-11-12')).toBe('PROMOTION_EXPIRED');
    expect(promotionRefusal({ ...p, archived: true }, 3, '2026-11-05')).toBe('PROMOTION_ARCHIVED');
    // An expired promotion for another plan says it has ended (the date is the first thing a clerk can fix).
    expect(promotionRefusal(p, 4, '2026-12-01')).toBe('PROMOTION_EXPIRED');
  });

  it('codes compare trimmed and in upper case; letters of any script, digits, - and _', () => {
    expect(normalisePromotionCode(' double11 ')).toBe('DOUBLE11');
    expect(normalisePromotionCode('双十一vip')).toBe('双十一VIP');
    expect(['DOUBLE11', '双十一', 'new-year_2027'].every((c) => PROMOTION_CODE.test(c))).toBe(true);
    expect(['', 'has space', 'a!', 'x'.repeat(31)].some((c) => PROMOTION_CODE.test(c))).toBe(false);
  });

  it('the promotional periods: N for the first N, else the first one', () => {
    expect(promotionalPeriods({ duration: 'repeating', periods: 3 })).toBe(3);
    expect(promotionalPeriods({ duration: 'once', periods: null })).toBe(1);
    expect(promotionalPeriods({ duration: 'forever', periods: null })).toBe(1);
  });
});
