/**
 * The process the kill suite SIGKILLs. It loads its modules first and says `loaded`, then waits
 * for one job (a JSON line on stdin), so the parent can start the next child while it checks
 * the last one. The job names a scenario; the scenario says `ready` once its work begins (the
 * parent's kill delay counts from there) and reports on stdout each step it has seen committed.
 * Usage: node --import tsx child.ts (the suite runs it bundled: harness.ts `childScript`), then write a
 * `Job` (harness.ts) as one JSON line.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAuditLog } from '../../../electron/ops/audit/audit';
import { addMonthsClamped } from '../../../shared/dates';
import { DEFAULT_BATCH, runBilling } from '../../../electron/money/billing-run/run';
import { openDatabase } from '../../../electron/db/open';
import { createHost, type Host } from '../../../electron/host/host';
import type { BillingEnv } from '../../../electron/money/invoices/env';
import { createSettingsService } from '../../../electron/ops/settings/service';
import type { Job } from './harness';

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

type HostScenario = (host: Host, setNow: (d: Date) => void, now: () => Date) => Promise<void>;

/** Scenarios that run a real host (createHost, the same code as the app) in a loop until killed. */
const HOST_SCENARIOS: Record<string, HostScenario> = {
  /** Month after month of billing runs (each billing unit a savepoint, committed in batches). */
  async billing(host, setNow, now) {
    for (;;) {
      const date = addMonthsClamped(now().toISOString().slice(0, 10), 1);
      setNow(new Date(`${date}T01:00:00.000Z`));
      say({ step: 'run', date });
      const last = (host.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM invoices').get() as { id: number }).id;
      const run = await host.invoke('billing.run', {});
      // Only this run's numbers: a line of every number ever issued outgrows the pipe's buffer, and
      // a write that has to wait is lost with the kill (the parent then misses lines).
      const rows = host.db.prepare('SELECT number FROM invoices WHERE id > ?').all(last) as { number: string }[];
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

async function hostScenario(job: Job, scenario: HostScenario): Promise<void> {
  let now = new Date(job.start);
  const host = await createHost({ dataDir: job.dataDir, now: () => now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' });
  const owner = (await host.invoke('auth.status', {})).roster.find((s) => s.role === 'owner')!;
  await host.settled(); // the start-up work (daily backup, catch-up) is done before the kills start
  await host.invoke('auth.signIn', { staffId: owner.id, pin: '1234' });
  say({ step: 'ready' });
  await scenario(host, (d) => void (now = d), () => now);
}

/**
 * The start-up billing run straight over the database (no host), as of the job's date, in
 * batches of `batchUnits` units; with `killAtInvoice` the child SIGKILLs itself while writing
 * that invoice's audit entry (inside a unit, mid-batch). Says `done` when the run completes.
 */
function billingRun(job: Job): void {
  const asOf = job.start;
  const batch = job.batchUnits ? { units: job.batchUnits, ms: 60_000 } : DEFAULT_BATCH;
  const db = openDatabase(path.join(job.dataDir, 'subdesk.sqlite'));
  const now = () => new Date(`${asOf}T01:00:00.000Z`);
  // The settings as the app wrote them: the business's in the database, this PC's in the settings file.
  const env: BillingEnv = { db, settings: createSettingsService({ dataDir: job.dataDir, db }), now, today: () => asOf };
  const audit = createAuditLog(db);
  let invoices = 0;
  say({ step: 'ready' });
  const run = runBilling(
    env,
    'startup',
    asOf,
    (entity, id, before, after) => {
      if (entity === 'invoice' && ++invoices === job.killAtInvoice) process.kill(process.pid, 'SIGKILL');
      audit.record({ at: now().toISOString(), staffId: null, staffName: 'system', channel: 'billing.run:startup', entity, entityId: String(id), before, after });
    },
    batch,
  );
  say({ step: 'done', created: run.invoicesCreated });
  db.close();
}

async function main(job: Job): Promise<void> {
  if (job.scenario === 'run') return billingRun(job);
  const scenario = HOST_SCENARIOS[job.scenario];
  if (!scenario) throw new Error(`unknown scenario ${job.scenario}`);
  await hostScenario(job, scenario);
}

const input = createInterface({ input: process.stdin });
input.once('line', (line) => {
  input.close();
  Promise.resolve(line)
    .then((l) => main(JSON.parse(l) as Job))
    .catch((e: unknown) => {
      process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
      process.exit(1);
    });
});
say({ step: 'loaded' });
