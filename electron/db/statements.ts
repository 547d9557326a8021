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
