import type { followUpChannels, renewalChannels } from '../../contract/followup';
import type { AreaHandlers } from '../../contract/handler';
import type { RenewalsService } from './renewals';
import type { FollowUpsService } from './service';

export function followUpHandlers(followUps: FollowUpsService): AreaHandlers<keyof typeof followUpChannels> {
  return {
    'followups.overdue': () => followUps.overdue(),
    'followups.log': (input) => followUps.log(input),
    'followups.history': (input) => followUps.history(input.payerId),
  };
}

export function renewalHandlers(renewals: RenewalsService): AreaHandlers<keyof typeof renewalChannels> {
  return {
    'renewals.today': () => renewals.list(),
    'renewals.record': (input) => renewals.record(input),
    'renewals.history': (input) => renewals.history(input.memberId),
  };
}
