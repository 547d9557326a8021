/**
 * Staff accounts: create, edit, deactivate, PINs, and the sign-in check with its lockout.
 * PINs are never returned or audited; only their scrypt hash is stored.
 */
import type { Role } from '../../contract/define';
import { AppError } from '../../../shared/errors';
import type { StaffBrief, StaffMember } from '../../contract/staff';
import type { Db } from '../../db/open';
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

/** Records one audited change (the caller's ctx.audit, inside its transaction). */
type Audit = (entity: string, id: number, before: unknown, after: unknown) => void;

export type SignInOutcome = { ok: true; staff: StaffBrief } | { ok: false; error: AppError };

export function createStaffService(db: Db, now: () => Date) {
  const q = {
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff'),
    all: db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY active DESC, name'),
    roster: db.prepare<[], StaffRow>("SELECT * FROM staff WHERE active = 1 ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, name"),
    get: db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?'),
    byName: db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE name = ?'),
    activeOwners: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'owner' AND active = 1"),
    insert: db.prepare(
      'INSERT INTO staff (name, role, pin_hash, created_at, updated_at) VALUES (@name, @role, @pin_hash, @at, @at)',
    ),
    update: db.prepare('UPDATE staff SET name = @name, role = @role, updated_at = @at WHERE id = @id'),
    setPin: db.prepare('UPDATE staff SET pin_hash = @pin_hash, failed_attempts = 0, locked_until = NULL, updated_at = @at WHERE id = @id'),
    setActive: db.prepare('UPDATE staff SET active = @active, updated_at = @at WHERE id = @id'),
    setTries: db.prepare('UPDATE staff SET failed_attempts = @tries, locked_until = @until WHERE id = @id'),
  };
  const stamp = () => now().toISOString();

  function row(id: number): StaffRow {
    const r = q.get.get(id);
    if (!r) throw new AppError('NOT_FOUND', `No staff member ${id}.`, { id });
    return r;
  }

  function assertNameFree(name: string, exceptId?: number): void {
    const other = q.byName.get(name);
    if (other && other.id !== exceptId) throw new AppError('DUPLICATE_STAFF_NAME', `A staff member is already called ${name}.`, { name });
  }

  /** Demoting or deactivating must leave at least one active owner. */
  function assertOwnerRemains(r: StaffRow, next: { role: Role; active: boolean }): void {
    const losesOwner = r.role === 'owner' && r.active === 1 && (next.role !== 'owner' || !next.active);
    if (losesOwner && q.activeOwners.get()!.n <= 1) throw new AppError('LAST_OWNER', 'There must always be at least one active owner.');
  }

  function create(input: { name: string; role: Role; pin: string }, audit: Audit): StaffMember {
    assertNameFree(input.name);
    const id = Number(q.insert.run({ name: input.name, role: input.role, pin_hash: hashPin(input.pin), at: stamp() }).lastInsertRowid);
    const after = toMember(row(id));
    audit('staff', id, null, after);
    return after;
  }

  /**
   * Checks a PIN. Wrong PINs are counted (and audited) in their own committed transaction;
   * the fifth in a row locks the account for LOCKOUT_MINUTES. The hash is checked
   * asynchronously so the desk stays responsive.
   */
  async function checkPin(staffId: number, pin: string, audit: Audit): Promise<SignInOutcome> {
    const first = row(staffId);
    if (first.active !== 1) return { ok: false, error: new AppError('STAFF_INACTIVE', 'That staff account is deactivated.') };
    const at = now();
    if (first.locked_until && first.locked_until > at.toISOString()) {
      return { ok: false, error: new AppError('PIN_LOCKED', 'Too many wrong PINs.', { until: first.locked_until }) };
    }
    const match = await verifyPin(pin, first.pin_hash);
    return db.transaction((): SignInOutcome => {
      const r = row(staffId); // re-read: another call may have counted a try meanwhile
      const expired = r.locked_until !== null && r.locked_until <= at.toISOString();
      const tries = expired ? 0 : r.failed_attempts;
      if (match) {
        if (tries > 0 || r.locked_until) {
          q.setTries.run({ id: r.id, tries: 0, until: null });
          audit('staff', r.id, { failedAttempts: r.failed_attempts, lockedUntil: r.locked_until }, { failedAttempts: 0, lockedUntil: null });
        }
        return { ok: true, staff: toBrief(r) };
      }
      const count = tries + 1;
      const until = count >= MAX_PIN_TRIES ? new Date(at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      q.setTries.run({ id: r.id, tries: until ? 0 : count, until });
      audit('staff', r.id, { failedAttempts: r.failed_attempts, lockedUntil: r.locked_until }, { failedAttempts: until ? 0 : count, lockedUntil: until, wrongPin: true });
      return until
        ? { ok: false, error: new AppError('PIN_LOCKED', 'Too many wrong PINs.', { until }) }
        : { ok: false, error: new AppError('WRONG_PIN', 'Wrong PIN.', { attemptsLeft: MAX_PIN_TRIES - count }) };
    })();
  }

  return {
    count: () => q.count.get()!.n,
    roster: () => q.roster.all().map(toBrief),
    list: () => q.all.all().map(toMember),
    get: (id: number) => toMember(row(id)),
    /** The signed-in identity for a staff id, or null if gone or deactivated. */
    ref(id: number): StaffBrief | null {
      const r = q.get.get(id);
      return r && r.active === 1 ? toBrief(r) : null;
    },
    createOwner(input: { name: string; pin: string }, audit: Audit): StaffBrief {
      if (q.count.get()!.n > 0) throw new AppError('OWNER_EXISTS', 'The owner has already been created.');
      return toBrief(create({ ...input, role: 'owner' }, audit));
    },
    create,
    update(input: { id: number; name: string; role: Role }, audit: Audit): StaffMember {
      const r = row(input.id);
      assertNameFree(input.name, r.id);
      assertOwnerRemains(r, { role: input.role, active: r.active === 1 });
      q.update.run({ id: r.id, name: input.name, role: input.role, at: stamp() });
      const after = toMember(row(r.id));
      audit('staff', r.id, toMember(r), after);
      return after;
    },
    resetPin(input: { id: number; pin: string }, audit: Audit): StaffMember {
      const r = row(input.id);
      q.setPin.run({ id: r.id, pin_hash: hashPin(input.pin), at: stamp() });
      const after = toMember(row(r.id));
      audit('staff', r.id, { ...toMember(r), pin: 'old' }, { ...after, pin: 'reset' });
      return after;
    },
    setActive(input: { id: number; active: boolean }, audit: Audit): StaffMember {
      const r = row(input.id);
      assertOwnerRemains(r, { role: r.role, active: input.active });
      q.setActive.run({ id: r.id, active: input.active ? 1 : 0, at: stamp() });
      const after = toMember(row(r.id));
      audit('staff', r.id, toMember(r), after);
      return after;
    },
    /**
     * Changes the signed-in person's own PIN. The current PIN is checked like a sign-in: wrong
     * ones count toward the lockout, so an unattended session cannot be used to guess it.
     */
    async changeOwnPin(staffId: number, current: string, next: string, audit: Audit): Promise<StaffBrief> {
      const checked = await checkPin(staffId, current, audit);
      if (!checked.ok) throw checked.error;
      return db.transaction(() => {
        q.setPin.run({ id: staffId, pin_hash: hashPin(next), at: stamp() });
        audit('staff', staffId, { pin: 'old' }, { pin: 'changed' });
        return checked.staff;
      })();
    },

    /** Checks a PIN to sign in (see checkPin). */
    signIn: (staffId: number, pin: string, audit: Audit): Promise<SignInOutcome> => checkPin(staffId, pin, audit),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
