import type { deskChannels } from '../../contract/desk';
import type { AreaHandlers, Ctx } from '../../contract/handler';
import type { Checkins, Clerk, When } from './service';

type CheckinChannel = Extract<keyof typeof deskChannels, `checkin.${string}`>;

export function clerkOf(ctx: Ctx): Clerk {
  return { id: ctx.staff?.id ?? null, name: ctx.staff?.name ?? '' };
}

function when(ctx: Ctx): When {
  return { today: ctx.today(), at: ctx.now().toISOString(), overdueBlockDays: ctx.settings.get().overdueBlockDays };
}

export function checkinHandlers(checkins: Checkins): AreaHandlers<CheckinChannel> {
  return {
    'checkin.checkIn': (input, ctx) => {
      const result = checkins.checkIn(input, when(ctx), clerkOf(ctx));
      if (result.outcome === 'checked_in') ctx.audit('checkin', result.checkin!.id, null, result.checkin);
      return result;
    },
    'checkin.evaluate': (input, ctx) => checkins.evaluate(input.memberId, when(ctx)),
    'checkin.override': (input, ctx) => {
      const result = checkins.override(input.memberId, input.reason, when(ctx), clerkOf(ctx));
      if (result.outcome === 'checked_in') ctx.audit('checkin', result.checkin!.id, null, { ...result.checkin, blocks: result.blocks });
      return result;
    },
    'checkin.undo': (input, ctx) => {
      const { before, after } = checkins.undo(input.id, input.reason, when(ctx), clerkOf(ctx));
      ctx.audit('checkin', after.id, before, after);
      return after;
    },
    'checkin.today': (input, ctx) => checkins.today(ctx.today(), input.includeUndone),
    'checkin.history': (input) => checkins.history(input.memberId, input.limit),
    'checkin.attendance': (input) => checkins.attendance(input),
  };
}
