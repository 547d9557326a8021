/**
 * Backups with SQLite's online backup API: written beside their final name, finished
 * (single-file journal mode, the settings snapshot), verified read-only, described by a
 * sidecar .json, then renamed into place — a half-written copy never looks like a backup.
 * Every attempt is logged in <data folder>/backup-log.json, so failures are shown, not swallowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { todayInZone } from '../../../shared/dates';
import type { BackupAttempt, BackupFailureKind, BackupInfo, BackupOverview, BackupReason, Picked, RestoreResult } from '../../contract/backup';
import { backupId } from '../../contract/backup';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import type { StaffRef } from '../../contract/handler';
import type { SettingsService } from '../settings/service';
import { BACKUP_EXTENSION, DIALOG_TEXT, noDialogs, withBackupExtension, type Dialogs } from './dialogs';
import { backupsToKeep } from './retention';
import { copyInWorker } from './check-worker';
import { prepareRestoreCopy, swapInFile } from './restore';
import { RESTORE_PENDING_KEY, SETTINGS_SNAPSHOT_KEY, verifyDatabaseFile, verifyDatabaseFileOffThread, type Verified } from './verify';

export interface BackupFaults {
  /** Called after the copy is written and before it is verified: throw to simulate a full disk. */
  afterWrite?(file: string): void;
  /** Called inside the file swap of a restore, after the old file is out of the way. */
  duringSwap?(): void;
}

export interface BackupDeps {
  dataDir: string;
  dbFile: string;
  settings: SettingsService;
  now: () => Date;
  latestVersion: number;
  nativeBinding?: string | undefined;
  /** The live connection, or null while the data file is damaged. */
  liveDb(): Db | null;
  damaged(): { reason: string } | null;
  /** Runs `work` while no other call touches the database. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Closes the live database, runs `fileOp` on the files, and reopens everything on the result. */
  reopenAfter(fileOp: () => void): Promise<void>;
  faults?: BackupFaults | undefined;
  /** True once the host is closing: a copy cut short by the close is not a failure to report. */
  isClosed?(): boolean;
  /** The native file dialogs (from the shell); without them every pick is cancelled. */
  dialogs?: Dialogs | undefined;
}

const LOG_FILE = 'backup-log.json';
const LOG_KEEP = 30;

const EXT = BACKUP_EXTENSION.slice(1);

