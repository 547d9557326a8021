import type { TFunction } from 'i18next';
import { ApiError } from '../lib/api';

/** The message a clerk sees for any failure, in their language. */
export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
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
