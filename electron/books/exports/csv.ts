/**
 * CSV that Excel opens correctly, Chinese text included: UTF-8 with a byte-order mark, CRLF line
 * ends, every field quoted when needed (papaparse). Money goes out in major units with the
 * currency's decimals and no symbol or grouping ("1299.00"), so a spreadsheet reads it as a number.
 */
import Papa from 'papaparse';
import { minorDigits, minorToText } from '../../../shared/money-text';

export const BOM = '\uFEFF';
const NUMBER = /^-?\d+(\.\d+)?$/;

export { minorDigits };

/** An amount of money in minor units: text in a CSV, a currency number in a workbook. */
export interface MoneyCell {
  money: number;
  currency: string;
}

/** A rate in basis points: "45.45" in a CSV, a percentage in a workbook. */
export interface PercentCell {
  percent: number;
}

export type Cell = string | number | null | MoneyCell | PercentCell;

/** A cell as the text or number a CSV holds. */
export function plainCell(c: Cell): string | number | null {
  if (c === null || typeof c !== 'object') return c;
  return 'money' in c ? moneyCell(c.money, c.currency) : percentCell(c.percent);
}

export function toCsv(header: string[], rows: Cell[][]): string {
  // A leading = + - @ would make a spreadsheet run the text as a formula: quote it out (OWASP CSV injection).
  const safe = (cell: Cell) => {
    const c = plainCell(cell);
    return typeof c === 'string' && /^[=+\-@\t\r]/.test(c) && !NUMBER.test(c) ? `'${c}` : (c ?? '');
  };
  return BOM + Papa.unparse({ fields: header, data: rows.map((r) => r.map(safe)) }, { newline: '\r\n', quotes: false });
}

/** Minor units → "1299.00": the same text a money input shows (shared/money-text.ts). */
export const moneyCell = minorToText;

/** Basis points → "45.45" (percent), '' when undefined. */
export function percentCell(bp: number | null): string {
  if (bp === null) return '';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
