/**
 * Member import: the clerk's file is read and checked row by row (preview, changes nothing),
 * then the rows the clerk accepts are created in one transaction (commit). The commit reads
 * the same bytes again, with the same choices (columns, plan names, skipped values), so what
 * is imported is exactly what was previewed.
 */
import type { ImportField } from '../../../contract/desk';
import type { ImportCommitResult, ImportPreview, ImportRow } from '../../../contract/desk-types';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../../db/open';
import { digitsOf, ftsTerm } from '../search-text';
import { decodeFile } from './decode';
import { guessMapping } from './columns';
import { minorDigitsOf } from './cells';
import { parseCsv, toTable, type Table } from './parse';
import { resolvePlans, type PlanRef } from './plans';
import { emptyMapping, validateRows, type ImportContext, type Mapping } from './validate';
import { isXlsx, readXlsx } from './xlsx';

export interface ImportSource {
  content: string;
  mapping?: Partial<Record<ImportField, number | null>> | undefined;
  hasHeader: boolean;
  planMap: { value: string; planId: number | null }[];
  skipValues: { row: number; field: ImportField }[];
}

export interface ImportDeps {
  /** Runs the creation in one transaction (the commit reads the file before it opens). */
  transaction<T>(work: () => T): T;
  /** Creates one member (through the members service) and returns its id. */
  createMember(values: ImportRow['values']): number;
  /** Starts the member's current plan so that its first invoiced period begins on `nextBillDate`. */
  startSubscription(memberId: number, planId: number, nextBillDate: string, price: number | null): void;
  /** Records a pack paid for before Subdesk: `sessions` left, valid through `lastDay`. */
  startPack(memberId: number, planId: number, sessions: number, lastDay: string): void;
}

type Loaded = { encoding: ImportPreview['encoding']; table: Table };

/** The file's bytes → a table: an .xlsx workbook's first sheet, or CSV text in whichever encoding it was saved. */
async function load(source: ImportSource): Promise<Loaded> {
  const bytes = Buffer.from(source.content, 'base64');
  if (isXlsx(bytes)) return { encoding: 'xlsx', table: toTable(await readXlsx(bytes), source.hasHeader, '') };
  const { text, encoding } = decodeFile(bytes);
  return { encoding, table: parseCsv(text, source.hasHeader) };
}

function checkMapping(mapping: Mapping, width: number): void {
  for (const [field, col] of Object.entries(mapping)) {
    if (col !== null && col !== undefined && col >= width) {
      throw new AppError('VALIDATION', `Column ${col + 1} does not exist in this file.`, {
        issues: [{ path: `mapping.${field}`, code: 'custom', message: 'out_of_range' }],
      });
    }
  }
}

