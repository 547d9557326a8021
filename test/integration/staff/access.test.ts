/**
 * `auth.access` tells the screen which channels the signed-in person may call: it must equal
 * canCall over every channel of the contract, for each role, and shrink to the public
 * channels once the screen locks or the person signs out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../../electron/contract';
import { canCall } from '../../../electron/contract/access';
import { makeHost, signInAs, type TestHost } from '../../support/host';

let th: TestHost;
beforeAll(async () => {
  th = await makeHost({ setup: true });
});
afterAll(() => th.close());

const names = Object.keys(channels) as Channel[];

describe('auth.access', () => {
  for (const role of ['desk', 'manager', 'owner'] as const) {
    it(`lists exactly the channels a ${role} may call`, async () => {
      await signInAs(th.host, role);
      const { channels: got } = await th.host.invoke('auth.access', {});
      expect(got).toEqual(names.filter((c) => canCall(role, c)));
    });
  }

  it('names concrete cases: desk may not touch plans or void; the owner may reopen a closeout', async () => {
    await signInAs(th.host, 'desk');
    const desk = (await th.host.invoke('auth.access', {})).channels;
    expect(desk).toContain('members.create');
    expect(desk).not.toContain('plans.create');
    expect(desk).not.toContain('plans.archive');
    expect(desk).not.toContain('invoices.void');
    await signInAs(th.host, 'owner');
    expect((await th.host.invoke('auth.access', {})).channels).toContain('closeout.reopen');
  });

  it('lists only public channels while locked and after signing out', async () => {
    const publicOnly = names.filter((c) => channels[c].access === 'public');
    await signInAs(th.host, 'owner');
    await th.host.invoke('auth.lock', {});
    expect((await th.host.invoke('auth.access', {})).channels).toEqual(publicOnly);
    await th.host.invoke('auth.signOut', {});
    expect((await th.host.invoke('auth.access', {})).channels).toEqual(publicOnly);
  });

  it('refuses an input that is not empty', async () => {
    await expect(th.host.invoke('auth.access', { x: 1 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
