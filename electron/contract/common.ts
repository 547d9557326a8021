import { z } from 'zod';
import { isValidDate } from '../billing/dates';

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

export const text = (max: number) => z.string('invalid_text').trim().max(max, 'too_long');
export const requiredText = (max: number) => z.string('required').trim().min(1, 'required').max(max, 'too_long');

export const empty = z.strictObject({});
