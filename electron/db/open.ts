import fs from 'node:fs';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to an Electron-ABI build of better_sqlite3.node (see scripts/electron-native.mjs). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens a database with the pragmas every connection must have (WAL, foreign keys, synchronous=FULL). */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * A clean close leaves `<file>.closed` with the file's size and modification time; the next
 * open takes (deletes) it first. Only a record that matches the file exactly, with no WAL left
 * beside it, proves the last session ended cleanly: a SIGKILL, a crash or a power cut leaves
 * no record (or a stale one), and a file changed while closed no longer matches.
 */
const closedRecord = (file: string) => `${file}.closed`;

export function recordCleanClose(file: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return;
  fs.writeFileSync(closedRecord(file), JSON.stringify({ size: stat.size, mtimeMs: stat.mtimeMs }));
}

/** Reads and removes the record; true when the file is exactly as the last clean close left it. */
export function takeCleanClose(file: string): boolean {
  let record: { size?: unknown; mtimeMs?: unknown } | null;
  try {
    record = JSON.parse(fs.readFileSync(closedRecord(file), 'utf8')) as { size?: unknown; mtimeMs?: unknown };
  } catch {
    record = null; // none, or torn: not proof of a clean close
  }
  fs.rmSync(closedRecord(file), { force: true });
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  return !!record && !!stat && record.size === stat.size && record.mtimeMs === stat.mtimeMs && !(wal && wal.size > 0);
}

/**
 * Runs `fn` with the connection's temporary storage in memory (then back as it was), when no
 * transaction is open (SQLite changes it only then). A savepoint copies each page it first
 * changes into a sub-journal: on a file (this build's default) that is one write call per page,
 * never truncated before the transaction ends; in memory it is a copy, dropped as the last
 * savepoint is released. The billing run's batches hold a savepoint per unit, so per unit that is
 * a handful of pages in memory instead of a temporary file that grows by them all batch long.
 */
export function withTempInMemory<T>(db: Db, fn: () => T): T {
  if (db.inTransaction || db.memory) return fn();
  const before = db.pragma('temp_store', { simple: true }) as number;
  if (before === 2) return fn();
  db.pragma('temp_store = MEMORY');
  try {
    return fn();
  } finally {
    if (!db.inTransaction) db.pragma(`temp_store = ${before}`);
  }
}
