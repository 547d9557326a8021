/** The text side of DateInput, as plain functions (unit-tested without a DOM). */
import { isValidDate } from '../../shared/dates';

/**
 * Tidies what a clerk typed into 'YYYY-MM-DD' when it is clearly a date:
 * "2026-4-1", "2026/04/01", "2026.4.1", "20260401", "2026年4月1日", full-width digits. Anything else is returned
 * as typed (trimmed), for the host's validation to reject next to the field.
 */
export function normaliseDateText(text: string): string {
  const s = text
    .trim()
    .replace(/[０-９－／．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/日$/, '');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const parts = compact ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})$/.exec(s);
  if (!parts) return text.trim();
  const iso = `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return isValidDate(iso) ? iso : text.trim();
}

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isValidDate(text);
}