export function createBackupService(deps: BackupDeps) {
  const dialogs = deps.dialogs ?? noDialogs;
  const dialogText = () => DIALOG_TEXT[deps.settings.get().locale];
  const logPath = path.join(deps.dataDir, LOG_FILE);
  const defaultFolder = path.join(deps.dataDir, 'backups');
  const folder = () => deps.settings.get().backupFolder || defaultFolder;
  const localDate = (iso: string) => todayInZone(new Date(iso), deps.settings.get().timeZone);

  function readLog(): BackupAttempt[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(logPath, 'utf8'));
      return Array.isArray(parsed) ? (parsed as BackupAttempt[]) : [];
    } catch {
      return [];
    }
  }

  function log(attempt: BackupAttempt): void {
    writeAtomic(logPath, JSON.stringify([attempt, ...readLog()].slice(0, LOG_KEEP), null, 1));
  }

  function list(): BackupInfo[] {
    const dir = folder();
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const out: BackupInfo[] = [];
    for (const name of names) {
      if (!backupId.safeParse(name).success || !names.includes(`${name}.json`)) continue;
      try {
        const info = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as BackupInfo;
        out.push({ ...info, id: name, size: fs.statSync(path.join(dir, name)).size });
      } catch {
        // an unreadable sidecar: the copy is not offered (it was never confirmed verified)
      }
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  /** Makes sure the folder is usable: the default is created, a chosen one must already exist (a USB stick may be out). */
  function ensureFolder(dir: string): void {
    if (dir === defaultFolder) fs.mkdirSync(dir, { recursive: true });
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (!stat) throw failure('folder_missing', `The backup folder ${dir} does not exist (is the drive plugged in?).`);
    if (!stat.isDirectory()) throw failure('not_a_folder', `${dir} is a file, not a folder.`);
    fs.accessSync(dir, fs.constants.W_OK);
  }

  function fileName(dir: string, at: Date, reason: BackupReason): string {
    const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
    for (let n = 1; n < 1000; n++) {
      const name = `subdesk-${stamp}${n === 1 ? '' : `-${n}`}-${reason}.sqlite`;
      if (!fs.existsSync(path.join(dir, name))) return name;
    }
    throw failure('other', 'Too many backups in the same second.');
  }

  // The copy being written, if any: a restore waits for it before it swaps the file (Windows cannot rename an open file).
  let copying: Promise<unknown> = Promise.resolve();

  /** Writes a verified copy of the live data (with the settings) to `target`; returns what was verified. */
  function writeCopy(target: string, offThread = true, beforeRename?: () => void): Promise<Verified> {
    const p = writeCopyNow(target, offThread, beforeRename);
    copying = p.catch(() => undefined);
    return p;
  }

  async function writeCopyNow(target: string, offThread: boolean, beforeRename?: () => void): Promise<Verified> {
    const db = deps.liveDb();
    if (!db) throw failure('other', 'The data file is damaged; there is nothing sound to back up.');
    const partial = `${target}.partial`;
    try {
      await copyTo(db, partial, JSON.stringify(deps.settings.get()), offThread);
      deps.faults?.afterWrite?.(partial);
      let verified;
      try {
        // integrity_check of a large copy takes seconds: on a worker thread, not the one answering the window.
        verified = offThread
          ? await verifyDatabaseFileOffThread(partial, deps.latestVersion, { nativeBinding: deps.nativeBinding })
          : verifyDatabaseFile(partial, deps.latestVersion, { nativeBinding: deps.nativeBinding });
      } catch (e) {
        throw failure('verify_failed', `The copy did not verify: ${(e as Error).message}`);
      }
      await fsyncFileOffThread(partial); // flushing 100 MB takes a while: on libuv's pool, not the main thread
      beforeRename?.();
      fs.renameSync(partial, target);
      return verified;
    } finally {
      fs.rmSync(partial, { force: true });
      fs.rmSync(`${partial}-journal`, { force: true });
    }
  }

  /** The copy on a worker thread (the main thread keeps answering); on this thread if no worker starts. */
  async function copyTo(db: Db, partial: string, settingsJson: string, offThread: boolean): Promise<void> {
    const live = path.join(deps.dataDir, deps.dbFile);
    const extras = { settingsJson, snapshotKey: SETTINGS_SNAPSHOT_KEY, pendingKey: RESTORE_PENDING_KEY };
    const done = offThread && db.name === live ? await copyInWorker(live, partial, extras, deps.nativeBinding) : null;
    if (done?.error) throw Object.assign(new Error(done.error.message), { code: done.error.code });
    if (done) return;
    await db.backup(partial);
    finish(partial, settingsJson);
  }

  /** One file, no WAL beside it, the settings inside, no leftover restore marker. */
  function finish(file: string, settingsJson: string): void {
    const copy = new Database(file, deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
      copy.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(SETTINGS_SNAPSHOT_KEY, settingsJson);
      copy.prepare('DELETE FROM meta WHERE key = ?').run(RESTORE_PENDING_KEY);
    } finally {
      copy.close();
    }
  }

  /** `offThread: false` for a copy taken while every call waits anyway (a restore's safety copy): no worker start-up. */
  async function backup(reason: BackupReason, offThread = true): Promise<BackupInfo> {
    const at = deps.now();
    const dir = folder();
    let id: string | null = null;
    try {
      ensureFolder(dir);
      id = fileName(dir, at, reason);
      const file = path.join(dir, id);
      const verified = await writeCopy(file, offThread);
      const info: BackupInfo = {
        id,
        at: at.toISOString(),
        reason,
        size: fs.statSync(file).size,
        status: 'verified',
        schemaVersion: verified.schemaVersion,
        rowCounts: verified.rowCounts,
      };
      writeAtomic(`${file}.json`, JSON.stringify(info, null, 1));
      log({ at: info.at, reason, ok: true, id, failure: null, message: '' });
      prune();
      return info;
    } catch (e) {
      if (id) fs.rmSync(path.join(dir, id), { force: true });
      if (deps.isClosed?.()) throw e;
      const err = asFailure(e);
      log({ at: at.toISOString(), reason, ok: false, id: null, failure: err.details!['failure'] as BackupFailureKind, message: err.message });
      throw err;
    }
  }

  function prune(): void {
    const all = list();
    const keep = backupsToKeep(all.map((b) => ({ id: b.id, date: localDate(b.at), at: b.at })));
    for (const b of all) {
      if (keep.has(b.id)) continue;
      fs.rmSync(path.join(folder(), b.id), { force: true });
      fs.rmSync(path.join(folder(), `${b.id}.json`), { force: true });
    }
  }

  /** Verify the source, keep a safety copy of the current data, then swap the file in and reopen. */
  async function restoreFrom(source: string, safetyReason: BackupReason, actor: StaffRef | null, channel: string): Promise<RestoreResult> {
    return deps.exclusive(async () => {
      await copying;
      const tmp = path.join(deps.dataDir, `${deps.dbFile}.restoring`);
      fs.rmSync(tmp, { force: true });
      try {
        try {
          fs.copyFileSync(source, tmp);
        } catch (e) {
          throw new AppError('BACKUP_INVALID', `That file cannot be read: ${(e as Error).message}`, { reason: 'missing' });
        }
        const verified = verifyDatabaseFile(tmp, deps.latestVersion, { nativeBinding: deps.nativeBinding });
        const safety = deps.damaged() ? null : (await backup(safetyReason, false)).id;
        prepareRestoreCopy(tmp, {
          at: deps.now().toISOString(),
          actor,
          channel,
          source: path.basename(source),
          safetyBackup: safety,
          nativeBinding: deps.nativeBinding,
        });
        await deps.reopenAfter(() =>
          swapInFile({
            dataDir: deps.dataDir,
            dbFile: deps.dbFile,
            tmp,
            damaged: deps.damaged() !== null,
            stamp: deps.now().toISOString().replace(/[-:.]/g, ''),
            nativeBinding: deps.nativeBinding,
            duringSwap: deps.faults?.duringSwap,
          }),
        );
        return { restoredFrom: path.basename(source), safetyBackup: safety, rowCounts: verified.rowCounts };
      } finally {
        fs.rmSync(tmp, { force: true });
        fs.rmSync(`${tmp}-journal`, { force: true });
      }
    });
  }

  return {
    folder,
    list,
    overview(): BackupOverview {
      const attempts = readLog();
      const newest = attempts[0];
      return {
        folder: folder(),
        isDefaultFolder: folder() === defaultFolder,
        backups: list(),
        attempts,
        lastFailure: newest && !newest.ok ? newest : null,
        damaged: deps.damaged(),
      };
    },
    backup,
    /** The start-of-day copy: only when there is no verified backup dated today. Failures are logged, not thrown. */
    async dailyIfNeeded(): Promise<BackupInfo | null> {
      if (deps.damaged()) return null;
      const today = todayInZone(deps.now(), deps.settings.get().timeZone);
      if (list().some((b) => localDate(b.at) === today)) return null;
      return backup('daily').catch(() => null);
    },
    async onQuit(): Promise<BackupInfo | null> {
      if (deps.damaged()) return null;
      return backup('quit').catch(() => null);
    },
    async restore(id: string, actor: StaffRef | null): Promise<RestoreResult> {
      if (!list().some((b) => b.id === id)) throw new AppError('NOT_FOUND', `No verified backup named ${id}.`, { id });
      return restoreFrom(path.join(folder(), id), 'pre_restore', actor, 'backup.restore');
    },
    /** Import: the owner picks the file in main's open dialog; cancelled, nothing changes. */
    async importPicked(actor: StaffRef | null): Promise<Picked<RestoreResult>> {
      const text = dialogText();
      const file = await dialogs.pickOpenFile({ title: text.importTitle, filters: [{ name: text.filter, extensions: [EXT] }] });
      if (!file) return { status: 'cancelled' };
      return { status: 'done', ...(await restoreFrom(file, 'pre_import', actor, 'backup.import')) };
    },
    /** Export: the owner picks the file in main's save dialog; never over an existing file. */
    async exportPicked(): Promise<Picked<{ file: string; size: number }>> {
      const text = dialogText();
      const today = todayInZone(deps.now(), deps.settings.get().timeZone);
      const picked = await dialogs.pickSaveFile({
        title: text.exportTitle,
        defaultName: `subdesk-export-${today}${BACKUP_EXTENSION}`,
        filters: [{ name: text.filter, extensions: [EXT] }],
      });
      if (!picked) return { status: 'cancelled' };
      return { status: 'done', ...(await exportTo(withBackupExtension(picked))) };
    },
    /** The folder the owner picked in main's folder dialog, or null when cancelled. */
    pickFolder(): Promise<string | null> {
      return dialogs.pickFolder({ title: dialogText().folderTitle });
    },
  };

  /** The OS save dialog may already have asked "replace?": a backup tool still never destroys a file. */
  async function exportTo(file: string): Promise<{ file: string; size: number }> {
    // Checked again just before the copy takes the name: a large copy takes a while.
    const refuseExisting = () => {
      if (fs.existsSync(file)) {
        throw new AppError('FILE_EXISTS', `${file} already exists; Subdesk never replaces a file. Choose another name.`, { file: path.basename(file) });
      }
    };
    refuseExisting();
    const dir = path.dirname(file);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw failure('folder_missing', `The folder ${dir} does not exist.`);
    }
    try {
      await writeCopy(file, true, refuseExisting);
    } catch (e) {
      if (e instanceof AppError && e.code === 'FILE_EXISTS') throw e;
      throw asFailure(e);
    }
    return { file, size: fs.statSync(file).size };
  }
}

export type BackupService = ReturnType<typeof createBackupService>;

function failure(kind: BackupFailureKind, message: string): AppError {
  return new AppError('BACKUP_FAILED', message, { failure: kind });
}

/** Names the cause of a file-system or SQLite failure so the screen can say what to do. */
function asFailure(e: unknown): AppError {
  if (e instanceof AppError && e.code === 'BACKUP_FAILED') return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /disk is full|no space/i.test(message)) {
    return failure('disk_full', `The disk is full: ${message}`);
  }
  if (code === 'ENOENT') return failure('folder_missing', message);
  if (code === 'ENOTDIR') return failure('not_a_folder', message);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return failure('not_writable', message);
  }
  return failure('other', message);
}

export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
}

async function fsyncFileOffThread(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
