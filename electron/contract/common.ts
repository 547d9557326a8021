import { z } from 'zod';
import { isValidDate } from '../../shared/dates';

/**
 * Shared field schemas. Messages are i18n keys under `validation.` in the renderer,
 * so a field error is shown in the clerk's language.
 */
export const isoDate = z
  .string('invalid_date')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine(isValidDate, 'invalid_date');

/** Money in minor units: an integer, never a float, never negative; 10^12 caps absurd input. */
export const money = z
  .number('invalid_amount')
  .int('invalid_amount')
  .min(0, 'invalid_amount')
  .max(1_000_000_000_000, 'invalid_amount');

/** A strictly positive amount, for payments and refunds. */
export const positiveMoney = money.refine((n) => n > 0, 'positive_amount');

/** Basis points, 0..10000 (10000 = 100 %). */
export const basisPoints = z
  .number('out_of_range')
  .int('out_of_range')
  .min(0, 'out_of_range')
  .max(10_000, 'out_of_range');

export const id = z.number('invalid_id').int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');

/**
 * Characters no typed text needs and hostile text uses: NUL and other control characters, and the
 * bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069) that make a name read backwards on screen
 * and on receipts. Multi-line text keeps tab, newline and carriage return; one-line text (names)
 * refuses those too, and the line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HOSTILE_IN_ANY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above
const HOSTILE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
export const isCleanText = (s: string): boolean => !HOSTILE_IN_ANY.test(s);
export const isCleanLine = (s: string): boolean => !HOSTILE_IN_LINE.test(s);

/** Free text that may span lines (notes, reasons, addresses). */
export const text = (max: number) => z.string('invalid_text').trim().max(max, 'too_long').refine(isCleanText, 'invalid_characters');
export const requiredText = (max: number) =>
  z.string('required').trim().min(1, 'required').max(max, 'too_long').refine(isCleanText, 'invalid_characters');
/** One-line text: names, tags, short labels. */
export const lineText = (max: number) => z.string('invalid_text').trim().max(max, 'too_long').refine(isCleanLine, 'invalid_characters');
export const requiredLine = (max: number) =>
  z.string('required').trim().min(1, 'required').max(max, 'too_long').refine(isCleanLine, 'invalid_characters');

export const empty = z.strictObject({});
