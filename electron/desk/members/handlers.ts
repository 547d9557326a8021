import type { memberChannels } from '../../contract/members';
import type { AreaHandlers } from '../../contract/handler';
import type { MemberPhotos } from './photos';
import type { MembersService } from './service';

export function memberHandlers(members: MembersService, photos: MemberPhotos): AreaHandlers<keyof typeof memberChannels> {
  return {
    'members.create': (input) => members.create(input),
    'members.update': (input) => members.update(input.id, input.member),
    'members.get': (input) => members.get(input.id),
    'members.cardClashes': () => members.cardClashes(),
    'members.balance': (input) => members.balance(input.payerId),
    'members.photo': (input) => photos.get(input.memberId),
    'members.setPhoto': (input) => photos.set(input.memberId, input.jpeg),
    'members.removePhoto': (input) => photos.remove(input.memberId),
  };
}
