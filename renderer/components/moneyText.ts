/**
 * The text side of MoneyInput, as plain functions (unit-tested without a DOM).
 * Money is integer minor units; the clerk types and reads major units ("129.90").
 */
import { minorToText, moneyFormat } from '../../shared/money-text';
import { parseMoney } from '../lib/format';

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

/** Minor units → the text an input shows ("1299.00"): the same text a CSV export holds. */
export { minorToText };

/** On blur: a valid amount is shown in its canonical form ("12.5" → "12.50"); anything else stays as typed. */
export function tidyMoneyText(text: string, currency: string): string {
  const minor = textToMinor(text, currency);
  return minor === null ? text : minorToText(minor, currency);
}

/** The currency's symbol in a locale, for the input's prefix ("¥", "$", "HK$"). */
export function currencySymbol(currency: string, locale: string): string {
  const part = moneyFormat(currency, locale).formatToParts(0).find((p) => p.type === 'currency');
  return part?.value ?? currency;
}
