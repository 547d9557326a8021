/**
 * (4) Every report over the seeded history (3 years at M), through the host. The first call (caches
 * cold: summaries not yet built, nothing in memory) is a figure of its own, held to the same target.
 */
import type { Host } from '../../electron/host/host';
import { addMonthsClamped } from '../../shared/dates';
import { BENCH_TODAY } from './seed';
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
    out.push(single(`${name}, first call`, at, first, 'ms', 200, 'caches cold'));
    out.push(figure(name, at, await time(call, 20, 2), 200));
  }
  return out;
}
