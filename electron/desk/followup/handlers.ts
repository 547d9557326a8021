import type { followUpChannels } from '../../contract/followup';
import type { AreaHandlers } from '../../contract/handler';
import type { FollowUpsService } from './service';

export function followUpHandlers(followUps: FollowUpsService): AreaHandlers<keyof typeof followUpChannels> {
  return {
    'followups.overdue': () => followUps.overdue(),
    'followups.log': (input) => followUps.log(input),
    'followups.history': (input) => followUps.history(input.payerId),
  };
}
