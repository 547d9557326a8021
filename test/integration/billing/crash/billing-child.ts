/**
 * Child process of the crash test: makes the same billing run the scheduler makes at start-up,
 * over the data folder, as of a date. It loads first and says "ready", then waits for the date
 * on stdin, so the parent can prepare the next child while it checks the last one. The parent
 * kills it with SIGKILL at a random moment after "started".
 * Usage: node --import tsx billing-child.ts <dataDir>, then write "<asOf>\n" to its stdin, or
 * "<asOf> <batchUnits> <killAtInvoice>\n": batches of that many units, and the child SIGKILLs
 * itself while writing its Nth invoice's audit entry (inside a unit, mid-batch).
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAuditLog } from '../../../../electron/audit/audit';
import { DEFAULT_BATCH, runBilling } from '../../../../electron/billing-run/run';
import { openDatabase } from '../../../../electron/db/open';
import type { BillingEnv } from '../../../../electron/invoices/env';
import { createSettingsService } from '../../../../electron/settings/service';

const dataDir = process.argv[2] as string;
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', (line) => {
  const [asOf = '', units, killAt] = line.trim().split(' ');
  const batch = units ? { units: Number(units), ms: 60_000 } : DEFAULT_BATCH;
  let invoices = 0;
  const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'));
  const now = () => new Date(`${asOf}T01:00:00.000Z`);
  // The settings as the app wrote them: the business's in the database, this PC's in the settings file.
  const env: BillingEnv = { db, settings: createSettingsService({ dataDir, db }), now, today: () => asOf };
  const audit = createAuditLog(db);
  process.stdout.write('started\n');
  const run = runBilling(
    env,
    'startup',
    asOf,
    (entity, id, before, after) => {
      if (entity === 'invoice' && ++invoices === Number(killAt)) process.kill(process.pid, 'SIGKILL');
      audit.record({ at: now().toISOString(), staffId: null, staffName: 'system', channel: 'billing.run:startup', entity, entityId: String(id), before, after });
    },
    batch,
  );
  process.stdout.write(`done ${run.invoicesCreated}\n`);
  db.close();
  lines.close();
});
