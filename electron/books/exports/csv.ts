/**
 * CSV that Excel opens correctly, Chinese text included: UTF-8 with a byte-order mark, CRLF line
 * ends, every field quoted when needed (papaparse). Money goes out in major units with the
 * currency's decimals and no symbol or grouping ("1299.00"), so a spreadsheet reads it as a number.
 */
import Papa from 'papaparse';

export const BOM = '\uFEFF';
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Digits after the point for a currency (2 for CNY, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

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

/** Minor units → "1299.00" (the currency's decimals, a leading minus for negatives). */
export function moneyCell(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/** Basis points → "45.45" (percent), '' when undefined. */
export function percentCell(bp: number | null): string {
  if (bp === null) return '';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
