import type { closeoutChannels } from '../contract/closeout';
import type { AreaHandlers } from '../handlers';
import { closeDay, daySummary, listCloseouts, reopenDay } from './service';

export function closeoutHandlers(): AreaHandlers<keyof typeof closeoutChannels> {
  return {
    'closeout.day': (input, ctx) => daySummary(ctx.db, input.date),
    'closeout.close': (input, ctx) => closeDay(ctx, input),
    'closeout.reopen': (input, ctx) => reopenDay(ctx, input),
    'closeout.list': (input, ctx) => listCloseouts(ctx.db, input.from, input.to),
  };
}
