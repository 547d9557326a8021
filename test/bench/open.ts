/**
 * (5) Opening the host on a seeded database: createHost (file check, migrations check,
 * services) until the first query is answered (`auth.status`, the window's first call). The
 * start-up work that follows the first answer (daily backup, background check, start-up
 * billing run) is awaited before the next open and reported apart.
 * The process and the OS page cache are warm after the first open; each open is a fresh host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHost, DB_FILE } from '../../electron/host/host';
import type { TestClock } from '../support/host';
import { figure, single, type Figure } from './stats';

export async function benchOpen(dataDir: string, clock: TestClock, at: string): Promise<Figure[]> {
  const ms: number[] = [];
  const background: number[] = [];
  const checks: string[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const host = await createHost({
      dataDir,
      now: clock.now,
      timers: false,
      idleLock: false,
      osTimeZone: 'Asia/Shanghai',
      osLocale: 'en',
    });
    await host.invoke('auth.status', {});
    const answered = performance.now();
    ms.push(answered - t);
    checks.push(host.openCheck);
    // Not part of the open: the daily backup, the background check and the catch-up runs start after the first answer.
    await host.settled();
    background.push(performance.now() - answered);
    host.close();
  }
  // After an unclean shutdown (no clean-close record): the first answer, and the full check's verdict
  // that the first write waits for.
  const unclean: number[] = [];
  const verdict: number[] = [];
  for (let i = 0; i < 4; i++) {
    fs.rmSync(path.join(dataDir, `${DB_FILE}.closed`), { force: true });
    const t = performance.now();
    const host = await createHost({ dataDir, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
    await host.invoke('auth.status', {});
    unclean.push(performance.now() - t);
    checks.push(host.openCheck);
    await host.settled(); // the start-up jobs wait for the verdict, as writes do
    verdict.push(performance.now() - t);
    host.close();
  }
  return [
    figure('host open to first answer after an unclean shutdown', at, unclean, 500, `check: ${checks.at(-1)} (quick_check on a worker)`),
    figure('unclean open until writes may run (full check verdict + start-up work)', at, verdict, null, 'writes wait for it'),
    single('host open (first, this process)', at, ms[0]!, 'ms', 500, `check: ${checks[0]}`),
    figure('host open to first answer', at, ms.slice(1), 500, `after 1 warm-up; check: ${checks[1]}`),
    single('start-up work after the first answer (first open: daily backup)', at, background[0]!, 'ms', null, 'in the background'),
  ];
}
