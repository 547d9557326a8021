import type { deskChannels } from '../../contract/desk';
import type { AreaHandlers } from '../../contract/handler';
import type { CheckinService } from './service';

type CheckinChannel = Extract<keyof typeof deskChannels, `checkin.${string}`>;

export function checkinHandlers(checkins: CheckinService): AreaHandlers<CheckinChannel> {
  return {
    'checkin.checkIn': (input) => checkins.checkIn(input),
    'checkin.evaluate': (input) => checkins.evaluate(input.memberId),
    'checkin.override': (input) => checkins.override(input.memberId, input.reason),
    'checkin.undo': (input) => checkins.undo(input.id, input.reason),
    'checkin.today': (input) => checkins.today(input.includeUndone),
    'checkin.history': (input) => checkins.history(input.memberId, input.limit),
    'checkin.attendance': (input) => checkins.attendance(input),
  };
}