export function createImporter(db: Db) {
  const cardOwner = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM members WHERE card_no = ? COLLATE NOCASE LIMIT 1');
  const byPhone = db.prepare<[string], { id: number; name: string }>(
    `SELECT m.id, m.name FROM member_search s JOIN members m ON m.id = s.rowid WHERE member_search MATCH ? AND m.merged_into IS NULL LIMIT 20`,
  );
  const byNameBirthday = db.prepare<[string, string], { id: number; name: string }>(
    'SELECT id, name FROM members WHERE name = ? AND birthday = ? AND merged_into IS NULL LIMIT 5',
  );
  const plans = db.prepare<[], { id: number; name: string; kind: 'recurring' | 'pack'; archived: number }>(
    'SELECT id, name, kind, archived FROM plans ORDER BY archived, id',
  );

  /** Checks every row against the database as it is now (inside the commit's transaction when committing). */
  function check(source: ImportSource, { table }: Loaded, today: string, currency: string) {
    const mapping: Mapping = { ...emptyMapping(), ...(source.mapping ?? guessMapping(table.headers)) };
    checkMapping(mapping, table.headers.length);
    const planRefs = plans.all().map((p): PlanRef => ({ id: p.id, name: p.name, kind: p.kind, archived: p.archived === 1 }));
    const at = (r: { cells: string[] }, f: ImportField) => { const col = mapping[f]; return col == null ? '' : (r.cells[col] ?? '').trim(); };
    const planCells = table.rows.map((r) => ({ value: at(r, 'plan'), pack: at(r, 'packSessions') !== '' })).filter((c) => c.value);
    const resolver = resolvePlans(planCells, planRefs, source.planMap);
    const ctx: ImportContext = {
      today,
      minorDigits: minorDigitsOf(currency),
      plans: resolver,
      cardOwner: (card) => cardOwner.get(card) ?? null,
      phoneOwners: (phone) => {
        const digits = digitsOf(phone);
        return digits ? byPhone.all(`head : ${ftsTerm(digits)}`).filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i) : [];
      },
      sameNameBirthday: (name, birthday) => byNameBirthday.all(name, birthday),
      skipped: new Set(source.skipValues.map((s) => `${s.row}:${s.field}`)),
    };
    const rows = validateRows(table, mapping, ctx);
    const live = planRefs.filter((p) => !p.archived).map(({ id, name, kind }) => ({ id, name, kind }));
    return { mapping, rows, planValues: resolver.values, plans: live };
  }

  async function preview(source: ImportSource, today: string, currency: string): Promise<ImportPreview> {
    const loaded = await load(source);
    const { mapping, rows, planValues, plans: live } = check(source, loaded, today, currency);
    const existing = rows.filter((r) => r.existing).length;
    const invalid = rows.filter((r) => !r.existing && r.errors.length).length;
    return {
      encoding: loaded.encoding,
      delimiter: loaded.table.delimiter,
      headers: loaded.table.headers,
      mapping,
      rows,
      planValues,
      plans: live,
      counts: {
        total: rows.length,
        valid: rows.length - invalid - existing,
        invalid,
        withWarnings: rows.filter((r) => !r.existing && !r.errors.length && r.warnings.length).length,
        existing,
      },
    };
  }

  /** Creates the accepted rows; any accepted row with an error refuses the whole import; rows already here are skipped. */
  async function commit(source: ImportSource, accept: number[], today: string, currency: string, deps: ImportDeps): Promise<ImportCommitResult> {
    if (source.mapping && source.mapping.name == null) {
      throw new AppError('VALIDATION', 'Choose the column that holds the name.', {
        issues: [{ path: 'mapping.name', code: 'custom', message: 'required' }],
      });
    }
    const loaded = await load(source);
    return deps.transaction(() => create(check(source, loaded, today, currency).rows, accept, deps));
  }

  function create(rows: ImportRow[], accept: number[], deps: ImportDeps): ImportCommitResult {
    const wanted = [...new Set(accept)].sort((a, b) => a - b);
    const missing = wanted.filter((n) => n > rows.length);
    const bad = wanted.filter((n) => n <= rows.length && !rows[n - 1]!.existing && rows[n - 1]!.errors.length > 0);
    if (missing.length || bad.length) {
      const lines = bad.map((n) => rows[n - 1]!.line);
      throw new AppError('IMPORT_ROW_INVALID', `Lines ${lines.slice(0, 20).join(', ') || '-'} of the file cannot be imported as they are${missing.length ? `; rows ${missing.slice(0, 20).join(', ')} do not exist` : ''}.`, {
        rows: [...bad, ...missing],
      });
    }
    const result: ImportCommitResult = { created: 0, subscriptions: 0, packs: 0, memberIds: [], alreadyHere: [] };
    for (const n of wanted) {
      const row = rows[n - 1]!;
      if (row.existing) {
        result.alreadyHere.push(row.line);
        continue;
      }
      const { values } = row;
      const id = deps.createMember(values);
      result.memberIds.push(id);
      if (values.planId !== null && values.nextBillDate !== null) {
        deps.startSubscription(id, values.planId, values.nextBillDate, values.price);
        result.subscriptions++;
      } else if (values.planId !== null && values.packSessions !== null && values.packExpiry !== null) {
        deps.startPack(id, values.planId, values.packSessions, values.packExpiry);
        result.packs++;
      }
    }
    result.created = result.memberIds.length;
    return result;
  }

  return { preview, commit };
}

export type Importer = ReturnType<typeof createImporter>;
