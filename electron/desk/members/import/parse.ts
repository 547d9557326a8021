/** CSV text → header and data rows, with papaparse (delimiter detected: comma, semicolon or tab). */
import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors';

export const MAX_ROWS = 50_000;
export const MAX_COLUMNS = 200;

export interface Table {
  headers: string[];
  /** Data rows with their 1-based line in the file. */
  rows: { line: number; cells: string[] }[];
  delimiter: string;
}

export function parseCsv(text: string, hasHeader: boolean): Table {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  return toTable(result.data, hasHeader, result.meta.delimiter);
}

/** Rows of cells (from a CSV or a sheet) → header and data rows, each with its line in the file. */
export function toTable(cellRows: string[][], hasHeader: boolean, delimiter: string): Table {
  const all = cellRows.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c ?? '') }));
  const rows = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY', 'The file has no rows.');
  const width = Math.max(...rows.map((r) => r.cells.length));
  if (width > MAX_COLUMNS) throw new AppError('IMPORT_TOO_LARGE', `The file has ${width} columns; at most ${MAX_COLUMNS} are read.`, { columns: width });
  const headers = hasHeader ? rows[0]!.cells.map((c) => c.trim()) : Array.from({ length: width }, (_, i) => `#${i + 1}`);
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length > MAX_ROWS) throw new AppError('IMPORT_TOO_LARGE', `The file has ${data.length} rows; import at most ${MAX_ROWS} at a time.`, { rows: data.length });
  while (headers.length < width) headers.push(`#${headers.length + 1}`);
  return { headers, rows: data, delimiter };
}
