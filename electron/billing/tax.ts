// Tax per line, half-up, in minor units. Rates are basis points (2000 = 20%, 600 = 6%).
//
// Credit lines (negative amounts) are computed as the mirror of the positive line, so a credit
// note for a line reverses exactly the tax that was charged on it.

import { assertBasisPoints, assertSignedMinor, roundHalfUp } from './money';

export type TaxMode = 'inclusive' | 'exclusive';

export interface TaxedLine {
  net: number;
  tax: number;
  gross: number;
}

/**
 * exclusive: `amount` is the net; tax = round(net × rate); gross = net + tax.
 * inclusive: `amount` is the gross; net = round(gross / (1 + rate)); tax = gross − net.
 * net + tax = gross always, and taxOfLine(−x) = −taxOfLine(x) field by field.
 */
export function taxOfLine(amount: number, rateBp: number, mode: TaxMode): TaxedLine {
  assertSignedMinor(amount, 'Amount');
  assertBasisPoints(rateBp, 'Tax rate');
  if (amount < 0) {
    const positive = taxOfLine(-amount, rateBp, mode);
    return { net: -positive.net || 0, tax: -positive.tax || 0, gross: -positive.gross || 0 };
  }
  const a = amount + 0; // folds −0 into 0
  const rate = BigInt(rateBp);
  if (mode === 'exclusive') {
    const tax = roundHalfUp(BigInt(a) * rate, 10_000n);
    return { net: a, tax, gross: a + tax };
  }
  if (mode === 'inclusive') {
    const net = roundHalfUp(BigInt(a) * 10_000n, 10_000n + rate);
    return { net, tax: a - net, gross: a };
  }
  throw new RangeError(`Invalid tax mode: ${String(mode)}`);
}

/**
 * A line's `amount` read in another tax mode: the same money the customer pays (gross), stated as
 * `to` states it — the net when moving to exclusive, the gross when moving to inclusive. Used when a
 * credit for an invoice issued in one mode is written while the business uses the other.
 */
export function amountInMode(amount: number, rateBp: number, from: TaxMode, to: TaxMode): number {
  if (from === to) return amount;
  const line = taxOfLine(amount, rateBp, from);
  return to === 'exclusive' ? line.net : line.gross;
}
