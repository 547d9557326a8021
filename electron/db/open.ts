import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to an Electron-ABI build of better_sqlite3.node (see scripts/electron-native.mjs). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens a database with the pragmas every connection must have (DESIGN.md). */
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
