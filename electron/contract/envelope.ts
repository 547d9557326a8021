import { AppError, ERROR_CODES, type ErrorCode, type WireError } from '../../shared/errors';

/** What crosses IPC: Electron drops custom error fields, so failures travel as data. */
export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };

export async function toEnvelope<T>(run: () => Promise<T>): Promise<Envelope<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  }
}

export function toWireError(e: unknown): WireError {
  if (e instanceof AppError) return e.toWire();
  const sqliteCode = (e as { code?: unknown })?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
    const fromTrigger = triggerCode(e);
    if (fromTrigger) return { code: fromTrigger.code, message: fromTrigger.message, details: { sqliteCode } };
    return { code: 'CONFLICT', message: 'The change conflicts with existing records.', details: { sqliteCode } };
  }
  // SQLite rolls the transaction back on a full disk: nothing was written, so the clerk can retry after freeing space.
  if (sqliteCode === 'SQLITE_FULL') {
    return { code: 'DISK_FULL', message: 'The disk is full, so nothing was saved. Free some space, then try again.', details: { sqliteCode } };
  }
  // The host has written it to the support log (electron/ops/diagnostics/log.ts) with its stack.
  return { code: 'INTERNAL', message: 'Something went wrong inside Subdesk. Nothing was changed.' };
}

const KNOWN = new Set<string>(ERROR_CODES);

/**
 * The schema's triggers refuse with "CODE: why" (e.g. "DAY_CLOSED: that day is closed"): a code
 * the app knows travels as itself, so the clerk reads the same translated message the service
 * layer would have given, not a generic conflict.
 */
function triggerCode(e: unknown): { code: ErrorCode; message: string } | null {
  const m = /^([A-Z][A-Z_]+): (.+)$/.exec((e as { message?: unknown })?.message as string ?? '');
  if (!m || !KNOWN.has(m[1]!)) return null;
  return { code: m[1] as ErrorCode, message: m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1) + '.' };
}
