/**
 * Child process: measures one seeded size and writes its figures as JSON. Run alone so that
 * its peak RSS (7) is the host's, with no seeding and no other size in it.
 * Usage: size.ts <S|M|L> <seeded dataDir> <seed.json> <out.json>
 */
import fs from 'node:fs';
import { createHost } from '../../electron/host';
import { signInAs, tempDir, testClock } from '../support/host';
import { benchBilling, copyForFloor } from './billing';
import { benchCheckin } from './checkin';
import { benchOpen } from './open';
import { benchRenderer } from './renderer';
import { benchReports } from './reports';
import { benchSearch } from './search';
import { BENCH_TODAY, SIZES, type SeedInfo, type Size } from './seed';
import { single, type Figure } from './stats';

const [size, dataDir, seedFile, outFile] = process.argv.slice(2) as [Size, string, string, string];
const info = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeedInfo;
const at = `${size} (${info.members.toLocaleString('en')} members)`;
/** S proves every measurement works; M carries reports and host open; L the rest (the split). */
const plan: Record<Size, string[]> = {
  S: ['open', 'reports', 'search', 'checkin', 'renderer', 'billing', 'rss'],
  M: ['open', 'reports'],
  L: ['search', 'checkin', 'renderer', 'billing', 'rss'],
};
const want = new Set(plan[size]);
const figures: Figure[] = [];
const log = (s: string) => process.stderr.write(`[bench ${size}] ${s}\n`);

const clock = testClock(BENCH_TODAY);
if (want.has('open')) {
  log('host open');
  figures.push(...(await benchOpen(dataDir, clock, at)));
}
const floorDir = want.has('billing') ? tempDir('subdesk-floor-') : '';
const floorFile = floorDir ? copyForFloor(dataDir, floorDir) : '';
const host = await createHost({
  dataDir,
  now: clock.now,
  timers: false,
  idleLock: false,
  osTimeZone: 'Asia/Shanghai',
  osLocale: 'en',
});
await signInAs(host, 'owner');
if (want.has('reports')) {
  log('reports');
  figures.push(
    ...(await benchReports(host, Math.max(1, Math.round(SIZES[size].historyMonths / 12)), at)),
  );
}
if (want.has('search')) {
  log('search');
  figures.push(...(await benchSearch(host, info.samples, at)));
}
if (want.has('checkin')) {
  log('check-in');
  figures.push(...(await benchCheckin(host, at)));
}
if (want.has('renderer')) {
  log('renderer');
  figures.push(...(await benchRenderer(host, at)));
}
if (want.has('billing')) {
  log('billing run');
  figures.push(...(await benchBilling(host, clock, floorFile, at)));
}
host.close();
if (floorDir) fs.rmSync(floorDir, { recursive: true, force: true });
if (want.has('rss')) {
  // maxRSS is in kilobytes; the host process holds the renderer's Node side too (Playwright driver), not Chromium.
  figures.push(
    single(
      'peak RSS of the host process',
      at,
      process.resourceUsage().maxRSS / 1024,
      'MB',
      300,
      'whole measuring process',
    ),
  );
}
fs.writeFileSync(outFile, JSON.stringify(figures));
