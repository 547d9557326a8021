/**
 * Who is at the desk: host state, because there is one desk PC and one window.
 * The host asks `authorize(access)` before every call; the idle auto-lock is enforced
 * here with the injected clock, not only by the screen's own timer.
 */
import { AppError } from '../../../shared/errors';
import type { Access } from '../../contract/define';
import { allows } from '../../contract/staff';
import type { StaffRef } from '../../contract/handler';

export interface Session {
  /** The signed-in staff member, also while locked. */
  current(): StaffRef | null;
  locked(): boolean;
  signIn(staff: StaffRef): void;
  signOut(): void;
  lock(): void;
  /** Throws SIGN_IN_REQUIRED, SESSION_LOCKED or FORBIDDEN; otherwise counts as activity. */
  authorize(access: Access): void;
  /** After staff edits or a restore: keep the session only if `lookup` still finds that person (with their current role). */
  refresh(lookup: (id: number) => StaffRef | null): void;
}

export interface SessionOptions {
  now: () => Date;
  autoLockMinutes: () => number;
  /** Off only in tests that move the clock by days between calls. */
  idleLock: boolean;
}

export function createSession(opts: SessionOptions): Session {
  let staff: StaffRef | null = null;
  let isLocked = false;
  let lastActivity = 0;

  function idleExpired(): boolean {
    const minutes = opts.autoLockMinutes();
    return opts.idleLock && minutes > 0 && opts.now().getTime() - lastActivity > minutes * 60_000;
  }

  return {
    current: () => staff,
    locked: () => staff !== null && (isLocked || idleExpired()),
    signIn(next) {
      staff = { ...next };
      isLocked = false;
      lastActivity = opts.now().getTime();
    },
    signOut() {
      staff = null;
      isLocked = false;
    },
    lock() {
      if (staff) isLocked = true;
    },
    authorize(access) {
      if (access === 'public') return;
      if (!staff) throw new AppError('SIGN_IN_REQUIRED', 'Sign in to continue.');
      if (idleExpired()) isLocked = true;
      if (isLocked) throw new AppError('SESSION_LOCKED', 'The screen is locked. Enter your PIN to continue.');
      lastActivity = opts.now().getTime();
      if (!allows(staff.role, access)) {
        throw new AppError('FORBIDDEN', `A ${staff.role} may not do this (needs ${access}).`, { role: staff.role, required: access });
      }
    },
    refresh(lookup) {
      if (!staff) return;
      const fresh = lookup(staff.id);
      if (!fresh) {
        staff = null;
        isLocked = false;
      } else {
        staff = { ...fresh };
      }
    },
  };
}
