import { z } from 'zod';
import { channel } from './define';
import type { DemoStatus } from './demo';
import type { MemberListPage } from './desk-types';
import type { Settings } from './settings';
import type { AuthStatus } from './staff';

export { START_LIST } from '../../shared/lists';

/**
 * The screen the window opens on, as its address says: the member list (`/members`), the signed-in
 * person's home (`/`: the member list for the desk, the dashboard for managers and owners), or another.
 */
export const startScreen = z.enum(['members', 'home', 'other'], 'invalid_choice');
export type StartScreen = z.infer<typeof startScreen>;

/**
 * Everything the window needs before its first screen, in one answer: each part is what its own
 * channel answers (settings.get, auth.status, demo.status, auth.access, members.list with shared/lists' START_LIST).
 */
export interface StartState {
  settings: Settings;
  auth: AuthStatus;
  demo: DemoStatus;
  /** The channels the signed-in person may call now (none while nobody is signed in or the screen is locked). */
  access: string[];
  /**
   * Page 0 of the member list (START_LIST) when the window opens on it and the signed-in person may read
   * it; null otherwise (nobody signed in, locked, a damaged file, another first screen).
   */
  memberList: MemberListPage | null;
}

export const appChannels = {
  /** The window's start-up reads in one call instead of a chain (settings, who is signed in, sample data, access, the first rows). */
  'app.start': channel<StartState>()(z.strictObject({ screen: startScreen.default('other') }), { access: 'public', mutates: false }),
};
