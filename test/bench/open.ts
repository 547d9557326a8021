/**
 * (5) Opening the host on a seeded database: createHost (migrations check, start-up billing
 * run, services) until the first query is answered (`auth.status`, the window's first call).
 * The process and the OS page cache are warm after the first open; each open is a fresh host.
 */
import { createHost } from '../../electron/host';
import type { TestClock } from '../support/host';
import { figure, single, type Figure } from './stats';

export async function benchOpen(dataDir: string, clock: TestClock, at: string): Promise<Figure[]> {
  const ms: number[] = [];
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
    ms.push(performance.now() - t);
    host.close();
  }
  return [
    single('host open (first, this process)', at, ms[0]!, 'ms', 500),
    figure('host open to first answer', at, ms.slice(1), 500, 'after 1 warm-up'),
  ];
}
