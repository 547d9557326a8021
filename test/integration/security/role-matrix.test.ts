/**
 * Every channel tried by every role: the host's answer must match the channel's declared
 * access exactly, and the declared access must match the permission matrix for
 * every channel whose name says what it does. Iterates the contract at run time, so
 * channels added later are covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../../electron/contract';
import type { Access, Role } from '../../../electron/contract/define';
import { allows } from '../../../electron/contract/staff';
import { databaseHash, failure, makeHost, signInAs, type TestHost } from '../../support/host';

let th: TestHost;
beforeAll(async () => {
  th = await makeHost({ setup: true });
  for (const r of ['desk', 'manager'] as const) await signInAs(th.host, r);
});
afterAll(() => th.close());

const names = Object.keys(channels) as Channel[];
const ROLES: (Role | null)[] = [null, 'desk', 'manager', 'owner'];

/** The permission matrix of the issue, by what a channel's name says it does. */
const POLICY: [RegExp, Access][] = [
  [/^staff\.(list|create|update|resetPin|setActive)$/, 'owner'],
  [/^backup\./, 'owner'],
  [/^settings\.update$/, 'owner'],
  [/^closeout\.reopen$/, 'owner'],
  [/(^|\.)(void|releaseAndVoid)$/, 'manager'],
  [/^refunds\.create$/, 'manager'],
  [/^creditNotes\.create$/, 'manager'],
  [/\.override$/, 'manager'],
  [/^(expenses|expenseCategories)\./, 'manager'],
  [/^reports\./, 'manager'],
  [/^closeout\.close$/, 'manager'],
  [/^audit\./, 'manager'],
  // desk: members, check-in, selling, taking payments, follow-ups
  [/^members\./, 'desk'],
  [/^checkin\.(checkIn|evaluate|undo|today|history|attendance)$/, 'desk'],
  [/^(subscriptions\.create|packs\.sell)$/, 'desk'],
  [/^payments\.record$/, 'desk'],
  [/^followups\./, 'desk'],
  [/^auth\.(status|signIn|signOut|lock)$/, 'public'],
  [/^staff\.createOwner$/, 'public'],
];

describe('role × channel matrix', () => {
  it('declares for each channel the access the permission matrix gives it', () => {
    const mismatches: string[] = [];
    for (const name of names) {
      const rule = POLICY.find(([re]) => re.test(name));
      if (rule && channels[name].access !== rule[1]) mismatches.push(`${name}: declared ${channels[name].access}, matrix says ${rule[1]}`);
    }
    expect(mismatches).toEqual([]);
    // The owner-only areas of the issue all exist.
    for (const name of ['settings.update', 'staff.create', 'backup.restore', 'backup.import'] as const) expect(channels[name].access).toBe('owner');
  });

  it('lets exactly the allowed roles through, on every channel, and changes nothing', async () => {
    const before = databaseHash(th.host.db, { ignoreSignIns: true });
    const roster = (await th.host.invoke('auth.status', {})).roster;
    const rows: string[] = [];
    for (const role of ROLES) {
      if (role) {
        const who = roster.find((s) => s.role === role)!;
        await th.host.invoke('auth.signIn', { staffId: who.id, pin: { desk: '1111', manager: '2222', owner: '1234' }[role] });
      } else {
        await th.host.invoke('auth.signOut', {});
      }
      for (const name of names) {
        // `null` is no channel's valid input: an allowed call stops at the schema, so nothing runs.
        const err = await failure(th.host.invoke(name, null as never));
        const allowed = allows(role, channels[name].access);
        const expected = allowed ? 'VALIDATION' : role ? 'FORBIDDEN' : 'SIGN_IN_REQUIRED';
        if (err.code !== expected) rows.push(`${role ?? 'nobody'} → ${name}: ${err.code}, expected ${expected}`);
      }
    }
    expect(rows).toEqual([]);
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(before);
  });

  it('matches the matrix for real calls that each role makes', async () => {
    await signInAs(th.host, 'desk');
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).details).toEqual({ role: 'desk', required: 'owner' });
    expect((await failure(th.host.invoke('staff.list', {}))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('audit.verify', {}))).code).toBe('FORBIDDEN');
    expect(await th.host.invoke('auth.touch', {})).toEqual({ ok: true });
    await signInAs(th.host, 'manager');
    expect((await th.host.invoke('audit.verify', {})).ok).toBe(true);
    expect((await failure(th.host.invoke('backup.list', {}))).code).toBe('FORBIDDEN');
    await signInAs(th.host, 'owner');
    expect((await th.host.invoke('staff.list', {})).map((s) => s.role).sort()).toEqual(['desk', 'manager', 'owner']);
  });
});
