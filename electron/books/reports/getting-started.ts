/**
 * The owner's getting-started checklist on the dashboard: each step is read from the data (a plan on
 * sale, a member, something sold, a backup folder chosen), never ticked by hand, so it is done when
 * the thing is done, whoever did it and however.
 */
import type { gettingStartedChannels, GettingStarted } from '../../contract/reports';
import type { AreaHandlers } from '../../contract/handler';
import type { DataEnv } from '../../contract/env';
import { gettingStartedRepo } from '../../db/repos/getting-started';

export function gettingStarted(env: DataEnv): GettingStarted {
  const r = gettingStartedRepo(env.db).read();
  const steps = { plan: r.plan === 1, member: r.member === 1, sale: r.sale === 1, backupFolder: env.settings.get().backupFolder !== '' };
  return { ...steps, done: Object.values(steps).every(Boolean), firstMemberId: r.first_member };
}

export function gettingStartedHandlers(env: DataEnv): AreaHandlers<keyof typeof gettingStartedChannels> {
  return { 'reports.gettingStarted': () => gettingStarted(env) };
}
