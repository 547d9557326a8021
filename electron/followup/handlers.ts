import type { followUpChannels } from '../contract/followup';
import type { AreaHandlers } from '../handlers';
import { followUpHistory, logFollowUp, overduePayers } from './service';

export function followUpHandlers(): AreaHandlers<keyof typeof followUpChannels> {
  return {
    'followups.overdue': (_input, ctx) => overduePayers(ctx.db, ctx.today(), ctx.settings.get().overdueBlockDays),
    'followups.log': (input, ctx) => logFollowUp(ctx, input),
    'followups.history': (input, ctx) => followUpHistory(ctx.db, input.payerId),
  };
}
