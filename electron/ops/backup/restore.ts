/**
 * The file side of a restore, ordered so a kill at any moment leaves either the old data
 * or the restored data, never a mix: the restored copy is prepared beside the live file
 * (with its audit entry and a "settings still to apply" marker), then renamed over it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { entryHash, GENESIS_HASH } from '../audit/audit';
import type { Db } from '../../db/open';
import type { StaffRef } from '../../contract/handler';
import type { SettingsService } from '../settings/service';
import { RESTORE_PENDING_KEY, SETTINGS_SNAPSHOT_KEY } from './verify';

export function prepareRestoreCopy(
  file: string,
  opts: { at: string; actor: StaffRef | null; channel: string; source: string; safetyBackup: string | null; nativeBinding?: string | undefined },
): void {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
    db.transaction(() => {
      // The restore is itself audited, on the restored chain.
      const prev = (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
      const row = {
        at: opts.at,
        staff_id: opts.actor?.id ?? null,
        staff_name: opts.actor?.name ?? 'system',
        channel: opts.channel,
        entity: 'database',
        entity_id: opts.source,
        before: JSON.stringify({ safetyBackup: opts.safetyBackup }),
        after: JSON.stringify({ restoredFrom: opts.source }),
      };
      db.prepare(
        `INSERT INTO audit_log (at, staff_id, staff_name, channel, entity, entity_id, before, after, prev_hash, hash)
         VALUES (@at, @staff_id, @staff_name, @channel, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
      ).run({ ...row, prev_hash: prev, hash: entryHash(prev, row) });
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(RESTORE_PENDING_KEY, JSON.stringify({ at: opts.at, source: opts.source }));
    })();
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

/** Runs with the live connection closed: set the old file aside or clear its WAL, then rename the copy in. */
export function swapInFile(opts: {
  dataDir: string;
  dbFile: string;
  tmp: string;
  damaged: boolean;
  stamp: string;
  nativeBinding?: string | undefined;
  duringSwap?: (() => void) | undefined;
}): void {
  const live = path.join(opts.dataDir, opts.dbFile);
  if (opts.damaged) {
    // A damaged file is never deleted: it is kept for whoever wants to rescue something from it.
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(live + suffix)) fs.renameSync(live + suffix, path.join(opts.dataDir, `subdesk-damaged-${opts.stamp}.sqlite${suffix}`));
    }
  } else {
    checkpointAway(live, opts.nativeBinding);
  }
  opts.duringSwap?.();
  fs.renameSync(opts.tmp, live);
  syncDir(opts.dataDir);
}

/** A WAL left beside the old file would be replayed onto the new one: fold it in and remove it first. */
function checkpointAway(live: string, nativeBinding: string | undefined): void {
  if (fs.existsSync(`${live}-wal`) && fs.existsSync(live)) {
    const db = new Database(live, nativeBinding ? { nativeBinding } : {});
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  fs.rmSync(`${live}-wal`, { force: true });
  fs.rmSync(`${live}-shm`, { force: true });
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // not supported on every platform (Windows); the rename itself is still atomic
  }
}

/**
 * Finishes a restore after the swap (also at the next start, if the app died in between). The
 * business settings came back inside the copy's `settings` table; a copy taken before they moved
 * there has an empty table and its snapshot fills it. This PC's choices (language, backup folder)
 * are never taken from a copy. The caller then re-reads the settings and tells the screen.
 */
export function finishPendingRestore(db: Db, settings: SettingsService): boolean {
  const meta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  if (!meta.get(RESTORE_PENDING_KEY)) return false;
  const snap = meta.get(SETTINGS_SNAPSHOT_KEY);
  const empty = db.prepare('SELECT 1 FROM settings LIMIT 1').get() === undefined;
  db.transaction(() => {
    if (snap && empty) {
      try {
        settings.replace(JSON.parse(snap.value) as Record<string, unknown>);
      } catch {
        // an unreadable snapshot: the settings are filled as for any empty table
      }
    }
    db.prepare('DELETE FROM meta WHERE key IN (?, ?)').run(RESTORE_PENDING_KEY, SETTINGS_SNAPSHOT_KEY);
  })();
  return true;
}
