/**
 * The support log: `<data folder>/logs/subdesk.log`, written by electron-log, capped in size
 * with older files kept beside it (subdesk.1.log is the newest archive). It holds errors of the
 * main process and the window, and every failed host call as its channel and error code only:
 * never the call's input, a PIN or a member's details.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodeLog from 'electron-log/node';

/** The part of an electron-log logger the host uses (main passes 'electron-log/main', tests the Node one). */
export interface LogWriter {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  transports: {
    file: {
      resolvePathFn: (...args: never[]) => string;
      maxSize: number;
      archiveLogFn: (file: { toString(): string; crop?(size: number): void }) => void;
      level: string | false;
      format: string;
    };
    console: { level: string | false };
  };
}

export const LOG_NAME = 'subdesk';
/** 1 MB a file, and this many older files kept: at most ~4 MB of log on the customer's disk. */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_ARCHIVES = 3;

export function logsDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/** Points the logger's file at `<dataDir>/logs/subdesk.log` with size cap and rotation. */
export function configureLogFile(logger: LogWriter, dataDir: string): string {
  const dir = logsDir(dataDir);
  const file = path.join(dir, `${LOG_NAME}.log`);
  const t = logger.transports.file;
  t.resolvePathFn = () => file;
  t.maxSize = LOG_MAX_BYTES;
  t.level = 'info';
  t.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  t.archiveLogFn = (current) => rotate(current.toString());
  return file;
}

/** subdesk.log -> subdesk.1.log -> subdesk.2.log …; the oldest beyond LOG_ARCHIVES is dropped. */
function rotate(file: string): void {
  const { dir, name, ext } = path.parse(file);
  const nth = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  try {
    fs.rmSync(nth(LOG_ARCHIVES), { force: true });
    for (let n = LOG_ARCHIVES - 1; n >= 1; n--) if (fs.existsSync(nth(n))) fs.renameSync(nth(n), nth(n + 1));
    fs.renameSync(file, nth(1));
  } catch {
    // A locked file (antivirus) must not stop the app: electron-log then starts the file afresh.
  }
}

/** What the host writes: one line per event, nothing a caller typed. */
export interface DiagnosticsLog {
  failedCall(channel: string, code: string, internal?: unknown): void;
  mainError(where: string, e: unknown): void;
  rendererError(report: { kind: string; message: string; stack?: string | undefined; source?: string | undefined }): void;
  /** The log files, current first, then the archives newest first. */
  files(): string[];
}

export function createDiagnosticsLog(logger: LogWriter, dataDir: string): DiagnosticsLog {
  const file = configureLogFile(logger, dataDir);
  return {
    failedCall(channel, code, internal) {
      // Only an unforeseen error carries its stack (code locations), never its message: it may quote data.
      if (internal === undefined) logger.warn(`[host] call failed: ${channel} ${code}`);
      else logger.error(`[host] call failed: ${channel} ${code}\n${stackFrames(internal)}`);
    },
    mainError(where, e) {
      const message = e instanceof Error ? e.message : String(e);
      logger.error(`[main] ${where}: ${message.slice(0, 300)}\n${stackFrames(e)}`);
    },
    rendererError(r) {
      const stack = r.stack ? `\n${r.stack}` : '';
      logger.error(`[renderer] ${r.kind}${r.source ? ` at ${r.source}` : ''}: ${r.message}${stack}`);
    },
    files() {
      const { dir, name, ext } = path.parse(file);
      const all = [file, ...Array.from({ length: LOG_ARCHIVES }, (_, i) => path.join(dir, `${name}.${i + 1}${ext}`))];
      return all.filter((f) => fs.existsSync(f));
    },
  };
}

/** The Node default: one electron-log instance per data folder (a test process opens many hosts). */
export function nodeLogWriter(dataDir: string): LogWriter {
  const logger = nodeLog.create({ logId: `subdesk:${dataDir}` });
  logger.transports.console.level = false;
  return logger as unknown as LogWriter;
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** The "at …" lines of a stack: where it broke, without the message text. */
function stackFrames(e: unknown): string {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12);
  return `  ${errorName(e)}${frames.length ? `\n${frames.join('\n')}` : ''}`;
}
