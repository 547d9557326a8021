import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MINUTES } from '../../../electron/desk/staff/service';
import { failure, makeHost, signInAs, TEST_STAFF, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

const staffRow = (th: TestHost, id: number) =>
  th.host.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as { pin_hash: string; failed_attempts: number; locked_until: string | null };
const lastAudit = (th: TestHost) =>
  th.host.db.prepare('SELECT staff_id, staff_name, channel, entity, entity_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;

describe('first start', () => {
  it('allows only public channels until the owner exists, then signs the owner in', async () => {
    th = await makeHost({ signIn: false });
    expect(await th.host.invoke('auth.status', {})).toEqual({
      staffExists: false,
      staff: null,
      locked: false,
      roster: [],
      autoLockMinutes: 10,
      damaged: null,
    });
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('SIGN_IN_REQUIRED');
    expect((await failure(th.host.invoke('staff.list', {}))).code).toBe('SIGN_IN_REQUIRED');
    expect((await th.host.invoke('settings.get', {})).setupCompleted).toBe(false);

    const owner = await th.host.invoke('staff.createOwner', { name: '李伟', pin: '864213' });
    expect(owner).toEqual({ id: 1, name: '李伟', role: 'owner' });
    const status = await th.host.invoke('auth.status', {});
    expect(status.staff).toEqual(owner);
    expect(status.roster).toEqual([owner]);
    // The owner is the actor of their own creation; the PIN is in neither the audit nor the output.
    expect(lastAudit(th)).toMatchObject({ staff_id: 1, staff_name: '李伟', channel: 'staff.createOwner', entity: 'staff', entity_id: '1', before: null });
    expect(String(lastAudit(th)['after'])).not.toContain('864213');
    expect(staffRow(th, 1).pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(staffRow(th, 1).pin_hash).not.toContain('864213');
    expect(Object.keys((await th.host.invoke('staff.list', {}))[0]!).sort()).toEqual(
      ['active', 'createdAt', 'failedAttempts', 'id', 'lockedUntil', 'name', 'role', 'updatedAt'].sort(),
    );
    expect((await failure(th.host.invoke('staff.createOwner', { name: 'Other', pin: '1111' }))).code).toBe('OWNER_EXISTS');
  });

  it('refuses a malformed owner with field errors and creates nobody', async () => {
    th = await makeHost({ signIn: false });
    const err = await failure(th.host.invoke('staff.createOwner', { name: ' ', pin: '12a4' }));
    expect(err.code).toBe('VALIDATION');
    expect((err.details as { issues: { path: string; message: string }[] }).issues.map((i) => [i.path, i.message])).toEqual([
      ['name', 'required'],
      ['pin', 'invalid_pin'],
    ]);
    expect((await th.host.invoke('auth.status', {})).staffExists).toBe(false);
  });
});

describe('PINs and lockout', () => {
  it('locks an account after 5 wrong PINs for LOCKOUT_MINUTES, then lets the right PIN in', async () => {
    th = await makeHost();
    const desk = await signInAs(th.host, 'desk');
    await th.host.invoke('auth.signOut', {});
    for (const left of [4, 3, 2, 1]) {
      const err = await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: '9999' }));
      expect([err.code, err.details]).toEqual(['WRONG_PIN', { attemptsLeft: left }]);
    }
    const locked = await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: '9999' }));
    const until = new Date(th.clock.now().getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    expect([locked.code, locked.details]).toEqual(['PIN_LOCKED', { until }]);
    expect(staffRow(th, desk.id)).toMatchObject({ failed_attempts: 0, locked_until: until });
    // Even the right PIN is refused while locked, and nobody is signed in.
    expect((await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin }))).code).toBe('PIN_LOCKED');
    expect((await th.host.invoke('auth.status', {})).staff).toBeNull();
    // Each wrong try is audited (without the PIN tried).
    const tries = th.host.db.prepare("SELECT after FROM audit_log WHERE channel = 'auth.signIn' AND after LIKE '%wrongPin%' ORDER BY id").all() as { after: string }[];
    expect(tries.map((r) => JSON.parse(r.after))).toEqual([
      { failedAttempts: 1, lockedUntil: null, wrongPin: true },
      { failedAttempts: 2, lockedUntil: null, wrongPin: true },
      { failedAttempts: 3, lockedUntil: null, wrongPin: true },
      { failedAttempts: 4, lockedUntil: null, wrongPin: true },
      { failedAttempts: 0, lockedUntil: until, wrongPin: true },
    ]);

    th.clock.set(new Date(Date.parse(until) - 1000).toISOString());
    expect((await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin }))).code).toBe('PIN_LOCKED');
    th.clock.set(until);
    expect(await th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin })).toEqual(desk);
    expect(staffRow(th, desk.id)).toMatchObject({ failed_attempts: 0, locked_until: null });
    // Successful sign-ins are recorded under the person who signed in: the owner twice (the test
    // host, then signInAs creating the desk account), the desk, the desk again after the lockout.
    const signIns = th.host.db.prepare("SELECT staff_id AS staffId, entity_id AS entityId FROM audit_log WHERE channel = 'auth.signIn' AND after = '{\"signedIn\":true}' ORDER BY id").all();
    const owner = th.host.db.prepare<[], { id: number }>("SELECT id FROM staff WHERE role = 'owner'").get()!;
    expect(signIns).toEqual([owner.id, owner.id, desk.id, desk.id].map((id) => ({ staffId: id, entityId: String(id) })));
  });

  it('resets the count of wrong PINs after a right one', async () => {
    th = await makeHost();
    const desk = await signInAs(th.host, 'desk');
    for (let i = 0; i < 3; i++) await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: '0000' }));
    expect(staffRow(th, desk.id).failed_attempts).toBe(3);
    await th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin });
    expect(staffRow(th, desk.id).failed_attempts).toBe(0);
    const err = await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: '0000' }));
    expect(err.details).toEqual({ attemptsLeft: 4 });
  });

  it('lets the owner reset a PIN, which clears the lockout', async () => {
    th = await makeHost();
    const desk = await signInAs(th.host, 'desk');
    for (let i = 0; i < 5; i++) await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: '0000' }));
    await signInAs(th.host, 'owner');
    const after = await th.host.invoke('staff.resetPin', { id: desk.id, pin: '5555' });
    expect(after).toMatchObject({ id: desk.id, lockedUntil: null, failedAttempts: 0 });
    expect(lastAudit(th)).toMatchObject({ channel: 'staff.resetPin', staff_name: 'Owner' });
    expect(String(lastAudit(th)['after'])).not.toContain('5555');
    expect((await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin }))).code).toBe('WRONG_PIN');
    expect(await th.host.invoke('auth.signIn', { staffId: desk.id, pin: '5555' })).toEqual(desk);
  });

  it('lets anyone change their own PIN only with the current one', async () => {
    th = await makeHost();
    const desk = await signInAs(th.host, 'desk');
    expect((await failure(th.host.invoke('staff.changeOwnPin', { currentPin: '0000', newPin: '7777' }))).code).toBe('WRONG_PIN');
    await th.host.invoke('staff.changeOwnPin', { currentPin: TEST_STAFF.desk.pin, newPin: '7777' });
    await th.host.invoke('auth.signOut', {});
    expect(await th.host.invoke('auth.signIn', { staffId: desk.id, pin: '7777' })).toEqual(desk);
  });

  it('counts wrong current PINs toward the lockout, and locks the screen when it is reached', async () => {
    th = await makeHost();
    const desk = await signInAs(th.host, 'desk');
    for (const left of [4, 3, 2, 1]) {
      const err = await failure(th.host.invoke('staff.changeOwnPin', { currentPin: '0000', newPin: '7777' }));
      expect([err.code, err.details]).toEqual(['WRONG_PIN', { attemptsLeft: left }]);
    }
    expect(staffRow(th, desk.id).failed_attempts).toBe(4);
    const until = new Date(th.clock.now().getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    const locked = await failure(th.host.invoke('staff.changeOwnPin', { currentPin: '0000', newPin: '7777' }));
    expect([locked.code, locked.details]).toEqual(['PIN_LOCKED', { until }]);
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staff: desk, locked: true });
    // The PIN is unchanged, and even the right one is refused until the lockout ends.
    expect((await failure(th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin }))).code).toBe('PIN_LOCKED');
    th.clock.set(until);
    expect(await th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin })).toEqual(desk);
  });
});

