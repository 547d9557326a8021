/**
 * Sharing one amount out over several parts in proportion to their weights, in whole minor
 * units that add up to the amount exactly (cumulative half-up rounding: part i gets
 * round(amount × w₁..ᵢ / W) − round(amount × w₁..ᵢ₋₁ / W)). Pure.
 *
 * Used to say how much of a partly paid household invoice is still owed for each member: the
 * open balance is shared in proportion to what each member's lines are worth.
 */
import { assertMinor, roundHalfUp } from './money';

/**
 * `amount` (≥ 0) shared over `weights`, in their order. A weight below zero counts as zero
 * (a member whose lines are only credits owes nothing of it). When every weight is zero the
 * whole amount goes to `fallback` (an index into weights).
 */
export function splitProportionally(amount: number, weights: readonly number[], fallback = 0): number[] {
  assertMinor(amount, 'Amount');
  const w = weights.map((x) => BigInt(Math.max(0, x)));
  const total = w.reduce((s, x) => s + x, 0n);
  if (total === 0n) return weights.map((_, i) => (i === fallback ? amount : 0));
  const out: number[] = [];
  let cum = 0n;
  let given = 0;
  for (const x of w) {
    cum += x;
    const upTo = roundHalfUp(BigInt(amount) * cum, total);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}
