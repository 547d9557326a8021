/**
 * The same tables as an Excel workbook (write-excel-file): one sheet, a bold frozen header row,
 * numbers as numbers — money in major units with the currency's decimals, rates as percentages —
 * and dates as ISO text (2026-05-01), exactly as in the CSV, so the two exports read the same.
 */
import writeXlsxFile from 'write-excel-file/node';
import { minorDigits, plainCell, type Cell } from './csv';

type XlsxCell = { value: string | number; type: StringConstructor | NumberConstructor; format?: string; fontWeight?: 'bold' } | null;

function xlsxCell(c: Cell): XlsxCell {
  if (c === null || c === '') return null;
  if (typeof c === 'string') return { value: c, type: String };
  if (typeof c === 'number') return { value: c, type: Number };
  if ('money' in c) {
    const digits = minorDigits(c.currency);
    // Integer minor units scaled once: the nearest double to the exact amount, shown with its decimals.
    return { value: c.money / 10 ** digits, type: Number, format: digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0' };
  }
  return { value: c.percent / 10_000, type: Number, format: '0.00%' };
}

/** Column widths from the longest text in each column (CJK characters count double). */
function widths(header: string[], rows: Cell[][]): { width: number }[] {
  const len = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return header.map((h, i) => {
    let w = len(h);
    for (const r of rows.slice(0, 500)) {
      // Money shows with thousands separators, a rate with its % sign: a few characters more than the CSV text.
      const text = String(plainCell(r[i] ?? null) ?? '');
      w = Math.max(w, len(text) + (typeof r[i] === 'object' && r[i] !== null ? Math.ceil(text.length / 3) : 0));
    }
    return { width: Math.min(60, Math.max(8, w + 2)) };
  });
}

export async function toXlsx(header: string[], rows: Cell[][], sheet: string): Promise<Buffer> {
  const data = [header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })), ...rows.map((r) => r.map(xlsxCell))];
  // Excel limits sheet names to 31 characters without []:*?/\
  const name = sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  return writeXlsxFile(data, { buffer: true, sheet: name, columns: widths(header, rows), stickyRowsCount: 1 });
}