describe('staff management', () => {
  it('creates, renames, re-roles and deactivates staff, keeping one active owner', async () => {
    th = await makeHost();
    const anna = await th.host.invoke('staff.create', { name: 'Anna', role: 'desk', pin: '2580' });
    expect(anna).toMatchObject({ name: 'Anna', role: 'desk', active: true, lockedUntil: null, failedAttempts: 0 });
    expect((await failure(th.host.invoke('staff.create', { name: 'anna', role: 'manager', pin: '2580' }))).code).toBe('DUPLICATE_STAFF_NAME');
    const promoted = await th.host.invoke('staff.update', { id: anna.id, name: 'Anna Chen', role: 'manager' });
    expect(promoted).toMatchObject({ name: 'Anna Chen', role: 'manager' });
    expect(lastAudit(th)).toMatchObject({ channel: 'staff.update', entity: 'staff', entity_id: String(anna.id) });
    expect(JSON.parse(String(lastAudit(th)['before']))).toMatchObject({ name: 'Anna', role: 'desk' });

    expect((await failure(th.host.invoke('staff.setActive', { id: 1, active: false }))).code).toBe('LAST_OWNER');
    expect((await failure(th.host.invoke('staff.update', { id: 1, name: 'Owner', role: 'manager' }))).code).toBe('LAST_OWNER');
    expect((await failure(th.host.invoke('staff.update', { id: 999, name: 'X', role: 'desk' }))).code).toBe('NOT_FOUND');

    await th.host.invoke('staff.setActive', { id: anna.id, active: false });
    expect((await th.host.invoke('auth.status', {})).roster.map((s) => s.name)).toEqual(['Owner']);
    expect((await failure(th.host.invoke('auth.signIn', { staffId: anna.id, pin: '2580' }))).code).toBe('STAFF_INACTIVE');
    await th.host.invoke('staff.setActive', { id: anna.id, active: true });
    expect(await th.host.invoke('auth.signIn', { staffId: anna.id, pin: '2580' })).toEqual({ id: anna.id, name: 'Anna Chen', role: 'manager' });
  });

  it('applies a role change and a deactivation to the person signed in at once', async () => {
    th = await makeHost();
    const second = await th.host.invoke('staff.create', { name: 'Second Owner', role: 'owner', pin: '3690' });
    await th.host.invoke('auth.signIn', { staffId: second.id, pin: '3690' });
    await th.host.invoke('staff.update', { id: second.id, name: 'Second Owner', role: 'manager' });
    expect((await th.host.invoke('auth.status', {})).staff).toEqual({ id: second.id, name: 'Second Owner', role: 'manager' });
    expect((await failure(th.host.invoke('staff.list', {}))).code).toBe('FORBIDDEN');
  });
});

