/**
 * `app.start`: the window's start-up reads in one answer. Each part must equal what its own channel
 * answers at that moment, for each role; the member list's first page comes only when the window opens
 * on it and the person may read it; a bad input is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../../electron/contract';
import type { Host } from '../../../electron/host/host';
import { START_LIST } from '../../../shared/lists';
import { damageDataFile, databaseHash, failure, makeHost, signInAs, type TestHost } from '../../support/host';

const publicOnly = (Object.keys(channels) as Channel[]).filter((c) => channels[c].access === 'public');

/** What the chain of single calls answers now (the renderer's start-up before app.start). */
async function chain(host: Host) {
  return {
    settings: await host.invoke('settings.get', {}),
    auth: await host.invoke('auth.status', {}),
    demo: await host.invoke('demo.status', {}),
    access: (await host.invoke('auth.access', {})).channels,
  };
}

describe('app.start', () => {
  let th: TestHost;
  beforeAll(async () => {
    th = await makeHost({ setup: true });
    for (const [name, phone, cardNo] of [
      ['Zhou Min', '13800000003', 'C3'],
      ['Chen Li', '13800000001', 'C1'],
      ['Wang Fang', '13800000002', null],
    ] as const) {
      await th.host.invoke('members.create', { name, phone, ...(cardNo ? { cardNo } : {}) });
    }
  });
  afterAll(() => th.close());

  for (const role of ['desk', 'manager', 'owner'] as const) {
    it(`gives a ${role} the same parts as the single calls, and the list's first page on the member list`, async () => {
      await signInAs(th.host, role);
      const start = await th.host.invoke('app.start', { screen: 'members' });
      const list = await th.host.invoke('members.list', START_LIST);
      expect(start).toEqual({ ...(await chain(th.host)), memberList: list });
      expect(start.auth.staff).toMatchObject({ role });
      expect(start.access).toContain('members.list');
      expect(start.memberList!.total).toBe(3);
      expect(start.memberList!.rows.map((r) => r.name)).toEqual(['Chen Li', 'Wang Fang', 'Zhou Min']);
      expect(start.memberList!.next).toBeNull();
    });
  }

  it('brings the list for the home screen only where it is the member list (the desk); never for another screen', async () => {
    for (const [role, home] of [
      ['desk', 3],
      ['manager', null],
      ['owner', null],
    ] as const) {
      await signInAs(th.host, role);
      expect((await th.host.invoke('app.start', { screen: 'home' })).memberList?.total ?? null, role).toBe(home);
      expect((await th.host.invoke('app.start', { screen: 'other' })).memberList, role).toBeNull();
      // The screen defaults to "other".
      expect((await th.host.invoke('app.start', {})).memberList, role).toBeNull();
    }
  });

  it('while locked: public channels only, no rows; after signing out the same', async () => {
    await signInAs(th.host, 'owner');
    await th.host.invoke('auth.lock', {});
    const locked = await th.host.invoke('app.start', { screen: 'members' });
    expect(locked.auth.locked).toBe(true);
    expect(locked.auth.staff).toMatchObject({ role: 'owner' });
    expect(locked.access).toEqual(publicOnly);
    expect(locked.memberList).toBeNull();
    await th.host.invoke('auth.signOut', {});
    const out = await th.host.invoke('app.start', { screen: 'home' });
    expect(out).toEqual({ ...(await chain(th.host)), memberList: null });
    expect(out.auth.staff).toBeNull();
    expect(out.access).toEqual(publicOnly);
  });

  it('refuses a bad input with VALIDATION and changes nothing', async () => {
    await signInAs(th.host, 'desk');
    const before = databaseHash(th.host.db);
    for (const input of [{ screen: 'dashboard' }, { screen: 1 }, { screen: null }, { screen: 'members', extra: true }, { path: '/members' }, 'members', null]) {
      const e = await failure(th.host.invoke('app.start', input as never));
      expect(e.code, JSON.stringify(input)).toBe('VALIDATION');
    }
    expect(databaseHash(th.host.db)).toBe(before);
  });
});

describe('app.start before set-up and on a damaged file', () => {
  it('a fresh install: set-up not done, nobody to sign in, sample data offered, no rows', async () => {
    const th = await makeHost({ signIn: false });
    try {
      const start = await th.host.invoke('app.start', { screen: 'members' });
      expect(start.settings.setupCompleted).toBe(false);
      expect(start.auth).toMatchObject({ staffExists: false, staff: null, locked: false, roster: [], damaged: null });
      expect(start.demo).toEqual({ active: false, offered: true, owner: null });
      expect(start.access).toEqual(publicOnly);
      expect(start.memberList).toBeNull();
    } finally {
      th.close();
    }
  });

  it('a damaged data file: the damage is in the answer, the business settings still read, no rows', async () => {
    let th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { businessName: 'Harbour Gym' });
    await th.host.invoke('members.create', { name: 'Chen Li', phone: '13800000001' });
    th.close();
    damageDataFile(th.dataDir);
    th = await makeHost({ dataDir: th.dataDir, signIn: false });
    try {
      expect(th.host.damaged).not.toBeNull();
      const start = await th.host.invoke('app.start', { screen: 'members' });
      expect(start.auth.damaged).toEqual(th.host.damaged);
      expect(start.settings.businessName).toBe('Harbour Gym');
      expect(start.memberList).toBeNull();
      expect(start).toEqual({ ...(await chain(th.host)), memberList: null });
    } finally {
      th.close();
    }
  });
});
