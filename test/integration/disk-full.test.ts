// A full disk, injected deterministically: SQLite's max_page_count caps the file's size, so a write
// that needs a new page fails with SQLITE_FULL; raising the cap again is "freeing space".
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/open';
import { toWireError } from '../../electron/contract/envelope';
import { databaseHash, failure, makeHost, tempDir, type TestHost } from '../support/host';
import { billing, type Billing } from './billing/support';
import { runBilling } from '../../electron/money/billing-run/run';
import { createAuditLog } from '../../electron/ops/audit/audit';

let b: Billing | undefined;
let th: TestHost | undefined;
afterEach(() => {
  b?.close();
  th?.close();
  b = th = undefined;
});

/** Compacts the file (no free pages to reuse) and caps it `spare` pages above its size. */
function fillDisk(db: Db, spare = 0): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + spare}`);
}

function freeSpace(db: Db): void {
  db.pragma('max_page_count = 1073741823');
}

/**
 * Caps the file at its size, then has another payer pay 1 fen at a time until the slack left in
 * the file's pages is used up and a payment is refused: the disk is now truly full.
 */
async function fillWithPayments(b: Billing, filler: number): Promise<void> {
  fillDisk(b.th.host.db);
  for (let i = 0; i < 500; i++) {
    const r = await b.th.host.invoke('payments.record', { payerId: filler, method: 'card', amount: 1 }).catch((e: unknown) => toWireError(e));
    if ('code' in r) {
      expect(r.code).toBe('DISK_FULL');
      return;
    }
  }
  throw new Error('the capped file never filled up');
}

/** What the screen receives for a refused call (the envelope main sends back). */
async function wire(p: Promise<unknown>): Promise<ReturnType<typeof toWireError>> {
  return toWireError(await failure(p));
}

/** The host's billing run over its own database, committing every 5 units (the app's batches are timed). */
function runInBatchesOf5(th: TestHost, asOf: string): ReturnType<typeof runBilling> {
  const { db, settings } = th.host;
  const log = createAuditLog(db);
  const env = { db, settings, now: th.clock.now, today: () => asOf };
  const audit = (entity: string, id: number | string, before: unknown, after: unknown) =>
    log.record({ at: th.clock.now().toISOString(), staffId: null, staffName: 'system', channel: 'billing.run:manual', entity, entityId: String(id), before, after });
  return runBilling(env, 'manual', asOf, audit, { units: 5, ms: 60_000 });
}

const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a full disk', () => {
  it('refuses a payment with DISK_FULL and changes nothing; the same payment goes through once space is freed', async () => {
    b = await billing('2026-03-02');
    const db = () => b!.th.host.db;
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    const payer = await b.member('Ann Lee');
    await b.subscribe(payer, plan);
    await fillWithPayments(b, await b.member('Bob Filler'));
    const payments = count(db(), 'payments');
    const hash = databaseHash(db());
    const err = await wire(b.th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 30000, tendered: 30000 }));
    expect([err.code, err.message, err.details]).toEqual([
      'DISK_FULL',
      'The disk is full, so nothing was saved. Free some space, then try again.',
      { sqliteCode: 'SQLITE_FULL' },
    ]);
    expect(databaseHash(db())).toBe(hash);
    expect(count(db(), 'payments')).toBe(payments);

    freeSpace(db());
    const ok = await b.th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 30000, tendered: 30000 });
    expect(ok.payment).toMatchObject({ amount: 30000, allocated: 30000, date: '2026-03-02' });
    expect(ok.payer).toMatchObject({ balance: 0, due: 0 });
    expect(count(db(), 'payments')).toBe(payments + 1);
  });

  it('stops a billing run at the unit that finds the disk full: earlier units whole, the rest billed once after space is freed', async () => {
    b = await billing('2026-01-05');
    const db = () => b!.th.host.db;
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    for (let i = 1; i <= 40; i++) await b.subscribe(await b.member(`Member ${String(i).padStart(2, '0')}`), plan);
    expect(count(db(), 'invoices')).toBe(40); // the first months, billed at sign-up
    fillDisk(db(), 3);

    b.th.clock.setDate('2026-02-05');
    const run = runInBatchesOf5(b.th, '2026-02-05');
    const billed = count(db(), 'invoices') - 40;
    expect(billed).toBe(5); // the first batch committed; the second found the disk full and was rolled back whole
    expect(run).toMatchObject({ status: 'partial', asOf: '2026-02-05', invoicesCreated: billed });
    expect(run.errors).toHaveLength(40 - billed);
    expect(new Set(run.errors.map((e) => e.message))).toEqual(new Set(['database or disk is full']));
    // No half-written unit: every invoice has its one line and its total, every renewal moved its subscription on.
    const lines = db().prepare('SELECT i.total, COUNT(l.id) AS n, SUM(l.amount) AS sum FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id GROUP BY i.id').all();
    expect(new Set(lines.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ total: 30000, n: 1, sum: 30000 })]));

    freeSpace(db());
    const rest = await b.th.host.invoke('billing.run', {});
    expect(rest).toMatchObject({ status: 'ok', invoicesCreated: 40 - billed, errors: [] });
    expect((await b.th.host.invoke('billing.run', {})).invoicesCreated).toBe(0);
    const feb = (await b.invoices()).filter((i) => i.issued === '2026-02-05');
    expect(feb).toHaveLength(40);
    expect(new Set(feb.map((i) => i.payer)).size).toBe(40);
    expect(new Set(feb.map((i) => i.lines[0]!.split(' ')[1]))).toEqual(new Set(['2026-02-05/2026-03-05']));
  });

  it('fails a backup with a coded disk-full error, leaves no partial copy, and backs up once space is freed', async () => {
    const folder = path.join(tempDir(), 'backups');
    fs.mkdirSync(folder);
    let full = false;
    th = await makeHost({
      backupFaults: {
        // The disk fills half-way through the copy: the file holds half a database, then the write fails.
        afterWrite(file) {
          if (!full) return;
          fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      },
    });
    th.host.settings.update({ backupFolder: folder });
    const before = fs.readdirSync(folder).sort();
    full = true;
    const err = await wire(th.host.invoke('backup.now', {}));
    expect([err.code, err.details]).toEqual(['BACKUP_FAILED', { failure: 'disk_full' }]);
    expect(err.message).toBe('The disk is full: ENOSPC: no space left on device, write');
    expect(fs.readdirSync(folder).sort()).toEqual(before);
    expect((await th.host.invoke('backup.list', {})).lastFailure).toMatchObject({ ok: false, reason: 'manual', failure: 'disk_full', id: null });

    full = false;
    const ok = await th.host.invoke('backup.now', {});
    expect(fs.readdirSync(folder).sort()).toEqual([...before, ok.id, `${ok.id}.json`].sort());
    const overview = await th.host.invoke('backup.list', {});
    expect(overview.lastFailure).toBeNull();
    expect(overview.backups.map((b) => b.id)).toContain(ok.id);
  });
});
