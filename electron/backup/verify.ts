/**
 * Checks a database file without writing to it: opened read-only, `integrity_check`
 * (or the faster `quick_check` at start-up), schema version, and the row count of every table.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../contract/errors';

export interface Verified {
  schemaVersion: number;
  rowCounts: Record<string, number>;
  /** The business settings stored in the copy when it was taken (JSON), if any. */
  settingsSnapshot: string | null;
}

export const SETTINGS_SNAPSHOT_KEY = 'settings.snapshot';
export const RESTORE_PENDING_KEY = 'restore.pending';

/** Tables every Subdesk data file has from its first migration on. */
const REQUIRED_TABLES = ['meta', 'audit_log'];

export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
  return out;
}

/**
 * Verifies a copy: refuses a file that is not a Subdesk database, is damaged, or was
 * written by a newer app. Throws BACKUP_INVALID with the reason.
 */
export function verifyDatabaseFile(file: string, latestVersion: number, opts: { nativeBinding?: string | undefined } = {}): Verified {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid('missing', `No file at ${file}.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw invalid('damaged', `integrity_check: ${String(integrity)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const counts = rowCounts(db);
    if (!REQUIRED_TABLES.every((t) => t in counts) || version < 1) throw invalid('not_subdesk', 'Not a Subdesk data file.');
    if (version > latestVersion) throw invalid('too_new', `Written by a newer Subdesk (schema ${version}).`);
    const snap = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(SETTINGS_SNAPSHOT_KEY);
    return { schemaVersion: version, rowCounts: counts, settingsSnapshot: snap?.value ?? null };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid('damaged', e instanceof Error ? e.message : String(e));
  } finally {
    db?.close();
  }
}

function invalid(reason: string, message: string): AppError {
  return new AppError('BACKUP_INVALID', `That file cannot be restored: ${message}`, { reason });
}

/** The start-up check: null when healthy, else why not. Never writes (read-only connection). */
export function quickCheck(file: string, opts: { nativeBinding?: string | undefined } = {}): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : String(result);
  } catch (e) {
    // Damage shows as CORRUPT/NOTADB; anything else (permissions, a lock) is not damage and is reported as such.
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(String(e))) {
      return e instanceof Error ? e.message : String(e);
    }
    throw e;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a broken handle can fail; nothing was written either way
    }
  }
}
