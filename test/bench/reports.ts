/**
 * (4) Every report over the seeded history (3 years at M), through the host. The first call (caches
 * cold: summaries not yet built, nothing in memory) is a figure of its own, held to the same target; the
 * very first one builds every member's facts after the seeding, a bulk change, held to the bulk change's 1 s.
 */
import fs from 'node:fs';
import { createHost, type Host } from '../../electron/host/host';
import { addMonthsClamped } from '../../shared/dates';
import { signInAs, tempDir, testClock } from '../support/host';
import { BENCH_DUE, BENCH_TODAY } from './seed';
import { figure, single, time, type Figure } from './stats';

export async function benchReports(host: Host, years: number, at: string): Promise<Figure[]> {
  const range = { from: addMonthsClamped(BENCH_TODAY, -12 * years), to: BENCH_TODAY };
  const calls: [string, () => Promise<unknown>][] = [
    ['reports.mrr', () => host.invoke('reports.mrr', range)],
    ['reports.revenue', () => host.invoke('reports.revenue', range)],
    ['reports.cashflow', () => host.invoke('reports.cashflow', range)],
    ['reports.breakdown (plan)', () => host.invoke('reports.breakdown', { ...range, by: 'plan' })],
    [
      'reports.breakdown (method)',
      () => host.invoke('reports.breakdown', { ...range, by: 'method' }),
    ],
    ['reports.attendance', () => host.invoke('reports.attendance', range)],
    ['reports.aging', () => host.invoke('reports.aging', {})],
    ['reports.forecast', () => host.invoke('reports.forecast', {})],
    ['reports.dashboard', () => host.invoke('reports.dashboard', {})],
  ];
  const out: Figure[] = [];
  for (const [name, call] of calls) {
    const t = performance.now();
    await call();
    const first = performance.now() - t;
    // The very first report after seeding builds every member's facts: seeding is a bulk change (≤ 1 s, issue 16).
    out.push(
      out.length === 0
        ? single(`${name}, first call`, at, first, 'ms', 1000, 'caches cold, right after seeding: every member\'s facts built once (a bulk change)')
        : single(`${name}, first call`, at, first, 'ms', 200, 'caches cold'),
    );
    out.push(figure(name, at, await time(call, 20, 2), 200));
  }
  return out;
}

/**
 * (4b) The first report after a bulk change, on a copy of the file: the reports are read once, then the
 * monthly billing run bills every member due (each gets a new invoice line, every subscription is
 * written), then the MRR report over the whole history is asked for again.
 */
export async function benchReportsAfterBulk(dataDir: string, years: number, at: string): Promise<Figure[]> {
  const copy = tempDir('subdesk-bulk-');
  fs.cpSync(dataDir, copy, { recursive: true });
  try {
    const clock = testClock(BENCH_TODAY);
    const host = await createHost({ dataDir: copy, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
    await signInAs(host, 'owner');
    const range = { from: addMonthsClamped(BENCH_TODAY, -12 * years), to: BENCH_DUE };
    await host.invoke('reports.mrr', range);
    clock.setDate(BENCH_DUE);
    const run = await host.invoke('billing.run', {});
    const changed = host.db.prepare<[], number>('SELECT COUNT(*) FROM report_dirty_members').pluck().get() ?? 0;
    const t = performance.now();
    await host.invoke('reports.mrr', range);
    const ms = performance.now() - t;
    host.close();
    return [
      single(`report first call after a bulk change (${changed.toLocaleString('en')} members changed)`, at, ms, 'ms', 1000, `reports.mrr over ${years} years, after a run of ${run.invoicesCreated.toLocaleString('en')} invoices`),
    ];
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
