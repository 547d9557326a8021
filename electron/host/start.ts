/**
 * `app.start`: the window's start-up reads in one answer. Each part is the answer of its own channel's
 * handler, called as that channel would be, so the parts cannot drift from what the screens read later;
 * the member list's first page only when the window opens on it and the person signed in may read it.
 */
import { channels } from '../contract/index';
import type { AreaHandlers, Ctx, Handlers } from '../contract/handler';
import type { StartState } from '../contract/app';
import { homeScreen } from '../../shared/access';
import { START_LIST } from '../../shared/lists';

export function startHandlers(all: () => Handlers, damaged: () => { reason: string } | null): AreaHandlers<'app.start'> {
  return {
    'app.start': async ({ screen }, ctx: Ctx): Promise<StartState> => {
      const h = all();
      const settings = await h['settings.get']({}, ctx);
      const auth = await h['auth.status']({}, ctx);
      const demo = await h['demo.status']({}, ctx);
      const { channels: access } = await h['auth.access']({}, ctx);
      const role = auth.staff && !auth.locked ? auth.staff.role : null;
      const listed = role !== null && (screen === 'members' || (screen === 'home' && homeScreen(role) === 'members'));
      const memberList =
        listed && !damaged() && access.includes('members.list')
          ? await h['members.list'](channels['members.list'].input.parse(START_LIST), ctx)
          : null;
      return { settings, auth, demo, access, memberList };
    },
  };
}
