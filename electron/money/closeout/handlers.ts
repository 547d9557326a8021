import type { closeoutChannels } from '../../contract/closeout';
import type { AreaHandlers } from '../../contract/handler';
import type { CloseoutService } from './service';

export function closeoutHandlers(closeout: CloseoutService): AreaHandlers<keyof typeof closeoutChannels> {
  return {
    'closeout.day': (input) => closeout.day(input.date),
    'closeout.close': (input) => closeout.close(input),
    'closeout.reopen': (input) => closeout.reopen(input),
    'closeout.list': (input) => closeout.list(input.from, input.to),
  };
}
