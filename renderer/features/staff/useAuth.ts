import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, invoke } from '../../lib/api';

export const AUTH_KEY = ['auth'] as const;

/** Who is signed in, whether the screen is locked, who may sign in. */
export function useAuth() {
  return useQuery({ queryKey: AUTH_KEY, queryFn: () => invoke('auth.status', {}) });
}

const SESSION_CODES = new Set(['SIGN_IN_REQUIRED', 'SESSION_LOCKED', 'DB_DAMAGED']);

/**
 * When the host refuses a call because the session locked (idle) or ended, or the data file
 * turned out damaged, the app re-reads the auth status and so shows the lock (or rescue) screen.
 */
export function useSessionErrors(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onError = (e: unknown) => {
      if (e instanceof ApiError && SESSION_CODES.has(e.code)) void qc.invalidateQueries({ queryKey: AUTH_KEY });
    };
    const unQueries = qc.getQueryCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') onError(ev.action.error);
    });
    const unMutations = qc.getMutationCache().subscribe((ev) => {
      if (ev.type === 'updated' && ev.action.type === 'error') onError(ev.action.error);
    });
    return () => {
      unQueries();
      unMutations();
    };
  }, [qc]);
}

/** Locks the screen after `minutes` without keyboard, mouse or touch (the host enforces the same limit). */
export function useIdleLock(minutes: number, active: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer: ReturnType<typeof setTimeout>;
    let lastTouch = Date.now();
    const arm = () => {
      clearTimeout(timer);
      // Tell the host the desk is in use (at most once a minute), so its own idle lock agrees.
      if (Date.now() - lastTouch > 60_000) {
        lastTouch = Date.now();
        void invoke('auth.touch', {}).catch(() => undefined);
      }
      timer = setTimeout(() => {
        void invoke('auth.lock', {}).then((status) => qc.setQueryData(AUTH_KEY, status));
      }, minutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    arm();
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [minutes, active, qc]);
}
