// Promotions (促销活动): the rules both processes need — where a campaign stands on a date, whether
// it may be used for a sale, how a typed code is compared, and how its discount reads in the shop's
// words ("8折" in Chinese, "20% off" in English). Pure functions over plain values.

/** Upcoming before its first day, running from its first to its last day (both inclusive), ended after. */
export type PromotionStatus = 'upcoming' | 'running' | 'ended';

export interface PromotionTerms {
  startsOn: string;
  endsOn: string;
  planIds: readonly number[];
  archived: boolean;
}

/** Where a campaign stands on `today` (a business date). Dates compare as YYYY-MM-DD strings. */
export function promotionStatus(p: Pick<PromotionTerms, 'startsOn' | 'endsOn'>, today: string): PromotionStatus {
  if (today < p.startsOn) return 'upcoming';
  if (today > p.endsOn) return 'ended';
  return 'running';
}

/** Why a promotion cannot be used for a sale of `planId` on `today`, or null when it can. */
export type PromotionRefusal = 'PROMOTION_ARCHIVED' | 'PROMOTION_NOT_STARTED' | 'PROMOTION_EXPIRED' | 'PROMOTION_WRONG_PLAN';

export function promotionRefusal(p: PromotionTerms, planId: number, today: string): PromotionRefusal | null {
  if (p.archived) return 'PROMOTION_ARCHIVED';
  const status = promotionStatus(p, today);
  if (status === 'upcoming') return 'PROMOTION_NOT_STARTED';
  if (status === 'ended') return 'PROMOTION_EXPIRED';
  if (!p.planIds.includes(planId)) return 'PROMOTION_WRONG_PLAN';
  return null;
}

/**
 * A code as it is compared and stored: trimmed, upper case (so "vip2026", "VIP2026" and " Vip2026 "
 * are one code). Letters of scripts without case (双十一) are left as they are.
 */
export function normalisePromotionCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Letters (any script), digits, '-' and '_'; 1 to 30 of them. */
export const PROMOTION_CODE = /^[\p{L}\p{N}_-]{1,30}$/u;

/** Decimal digits of `n / 10^places` without trailing zeros ("87.5", "8", "0.5"). */
function decimal(n: number, places: number): string {
  const s = (n / 10 ** places).toFixed(places);
  return places === 0 ? s : s.replace(/\.?0+$/, '');
}

/**
 * A percent discount in basis points (2000 = 20% off) the way a Chinese shop writes it: the share
 * still paid, in tenths — 20% off → 8折, 15% off → 85折, 5% off → 95折, 12.5% off → 87.5折, 95% off → 0.5折.
 * A whole number of tenths is written alone (8折, 5折); otherwise the two digits of the percent paid
 * (85折 = 8.5折, the shop's usual way). 0% off is null (no discount), 100% off is "免费".
 */
export function zheText(percentBp: number): string | null {
  if (!Number.isInteger(percentBp) || percentBp < 0 || percentBp > 10_000) {
    throw new RangeError(`Discount percent must be 0..10000 basis points, got ${percentBp}`);
  }
  if (percentBp === 0) return null;
  if (percentBp === 10_000) return '免费';
  const paidBp = 10_000 - percentBp; // 8000 = 80.00 % paid
  if (paidBp % 1000 === 0) return `${paidBp / 1000}折`;
  if (paidBp < 1000) return `${decimal(paidBp, 3)}折`; // under 1折: 0.5折
  return `${decimal(paidBp, 2)}折`; // 85折, 87.5折
}

/** The same discount in English: "20% off", "12.5% off"; null for 0, "free" for 100%. */
export function percentOffText(percentBp: number): string | null {
  if (!Number.isInteger(percentBp) || percentBp < 0 || percentBp > 10_000) {
    throw new RangeError(`Discount percent must be 0..10000 basis points, got ${percentBp}`);
  }
  if (percentBp === 0) return null;
  if (percentBp === 10_000) return 'free';
  return `${decimal(percentBp, 2)}% off`;
}

/**
 * The shop's words for a percent discount in the clerk's language. Chinese gives the 折 first and
 * the percent off beside it ("8折（减20%）"), since clerks and customers think in either.
 */
export function percentDiscountText(percentBp: number, locale: string): string | null {
  if (locale !== 'zh-CN') return percentOffText(percentBp);
  const zhe = zheText(percentBp);
  return zhe === null || percentBp === 10_000 ? zhe : `${zhe}（减${decimal(percentBp, 2)}%）`;
}

/**
 * How many of a subscription's period charges a promotion discounts: N for "the first N", 1 for a
 * one-time discount, and 1 for a discount for ever (its first period is the one the sale paid for).
 * A member of the promotion **renewed** when the subscription billed more period charges than this.
 */
export function promotionalPeriods(d: { duration: 'once' | 'repeating' | 'forever'; periods: number | null }): number {
  return d.duration === 'repeating' ? (d.periods ?? 1) : 1;
}
