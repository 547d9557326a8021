/**
 * Runs SQLite's whole-file work on a worker thread — the checks (`integrity_check`,
 * `quick_check`) and the backup copy — so a 100 MB file takes seconds of a worker, not seconds
 * of the main thread that answers the window. The worker is inline (eval) code that loads better-sqlite3 by absolute
 * path: no separate bundle entry, the same code under Node, vitest and the Electron build.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

export type CheckPragma = 'integrity_check' | 'quick_check';

/** What the check said: 'ok', SQLite's list of problems, or the error that stopped it (with its code). */
export interface CheckResult {
  result: string | null;
  error: { code: string; message: string } | null;
}

// One task per message; the worker opens and closes its own connections, so between tasks it holds no file.
const WORKER_CODE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.module);
async function work(t) {
  const binding = t.nativeBinding ? { nativeBinding: t.nativeBinding } : {};
  let db;
  try {
    db = new Database(t.file, { readonly: true, fileMustExist: true, ...binding });
    if (t.task === 'check') return String(db.pragma(t.pragma, { simple: true }));
    // copy: one backup step for all pages = one read transaction = one consistent snapshot (WAL: writers go on).
    db.pragma('busy_timeout = 5000');
    await db.backup(t.target, { progress: () => 2147483647 });
    db.close();
    db = new Database(t.target, binding);
    db.pragma('journal_mode = DELETE');
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(t.snapshotKey, t.settingsJson);
    db.prepare('DELETE FROM meta WHERE key = ?').run(t.pendingKey);
    return 'ok';
  } finally {
    try { if (db) db.close(); } catch (e) { /* a broken handle may not close */ }
  }
}
parentPort.on('message', (t) =>
  work(t).then(
    (result) => parentPort.postMessage({ result, error: null }),
    (e) => parentPort.postMessage({ result: null, error: { code: String((e && e.code) || ''), message: String((e && e.message) || e) } }),
  ),
);
`;

let modulePath: string | null | undefined;
function betterSqlitePath(): string | null {
  if (modulePath === undefined) {
    try {
      modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    } catch {
      modulePath = null;
    }
  }
  return modulePath;
}

/** Checks `file` read-only on a worker thread; falls back to this thread if no worker can start. */
export async function checkInWorker(file: string, pragma: CheckPragma, nativeBinding?: string): Promise<CheckResult> {
  return (await inWorker({ task: 'check', file, pragma, nativeBinding })) ?? checkHere(file, pragma, nativeBinding);
}

/** What a backup copy carries beside the data (see service.ts `finish`). */
export interface CopyExtras {
  settingsJson: string;
  snapshotKey: string;
  pendingKey: string;
}

/**
 * Copies the live file to `target` with the backup API on a worker thread (its own read-only
 * connection, one snapshot), then makes the copy one self-contained file with `extras` in it.
 * Null when no worker could start: the caller copies on this thread instead.
 */
export function copyInWorker(file: string, target: string, extras: CopyExtras, nativeBinding?: string): Promise<CheckResult | null> {
  return inWorker({ task: 'copy', file, target, ...extras, nativeBinding });
}

/**
 * Idle workers kept for the next task: a backup's copy and then its check, or the start-up check just
 * after, reuse one thread instead of starting one each (~40 ms of loading better-sqlite3 every time).
 * A task never waits for a busy worker; an idle one ends after IDLE_MS, and none keeps the process alive.
 */
const IDLE_MS = 500;
let started = 0;
/** Worker threads started by this process so far, and those idle now (tests count them). */
export const workerCounts = (): { started: number; idle: number } => ({ started, idle: idle.length });
const idle: { worker: Worker; timer: NodeJS.Timeout; gone: () => void }[] = [];

function dropIdle(worker: Worker): void {
  const at = idle.findIndex((k) => k.worker === worker);
  if (at < 0) return;
  const [kept] = idle.splice(at, 1);
  clearTimeout(kept!.timer);
  worker.off('exit', kept!.gone);
}

/** An idle worker, or a new one; null when none can start. It keeps the process alive while it works. */
function takeWorker(module: string): Worker | null {
  const kept = idle.at(-1);
  if (kept) {
    dropIdle(kept.worker);
    kept.worker.ref();
    return kept.worker;
  }
  try {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { module } });
    started++;
    return worker;
  } catch {
    return null;
  }
}

/** Keeps a worker that finished its task for IDLE_MS; an idle worker never holds the process open. */
function keepWorker(worker: Worker): void {
  const gone = () => dropIdle(worker);
  const timer = setTimeout(() => {
    dropIdle(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  worker.unref();
  worker.once('exit', gone);
  idle.push({ worker, timer, gone });
}

function inWorker(task: Record<string, unknown>): Promise<CheckResult | null> {
  const module = betterSqlitePath();
  if (!module) return Promise.resolve(null);
  const worker = takeWorker(module);
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const settle = (result: CheckResult, reusable: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) keepWorker(worker);
      else void worker.terminate();
      resolve(result);
    };
    const onMessage = (m: CheckResult) => settle(m, true);
    const onError = (e: Error) => settle({ result: null, error: { code: 'WORKER', message: e.message } }, false);
    const onExit = (code: number) => settle({ result: null, error: { code: 'WORKER', message: `check worker exited with code ${code}` } }, false);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(task);
  });
}

/** The same check on this thread (the fallback, and for callers that must not yield). */
export function checkHere(file: string, pragma: CheckPragma, nativeBinding?: string): CheckResult {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return { result: String(db.pragma(pragma, { simple: true })), error: null };
  } catch (e) {
    return { result: null, error: errorParts(e) };
  } finally {
    try {
      db?.close();
    } catch {
      // a broken handle may not close; nothing was written
    }
  }
}

/** An error's code (SQLite's or the OS's; '' when it has none) and message, as the checks report them. */
export function errorParts(e: unknown): { code: string; message: string } {
  return { code: String((e as { code?: unknown }).code ?? ''), message: e instanceof Error ? e.message : String(e) };
}

/** True when an error means the file itself is damaged (not a lock or a permission). */
export function isDamage(error: { code: string; message: string }): boolean {
  return error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB' || /malformed|not a database/i.test(error.message);
}
