/** Display helpers. Money stays integer minor units until this last step. */
import { formatDate } from '../../shared/dates';
import { formatMoney, minorDigits } from '../../shared/money-text';

export { formatDate, formatMoney, minorDigits };

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

/** A currency as people name it, with its sign: "人民币 ¥ (CNY)", "Chinese Yuan ¥ (CNY)", "Euro € (EUR)". */
export function currencyLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
    const sign = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? '';
    return [name, sign && sign !== code ? sign : '', `(${code})`].filter(Boolean).join(' ');
  } catch {
    return code;
  }
}
