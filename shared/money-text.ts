/**
 * Money as plain text, the same in both processes: major units with the currency's decimals, no
 * symbol and no grouping ("1299.00"), as a CSV cell or a money input shows it. Amounts are
 * integer minor units; this is the last step.
 */

const digitsByCurrency = new Map<string, number>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Digits after the point for a currency (2 for CNY, 0 for JPY). */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
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

/**
 * Minor units → money as a reader sees it in a sentence, a table or a printed document: the currency's
 * narrow sign ("¥399.00", never "CN¥"), grouping and decimals in the reader's language. The one money
 * formatter of both processes.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  return moneyFormat(currency, locale).format(minor / 10 ** minorDigits(currency));
}

/** The Intl formatter behind formatMoney (narrow sign), for callers that need its parts or a compact variant. */
export function moneyFormat(currency: string, locale: string, extra: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  // Built once per currency, language and variant: a formatter costs far more than a format.
  const key = `${currency}|${locale}|${JSON.stringify(extra)}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', ...extra });
    moneyFormats.set(key, format);
  }
  return format;
}