describe('sessions', () => {
  it('records who acted in every audit row', async () => {
    th = await makeHost();
    const manager = await signInAs(th.host, 'manager');
    await failure(th.host.invoke('settings.update', { address: 'x' })); // FORBIDDEN: nothing recorded
    await signInAs(th.host, 'owner');
    await th.host.invoke('settings.update', { address: '88 Jianguo Road' });
    expect(lastAudit(th)).toMatchObject({ staff_id: 1, staff_name: 'Owner', channel: 'settings.update' });
    expect(th.host.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE staff_id = ? AND channel = 'settings.update'").get(manager.id)).toEqual({ n: 0 });
  });

  it('locks, and unlocks or switches user with a PIN', async () => {
    th = await makeHost();
    await signInAs(th.host, 'desk');
    await signInAs(th.host, 'owner');
    const locked = await th.host.invoke('auth.lock', {});
    expect(locked).toMatchObject({ staff: { name: 'Owner', role: 'owner' }, locked: true });
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('SESSION_LOCKED');
    expect((await failure(th.host.invoke('auth.touch', {}))).code).toBe('SESSION_LOCKED');
    // Public channels still answer on the lock screen.
    expect((await th.host.invoke('settings.get', {})).businessName).toBe('');
    const desk = (await th.host.invoke('auth.status', {})).roster.find((s) => s.role === 'desk')!;
    await th.host.invoke('auth.signIn', { staffId: desk.id, pin: TEST_STAFF.desk.pin });
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staff: { name: 'Desk', role: 'desk' }, locked: false });
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('FORBIDDEN');
    const out = await th.host.invoke('auth.signOut', {});
    expect(out).toMatchObject({ staff: null, locked: false });
    expect((await failure(th.host.invoke('auth.touch', {}))).code).toBe('SIGN_IN_REQUIRED');
  });

  it('locks the session in the host after autoLockMinutes of the clock without calls', async () => {
    th = await makeHost({ idleLock: true });
    await th.host.invoke('auth.touch', {});
    th.clock.set(new Date(th.clock.now().getTime() + 9 * 60_000).toISOString());
    await th.host.invoke('auth.touch', {}); // activity: the 10 minutes start again
    th.clock.set(new Date(th.clock.now().getTime() + 10 * 60_000).toISOString());
    expect(await th.host.invoke('auth.touch', {})).toEqual({ ok: true });
    th.clock.set(new Date(th.clock.now().getTime() + 10 * 60_000 + 1).toISOString());
    expect((await th.host.invoke('auth.status', {})).locked).toBe(true);
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('SESSION_LOCKED');
    await th.host.invoke('auth.signIn', { staffId: 1, pin: TEST_STAFF.owner.pin });
    expect(await th.host.invoke('settings.update', { autoLockMinutes: 0 })).toMatchObject({ autoLockMinutes: 0 });
    th.clock.addDays(3);
    expect(await th.host.invoke('auth.touch', {})).toEqual({ ok: true });
  });

  it('starts every host signed out: a restart needs a PIN again', async () => {
    th = await makeHost();
    await th.host.invoke('settings.update', { address: 'kept' });
    th.close();
    th = await makeHost({ dataDir: th.dataDir, signIn: false });
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staffExists: true, staff: null, roster: [{ id: 1, name: 'Owner', role: 'owner' }] });
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('SIGN_IN_REQUIRED');
  });
});
