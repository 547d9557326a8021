import { z } from 'zod';
import { channel, type Role } from './define';
import { empty, id, requiredLine } from './common';
import { setupSchema, type Settings } from './settings';
import { PIN_PATTERN } from '../../shared/pin';

/** A PIN is 4 to 8 digits (shared/pin.ts); it is only ever stored as an scrypt hash. */
export const pin = z.string('invalid_pin').regex(PIN_PATTERN, 'invalid_pin');
export const role = z.enum(['desk', 'manager', 'owner'], 'invalid_choice');
export const staffName = requiredLine(60);

export { ROLE_RANK, allows } from '../../shared/access';

/** Who a clerk can pick on the sign-in screen. */
export interface StaffBrief {
  id: number;
  name: string;
  role: Role;
}

export interface StaffMember extends StaffBrief {
  active: boolean;
  /** Until when wrong PINs keep this person out (UTC ISO); null when not locked. */
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuthStatus {
  /** False until the first-start set-up has created the owner. */
  staffExists: boolean;
  /** Who is signed in (also while the screen is locked); null when nobody is. */
  staff: StaffBrief | null;
  /** Signed in but locked: a PIN is needed before anything non-public. */
  locked: boolean;
  /** Active staff for the sign-in chooser. */
  roster: StaffBrief[];
  autoLockMinutes: number;
  /** The data file failed its start-up check: only restoring a backup is possible. */
  damaged: { reason: string } | null;
}

export const authChannels = {
  'auth.status': channel<AuthStatus>()(empty, { access: 'public', mutates: false }),
  /** Signs in (or unlocks, or switches user). Wrong PINs are counted and audited, hence its own transactions. */
  'auth.signIn': channel<StaffBrief>()(z.strictObject({ staffId: id, pin }), { access: 'public', mutates: true, tx: 'self' }),
  'auth.signOut': channel<AuthStatus>()(empty, { access: 'public', mutates: false }),
  /** Locks the screen; the same or another staff member signs in to continue. */
  'auth.lock': channel<AuthStatus>()(empty, { access: 'public', mutates: false }),
  /** The screen reports keyboard/mouse activity so the host's idle lock agrees with the clerk's. */
  'auth.touch': channel<{ ok: true }>()(empty, { access: 'desk', mutates: false }),
  /**
   * The channel names the signed-in (unlocked) person may call, by their channel access alone,
   * so the screen offers only what the host would accept. Public: locked or signed out, only
   * the public channels are listed.
   */
  'auth.access': channel<{ channels: string[] }>()(empty, { access: 'public', mutates: false }),
};

export const staffChannels = {
  /**
   * The first-start set-up in one transaction: the business (name, currency, language) and its owner, who is
   * signed in. Every field is checked before anything is written, so a mistyped PIN saves nothing.
   * Refused once the business is set up (SETUP_ALREADY_DONE) or any staff exists (OWNER_EXISTS).
   */
  'staff.firstStart': channel<{ settings: Settings; owner: StaffBrief }>()(setupSchema.extend({ ownerName: staffName, pin }), {
    access: 'public',
    mutates: true,
  }),
  /** First start only: creates the owner and signs them in. Refused once any staff exists. */
  'staff.createOwner': channel<StaffBrief>()(z.strictObject({ name: staffName, pin }), { access: 'public', mutates: true }),
  'staff.list': channel<StaffMember[]>()(empty, { access: 'owner', mutates: false }),
  'staff.create': channel<StaffMember>()(z.strictObject({ name: staffName, role, pin }), { access: 'owner', mutates: true }),
  'staff.update': channel<StaffMember>()(z.strictObject({ id, name: staffName, role }), { access: 'owner', mutates: true }),
  /** Sets a new PIN and clears a lockout. */
  'staff.resetPin': channel<StaffMember>()(z.strictObject({ id, pin }), { access: 'owner', mutates: true }),
  'staff.setActive': channel<StaffMember>()(z.strictObject({ id, active: z.boolean('invalid_choice') }), { access: 'owner', mutates: true }),
  /** Anyone signed in may change their own PIN, knowing the current one. */
  // tx 'self': a wrong current PIN is counted (committed) even though the call fails.
  'staff.changeOwnPin': channel<StaffBrief>()(z.strictObject({ currentPin: pin, newPin: pin }), { access: 'desk', mutates: true, tx: 'self' }),
};
