import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../electron/host/scheduler/scheduler';

function setup(startIso: string) {
  let now = new Date(startIso);
  const runs: string[] = [];
  const scheduler = createScheduler({
    now: () => now,
    localParts: (d) => ({ date: d.toISOString().slice(0, 10), hour: d.getUTCHours() }),
    onError: (job) => runs.push(`error:${job}`),
    jobs: [
      { name: 'billing', triggers: ['startup', 'hourly', 'midnight'], run: () => void runs.push(`billing@${now.toISOString().slice(0, 13)}`) },
      { name: 'backup', triggers: ['midnight'], run: () => void runs.push(`backup@${now.toISOString().slice(0, 10)}`) },
      { name: 'broken', triggers: ['hourly'], run: () => { throw new Error('boom'); } },
    ],
  });
  return { scheduler, runs, move: (iso: string) => void (now = new Date(iso)) };
}

describe('scheduler', () => {
  it('runs startup jobs at start, hourly jobs on a new hour, midnight jobs on a new day', async () => {
    const { scheduler, runs, move } = setup('2026-03-01T10:15:00Z');
    await scheduler.start();
    scheduler.stop();
    expect(runs).toEqual(['billing@2026-03-01T10']);
    move('2026-03-01T10:59:00Z');
    await scheduler.tick();
    expect(runs).toHaveLength(1);
    move('2026-03-01T11:00:30Z');
    await scheduler.tick();
    expect(runs.slice(1)).toEqual(['billing@2026-03-01T11', 'error:broken']);
    move('2026-03-02T00:01:00Z');
    await scheduler.tick();
    expect(runs.slice(3)).toEqual(['billing@2026-03-02T00', 'backup@2026-03-02']);
  });

  it('runs once after a long sleep, not once per missed hour', async () => {
    const { scheduler, runs, move } = setup('2026-03-01T10:00:00Z');
    await scheduler.start();
    scheduler.stop();
    move('2026-03-04T08:00:00Z');
    await scheduler.tick();
    expect(runs).toEqual(['billing@2026-03-01T10', 'billing@2026-03-04T08', 'backup@2026-03-04']);
  });
});
