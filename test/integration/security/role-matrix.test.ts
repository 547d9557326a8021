/**
 * Every channel tried by every role: the host's answer must match the channel's declared
 * access exactly, and the declared access must match the issue's permission matrix for
 * every channel whose name says what it does. Iterates the contract at run time, so
 * channels added later are covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../../electron/contract';
import type { Access, Role } from '../../../electron/contract/define';
import { allows } from '../../../electron/contract/staff';
import { canCall } from '../../../electron/contract/access';
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
  [/^billing\.(run|preview)$/, 'manager'],
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

  it('declares the input-dependent rules: paying money back needs a manager, keeping it as credit does not', () => {
    const conditional = names.filter((n) => channels[n].when.length > 0).map((n) => [n, channels[n].access, channels[n].when.map((r) => r.role)]);
    expect(conditional).toEqual([
      ['subscriptions.cancel', 'desk', ['manager']],
      ['subscriptions.removeAddon', 'desk', ['manager']],
    ]);
    // Extra freeze days go past the plan's rules: a manager's or the owner's decision, whatever the input (the channel's own access).
    const grant = { memberId: 1, days: 10, reason: 'Injury' };
    expect(ROLES.map((r) => canCall(r, 'subscriptions.grantFreezeDays', grant))).toEqual([false, false, true, true]);
    const refund = { id: 1, mode: 'now', settlement: 'refund', refundMethod: 'cash' } as const;
    expect(ROLES.map((r) => canCall(r, 'subscriptions.cancel', refund))).toEqual([false, false, true, true]);
    expect(ROLES.map((r) => canCall(r, 'subscriptions.cancel'))).toEqual([false, true, true, true]);
    expect(canCall('desk', 'subscriptions.cancel', { ...refund, dryRun: true })).toBe(true); // a preview moves no money
    expect(canCall('desk', 'subscriptions.cancel', { ...refund, settlement: 'credit' })).toBe(true);
    expect(canCall('desk', 'subscriptions.cancel', { ...refund, mode: 'period_end' })).toBe(true); // nothing to pay back
    expect(canCall('desk', 'subscriptions.removeAddon', { id: 1, addonId: 2, settlement: 'refund' })).toBe(false);
    expect(canCall('desk', 'subscriptions.removeAddon', { id: 1, addonId: 2 })).toBe(true); // settlement defaults to credit
  });

  it('enforces the input-dependent rules in the host before the handler runs, as canCall says', async () => {
    const before = databaseHash(th.host.db, { ignoreSignIns: true });
    // No subscription 999999: a call the host lets through ends in the handler's NOT_FOUND.
    const calls = [
      ['subscriptions.cancel', { id: 999999, mode: 'now', settlement: 'refund', refundMethod: 'cash' }],
      ['subscriptions.cancel', { id: 999999, mode: 'now', settlement: 'credit' }],
      ['subscriptions.removeAddon', { id: 999999, addonId: 1, settlement: 'refund' }],
      ['subscriptions.removeAddon', { id: 999999, addonId: 1, settlement: 'credit' }],
    ] as const;
    const rows: string[] = [];
    for (const role of ['desk', 'manager', 'owner'] as const) {
      await signInAs(th.host, role);
      for (const [name, input] of calls) {
        const err = await failure(th.host.invoke(name, input));
        const expected = canCall(role, name, input) ? 'NOT_FOUND' : 'FORBIDDEN';
        rows.push(`${role} ${name} ${input.settlement}: ${err.code}${err.code === expected ? '' : ` (expected ${expected})`}`);
      }
    }
    expect(rows).toEqual([
      'desk subscriptions.cancel refund: FORBIDDEN',
      'desk subscriptions.cancel credit: NOT_FOUND',
      'desk subscriptions.removeAddon refund: FORBIDDEN',
      'desk subscriptions.removeAddon credit: NOT_FOUND',
      'manager subscriptions.cancel refund: NOT_FOUND',
      'manager subscriptions.cancel credit: NOT_FOUND',
      'manager subscriptions.removeAddon refund: NOT_FOUND',
      'manager subscriptions.removeAddon credit: NOT_FOUND',
      'owner subscriptions.cancel refund: NOT_FOUND',
      'owner subscriptions.cancel credit: NOT_FOUND',
      'owner subscriptions.removeAddon refund: NOT_FOUND',
      'owner subscriptions.removeAddon credit: NOT_FOUND',
    ]);
    await signInAs(th.host, 'desk');
    const refused = await failure(th.host.invoke('subscriptions.cancel', calls[0][1]));
    expect([refused.message, refused.details]).toEqual([
      'Only a manager or the owner can refund money; keep it as account credit or ask a manager.',
      { role: 'desk', required: 'manager' },
    ]);
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(before);
  });
});
