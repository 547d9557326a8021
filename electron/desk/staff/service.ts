/**
 * Staff accounts: create, edit, deactivate, PINs, and the sign-in check with its lockout.
 * PINs are never returned or audited; only their scrypt hash is stored.
 */
import type { Role } from '../../contract/define';
import { AppError } from '../../../shared/errors';
import type { StaffBrief, StaffMember } from '../../contract/staff';
import type { ServiceEnv } from '../../contract/env';
import { createStaffRepo } from '../../db/repos/staff';
import { hashPin, verifyPin } from './pin';
import type { StaffRow } from '../../db/rows';

/** Wrong PINs in a row that lock an account, and for how long. */
export const MAX_PIN_TRIES = 5;
export const LOCKOUT_MINUTES = 10;

const toMember = (r: StaffRow): StaffMember => ({
  id: r.id,
  name: r.name,
  role: r.role,
  active: r.active === 1,
  lockedUntil: r.locked_until,
  failedAttempts: r.failed_attempts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const toBrief = (r: { id: number; name: string; role: Role }): StaffBrief => ({ id: r.id, name: r.name, role: r.role });

export type SignInOutcome = { ok: true; staff: StaffBrief } | { ok: false; error: AppError };

export function createStaffService(env: ServiceEnv) {
  const repo = createStaffRepo(env.db);
  const stamp = () => env.now().toISOString();

  function row(id: number): StaffRow {
    const r = repo.byId(id);
    if (!r) throw new AppError('NOT_FOUND', `No staff member ${id}.`, { id });
    return r;
  }

  function assertNameFree(name: string, exceptId?: number): void {
    const other = repo.byName(name);
    if (other && other.id !== exceptId) throw new AppError('DUPLICATE_STAFF_NAME', `A staff member is already called ${name}.`, { name });
  }

  /** Demoting or deactivating must leave at least one active owner. */
  function assertOwnerRemains(r: StaffRow, next: { role: Role; active: boolean }): void {
    const losesOwner = r.role === 'owner' && r.active === 1 && (next.role !== 'owner' || !next.active);
    if (losesOwner && repo.activeOwners() <= 1) throw new AppError('LAST_OWNER', 'There must always be at least one active owner.');
  }

  function create(input: { name: string; role: Role; pin: string }, beforeAudit?: (made: StaffBrief) => void): StaffMember {
    assertNameFree(input.name);
    const id = repo.insert({ name: input.name, role: input.role, pin_hash: hashPin(input.pin), at: stamp() });
    const after = toMember(row(id));
    beforeAudit?.(toBrief(after));
    env.audit('staff', id, null, after);
    return after;
  }

  /**
   * Checks a PIN. Wrong PINs are counted (and audited) in their own committed transaction;
   * the fifth in a row locks the account for LOCKOUT_MINUTES. The hash is checked
   * asynchronously so the desk stays responsive.
   */
  async function checkPin(staffId: number, pin: string): Promise<SignInOutcome> {
    const first = row(staffId);
    if (first.active !== 1) return { ok: false, error: new AppError('STAFF_INACTIVE', 'That staff account is deactivated.') };
    const at = env.now();
    if (first.locked_until && first.locked_until > at.toISOString()) {
      return { ok: false, error: new AppError('PIN_LOCKED', 'Too many wrong PINs.', { until: first.locked_until }) };
    }
    const match = await verifyPin(pin, first.pin_hash);
    return env.db.transaction((): SignInOutcome => {
      const r = row(staffId); // re-read: another call may have counted a try meanwhile
      const expired = r.locked_until !== null && r.locked_until <= at.toISOString();
      const tries = expired ? 0 : r.failed_attempts;
      if (match) {
        if (tries > 0 || r.locked_until) {
          repo.setTries(r.id, 0, null);
          env.audit('staff', r.id, { failedAttempts: r.failed_attempts, lockedUntil: r.locked_until }, { failedAttempts: 0, lockedUntil: null });
        }
        return { ok: true, staff: toBrief(r) };
      }
      const count = tries + 1;
      const until = count >= MAX_PIN_TRIES ? new Date(at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      repo.setTries(r.id, until ? 0 : count, until);
      env.audit('staff', r.id, { failedAttempts: r.failed_attempts, lockedUntil: r.locked_until }, { failedAttempts: until ? 0 : count, lockedUntil: until, wrongPin: true });
      return until
        ? { ok: false, error: new AppError('PIN_LOCKED', 'Too many wrong PINs.', { until }) }
        : { ok: false, error: new AppError('WRONG_PIN', 'Wrong PIN.', { attemptsLeft: MAX_PIN_TRIES - count }) };
    })();
  }

  return {
    count: () => repo.count(),
    roster: () => repo.roster().map(toBrief),
    list: () => repo.all().map(toMember),
    get: (id: number) => toMember(row(id)),
    /** The signed-in identity for a staff id, or null if gone or deactivated. */
    ref(id: number): StaffBrief | null {
      const r = repo.byId(id);
      return r && r.active === 1 ? toBrief(r) : null;
    },
    /** The first account; `signIn` runs before its audit entry, so the new owner is the actor of their own creation. */
    createOwner(input: { name: string; pin: string }, signIn: (owner: StaffBrief) => void): StaffBrief {
      if (repo.count() > 0) throw new AppError('OWNER_EXISTS', 'The owner has already been created.');
      return toBrief(create({ ...input, role: 'owner' }, signIn));
    },
    create: (input: { name: string; role: Role; pin: string }) => create(input),
    update(input: { id: number; name: string; role: Role }): StaffMember {
      const r = row(input.id);
      assertNameFree(input.name, r.id);
      assertOwnerRemains(r, { role: input.role, active: r.active === 1 });
      repo.update({ id: r.id, name: input.name, role: input.role, at: stamp() });
      const after = toMember(row(r.id));
      env.audit('staff', r.id, toMember(r), after);
      return after;
    },
    resetPin(input: { id: number; pin: string }): StaffMember {
      const r = row(input.id);
      repo.setPin(r.id, hashPin(input.pin), stamp());
      const after = toMember(row(r.id));
      env.audit('staff', r.id, { ...toMember(r), pin: 'old' }, { ...after, pin: 'reset' });
      return after;
    },
    setActive(input: { id: number; active: boolean }): StaffMember {
      const r = row(input.id);
      assertOwnerRemains(r, { role: r.role, active: input.active });
      repo.setActive(r.id, input.active, stamp());
      const after = toMember(row(r.id));
      env.audit('staff', r.id, toMember(r), after);
      return after;
    },
    /**
     * Changes the signed-in person's own PIN. The current PIN is checked like a sign-in: wrong
     * ones count toward the lockout, so an unattended session cannot be used to guess it;
     * `onLocked` runs when this attempt locks the account (the caller locks the screen).
     */
    async changeOwnPin(input: { currentPin: string; newPin: string }, onLocked: () => void): Promise<StaffBrief> {
      const staffId = env.actor()?.id;
      if (staffId === undefined) throw new AppError('SIGN_IN_REQUIRED', 'Sign in to continue.');
      const checked = await checkPin(staffId, input.currentPin);
      if (!checked.ok && checked.error.code === 'PIN_LOCKED') onLocked();
      if (!checked.ok) throw checked.error;
      const next = input.newPin;
      return env.db.transaction(() => {
        repo.setPin(staffId, hashPin(next), stamp());
        env.audit('staff', staffId, { pin: 'old' }, { pin: 'changed' });
        return checked.staff;
      })();
    },

    /** Checks a PIN to sign in (see checkPin). */
    signIn: (staffId: number, pin: string): Promise<SignInOutcome> => checkPin(staffId, pin),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
