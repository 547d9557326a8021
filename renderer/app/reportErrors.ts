/**
 * Sends the window's unhandled errors to the support log (system.logError). Capped to the
 * contract's sizes and to a few reports per page, so a render loop cannot flood the log;
 * a report that fails is dropped (reporting it would loop).
 */
type Kind = 'error' | 'unhandledrejection' | 'render';
const MAX_REPORTS = 20;
let sent = 0;

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function reportError(kind: Kind, error: unknown, source?: string): void {
  if (sent >= MAX_REPORTS) return;
  sent += 1;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error && error.stack ? cut(error.stack, 8000) : undefined;
  const input = { kind, message: cut(message, 2000), ...(stack ? { stack } : {}), ...(source ? { source: cut(source, 500) } : {}) };
  try {
    void window.api.invoke('system.logError', input).catch(() => undefined);
  } catch {
    // No bridge (a page opened outside the app): nothing to report to.
  }
}

export function installErrorForwarding(): void {
  window.addEventListener('error', (e) => reportError('error', e.error ?? e.message, e.filename ? `${e.filename}:${e.lineno}:${e.colno}` : undefined));
  window.addEventListener('unhandledrejection', (e) => reportError('unhandledrejection', e.reason));
}
