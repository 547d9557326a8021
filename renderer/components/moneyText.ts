/**
 * The text side of MoneyInput, as plain functions (unit-tested without a DOM).
 * Money is integer minor units; the clerk types and reads major units ("129.90").
 */
import { minorDigits, parseMoney } from '../lib/format';

/** Full-width digits and punctuation from a Chinese IME, and currency signs, to plain ASCII. */
export function normaliseMoneyText(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[，、]/g, ',')
    .replace(/[¥￥$€£元\s\u00a0]/g, '')
    .trim();
}

/** What a clerk typed → minor units, or null when it is not an amount (negative, too many decimals, letters). */
export function textToMinor(text: string, currency: string): number | null {
  const minor = parseMoney(normaliseMoneyText(text), currency);
  return minor !== null && Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units → the text an input shows: major units with the currency's decimals, no grouping ("1299.00"). */
export function minorToText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/** On blur: a valid amount is shown in its canonical form ("12.5" → "12.50"); anything else stays as typed. */
export function tidyMoneyText(text: string, currency: string): string {
  const minor = textToMinor(text, currency);
  return minor === null ? text : minorToText(minor, currency);
}

/** The currency's symbol in a locale, for the input's prefix ("¥", "$", "HK$"). */
export function currencySymbol(currency: string, locale: string): string {
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
  return part?.value ?? currency;
}
