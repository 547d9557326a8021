/**
 * Every table the migrations create has its row type in electron/db/rows.ts, with exactly
 * its columns: names in order, nullability, type class and the values an IN-CHECK allows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../../electron/db/migrate';
import { openDatabase } from '../../../electron/db/open';
import { tableColumns } from '../../../electron/db/rows';

const db = openDatabase(':memory:');
applyMigrations(db, loadMigrations());
afterAll(() => db.close());

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  hidden: number;
}

/** The full-text index and the shadow tables SQLite keeps for it have no row type. */
const FTS = /^member_search(_data|_idx|_docsize|_config)?$/;
const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[]).filter(
  (t) => !FTS.test(t.name),
);

/** What the schema says about a column, written the way rows.ts writes it. */
function describeColumn(c: ColumnInfo, createSql: string): string {
  const nullable = c.notnull === 0 && !(c.pk > 0 && c.type === 'INTEGER');
  const check = new RegExp(`\\b${c.name}\\s+IN\\s*\\(([^)]*)\\)`).exec(createSql);
  if (c.type === 'TEXT' && check) {
    const values = check[1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
    return `${c.name}: ${JSON.stringify(nullable ? [...values, null] : values)}`;
  }
  return `${c.name}: ${c.type.toLowerCase()}${nullable ? '?' : ''}`;
}

function describeSpec(name: string, spec: unknown): string {
  return `${name}: ${typeof spec === 'string' ? spec : JSON.stringify(spec)}`;
}

describe('row types', () => {
  it('exist for exactly the tables the migrations create', () => {
    expect(Object.keys(tableColumns).sort()).toEqual(tables.map((t) => t.name).sort());
  });

  it.each(tables.map((t) => [t.name, t.sql] as const))('%s: names, order, nullability, type and CHECK values match', (name, sql) => {
    // table_xinfo also lists generated columns (members.sort_key), which SELECT * returns.
    const info = db.pragma(`table_xinfo(${name})`) as ColumnInfo[];
    const actual = info.filter((c) => c.hidden !== 1).map((c) => describeColumn(c, sql));
    const spec = tableColumns[name as keyof typeof tableColumns] as Record<string, unknown> | undefined;
    expect(Object.entries(spec ?? {}).map(([col, s]) => describeSpec(col, s))).toEqual(actual);
  });

  it('reads a real row with the declared shape', () => {
    db.prepare("INSERT INTO staff (name, role, pin_hash, created_at, updated_at) VALUES ('Ann', 'desk', 'scrypt$x', 'a', 'a')").run();
    const row = db.prepare('SELECT * FROM staff').get() as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(Object.keys(tableColumns.staff));
  });
});
