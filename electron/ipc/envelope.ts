import { AppError, type WireError } from '../contract/errors';

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
    return { code: 'CONFLICT', message: 'The change conflicts with existing records.', details: { sqliteCode } };
  }
  console.error('[host] internal error:', e);
  return { code: 'INTERNAL', message: 'Something went wrong inside Subdesk. Nothing was changed.' };
}
