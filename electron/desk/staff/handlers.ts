import type { authChannels, AuthStatus, staffChannels } from '../../contract/staff';
import type { AreaHandlers } from '../../contract/handler';
import { canCall } from '../../contract/access';
import { channels, type Channel } from '../../contract/index';
import type { SettingsService } from '../../ops/settings/service';
import type { Session } from './session';
import type { StaffService } from './service';
import { AppError } from '../../../shared/errors';

export interface AuthDeps {
  staff: StaffService;
  session: Session;
  settings: SettingsService;
  damaged(): { reason: string } | null;
}

export function authHandlers(deps: AuthDeps): AreaHandlers<keyof typeof authChannels> {
  function status(): AuthStatus {
    return {
      staffExists: deps.staff.count() > 0,
      staff: deps.session.current(),
      locked: deps.session.locked(),
      roster: deps.staff.roster(),
      autoLockMinutes: deps.settings.get().autoLockMinutes,
      damaged: deps.damaged(),
    };
  }
  return {
    'auth.status': () => status(),
    'auth.signIn': async (input, ctx) => {
      const outcome = await deps.staff.signIn(input.staffId, input.pin);
      if (!outcome.ok) throw outcome.error;
      deps.session.signIn(outcome.staff);
      // Who was at the desk when: a sign-in is recorded under the person who signed in.
      ctx.db.transaction(() => ctx.audit('staff', outcome.staff.id, null, { signedIn: true }))();
      return outcome.staff;
    },
    'auth.signOut': () => {
      deps.session.signOut();
      return status();
    },
    'auth.touch': () => ({ ok: true }),
    'auth.access': () => {
      const role = deps.session.locked() ? null : deps.session.current()?.role;
      return { channels: (Object.keys(channels) as Channel[]).filter((c) => canCall(role, c)) };
    },
    'auth.lock': () => {
      deps.session.lock();
      return status();
    },
  };
}

export function staffHandlers(deps: AuthDeps): AreaHandlers<keyof typeof staffChannels> {
  // A role or active change reaches the signed-in session at once.
  const afterChange = <T>(out: T): T => {
    deps.session.refresh((id) => deps.staff.ref(id));
    return out;
  };
  return {
    // Refusals first, then the business and the owner in the call's one transaction: all or nothing.
    'staff.firstStart': ({ ownerName, pin, ...business }, ctx) => {
      if (deps.settings.get().setupCompleted) throw new AppError('SETUP_ALREADY_DONE', 'The first-start set-up has already been completed.');
      if (deps.staff.count() > 0) throw new AppError('OWNER_EXISTS', 'The owner has already been created.');
      const owner = deps.staff.createOwner({ name: ownerName, pin }, (o) => deps.session.signIn(o));
      const { after } = deps.settings.completeSetup(business, (b, a) => ctx.audit('settings', 'business', b, a));
      return { settings: after, owner };
    },
    'staff.createOwner': (input) => deps.staff.createOwner(input, (owner) => deps.session.signIn(owner)),
    'staff.list': () => deps.staff.list(),
    'staff.create': (input) => deps.staff.create(input),
    'staff.update': (input) => afterChange(deps.staff.update(input)),
    'staff.resetPin': (input) => deps.staff.resetPin(input),
    'staff.setActive': (input) => afterChange(deps.staff.setActive(input)),
    // Someone guessing at an open session: once the account locks, so does the screen.
    'staff.changeOwnPin': (input) => deps.staff.changeOwnPin(input, () => deps.session.lock()),
  };
}
