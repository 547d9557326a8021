/** Reading one cell of an import file: dates, amounts, phones and tags as Excel writes them. */
import { isValidDate } from '../../../../shared/dates';

/** Full-width digits and punctuation from Chinese Excel, to ASCII. */
export function ascii(s: string): string {
  return s.normalize('NFKC').trim();
}

/**
 * A calendar date from the forms Excel and people write, year first only (3/4/2026 is
 * ambiguous between countries): 2026-03-04, 2026/3/4, 2026.3.4, 2026年3月4日, 20260304,
 * with an optional time after it ("2026/3/4 0:00"). Null when it is not one of these.
 */
export function parseDateCell(cell: string): string | null {
  const s = ascii(cell).replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '').replace(/日$/, '');
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(iso) ? iso : null;
}

/** Minor units from "199", "199.00", "¥1,299.5", "１９９元"; null for anything else (negative, letters, too many decimals). */
export function parseAmountCell(cell: string, minorDigits: number): number | null {
  const s = ascii(cell).replace(/[¥$€£元,\s]/g, '');
  const re = minorDigits === 0 ? /^\d{1,12}$/ : new RegExp(`^\\d{1,12}(\\.\\d{1,${minorDigits}})?$`);
  if (!re.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 10 ** minorDigits + Number(frac.padEnd(minorDigits, '0') || '0');
}

export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Excel shows long numbers as 1.38001E+10 and saves them so: the digits are lost. */
export function isScientific(cell: string): boolean {
  return /^\d(\.\d+)?e\+\d+$/i.test(ascii(cell));
}

export function cleanPhone(cell: string): string {
  return ascii(cell).replace(/[().]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function splitTags(cell: string): string[] {
  return [
    ...new Set(
      ascii(cell)
        .split(/[,;，；、|]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
