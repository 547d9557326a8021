import { z } from 'zod';
import { channel } from './define';
import { empty } from './common';

export type BackupReason = 'daily' | 'quit' | 'manual' | 'pre_restore' | 'pre_import' | 'export';

export interface BackupInfo {
  /** The file name inside the backup folder: the only way a listed backup is named over IPC. */
  id: string;
  /** UTC ISO instant the copy was taken. */
  at: string;
  reason: BackupReason;
  size: number;
  status: 'verified';
  schemaVersion: number;
  /** Rows per table, counted when the copy was verified. */
  rowCounts: Record<string, number>;
}

export type BackupFailureKind = 'folder_missing' | 'not_a_folder' | 'not_writable' | 'disk_full' | 'verify_failed' | 'other';

export interface BackupAttempt {
  at: string;
  reason: BackupReason;
  ok: boolean;
  id: string | null;
  failure: BackupFailureKind | null;
  message: string;
}

export interface BackupOverview {
  /** The folder in use (the setting, or <data folder>/backups). */
  folder: string;
  isDefaultFolder: boolean;
  backups: BackupInfo[];
  /** Recent attempts, newest first; failures are shown until a later backup succeeds. */
  attempts: BackupAttempt[];
  lastFailure: BackupAttempt | null;
  damaged: { reason: string } | null;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The copy of the data as it was just before the restore (null when that data was damaged). */
  safetyBackup: string | null;
  rowCounts: Record<string, number>;
}

/** A backup's file name as listed by backup.list. */
export const backupId = z
  .string('invalid_choice')
  .regex(/^subdesk-\d{8}T\d{6}Z(-\d{1,3})?-[a-z_]{1,20}\.sqlite$/, 'invalid_choice');

/** What a call that opens a file dialog did: the owner may cancel it, and then nothing happened. */
export type Picked<T> = ({ status: 'done' } & T) | { status: 'cancelled' };

export const backupChannels = {
  'backup.list': channel<BackupOverview>()(empty, { access: 'owner', mutates: false }),
  'backup.now': channel<BackupInfo>()(empty, { access: 'owner', mutates: false }),
  /** Restores a listed backup: verify, back up the current data, switch, reopen. */
  'backup.restore': channel<RestoreResult>()(z.strictObject({ id: backupId }), { access: 'owner', mutates: true, tx: 'self' }),
  /**
   * The whole business (data and settings) as one file. The file is picked in a save dialog in
   * main (no path crosses IPC); an existing file is refused (FILE_EXISTS), the extension forced.
   */
  'backup.export': channel<Picked<{ file: string; size: number }>>()(empty, { access: 'owner', mutates: false }),
  /** Replaces the business with a file picked in an open dialog in main, after backing up the current data. */
  'backup.import': channel<Picked<RestoreResult>>()(empty, { access: 'owner', mutates: true, tx: 'self' }),
  /** The backup folder: picked in a folder dialog in main ('choose'), or back to the data folder ('default'). */
  'backup.setFolder': channel<Picked<{ folder: string }>>()(z.strictObject({ folder: z.enum(['choose', 'default'], 'invalid_choice') }), {
    access: 'owner',
    mutates: true,
    tx: 'self',
  }),
};
