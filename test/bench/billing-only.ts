/**
 * `npx tsx test/bench/billing-only.ts <S|M|L> [seedDir]`: the billing run alone, beside its floor
 * (the same measurement as `npm run bench`'s billing rows), on a seeded folder kept between runs
 * (seeded once into `seedDir`, default the system temp folder), so a change to the run can be
 * measured again in seconds and profiled (`node --cpu-prof --import tsx …`). It also prints a
 * hash of every row the run can write (invoices, lines, allocations, audit entries,
 * subscriptions, pauses, add-ons, number sequences, report summaries, the run record): two
 * versions of the run that print the same hash on the same seed wrote the same rows.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../electron/db/open';
import { createHost } from '../../electron/host/host';
import { signInAs, tempDir, testClock } from '../support/host';
import { benchBilling } from './billing';
import { BENCH_TODAY, type Size } from './seed';
import { table } from './stats';

/** Tables whose rows a billing run writes or whose derived rows its triggers keep. */
const WRITTEN = [
  'billing_runs', 'invoices', 'invoice_lines', 'allocations', 'credit_notes', 'credit_note_lines', 'audit_log',
  'subscriptions', 'subscription_pauses', 'subscription_addons', 'number_sequences',
  'report_monthly', 'report_open_invoices', 'report_dirty_members',
];

export function writtenHash(db: Db): string {
  const h = createHash('sha256');
  for (const t of WRITTEN) {
    h.update(t);
    const pk = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; pk: number }[]).filter((c) => c.pk > 0).map((c) => c.name);
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY ${pk.join(', ') || 'rowid'}`).all()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

const size = (process.argv[2] ?? 'S') as Size;
const seedDir = process.argv[3] ?? path.join(os.tmpdir(), `subdesk-billing-seed-${size}`);
const HERE = path.dirname(new URL(import.meta.url).pathname);
if (!fs.existsSync(path.join(seedDir, 'data', 'subdesk.sqlite'))) {
  fs.mkdirSync(path.join(seedDir, 'data'), { recursive: true });
  console.log(`seeding ${size} into ${seedDir} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'seed-cli.ts'), size, path.join(seedDir, 'data'), path.join(seedDir, 'seed.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('seeding failed');
}
const work = tempDir('subdesk-billing-only-');
const dataDir = path.join(work, 'data');
fs.cpSync(path.join(seedDir, 'data'), dataDir, { recursive: true });
const floorDir = path.join(work, 'floor');
fs.mkdirSync(floorDir);
try {
  const clock = testClock(BENCH_TODAY);
  const host = await createHost({ dataDir, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
  await signInAs(host, 'owner');
  // The CPU time of the run itself (this process's user + system time): steadier than the wall
  // clock on a shared machine, and what a change to the run's own work moves.
  let cpuMs = 0;
  const invoke = host.invoke.bind(host);
  host.invoke = (async (channel: string, input: unknown) => {
    if (channel !== 'billing.run') return invoke(channel as never, input as never);
    const t = process.cpuUsage();
    try {
      return await invoke(channel as never, input as never);
    } finally {
      const c = process.cpuUsage(t);
      cpuMs = (c.user + c.system) / 1000;
      console.log(`user ${(c.user / 1000).toFixed(0)} ms, system ${(c.system / 1000).toFixed(0)} ms`);
    }
  }) as typeof host.invoke;
  const figures = await benchBilling(host, clock, dataDir, floorDir, size);
  console.log(table(figures));
  console.log(`billing run CPU time: ${cpuMs.toFixed(0)} ms`);
  console.log(`written rows hash: ${writtenHash(host.db)}`);
  host.close();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
