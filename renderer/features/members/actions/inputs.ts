/** Turning what the clerk typed into channel input: invalid text is passed through for the host to reject next to its field. */
import { normaliseDateText } from '../../../components/dateText';
import { textToMinor } from '../../../components/moneyText';

/** A date, or undefined when left empty (the channel's default applies). */
export function optionalDate(text: string): string | undefined {
  const t = normaliseDateText(text);
  return t === '' ? undefined : t;
}

/** A whole number, or undefined when empty; anything else is sent as typed so the host names the field. */
export function optionalCount(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d{1,6}$/.test(t) ? Number(t) : (t as unknown as number);
}

/** Minor units, or undefined when empty; a bad amount becomes −1 so the host rejects it as invalid_amount. */
export function optionalMoney(text: string, currency: string): number | undefined {
  if (text.trim() === '') return undefined;
  return textToMinor(text, currency) ?? -1;
}
