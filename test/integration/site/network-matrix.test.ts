/**
 * The role matrix and hostile inputs over the network path: every channel called from a connected
 * desk must be refused exactly as the main desk's host refuses it, and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel } from '../../../electron/contract';
import { allows } from '../../../electron/contract/staff';
import type { Role } from '../../../electron/contract/define';
import { databaseHash, failure, signInAs } from '../../support/host';
import { closeDesks, connectedDesk, mainDesk, signInOn, type Desk } from '../../support/site';

let main: Desk;
let front: Desk;
beforeAll(async () => {
  main = await mainDesk();
  for (const r of ['desk', 'manager', 'owner'] as const) await signInAs(main.host, r);
  front = await connectedDesk(main, 'Front desk 2');
}, 60_000);
afterAll(() => closeDesks(main, front));

/** The site channels a connected desk answers itself (docs/site.md); every other channel goes to the main desk. */
const LOCAL = new Set(['site.status', 'site.discover', 'site.connect']);
const names = (Object.keys(channels) as Channel[]).filter((n) => !LOCAL.has(n));
/**
 * The database as the books see it: besides the sign-ins (left out as in the main desk's matrix, with
 * the answers kept for them), when a desk was last seen is the one thing these calls may write.
 */
function booksHash(): string {
  main.host.db.prepare('UPDATE site_devices SET last_seen_at = NULL').run();
  main.host.db.prepare("DELETE FROM site_requests WHERE channel = 'auth.signIn'").run();
  return databaseHash(main.host.db, { ignoreSignIns: true });
}
const PINS: Record<Role, [string, string]> = { desk: ['Desk', '1111'], manager: ['Manager', '2222'], owner: ['Owner', '1234'] };

describe('over the network', () => {
  it('lets exactly the allowed roles through on every channel, as on the main desk, and changes nothing', async () => {
    const before = booksHash();
    const rows: string[] = [];
    for (const role of [null, 'desk', 'manager', 'owner'] as const) {
      if (role) await signInOn(front, ...PINS[role]);
      else await front.host.invoke('auth.signOut', {});
      for (const name of names) {
        const err = await failure(front.host.invoke(name, null as never));
        const expected = allows(role, channels[name].access) ? 'VALIDATION' : role ? 'FORBIDDEN' : 'SIGN_IN_REQUIRED';
        if (err.code !== expected) rows.push(`${role ?? 'nobody'} → ${name}: ${err.code}, expected ${expected}`);
      }
    }
    expect(rows).toEqual([]);
    expect(booksHash()).toBe(before);
  }, 120_000);

  it('refuses an unknown key and wrong-typed fields on every channel with a clear code', async () => {
    await signInOn(front, ...PINS.owner);
    const before = booksHash();
    const hostile = [{ zzExtra: 1 }, { __proto__: { admin: true }, zzExtra: 'x' }, [], 'text', 42, { id: 'DROP TABLE members' }];
    const rows: string[] = [];
    for (const name of names) {
      for (const input of hostile) {
        const direct = await failure(main.host.invoke(name, input as never)).catch(() => ({ code: 'accepted' }));
        const remote = await failure(front.host.invoke(name, input as never)).catch(() => ({ code: 'accepted' }));
        if (remote.code !== direct.code || remote.code === 'INTERNAL') rows.push(`${name} ${JSON.stringify(input)}: ${remote.code} over the network, ${direct.code} on the main desk`);
      }
    }
    expect(rows).toEqual([]);
    expect(booksHash()).toBe(before);
  }, 120_000);
});
