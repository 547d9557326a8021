import { useQuery } from '@tanstack/react-query';
import type { AuthStatus, Channel } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AUTH_KEY, useAuth } from './useAuth';

/**
 * The channels the signed-in person may call, as the host answers them. Keyed by who is signed
 * in and whether the screen is locked, so sign-in, switching user and locking read it afresh
 * (and invalidating the auth status, a prefix of this key, refreshes it too).
 */
export function useAccess(): ReadonlySet<string> | undefined {
  const auth = useAuth().data;
  const q = useQuery({
    queryKey: accessKey(auth),
    queryFn: () => invoke('auth.access', {}),
    enabled: auth !== undefined,
    select: (a) => new Set(a.channels),
  });
  return q.data;
}

/** The access query's key for an auth status (app.start seeds it). */
export function accessKey(auth: AuthStatus | undefined) {
  return [...AUTH_KEY, 'access', auth?.staff?.id ?? null, auth?.staff?.role ?? null, auth?.locked ?? false] as const;
}

/**
 * May the signed-in person call `channel`? For hiding an action the role cannot use; the host
 * refuses the call regardless. False until the answer arrives, so nothing is offered early.
 */
export function useCanCall(channel: Channel): boolean {
  return useAccess()?.has(channel) ?? false;
}
