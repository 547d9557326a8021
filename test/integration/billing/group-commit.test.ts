// Group commit: the run bills units in batches that share one transaction, each unit in its
// own savepoint. What another connection sees shows where the commits fall; a unit that fails
// mid-batch is rolled back alone; a kill mid-batch loses that batch only, and the next run
// bills it exactly once.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runBilling, type BatchLimits } from '../../../electron/money/billing-run/run';
import { openDatabase } from '../../../electron/db/open';
import type { BillingEnv } from '../../../electron/money/invoices/env';
import { cachedSettings } from '../../support/cached-settings';
import { createSettingsService } from '../../../electron/ops/settings/service';
import { makeHost, type TestHost } from '../../support/host';
import { billing, ramTempDir, type Billing, WIDE_CATCH_UP } from './support';
import { spawnChild } from '../crash/harness';

const ONE_BATCH: BatchLimits = { units: 100, ms: 60_000 };

let b: Billing | undefined;
const dirs: string[] = [];
afterEach(() => {
  b?.close();
  b = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function envOf(th: TestHost, asOf: string): BillingEnv {
  th.clock.setDate(asOf);
  return { db: th.host.db, settings: cachedSettings(th.host.settings), now: th.clock.now, today: () => asOf };
}

/** A second connection, as another process would see the file: only committed rows. */
function reader(th: TestHost): { invoices(): number; close(): void } {
  const db = new Database(path.join(th.dataDir, 'subdesk.sqlite'), { readonly: true });
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM invoices');
  return { invoices: () => count.get()!.n, close: () => db.close() };
}

/** Members each paying for themself, each with a monthly 300.00 subscription sold on 2026-01-05 (invoices 1..n). */
async function members(bb: Billing, n: number): Promise<{ members: number[]; subs: number[] }> {
  const plan = await bb.plan({ name: 'Gym', price: 30000 });
  const out = { members: [] as number[], subs: [] as number[] };
  for (let i = 0; i < n; i++) {
    const m = await bb.member(`M${i + 1}`);
    out.members.push(m);
    out.subs.push(await bb.subscribe(m, plan));
  }
  return out;
}

describe('group commit of the billing run', () => {
  it('commits units in batches: another connection sees each batch at once, never part of one', async () => {
    b = await billing('2026-01-05');
    await members(b, 5);
    const seen = reader(b.th);
    const visible: number[] = [];
    const run = runBilling(envOf(b.th, '2026-02-05'), 'manual', '2026-02-05', (entity) => void (entity === 'invoice' && visible.push(seen.invoices())), {
      units: 2,
      ms: 60_000,
    });
    expect(run).toMatchObject({ status: 'ok', invoicesCreated: 5, amountTotal: 150000, errors: [] });
    // 5 sale invoices committed before; then batches {1,2}, {3,4}, {5}.
    expect(visible).toEqual([5, 5, 7, 7, 9]);
    expect(seen.invoices()).toBe(10);
    seen.close();
  });

  it('a unit that fails inside a batch is rolled back alone: the others of the batch stay, its number is given back', async () => {
    b = await billing('2026-01-05');
    const { members: [a, , c], subs } = await members(b, 3);
    const db = b.th.host.db;
    // A period line for Bad's next period already exists (on A's sale invoice): Bad's unit gets
    // as far as its invoice row and number, then fails on the line.
    db.prepare(
      `INSERT INTO invoice_lines (invoice_id, position, kind, description, subscription_id, period_start, period_end, amount, tax_rate_bp, net, tax, gross)
       VALUES (1, 99, 'period', 'planted', ?, '2026-02-05', '2026-03-05', 0, 0, 0, 0, 0)`,
    ).run(subs[1]);
    const seen = reader(b.th);
    const audited: [string | number, number][] = [];
    const run = runBilling(envOf(b.th, '2026-02-05'), 'manual', '2026-02-05', (entity, id) => void (entity === 'invoice' && audited.push([id, seen.invoices()])), ONE_BATCH);
    // A's and C's invoices (ids 4 and 5: Bad's row went with its savepoint) in one transaction.
    expect(audited).toEqual([
      [4, 3],
      [5, 3],
    ]);
    seen.close();
    expect(run).toMatchObject({ status: 'partial', invoicesCreated: 2, amountTotal: 60000 });
    expect(run.errors).toEqual([{ subscriptionId: subs[1], message: 'UNIQUE constraint failed: invoice_lines.subscription_id, invoice_lines.period_start' }]);
    const all = await b.invoices();
    expect(all.slice(3).map((i) => [i.number, i.payer, i.issued, i.total, i.lines.map((l) => l.split(' | ')[0])])).toEqual([
      ['INV-2026-00004', a, '2026-02-05', 30000, ['period 2026-02-05/2026-03-05 30000 = 30000 + 0']],
      ['INV-2026-00005', c, '2026-02-05', 30000, ['period 2026-02-05/2026-03-05 30000 = 30000 + 0']],
    ]);
    expect(all).toHaveLength(5);
    const next = (id: number) => db.prepare<[number], { d: string }>('SELECT next_bill_date AS d FROM subscriptions WHERE id = ?').get(id)!.d;
    expect(subs.map(next)).toEqual(['2026-03-05', '2026-02-05', '2026-03-05']);
    expect(db.prepare<[], { value: number }>("SELECT value FROM number_sequences WHERE key = 'invoice:INV-2026-{#}'").get()!.value).toBe(5);
  });

  it('a kill in the middle of a batch loses that batch only; the rerun bills each period exactly once, and again creates nothing', async () => {
    const dataDir = ramTempDir('subdesk-group-kill-');
    dirs.push(dataDir);
    const th = await makeHost({ startDate: '2026-01-05', setup: true, dataDir });
    await th.host.invoke('settings.update', WIDE_CATCH_UP);
    const plan = (await th.host.invoke('plans.create', { kind: 'recurring', name: 'Gym', price: 30000, interval: 'month', taxRateBp: 0 })).id;
    const subs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const m = await th.host.invoke('members.create', { name: `M${i + 1}` });
      subs.push((await th.host.invoke('subscriptions.create', { memberId: m.id, planId: plan })).subscription.id);
    }
    th.close();

    // Batches of 3 units; the child dies while writing its 5th invoice (the 2nd unit of batch 2).
    expect(await killedChild(dataDir, '2026-02-05 3 5')).toBe('SIGKILL');

    const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'));
    try {
      const periods = () =>
        db
          .prepare<[], { sub: number; number: string; start: string; end: string; amount: number }>(
            `SELECT l.subscription_id AS sub, i.number, l.period_start AS start, l.period_end AS end, l.amount
               FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.period_start = '2026-02-05' ORDER BY i.id`,
          )
          .all();
      // Batch 1 (the first three payers) committed; batch 2 left nothing, not even its numbers.
      expect(periods()).toEqual(
        subs.slice(0, 3).map((sub, k) => ({ sub, number: `INV-2026-${String(8 + k).padStart(5, '0')}`, start: '2026-02-05', end: '2026-03-05', amount: 30000 })),
      );
      expect(db.prepare("SELECT status, invoices_created FROM billing_runs WHERE trigger = 'startup' AND as_of = '2026-02-05'").all()).toEqual([
        { status: 'running', invoices_created: 0 },
      ]);
      const env: BillingEnv = {
        db,
        settings: cachedSettings(createSettingsService({ dataDir, osTimeZone: 'Asia/Shanghai', db })),
        now: () => new Date('2026-02-05T01:00:00.000Z'),
        today: () => '2026-02-05',
      };
      const rerun = runBilling(env, 'manual', '2026-02-05', () => undefined);
      expect(rerun).toMatchObject({ status: 'ok', invoicesCreated: 4, amountTotal: 120000, errors: [] });
      expect(periods()).toEqual(
        subs.map((sub, k) => ({ sub, number: `INV-2026-${String(8 + k).padStart(5, '0')}`, start: '2026-02-05', end: '2026-03-05', amount: 30000 })),
      );
      // Every subscription: its sale period and this one, once each; no invoice without lines.
      expect(
        db.prepare("SELECT subscription_id AS sub, GROUP_CONCAT(period_start) AS starts FROM invoice_lines WHERE kind = 'period' GROUP BY subscription_id ORDER BY subscription_id").all(),
      ).toEqual(subs.map((sub) => ({ sub, starts: '2026-01-05,2026-02-05' })));
      expect(db.prepare('SELECT COUNT(*) AS n FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)').get()).toEqual({ n: 0 });
      // Billing again creates nothing.
      const counts = () => db.prepare('SELECT (SELECT COUNT(*) FROM invoices) AS invoices, (SELECT COUNT(*) FROM invoice_lines) AS lines').get();
      const before = counts();
      expect(runBilling(env, 'manual', '2026-02-05', () => undefined).invoicesCreated).toBe(0);
      expect(counts()).toEqual(before);
      expect(before).toEqual({ invoices: 14, lines: 14 });
    } finally {
      db.close();
    }
  }, 120_000);
});

/** Runs the kill suite's child on the `run` scenario ("<asOf> <batchUnits> <killAtInvoice>"); resolves with the signal that ended it. */
async function killedChild(dataDir: string, line: string): Promise<NodeJS.Signals | null> {
  const [start = '', units, killAt] = line.split(' ');
  const result = await spawnChild().run({ dataDir, scenario: 'run', start, batchUnits: Number(units), killAtInvoice: Number(killAt) }, null);
  if (!result.signal) throw new Error(`child exited ${result.code}: ${result.error}`);
  return result.signal;
}
