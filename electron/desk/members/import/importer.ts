/**
 * Member import: the clerk's file is read and checked row by row (preview, changes nothing),
 * then the rows the clerk accepts are created in one transaction (commit). The commit reads
 * the same bytes again, so what is imported is exactly what was previewed.
 */
import type { ImportField } from '../../../contract/desk';
import type { ImportCommitResult, ImportPreview, ImportRow } from '../../../contract/desk-types';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../../db/open';
import { digitsOf, ftsTerm } from '../search-text';
import { decodeFile } from './decode';
import { guessMapping } from './columns';
import { minorDigitsOf } from './cells';
import { parseCsv } from './parse';
import { emptyMapping, validateRows, type ImportContext, type Mapping, type PlanRef } from './validate';

export interface ImportSource {
  content: string;
  mapping?: Partial<Record<ImportField, number | null>> | undefined;
  hasHeader: boolean;
}

export interface ImportDeps {
  db: Db;
  /** Creates one member (through the members service) and returns its id. */
  createMember(values: ImportRow['values']): number;
  /** Starts the member's current plan so that its first invoiced period begins on `nextBillDate`. */
  startSubscription(memberId: number, planId: number, nextBillDate: string, price: number | null): void;
}

export function createImporter(db: Db) {
  const cardOwner = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM members WHERE card_no = ? COLLATE NOCASE LIMIT 1');
  const byPhone = db.prepare<[string], { id: number; name: string }>(
    `SELECT m.id, m.name FROM member_search s JOIN members m ON m.id = s.rowid WHERE member_search MATCH ? LIMIT 5`,
  );
  const byNameBirthday = db.prepare<[string, string], { id: number; name: string }>(
    'SELECT id, name FROM members WHERE name = ? AND birthday = ? AND merged_into IS NULL LIMIT 5',
  );
  const plans = db.prepare<[], { id: number; name: string; kind: 'recurring' | 'pack'; archived: number }>(
    'SELECT id, name, kind, archived FROM plans ORDER BY archived, id',
  );

  function context(today: string, currency: string): ImportContext {
    return {
      today,
      minorDigits: minorDigitsOf(currency),
      plans: plans.all().map((p): PlanRef => ({ id: p.id, name: p.name, kind: p.kind, archived: p.archived === 1 })),
      cardOwner: (card) => cardOwner.get(card) ?? null,
      phoneOwners: (phone) => {
        const digits = digitsOf(phone);
        return digits ? byPhone.all(`head : ${ftsTerm(digits)}`) : [];
      },
      sameNameBirthday: (name, birthday) => byNameBirthday.all(name, birthday),
    };
  }

  function read(source: ImportSource, today: string, currency: string) {
    const { text, encoding } = decodeFile(Buffer.from(source.content, 'base64'));
    const table = parseCsv(text, source.hasHeader);
    const mapping: Mapping = { ...emptyMapping(), ...(source.mapping ?? guessMapping(table.headers)) };
    const width = table.headers.length;
    for (const [field, col] of Object.entries(mapping)) {
      if (col !== null && col !== undefined && col >= width) {
        throw new AppError('VALIDATION', `Column ${col + 1} does not exist in this file.`, {
          issues: [{ path: `mapping.${field}`, code: 'custom', message: 'out_of_range' }],
        });
      }
    }
    const rows = validateRows(table, mapping, context(today, currency));
    return { encoding, table, mapping, rows };
  }

  function preview(source: ImportSource, today: string, currency: string): ImportPreview {
    const { encoding, table, mapping, rows } = read(source, today, currency);
    const invalid = rows.filter((r) => r.errors.length).length;
    return {
      encoding,
      delimiter: table.delimiter,
      headers: table.headers,
      mapping,
      rows,
      counts: {
        total: rows.length,
        valid: rows.length - invalid,
        invalid,
        withWarnings: rows.filter((r) => !r.errors.length && r.warnings.length).length,
      },
    };
  }

  /** Creates the accepted rows; any accepted row with an error refuses the whole import. */
  function commit(source: ImportSource, accept: number[], today: string, currency: string, deps: Omit<ImportDeps, 'db'>): ImportCommitResult {
    if (source.mapping && source.mapping.name == null) {
      throw new AppError('VALIDATION', 'Choose the column that holds the name.', {
        issues: [{ path: 'mapping.name', code: 'custom', message: 'required' }],
      });
    }
    const { rows } = read(source, today, currency);
    const wanted = [...new Set(accept)].sort((a, b) => a - b);
    const missing = wanted.filter((n) => n > rows.length);
    const bad = wanted.filter((n) => n <= rows.length && rows[n - 1]!.errors.length > 0);
    if (missing.length || bad.length) {
      throw new AppError('IMPORT_ROW_INVALID', `Rows ${[...bad, ...missing].slice(0, 20).join(', ')} cannot be imported as they are.`, {
        rows: [...bad, ...missing],
      });
    }
    const memberIds: number[] = [];
    let subscriptions = 0;
    for (const n of wanted) {
      const { values } = rows[n - 1]!;
      const id = deps.createMember(values);
      memberIds.push(id);
      if (values.planId !== null && values.nextBillDate !== null) {
        deps.startSubscription(id, values.planId, values.nextBillDate, values.price);
        subscriptions++;
      }
    }
    return { created: memberIds.length, subscriptions, memberIds };
  }

  return { preview, commit };
}

export type Importer = ReturnType<typeof createImporter>;
