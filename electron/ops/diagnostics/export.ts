/**
 * "Export diagnostics": one zip the owner sends to support. What goes in is chosen, not
 * filtered: the log files (which hold codes and channels, never call input), the versions,
 * SQLite's quick_check, the recent billing runs and the business settings that carry no
 * personal data. No member, staff or PIN data is read at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { checkInWorker } from '../backup/check-worker';
import type { Dialogs } from '../backup/dialogs';
import { todayInZone } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Picked } from '../../contract/backup';
import type { Settings } from '../../contract/settings';
import type { RuntimeVersions } from '../../contract/system';
import { schemaVersion } from '../../db/migrate';
import type { Db } from '../../db/open';
import type { SettingsService } from '../settings/service';
import type { DiagnosticsLog } from './log';

/** What the shell knows and Node does not: main passes process.versions (electron, chrome). */
export interface ShellVersions {
  electron?: string | undefined;
  chrome?: string | undefined;
}

export interface DiagnosticsDeps {
  dataDir: string;
  dbFile: string;
  appVersion: string;
  versions: ShellVersions;
  log: DiagnosticsLog;
  dialogs: Dialogs;
  settings: SettingsService;
  now: () => Date;
  nativeBinding?: string | undefined;
  damaged(): { reason: string } | null;
}

/**
 * Each setting is either sent to support or not, decided here for every key: a new setting
 * does not compile until someone decides. Names, contact details, tax ids and paths stay home.
 */
const SETTING_SENT: Record<keyof Settings, boolean> = {
  businessName: false,
  address: false,
  phone: false,
  taxId: false,
  backupFolder: false,
  currency: true,
  locale: true,
  timeZone: true,
  pricesIncludeTax: true,
  defaultTaxRateBp: true,
  invoiceNumberFormat: true,
  creditNoteNumberFormat: true,
  paymentTermsDays: true,
  householdDiscountBp: true,
  overdueBlockDays: true,
  lateFee: true,
  lateFeeAfterDays: true,
  freezeDefaultDays: true,
  freezeDefaultMode: true,
  openingHours: true,
  autoLockMinutes: true,
  catchUpMaxDays: true,
  catchUpMaxInvoices: true,
  followUpRules: true,
  cancelReasons: false,
  setupCompleted: true,
};

const RUNS_SENT = 20;

const DIALOG_TEXT = {
  en: { title: 'Save diagnostics for support', filter: 'Zip archive' },
  'zh-CN': { title: '保存诊断信息（发给技术支持）', filter: 'Zip 压缩包' },
} as const;

export function runtimeVersions(db: Db, shell: ShellVersions): RuntimeVersions {
  const sqlite = db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()!.v;
  return {
    electron: shell.electron ?? null,
    chromium: shell.chrome ?? null,
    node: process.versions.node,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    sqlite,
  };
}

export function createDiagnostics(deps: DiagnosticsDeps) {
  /** The zip's files by name. */
  async function contents(db: Db): Promise<Zippable> {
    const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);
    const files: Zippable = {
      'versions.json': json({
        app: deps.appVersion,
        ...runtimeVersions(db, deps.versions),
        schemaVersion: schemaVersion(db),
        exportedAt: deps.now().toISOString(),
        damaged: deps.damaged()?.reason ?? null,
      }),
      'integrity.txt': strToU8(`${await integrity()}\n`),
      'billing-runs.json': json(deps.damaged() ? [] : recentRuns(db)),
      'settings.json': json(safeSettings(deps.settings.get())),
    };
    for (const file of deps.log.files()) files[`logs/${path.basename(file)}`] = fs.readFileSync(file);
    return files;
  }

  /** PRAGMA quick_check on the data file, read-only on a worker thread. */
  async function integrity(): Promise<string> {
    if (!fs.existsSync(deps.dbFile)) return 'quick_check: no data file';
    const r = await checkInWorker(deps.dbFile, 'quick_check', deps.nativeBinding);
    return r.error ? `quick_check failed: ${r.error.code} ${r.error.message}` : `quick_check: ${String(r.result)}`;
  }

  return {
    async exportPicked(db: Db): Promise<Picked<{ file: string; size: number }>> {
      const { timeZone, locale } = deps.settings.get();
      const text = DIALOG_TEXT[locale] ?? DIALOG_TEXT.en;
      const picked = await deps.dialogs.pickSaveFile({
        title: text.title,
        defaultName: `subdesk-diagnostics-${todayInZone(deps.now(), timeZone)}.zip`,
        filters: [{ name: text.filter, extensions: ['zip'] }],
      });
      if (!picked) return { status: 'cancelled' };
      const file = picked.toLowerCase().endsWith('.zip') ? picked : `${picked}.zip`;
      const data = zipSync(await contents(db));
      writeNew(file, data);
      return { status: 'done', file, size: data.length };
    },
  };
}

export type Diagnostics = ReturnType<typeof createDiagnostics>;

function safeSettings(s: Settings): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, sent] of Object.entries(SETTING_SENT)) if (sent) out[key] = s[key as keyof Settings];
  out['backupFolder'] = s.backupFolder ? 'custom' : 'default';
  return out as Partial<Settings>;
}

function recentRuns(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT id, trigger, as_of AS asOf, started_at AS startedAt, finished_at AS finishedAt, status,
              invoices_created AS invoicesCreated, amount_total AS amountTotal, errors, message
         FROM billing_runs ORDER BY id DESC LIMIT ?`,
    )
    .all(RUNS_SENT)
    .map((r) => ({ ...(r as object), errors: JSON.parse((r as { errors: string }).errors) as unknown }));
}

/** 'wx': the OS refuses an existing name, so a file that appeared after the dialog is never replaced. */
function writeNew(file: string, data: Uint8Array): void {
  if (!fs.statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppError('NOT_FOUND', `The folder ${path.dirname(file)} does not exist.`, { folder: path.basename(path.dirname(file)) });
  }
  try {
    fs.writeFileSync(file, data, { flag: 'wx' });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') {
      throw new AppError('FILE_EXISTS', `${file} already exists; Subdesk never replaces a file. Choose another name.`, { file: path.basename(file) });
    }
    throw e;
  }
}
