/**
 * The first day: set-up is one call that saves the business and its owner together or nothing at all,
 * and the owner's getting-started checklist reads each step from the data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, tempDir, type TestHost } from '../../support/host';
import { fakeDialogs } from '../../support/dialogs';

let th: TestHost | undefined;
afterEach(() => th?.close());

const GOOD = { businessName: '朝阳健身', currency: 'CNY', locale: 'zh-CN', ownerName: '李伟', pin: '864213' } as const;

describe('first start in one call', () => {
  it('a mistyped PIN saves nothing; every bad field is named at once; then the whole set-up is saved and the owner signed in', async () => {
    th = await makeHost({ signIn: false });
    const before = databaseHash(th.host.db);

    const short = await failure(th.host.invoke('staff.firstStart', { ...GOOD, pin: '12' }));
    expect(short.code).toBe('VALIDATION');
    expect(short.details?.['issues']).toEqual([expect.objectContaining({ path: 'pin', message: 'invalid_pin' })]);
    const several = await failure(th.host.invoke('staff.firstStart', { ...GOOD, businessName: ' ', ownerName: '', pin: '12a45' }));
    expect((several.details?.['issues'] as { path: string }[]).map((i) => i.path).sort()).toEqual(['businessName', 'ownerName', 'pin']);
    expect(await failure(th.host.invoke('staff.firstStart', { ...GOOD, pin: '123456789' }))).toMatchObject({ code: 'VALIDATION' });
    // Nothing was stored: no business, no owner, nobody signed in.
    expect(databaseHash(th.host.db)).toBe(before);
    expect((await th.host.invoke('settings.get', {})).setupCompleted).toBe(false);
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staffExists: false, staff: null });

    const done = await th.host.invoke('staff.firstStart', GOOD);
    expect(done.owner).toEqual({ id: 1, name: '李伟', role: 'owner' });
    expect(done.settings).toMatchObject({ businessName: '朝阳健身', currency: 'CNY', locale: 'zh-CN', setupCompleted: true });
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staffExists: true, staff: { id: 1, name: '李伟', role: 'owner' } });
    // The settings change is the new owner's act.
    expect(th.host.db.prepare("SELECT staff_name, channel FROM audit_log WHERE entity = 'settings'").all()).toEqual([{ staff_name: '李伟', channel: 'staff.firstStart' }]);

    // Once done, refused; the owner's PIN signs in.
    const again = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('staff.firstStart', { ...GOOD, businessName: 'Other' }))).toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(databaseHash(th.host.db)).toBe(again);
    await th.host.invoke('auth.signOut', {});
    expect(await th.host.invoke('auth.signIn', { staffId: 1, pin: '864213' })).toEqual({ id: 1, name: '李伟', role: 'owner' });
  });

  it('refuses when an owner already exists (an older half-done set-up), writing nothing', async () => {
    th = await makeHost({ signIn: false });
    await th.host.invoke('staff.createOwner', { name: 'Owner', pin: '1234' });
    const before = databaseHash(th.host.db, { ignoreSignIns: true });
    expect(await failure(th.host.invoke('staff.firstStart', GOOD))).toMatchObject({ code: 'OWNER_EXISTS' });
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(before);
    expect((await th.host.invoke('settings.get', {})).setupCompleted).toBe(false);
  });
});

describe('getting-started checklist', () => {
  it('each step is read from the data: a plan, a member, a sale, a backup folder; done when all four are', async () => {
    const dialogs = fakeDialogs();
    th = await makeHost({ setup: true, startDate: '2026-03-02', dialogs });
    const steps = () => th!.host.invoke('reports.gettingStarted', {});
    expect(await steps()).toEqual({ plan: false, member: false, sale: false, backupFolder: false, done: false, firstMemberId: null });

    const plan = await th.host.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 19900, interval: 'month' });
    const m = await th.host.invoke('members.create', { name: '王芳', phone: '13700000003' });
    expect(await steps()).toEqual({ plan: true, member: true, sale: false, backupFolder: false, done: false, firstMemberId: m.id });

    await th.host.invoke('subscriptions.create', { memberId: m.id, planId: plan.id });
    expect(await steps()).toMatchObject({ sale: true, done: false });

    dialogs.answer(null); // the folder dialog cancelled: not chosen
    await th.host.invoke('backup.setFolder', { folder: 'choose' });
    expect(await steps()).toMatchObject({ backupFolder: false, done: false });
    dialogs.answer(tempDir());
    await th.host.invoke('backup.setFolder', { folder: 'choose' });
    expect(await steps()).toEqual({ plan: true, member: true, sale: true, backupFolder: true, done: true, firstMemberId: m.id });

    // A plan archived later: the step is read again from the data.
    await th.host.invoke('plans.archive', { id: plan.id, archived: true });
    expect(await steps()).toMatchObject({ plan: false, done: false });
  });
});
