// Money is an integer count of minor units (cents, fen). Never a float.
//
// Every division goes through BigInt: `amount × days` or `amount × basis points` can exceed
// 2^53 for large amounts, and a float quotient can land a hair off an exact .5 and round the
// wrong way. Rounding happens once, half-up, at the line.

/** A safe, non-negative integer amount of minor units. */
export function isMinor(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Throws RangeError unless `n` is a safe, non-negative integer. */
export function assertMinor(n: unknown, what = 'Amount'): asserts n is number {
  if (!isMinor(n)) throw new RangeError(`${what} must be a non-negative integer, got ${String(n)}`);
}

/** Throws RangeError unless `n` is a safe integer (credit lines may be negative). */
export function assertSignedMinor(n: unknown, what = 'Amount'): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`${what} must be an integer, got ${String(n)}`);
  }
}

/** Throws RangeError unless `bp` is an integer number of basis points in 0..10000 (0%..100%). */
export function assertBasisPoints(bp: unknown, what = 'Rate'): asserts bp is number {
  if (typeof bp !== 'number' || !Number.isInteger(bp) || bp < 0 || bp > 10_000) {
    throw new RangeError(`${what} must be 0..10000 basis points, got ${String(bp)}`);
  }
}

function toBigInt(n: bigint | number, what: string): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`);
  return BigInt(n);
}

/**
 * numerator / denominator rounded to the nearest integer, ties away from zero — that is
 * half-up for positive values, and the mirror image for negative ones, so that a credit line
 * of −x rounds to exactly −(the rounding of x). Exact: no float is involved.
 * Throws RangeError on a zero denominator or a result beyond Number.MAX_SAFE_INTEGER.
 */
export function roundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  const num = toBigInt(numerator, 'Numerator');
  const den = toBigInt(denominator, 'Denominator');
  if (den === 0n) throw new RangeError('Division by zero');
  const negative = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  let q = a / b; // BigInt division truncates
  if (2n * (a % b) >= b) q += 1n;
  const result = negative ? -q : q; // BigInt has no −0
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('Result exceeds the safe integer range');
  }
  return Number(result);
}

/**
 * The share of `amount` for `daysUsed` days of a period of `daysInPeriod` days:
 * amount × daysUsed / daysInPeriod, half-up. prorate(a, d, d) = a and prorate(a, 0, d) = 0.
 */
export function prorate(amount: number, daysUsed: number, daysInPeriod: number): number {
  assertMinor(amount, 'Amount');
  assertMinor(daysUsed, 'Days used');
  assertMinor(daysInPeriod, 'Days in period');
  if (daysInPeriod === 0) throw new RangeError('Days in period must be positive');
  if (daysUsed > daysInPeriod) {
    throw new RangeError(`Days used (${daysUsed}) exceed the period (${daysInPeriod} days)`);
  }
  return roundHalfUp(BigInt(amount) * BigInt(daysUsed), daysInPeriod);
}
