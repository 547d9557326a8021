import type { TFunction } from 'i18next';
import { ApiError } from '../lib/api';

/** The message a clerk sees for any failure, in their language. */
export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    const range = dateRangeText(t, e);
    if (range) return range;
    const key = `errors.${e.code}`;
    const text = t(key);
    return text === key ? t('errors.unknown', { message: e.message }) : text;
  }
  return t('errors.unknown', { message: e instanceof Error ? e.message : String(e) });
}

/** Translates a field error key from a zod message (`required`, `invalid_date`…). */
export function fieldErrorText(t: TFunction, key: string | undefined): string | undefined {
  if (!key) return undefined;
  const full = `validation.${key}`;
  const text = t(full);
  return text === full ? t('validation.invalid') : text;
}

/** A date outside its allowed range names the range (the host sends it): the one day, the two ends, or the first. */
function dateRangeText(t: TFunction, e: ApiError): string | null {
  if (e.code !== 'DATE_OUT_OF_RANGE') return null;
  // `from`/`to` from a membership change; `min` from a refund dated before its payment.
  const first = e.details?.['from'] ?? e.details?.['min'];
  const from = typeof first === 'string' ? first : null;
  const to = typeof e.details?.['to'] === 'string' ? e.details['to'] : null;
  if (from === null) return null;
  if (to === from) return t('errors.dateRange.only', { date: from });
  return to === null ? t('errors.dateRange.from', { from }) : t('errors.dateRange.between', { from, to });
}
