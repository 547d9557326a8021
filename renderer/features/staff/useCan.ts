import type { Access } from '../../../electron/contract/define';
import { allows } from '../../../shared/access';
import { useAuth } from './useAuth';

/**
 * May the signed-in person use something needing `access`? For hiding buttons (void, refund…)
 * a role may not use: `const canVoid = useCan(channels['invoices.void'].access)` or `useCan('manager')`.
 * The host refuses the channel regardless; this only keeps the screen honest.
 */
export function useCan(access: Access): boolean {
  return allows(useAuth().data?.staff?.role, access);
}
