/**
 * Prepared statements, cached per connection. Preparing parses the SQL every time; the billing
 * run executes the same few statements thousands of times.
 */
import type Database from 'better-sqlite3';
import type { Db } from './open';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function prepared<P extends unknown[] | object = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt as unknown as Database.Statement<P, R>;
}

/**
 * Inserts a row object into `table`, one column per key (the keys come from the row types in
 * rows.ts, never from input); returns the new rowid. The statement is cached like any other.
 */
export function insertRow<R extends object>(db: Db, table: string, row: R): number {
  const cols = Object.keys(row);
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
  return Number(prepared<R>(db, sql).run(row).lastInsertRowid);
}

/**
 * A repository built once per connection: `perConnection(build)(db)` returns the same object for
 * the same connection. Building one makes a closure per statement; the billing run asks for its
 * repositories once per unit, thousands of times.
 */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let repo = built.get(db);
    if (repo === undefined) built.set(db, (repo = build(db)));
    return repo;
  };
}

/** Rows one multi-row INSERT writes (far under SQLite's parameter limit for the widest table written so). */
const ROWS_PER_INSERT = 50;

/**
 * Inserts many rows into `table` (each an array of values in the order of `columns`, which come
 * from code, never from input), `ROWS_PER_INSERT` per statement; returns the new rowids in order.
 * One multi-row INSERT steps SQLite once for its rows and binds them by position: the same rows,
 * indexes and triggers as one INSERT each, without a statement's start and end per row. The rowids
 * are those the rows get one after another (the last one's, counted back): call it only inside a
 * transaction, on a table whose rowid is its INTEGER PRIMARY KEY without AUTOINCREMENT.
 */
export function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly unknown[][]): number[] {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  // The full statement's text is built and looked up once per call; a shorter last part has its own.
  const full = prepared(db, head + Array(ROWS_PER_INSERT).fill(tuple).join(', '));
  const ids: number[] = new Array(rows.length);
  const params: unknown[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const n = Math.min(ROWS_PER_INSERT, rows.length - i);
    params.length = 0;
    for (let k = i; k < i + n; k++) for (const v of rows[k]!) params.push(v);
    const stmt = n === ROWS_PER_INSERT ? full : prepared(db, head + Array(n).fill(tuple).join(', '));
    const last = Number(stmt.run(params).lastInsertRowid);
    for (let k = 0; k < n; k++) ids[i + k] = last - n + 1 + k;
  }
  return ids;
}
