// Discounts on a line's base amount, in minor units. A discount is never negative and never
// above the base, so a discounted line never turns into a credit.

import { assertBasisPoints, assertMinor, roundHalfUp } from './money';

/** percentBp: basis points, 0..10000 (2500 = 25%, 10000 = 100%). amount: minor units. */
export type Discount = { kind: 'percent'; percentBp: number } | { kind: 'fixed'; amount: number };

/** How long a discount lasts, counted in the subscription's paid periods. */
export type DiscountDuration =
  { duration: 'once' } | { duration: 'repeating'; periods: number } | { duration: 'forever' };

/** Percent: round(base × rate) half-up; fixed: min(amount, base). Always within 0..base. */
export function discountAmount(base: number, discount: Discount): number {
  assertMinor(base, 'Base');
  switch (discount.kind) {
    case 'percent':
      assertBasisPoints(discount.percentBp, 'Discount percent');
      // bp ≤ 10000 already keeps this ≤ base; min() states the rule rather than relying on it.
      return Math.min(base, roundHalfUp(BigInt(base) * BigInt(discount.percentBp), 10_000n));
    case 'fixed':
      assertMinor(discount.amount, 'Discount amount');
      return Math.min(base, discount.amount);
    default:
      throw new RangeError(
        `Invalid discount kind: ${String((discount as { kind: unknown }).kind)}`,
      );
  }
}

/**
 * Whether the discount applies to paid period number `periodIndex` (0 = the first paid period).
 * 'once' = period 0 only; 'repeating' N = periods 0..N−1; 'forever' = every period.
 */
export function discountAppliesToPeriod(duration: DiscountDuration, periodIndex: number): boolean {
  if (!Number.isSafeInteger(periodIndex) || periodIndex < 0) {
    throw new RangeError(`Period index must be a non-negative integer, got ${periodIndex}`);
  }
  switch (duration.duration) {
    case 'once':
      return periodIndex === 0;
    case 'repeating':
      if (!Number.isSafeInteger(duration.periods) || duration.periods < 1) {
        throw new RangeError(
          `Repeating periods must be a positive integer, got ${duration.periods}`,
        );
      }
      return periodIndex < duration.periods;
    case 'forever':
      return true;
    default:
      throw new RangeError(
        `Invalid discount duration: ${String((duration as { duration: unknown }).duration)}`,
      );
  }
}

/**
 * Household discount for the member at `position` among those billed to the same payer
 * (0 = the first, who pays full price): each additional member gets `percentBp` off.
 * The caller decides the order (e.g. by subscription start) so the same member stays first.
 */
export function householdDiscount(base: number, percentBp: number, position: number): number {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`Position must be a non-negative integer, got ${position}`);
  }
  assertMinor(base, 'Base');
  assertBasisPoints(percentBp, 'Household percent');
  return position === 0 ? 0 : discountAmount(base, { kind: 'percent', percentBp });
}
