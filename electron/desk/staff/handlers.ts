import type { authChannels, AuthStatus, staffChannels } from '../../contract/staff';
import { AppError } from '../../../shared/errors';
import type { AreaHandlers, Ctx } from '../../contract/handler';
import type { SettingsService } from '../../ops/settings/service';
import type { Session } from './session';
import type { StaffService } from './service';

export interface AuthDeps {
  staff: StaffService;
  session: Session;
  settings: SettingsService;
  damaged(): { reason: string } | null;
}

const auditOf = (ctx: Ctx) => (entity: string, id: number, before: unknown, after: unknown) => ctx.audit(entity, id, before, after);

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
      const outcome = await deps.staff.signIn(input.staffId, input.pin, auditOf(ctx));
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
    'auth.lock': () => {
      deps.session.lock();
      return status();
    },
  };
}

export function staffHandlers(deps: AuthDeps): AreaHandlers<keyof typeof staffChannels> {
  const afterChange = () => deps.session.refresh((id) => deps.staff.ref(id));
  return {
    'staff.createOwner': (input, ctx) => {
      const owner = deps.staff.createOwner(input, (entity, id, before, after) => {
        // The new owner is the actor of their own creation.
        deps.session.signIn({ id, name: input.name, role: 'owner' });
        ctx.audit(entity, id, before, after);
      });
      return owner;
    },
    'staff.list': () => deps.staff.list(),
    'staff.create': (input, ctx) => deps.staff.create(input, auditOf(ctx)),
    'staff.update': (input, ctx) => {
      const out = deps.staff.update(input, auditOf(ctx));
      afterChange();
      return out;
    },
    'staff.resetPin': (input, ctx) => deps.staff.resetPin(input, auditOf(ctx)),
    'staff.setActive': (input, ctx) => {
      const out = deps.staff.setActive(input, auditOf(ctx));
      afterChange();
      return out;
    },
    'staff.changeOwnPin': async (input, ctx) => {
      if (!ctx.staff) throw new AppError('SIGN_IN_REQUIRED', 'Sign in to continue.');
      try {
        return await deps.staff.changeOwnPin(ctx.staff.id, input.currentPin, input.newPin, auditOf(ctx));
      } catch (e) {
        // Someone guessing at an open session: the account is locked, so is the screen.
        if (e instanceof AppError && e.code === 'PIN_LOCKED') deps.session.lock();
        throw e;
      }
    },
  };
}
