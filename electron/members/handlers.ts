import type { memberChannels } from '../contract/members';
import type { AreaHandlers } from '../handlers';
import { payerBalance } from '../ledger/ledger';
import { checkBirthday } from './birthday';
import type { MembersService } from './service';

export function memberHandlers(members: MembersService): AreaHandlers<keyof typeof memberChannels> {
  return {
    'members.create': (input, ctx) => {
      checkBirthday(input.birthday, ctx.today(), 'birthday');
      const member = members.create(input, ctx.now().toISOString());
      ctx.audit('member', member.id, null, member);
      return member;
    },
    'members.update': (input, ctx) => {
      checkBirthday(input.member.birthday, ctx.today(), 'member.birthday');
      const { before, after } = members.update(input.id, input.member, ctx.now().toISOString());
      ctx.audit('member', after.id, before, after);
      return after;
    },
    'members.get': (input) => members.get(input.id),
    'members.cardClashes': () => members.cardClashes(),
    'members.balance': (input, ctx) => {
      members.get(input.payerId);
      return payerBalance(ctx.db, input.payerId);
    },
  };
}
