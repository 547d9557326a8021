// The billing run keeps a batch's audit entries and invoice numbers in memory and writes them once
// before the batch commits (electron/db/write-batch.ts). The same business billed with one unit
// per batch (every entry and number written as its unit ends, as before the write batch) and with
// many units per batch must leave every table byte-for-byte the same, including a unit that fails
// mid-batch: its entries and its number go with its savepoint.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchLimits } from '../../../electron/money/billing-run/run';
import { databaseHash, type TestHost } from '../../support/host';
import { batchBusiness, billedCopy } from './support';

const dirs: string[] = [];
const hosts: TestHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A business on 2026-01-05: three members paying for themselves, a household (payer and a dependant),
 * a member whose payment left credit, and Bad, whose February period is already on an invoice
 * (planted), so Bad's unit fails after taking its number. Returns the closed folder and Bad's subscription.
 */
async function business(): Promise<{ dataDir: string; bad: number }> {
  const { dataDir, bad } = await batchBusiness(50000, async () => undefined);
  return { dataDir, bad };
}

/** A copy of the folder, billed from 2026-01-05 to 2026-04-05 (three billing dates) in batches of `limits`. */
async function billed(from: string, limits: BatchLimits) {
  const copy = await billedCopy(from, dirs, { startDate: '2026-01-05', asOf: '2026-04-05' }, limits);
  hosts.push(copy.th);
  return copy;
}

describe('the billing run writes the same rows whatever its batches', () => {
  it('one unit per batch and many units per batch leave every table the same, a failed unit included', async () => {
    const { dataDir, bad } = await business();
    const single = await billed(dataDir, { units: 1, ms: 60_000 });
    const pairs = await billed(dataDir, { units: 2, ms: 60_000 });
    const whole = await billed(dataDir, { units: 1000, ms: 60_000 });

    // Bad fails on its February unit (the planted line) and is left alone for the rest of the run.
    for (const { run } of [single, pairs, whole]) {
      expect(run).toMatchObject({ status: 'partial', errors: [{ subscriptionId: bad, message: 'UNIQUE constraint failed: invoice_lines.subscription_id, invoice_lines.period_start' }] });
    }
    expect(single.run.invoicesCreated).toBe(21);
    expect(pairs.run).toMatchObject({ invoicesCreated: 21, amountTotal: single.run.amountTotal });
    expect(whole.run).toMatchObject({ invoicesCreated: 21, amountTotal: single.run.amountTotal });

    const db = single.th.host.db;
    // Numbers gapless in date order: Bad's number was given back and taken by the next unit.
    const numbers = db.prepare<[], { number: string; issue_date: string }>("SELECT number, issue_date FROM invoices WHERE issue_date > '2026-01-05' ORDER BY id").all();
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 21 }, (_, i) => `INV-2026-${String(10 + i).padStart(5, '0')}`));
    expect(numbers.map((n) => n.issue_date)).toEqual([...Array(7).fill('2026-02-05'), ...Array(7).fill('2026-03-05'), ...Array(7).fill('2026-04-05')]);
    expect(db.prepare("SELECT value FROM number_sequences WHERE key = 'invoice:INV-2026-{#}'").pluck().get()).toBe(30);
    // Each invoice audited once, chained; nothing of Bad's failed unit is in the log.
    const audited = db.prepare<[], { entity: string; n: number }>("SELECT entity, COUNT(*) AS n FROM audit_log WHERE channel = 'billing.run' GROUP BY entity ORDER BY entity").all();
    // The member with credit (500.00) had it applied to each month's Swim invoice (127.20), audited in the same batch.
    expect(audited).toEqual([
      { entity: 'allocation', n: 3 },
      { entity: 'invoice', n: 21 },
    ]);
    const badPayer = db.prepare('SELECT member_id FROM subscriptions WHERE id = ?').pluck().get(bad);
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE channel = 'billing.run' AND json_extract(after, '$.payerId') = ?").pluck().get(badPayer)).toBe(0);

    const hash = databaseHash(db);
    expect(databaseHash(pairs.th.host.db)).toBe(hash);
    expect(databaseHash(whole.th.host.db)).toBe(hash);
  }, 120_000);

  it('keeps the audit chain whole across batches', async () => {
    const { dataDir } = await business();
    const { th } = await billed(dataDir, { units: 4, ms: 60_000 });
    const { signInAs } = await import('../../support/host');
    await signInAs(th.host, 'owner');
    expect(await th.host.invoke('audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null, problem: null });
  }, 120_000);
});
