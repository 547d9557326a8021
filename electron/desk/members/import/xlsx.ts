/**
 * An Excel workbook (.xlsx) → the same text rows a CSV gives: its first sheet, every cell as the
 * text the clerk sees. Dates come as calendar dates (2026-03-15), whole numbers without ".0"
 * (a phone typed as a number stays its digits).
 */
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../../../../shared/errors';

/** A ZIP file's signature: every .xlsx starts with it, and no CSV does. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  // The reader gives a date cell as midnight UTC of that day.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return String(v);
}

export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  let rows: unknown[][];
  try {
    rows = (await readSheet(Buffer.from(bytes))) as unknown[][];
  } catch {
    throw new AppError('IMPORT_ENCODING', 'The file looks like an Excel workbook but cannot be read. Open it in Excel and save it again.', { format: 'xlsx' });
  }
  return rows.map((r) => r.map(cellText));
}
