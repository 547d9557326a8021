/**
 * Child process: measures one seeded size and writes its figures as JSON. The peak RSS (7) is
 * measured first, in a child of its own (rss.ts) that holds the host alone: this process also
 * holds the Playwright driver of the renderer measurement.
 * Usage: size.ts <S|M|L> <seeded dataDir> <seed.json> <out.json> [steps, comma-separated]
 */
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createHost } from '../../electron/host/host';
import { signInAs, tempDir, testClock } from '../support/host';
import { benchBilling } from './billing';
import { benchCheckin } from './checkin';
import { benchImport } from './import';
import { benchOpen } from './open';
import { benchRenderer } from './renderer';
import { benchReports, benchReportsAfterBulk } from './reports';
import { benchSearch } from './search';
import { benchSite } from './site';
import { benchTimetable } from './timetable';
import { BENCH_TODAY, SIZES, type SeedInfo, type Size } from './seed';
import type { Figure } from './stats';

const [size, dataDir, seedFile, outFile, only] = process.argv.slice(2) as [Size, string, string, string, string | undefined];
const info = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SeedInfo;
const at = `${size} (${info.members.toLocaleString('en')} members)`;
/** S proves every measurement works; M carries reports, host open and the import; L the rest (the split). */
const plan: Record<Size, string[]> = {
  S: ['open', 'reports', 'import', 'search', 'checkin', 'timetable', 'renderer', 'billing', 'site', 'rss'],
  M: ['open', 'reports', 'import', 'timetable'],
  L: ['search', 'checkin', 'timetable', 'renderer', 'billing', 'site', 'rss'],
};
/** The steps asked for (`--steps`), among the size's plan. */
const asked = only?.split(',');
const want = new Set(plan[size].filter((s) => !asked || asked.includes(s)));
const figures: Figure[] = [];
const log = (s: string) => process.stderr.write(`[bench ${size}] ${s}\n`);

if (want.has('rss')) {
  log('peak RSS of the host alone (child process, the host bundled as the app runs it)');
  const rssOut = `${outFile}.rss.json`;
  // Bundled to plain JavaScript first, as electron-vite bundles the app's main: run under tsx, the child
  // also held tsx's TypeScript loader and its compiled-module cache (~80 MB at S), which the app never has.
  // Dependencies stay external (resolved from the repo's node_modules, so the bundle lives under out/).
  const bundle = path.resolve(process.env['SUBDESK_OUT'] ?? 'out', 'bench', 'rss.mjs');
  await build({ entryPoints: [path.join(import.meta.dirname, 'rss.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  const r = spawnSync(process.execPath, [bundle, size, dataDir, seedFile, rssOut], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`rss.ts ${size} failed (exit ${r.status ?? r.signal})`);
  figures.push(...(JSON.parse(fs.readFileSync(rssOut, 'utf8')) as Figure[]));
  fs.rmSync(rssOut, { force: true });
}
const clock = testClock(BENCH_TODAY);
if (want.has('open')) {
  log('host open');
  figures.push(...(await benchOpen(dataDir, clock, at)));
}
const floorDir = want.has('billing') ? tempDir('subdesk-floor-') : '';
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
if (want.has('reports')) {
  log('first report after a bulk change (on a copy of the file)');
  figures.push(...(await benchReportsAfterBulk(dataDir, Math.max(1, Math.round(SIZES[size].historyMonths / 12)), at)));
}
if (want.has('import')) {
  log('member import (on a copy of the file)');
  figures.push(...(await benchImport(dataDir, clock, at)));
}
if (want.has('search')) {
  log('search');
  figures.push(...(await benchSearch(host, info.samples, at)));
}
if (want.has('checkin')) {
  log('check-in');
  figures.push(...(await benchCheckin(host, at)));
}
if (want.has('timetable')) {
  log('timetable');
  figures.push(...(await benchTimetable(host, at)));
}
if (want.has('renderer')) {
  log('renderer');
  figures.push(...(await benchRenderer(host, at)));
}
if (want.has('billing')) {
  log('billing run');
  figures.push(...(await benchBilling(host, clock, dataDir, floorDir, at)));
}
host.close();
if (want.has('site')) {
  // Its own hosts on the same file (the main desk with sharing on), once the bench's host is closed.
  log('several PCs: check-in from a connected desk');
  figures.push(...(await benchSite(dataDir, clock.now, at)));
}
if (floorDir) fs.rmSync(floorDir, { recursive: true, force: true });
fs.writeFileSync(outFile, JSON.stringify(figures));
