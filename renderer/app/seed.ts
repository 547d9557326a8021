import type { QueryClient } from '@tanstack/react-query';
import type { StartState } from '../../electron/contract';
import { START_LIST } from '../../shared/lists';
import { DEMO_KEY } from '../features/demo/Demo';
import { listKey } from '../features/members/useMemberRows';
import { accessKey } from '../features/staff/useCanCall';
import { AUTH_KEY } from '../features/staff/useAuth';

/**
 * Puts the start-up answer where each screen's query looks for it, so nothing on the first screen asks
 * again. These queries are kept until something says they changed (docs/decisions.md, "One start-up call"):
 * settings on the host's settings.changed event, who is signed in after sign-in, lock, staff changes and
 * any call refused for the session; the sample-data marker never changes while the window lives.
 */
export function seedStart(qc: QueryClient, start: StartState | null): void {
  qc.setQueryDefaults(['settings'], { staleTime: Infinity });
  qc.setQueryDefaults(AUTH_KEY, { staleTime: Infinity });
  qc.setQueryDefaults(DEMO_KEY, { staleTime: Infinity });
  if (!start) return;
  qc.setQueryData(['settings'], start.settings);
  qc.setQueryData(AUTH_KEY, start.auth);
  qc.setQueryData(DEMO_KEY, start.demo);
  qc.setQueryData(accessKey(start.auth), { channels: start.access });
  if (start.memberList) qc.setQueryData(listKey(START_LIST.sort, START_LIST.filter, 0), start.memberList);
}
