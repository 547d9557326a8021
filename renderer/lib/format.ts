/** Display helpers. Money stays integer minor units until this last step. */
import { formatMoney, minorDigits } from '../../shared/money-text';

export { formatMoney, minorDigits };

/** Parses what a clerk types ("12.5", "1,200") into minor units, or null when it is not a number. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[,\s]/g, '');
  const digits = minorDigits(currency);
  const re = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!re.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

/** "6.5" (percent) → 650 basis points, or null. */
export function parsePercentToBp(text: string): number | null {
  const cleaned = text.trim().replace(/%$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function bpToPercentText(bp: number): string {
  return (bp / 100).toString();
}

export function formatDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}
