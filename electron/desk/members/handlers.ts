import type { memberChannels } from '../../contract/members';
import type { AreaHandlers } from '../../contract/handler';
import type { MembersService } from './service';

export function memberHandlers(members: MembersService): AreaHandlers<keyof typeof memberChannels> {
  return {
    'members.create': (input) => members.create(input),
    'members.update': (input) => members.update(input.id, input.member),
    'members.get': (input) => members.get(input.id),
    'members.cardClashes': () => members.cardClashes(),
    'members.balance': (input) => members.balance(input.payerId),
  };
}
