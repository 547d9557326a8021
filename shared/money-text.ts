/**
 * Money as plain text, the same in both processes: major units with the currency's decimals, no
 * symbol and no grouping ("1299.00"), as a CSV cell or a money input shows it. Amounts are
 * integer minor units; this is the last step.
 */

/** Digits after the point for a currency (2 for CNY, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units → "1299.00" (the currency's decimals, a leading minus for negatives). */
export function minorToText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}
