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
