/**
 * (7) Peak RSS of the host alone: a child process with nothing but the host in it (no
 * Playwright, no seeding) that opens a copy of the seeded data and does the work the app's
 * main process does at that size: the start-up work, searches, member list pages (as the list
 * scrolls, keyset pages of 100), check-ins, member pages and the billing run of the due day.
 * Usage: rss.ts <S|M|L> <seeded dataDir> <seed.json> <out.json> — the data is copied first,
 * so the measurements that follow in size.ts see the seeded data untouched. size.ts runs it bundled (esbuild),
 * without tsx: plain JavaScript, as the app's main process runs the host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHost } from '../../electron/host/host';
import { signInAs, tempDir, testClock } from '../support/host';
import { BENCH_DUE, BENCH_TODAY, type SeedInfo, type Size } from './seed';
import { single } from './stats';

const [size, dataDir, seedFile, outFile] = process.argv.slice(2) as [Size, string, string, string];
const info = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeedInfo;
const at = `${size} (${info.members.toLocaleString('en')} members)`;

const copy = tempDir('subdesk-rss-');
for (const f of fs.readdirSync(dataDir)) fs.cpSync(path.join(dataDir, f), path.join(copy, f), { recursive: true });
const clock = testClock(BENCH_TODAY);
try {
  // The migrations from the source tree (the bundle runs from out/bench/, where the app's build puts none).
  const host = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en', migrationsDir: path.resolve('electron/db/migrations') });
  await host.invoke('auth.status', {});
  await host.settled();
  await signInAs(host, 'owner');
  const queries = [...info.samples.names, ...info.samples.initials, ...info.samples.phones, ...info.samples.cards];
  for (let i = 0; i < 400; i++) await host.invoke('members.search', { query: queries[i % queries.length]!, limit: 200 });
  for (const sort of ['name', 'card', 'newest'] as const) {
    let page = await host.invoke('members.list', { sort, limit: 100, count: true });
    for (let p = 1; p < 200 && page.next; p++) page = await host.invoke('members.list', { sort, after: page.next, offset: 0, limit: 100, count: false });
  }
  const ids = host.db.prepare('SELECT id FROM members ORDER BY id DESC LIMIT 300').pluck().all() as number[];
  for (const id of ids) await host.invoke('checkin.checkIn', { memberId: id });
  for (const id of ids.slice(0, 50)) await host.invoke('members.get', { id });
  clock.setDate(BENCH_DUE);
  await host.invoke('billing.run', {});
  host.close();
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
// maxRSS is in kilobytes: the peak of this process, which held only the host.
const figure = single('peak RSS of the host process', at, process.resourceUsage().maxRSS / 1024, 'MB', 250, 'host alone (bundled, no tsx): start-up, searches, list pages, check-ins, billing run');
fs.writeFileSync(outFile, JSON.stringify([figure]));
