/**
 * The process the kill test SIGKILLs: a real host (createHost, the same code as the app) on
 * the test's data folder, doing one kind of work in a loop and reporting on stdout each step
 * it has seen committed. Usage: node --import tsx child.ts <dataDir> <scenario> <startInstant>
 * A scenario is a function here; add payments or imports as they land.
 */
import { createHost, type Host } from '../../../electron/host';
import { addMonthsClamped } from '../../../electron/billing/dates';

const [dataDir, scenario, start] = process.argv.slice(2) as [string, string, string];
let now = new Date(start);
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

type Scenario = (host: Host, setNow: (d: Date) => void) => Promise<void>;

export const SCENARIOS: Record<string, Scenario> = {
  /** Month after month of billing runs (each billing unit a savepoint, committed in batches). */
  async billing(host, setNow) {
    for (;;) {
      const date = addMonthsClamped(now.toISOString().slice(0, 10), 1);
      setNow(new Date(`${date}T01:00:00.000Z`));
      say({ step: 'run', date });
      const run = await host.invoke('billing.run', {});
      const { rows } = await host.invoke('invoices.list', { limit: 100_000 });
      say({ step: 'committed', date, created: run.invoicesCreated, numbers: rows.map((r) => r.number) });
    }
  },
  /** Settings writes, each with its audit row. */
  async settings(host) {
    for (let n = 1; ; n++) {
      say({ step: 'write', n });
      await host.invoke('settings.update', { address: `Address ${n}` });
      say({ step: 'committed', n });
    }
  },
  /** Restores back and forth between two listed backups. */
  async restore(host) {
    const { backups } = await host.invoke('backup.list', {});
    const a = backups.find((b) => b.reason === 'manual' && b.rowCounts['plans'] === 1)!;
    const b = backups.find((x) => x.reason === 'manual' && x.rowCounts['plans'] === 2)!;
    for (;;) {
      for (const target of [a, b]) {
        say({ step: 'restore', id: target.id });
        await host.invoke('backup.restore', { id: target.id });
        say({ step: 'committed', id: target.id });
        // The owner stays signed in across the restore (they exist in both backups).
      }
    }
  },
};

async function main(): Promise<void> {
  const host = await createHost({ dataDir, now: () => now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
  const owner = (await host.invoke('auth.status', {})).roster.find((s) => s.role === 'owner')!;
  await host.settled(); // the start-up work (daily backup, catch-up) is done before the kills start
  await host.invoke('auth.signIn', { staffId: owner.id, pin: '1234' });
  say({ step: 'ready' });
  await SCENARIOS[scenario]!(host, (d) => void (now = d));
}

void main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
