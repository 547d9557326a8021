/**
 * (10) Several PCs: a check-in made on a connected desk, through its host's forward over TLS on
 * 127.0.0.1 to the main desk's host (the seeded file, sharing on), answered back. The main desk's own
 * check-in figure is the (3) row; the difference is the link's cost.
 */
import fs from 'node:fs';
import { createHost, type Host } from '../../electron/host/host';
import { createSite } from '../../electron/site/site';
import { TEST_STAFF, tempDir } from '../support/host';
import { figure, time, type Figure } from './stats';

const HOST_OPTS = { timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' } as const;

async function signInOwner(host: Host): Promise<void> {
  const owner = (await host.invoke('auth.status', {})).roster.find((s) => s.name === TEST_STAFF.owner.name);
  if (!owner) throw new Error('bench site: no test owner on the roster');
  await host.invoke('auth.signIn', { staffId: owner.id, pin: TEST_STAFF.owner.pin });
}

export async function benchSite(dataDir: string, now: () => Date, at: string): Promise<Figure[]> {
  const mainSite = createSite({ dataDir, port: 0, discovery: false });
  const main = await createHost({ dataDir, now, ...HOST_OPTS, site: mainSite.hooks });
  await mainSite.attach(main);
  const deskDir = tempDir('subdesk-bench-desk-');
  const deskSite = createSite({ dataDir: deskDir, port: 0, discovery: false });
  const desk = await createHost({ dataDir: deskDir, now, ...HOST_OPTS, site: deskSite.hooks });
  await deskSite.attach(desk);
  try {
    await signInOwner(main);
    await main.invoke('site.setSharing', { on: true });
    const { code } = await main.invoke('site.newCode', {});
    await desk.invoke('site.connect', { address: '127.0.0.1', port: mainSite.server()!.port, code, deviceName: 'Bench desk' });
    await signInOwner(desk);
    // Members the (3) row did not check in today, so each call is a first visit.
    const ids = main.db.prepare('SELECT id FROM members ORDER BY id DESC LIMIT 205 OFFSET 205').pluck().all() as number[];
    let admitted = 0;
    const ms = await time(async (i) => {
      const r = await desk.invoke('checkin.checkIn', { memberId: ids[i]! });
      if (r.outcome === 'checked_in') admitted++;
    }, 200);
    return [figure('check-in from a connected desk (TLS on loopback)', at, ms, 30, `${admitted} of 205 admitted; forwarded to the main desk's host`)];
  } finally {
    await deskSite.close();
    desk.close();
    await mainSite.close();
    main.close();
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
}
