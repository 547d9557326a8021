import type { familyChannels } from '../../contract/family';
import type { AreaHandlers } from '../../contract/handler';
import type { FamilyService } from './service';

export function familyHandlers(family: FamilyService): AreaHandlers<keyof typeof familyChannels> {
  return {
    'members.family': (input) => family.family(input.memberId),
  };
}
