/**
 * Checks a database file without writing to it: opened read-only, `integrity_check`
 * (or the faster `quick_check` at start-up; only the header and schema after a clean shutdown),
 * schema version, and the row count of every table.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { checkHere, checkInWorker, errorParts, isDamage, type CheckResult } from './check-worker';

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
  assertFile(file);
  return describeVerified(file, latestVersion, checkHere(file, 'integrity_check', opts.nativeBinding), opts);
}

/** The same verification with the whole-file check on a worker thread (backups of a large file). */
export async function verifyDatabaseFileOffThread(file: string, latestVersion: number, opts: { nativeBinding?: string | undefined } = {}): Promise<Verified> {
  assertFile(file);
  return describeVerified(file, latestVersion, await checkInWorker(file, 'integrity_check', opts.nativeBinding), opts);
}

function assertFile(file: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid('missing', `No file at ${file}.`);
}

/** Turns an integrity_check result into BACKUP_INVALID, then reads version, row counts and the settings snapshot. */
function describeVerified(file: string, latestVersion: number, integrity: CheckResult, opts: { nativeBinding?: string | undefined }): Verified {
  if (integrity.error) throw invalid('damaged', integrity.error.message);
  if (integrity.result !== 'ok') throw invalid('damaged', `integrity_check: ${String(integrity.result)}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
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

/** The full start-up check (after an unclean shutdown): null when healthy, else why not. Never writes. */
export function quickCheck(file: string, opts: { nativeBinding?: string | undefined } = {}): string | null {
  return problemOf(checkHere(file, 'quick_check', opts.nativeBinding));
}

/** The same check on a worker thread: the background check after a clean start. */
export async function quickCheckOffThread(file: string, opts: { nativeBinding?: string | undefined } = {}): Promise<string | null> {
  return problemOf(await checkInWorker(file, 'quick_check', opts.nativeBinding));
}

/** Damage shows as CORRUPT/NOTADB; anything else (permissions, a lock) is not damage and is thrown as such. */
function problemOf(check: CheckResult): string | null {
  if (check.error) {
    if (isDamage(check.error)) return check.error.message;
    throw Object.assign(new Error(check.error.message), { code: check.error.code });
  }
  return check.result === 'ok' ? null : String(check.result);
}

/** A write-ahead log with at least one frame beside the file (a clean close leaves none). */
function hasLog(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 32;
  } catch {
    return false;
  }
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The cheap start-up check after a clean shutdown: the 100-byte header is SQLite's and its page
 * count matches the file, and the whole schema reads. Catches a truncated, overwritten or foreign
 * file in milliseconds; damage inside table pages is left to the background quick_check.
 */
export function lightCheck(file: string, opts: { nativeBinding?: string | undefined } = {}): string | null {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(HEADER)) return 'file is not a database (bad header)';
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  // The in-header size counts only when it was written by the same change as the header (SQLite's rule).
  const pages = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : 0;
  // A kill in the middle of a checkpoint leaves page 1 (and its new count) copied before the file
  // grew: the log still holds those pages, so a short file with a log is not damage (quick_check reads through the log).
  if (pages > 0 && pages * pageSize > fs.statSync(file).size && !hasLog(file)) return `database disk image is malformed (header says ${pages} pages of ${pageSize} bytes)`;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all();
    return null;
  } catch (e) {
    const error = errorParts(e);
    if (isDamage(error)) return error.message;
    throw e;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a broken handle can fail; nothing was written either way
    }
  }
}
