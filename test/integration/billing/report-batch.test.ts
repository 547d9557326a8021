// The billing run keeps the report summaries once per batch (electron/db/report-batch.ts, migration 024):
// the four report triggers skip while the batch's marker row exists and the flush does their work
// set-based. The same business billed on two copies, one with the marker path and one with the
// per-row triggers (the marker never opened), must leave the summaries, and every other table, the
// same; a unit that fails mid-batch leaves nothing of its own in them; the marker can never be
// committed; desk actions outside the run keep the per-row triggers.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../electron/db/open';
import type * as ReportBatch from '../../../electron/db/report-batch';
import { databaseHash, makeHost, type TestHost } from '../../support/host';
import { batchBusiness, billedCopy, billing } from './support';

// The per-row copy bills with the marker never opened: every trigger fires per row, as before migration 024.
const mode = vi.hoisted(() => ({ perRow: false }));
vi.mock('../../../electron/db/report-batch', async (original) => {
  const real = await original<typeof ReportBatch>();
  return { ...real, openReportBatch: (db: Db) => (mode.perRow ? undefined : real.openReportBatch(db)) };
});

const dirs: string[] = [];
const hosts: TestHost[] = [];
afterEach(() => {
  mode.perRow = false;
  for (const h of hosts.splice(0)) h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A business on 2026-01-05: members paying for themselves, a household (payer and a dependant), a
 * member whose payment leaves credit (allocated to the run's invoices: part of one month, then all
 * of another), one on a 100% discount (invoices of 0, never open), a one-month term that ends
 * without renewing (its subscription changes with no line), a freeze that resumes inside the run,
 * and Bad, whose February period is already on an invoice (planted), so Bad's unit fails mid-batch.
 */
async function business(): Promise<{ dataDir: string; bad: number; badMember: number; ended: number }> {
  const { extra: ended, ...rest } = await batchBusiness(30000, async (b, { gym }) => {
    const once = await b.plan({ name: 'One month', price: 20000, termPeriods: 1, autoRenew: false });
    await b.subscribe(await b.member('Free'), gym, { discount: { kind: 'percent', value: 10_000, duration: 'forever', periods: null } });
    const endedMember = await b.member('Ended');
    await b.subscribe(endedMember, once);
    const flex = await b.plan({ name: 'Flex', price: 31000, freezeDaysPerYear: 90 });
    const frozen = await b.subscribe(await b.member('Frozen'), flex);
    await b.th.host.invoke('subscriptions.pause', { id: frozen, effectiveDate: '2026-01-20', resumeDate: '2026-03-10' });
    return endedMember;
  });
  return { ...rest, ended };
}

/** A copy of the folder with no member marked for the facts refresh, billed to 2026-04-05 in batches of `units`. */
async function billed(from: string, units: number, perRow: boolean) {
  mode.perRow = perRow;
  try {
    // The marks the run leaves are what is compared: none before it.
    const copy = await billedCopy(from, dirs, { startDate: '2026-01-05', asOf: '2026-04-05' }, { units, ms: 60_000 }, (db) => db.prepare('DELETE FROM report_dirty_members').run());
    hosts.push(copy.th);
    return copy;
  } finally {
    mode.perRow = false;
  }
}

const summaries = (db: Db) => ({
  monthly: db.prepare('SELECT * FROM report_monthly ORDER BY month, measure, key').all(),
  open: db.prepare('SELECT * FROM report_open_invoices ORDER BY invoice_id').all(),
  dirty: db.prepare('SELECT member_id FROM report_dirty_members ORDER BY member_id').pluck().all(),
});

describe('the billing run keeps the report summaries once per batch', () => {
  it('leaves the same summaries and rows as the per-row triggers, a failed unit leaving nothing of its own', async () => {
    const { dataDir, bad, badMember, ended } = await business();
    const perRow = await billed(dataDir, 1000, true);
    const batched = await billed(dataDir, 1000, false);
    const small = await billed(dataDir, 3, false);

    for (const { run } of [perRow, batched, small]) {
      expect(run).toMatchObject({ status: 'partial', invoicesCreated: 26, errors: [{ subscriptionId: bad, message: 'UNIQUE constraint failed: invoice_lines.subscription_id, invoice_lines.period_start' }] });
    }
    const db = batched.th.host.db;
    const got = summaries(db);
    expect(got).toEqual(summaries(perRow.th.host.db));
    expect(summaries(small.th.host.db)).toEqual(got);
    expect(databaseHash(db)).toBe(databaseHash(perRow.th.host.db));
    expect(databaseHash(small.th.host.db)).toBe(databaseHash(perRow.th.host.db));
    for (const { th } of [perRow, batched, small]) expect(th.host.db.prepare('SELECT COUNT(*) FROM report_batch').pluck().get()).toBe(0);

    // The run's months: the issued invoices' sums, each month exactly.
    const issued = db
      .prepare("SELECT substr(issue_date, 1, 7) AS month, SUM(subtotal) AS net, SUM(tax_total) AS tax FROM invoices WHERE status = 'issued' GROUP BY 1 ORDER BY 1")
      .all() as { month: string; net: number; tax: number }[];
    const monthly = got.monthly as { month: string; measure: string; amount: number }[];
    for (const m of issued) {
      expect(monthly.find((r) => r.month === m.month && r.measure === 'invoiced_net')?.amount).toBe(m.net);
      expect(monthly.find((r) => r.month === m.month && r.measure === 'invoiced_tax')?.amount).toBe(m.tax);
    }
    expect(issued.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Open balances: every issued invoice with something left. The 180.00 of credit paid February's Swim
    // invoice whole (not open) and 60.00 of March's; none of Free's invoices of 0 is open.
    const open = got.open as { invoice_id: number; payer_id: number; issue_date: string; balance: number }[];
    const payer = (name: string) => db.prepare('SELECT id FROM members WHERE name = ?').pluck().get(name) as number;
    expect(open.filter((r) => r.payer_id === payer('Credit')).map((r) => [r.issue_date, r.balance])).toEqual([['2026-03-05', 6000], ['2026-04-05', 12000]]);
    expect(open.filter((r) => r.payer_id === payer('Free'))).toEqual([]);
    expect(open.filter((r) => r.issue_date > '2026-01-05')).toHaveLength(26 - 3 - 1);
    const expectedOpen = db
      .prepare(
        `SELECT i.id AS invoice_id, i.payer_id, i.issue_date, i.due_date, i.total - COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS balance
           FROM invoices i WHERE i.status = 'issued' AND i.total > COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0) ORDER BY i.id`,
      )
      .all();
    expect(open).toEqual(expectedOpen);
    // Marked: every member the run billed or whose subscription it changed (Ended's term ran out without
    // a line); not Bad, whose unit failed (its line and its subscription update went with its savepoint).
    const members = (names: string[]) =>
      db.prepare(`SELECT id FROM members WHERE name IN (${names.map(() => '?').join(', ')}) ORDER BY id`).pluck().all(...names);
    expect(got.dirty).toEqual(members(['A', 'B', 'C', 'Head', 'Kid', 'Credit', 'Free', 'Ended', 'Frozen', 'D', 'E']));
    expect(got.dirty).not.toContain(badMember);
    expect(db.prepare("SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.subscription_id IN (SELECT id FROM subscriptions WHERE member_id = ?) AND i.issue_date > '2026-01-05'").pluck().get(ended)).toBe(0);
  }, 120_000);
});

describe('the report batch marker', () => {
  it('can never be committed: a transaction that still holds it fails to commit and leaves nothing', async () => {
    const b = await billing('2026-01-05');
    const db = b.th.host.db;
    const mark = db.prepare('INSERT INTO report_batch (id, after_invoice, after_line) VALUES (1, 0, 0)');
    expect(() => db.transaction(() => mark.run())()).toThrow('FOREIGN KEY constraint failed');
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT COUNT(*) FROM report_batch').pluck().get()).toBe(0);
    // Inserted and deleted in one transaction (as the flush does), it commits.
    db.transaction(() => {
      mark.run();
      db.prepare('DELETE FROM report_batch').run();
    })();
    const dataDir = b.th.dataDir;
    b.close();
    const again = await makeHost({ dataDir, startDate: '2026-01-05', signIn: false });
    hosts.push(again);
    expect(again.host.db.prepare('SELECT COUNT(*) FROM report_batch').pluck().get()).toBe(0);
  }, 60_000);

  it("keeps an open batch's invoices as inserted until the batch commits", async () => {
    const b = await billing('2026-01-05');
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(await b.member('A'), gym);
    const db = b.th.host.db;
    const invoice = db.prepare('SELECT id FROM invoices').pluck().get() as number;
    const tryChange = (after: number) =>
      db.transaction(() => {
        db.prepare('INSERT INTO report_batch (id, after_invoice, after_line) VALUES (1, ?, 0)').run(after);
        try {
          db.prepare("UPDATE invoices SET due_date = '2026-01-30' WHERE id = ?").run(invoice);
        } finally {
          db.prepare('DELETE FROM report_batch').run();
        }
      })();
    expect(() => tryChange(invoice - 1)).toThrow('an invoice of an open billing batch cannot change before the batch commits');
    expect(db.prepare('SELECT due_date FROM invoices WHERE id = ?').pluck().get(invoice)).toBe('2026-01-12');
    // An invoice from before the batch is not the batch's: its own guards and triggers apply as usual.
    tryChange(invoice);
    expect(db.prepare('SELECT due_date FROM invoices WHERE id = ?').pluck().get(invoice)).toBe('2026-01-30');
    expect(db.prepare('SELECT due_date FROM report_open_invoices WHERE invoice_id = ?').pluck().get(invoice)).toBe('2026-01-30');
    b.close();
  }, 60_000);

  it('is not open for desk actions: their rows keep the per-row triggers', async () => {
    const b = await billing('2026-01-05');
    const gym = await b.plan({ name: 'Gym', price: 30000, taxRateBp: 600 });
    const db = b.th.host.db;
    db.prepare('DELETE FROM report_dirty_members').run();
    const month = () => db.prepare("SELECT measure, amount FROM report_monthly WHERE month = '2026-01' AND measure LIKE 'invoiced%' ORDER BY measure").all();
    expect(month()).toEqual([]);
    const member = await b.member('Desk');
    const sub = await b.subscribe(member, gym);
    const invoice = db.prepare('SELECT id, total, subtotal, tax_total FROM invoices WHERE payer_id = ?').get(member) as { id: number; total: number; subtotal: number; tax_total: number };
    expect(invoice).toMatchObject({ total: 30000 });
    expect(month()).toEqual([
      { measure: 'invoiced_net', amount: invoice.subtotal },
      { measure: 'invoiced_tax', amount: invoice.tax_total },
    ]);
    expect(db.prepare('SELECT invoice_id, payer_id, balance FROM report_open_invoices').all()).toEqual([{ invoice_id: invoice.id, payer_id: member, balance: 30000 }]);
    expect(db.prepare('SELECT member_id FROM report_dirty_members').pluck().all()).toEqual([member]);
    // A desk save of the subscription marks its member again once the refresh has taken the mark.
    db.prepare('DELETE FROM report_dirty_members').run();
    db.prepare("UPDATE subscriptions SET cancel_reason = 'moved' WHERE id = ?").run(sub);
    expect(db.prepare('SELECT member_id FROM report_dirty_members').pluck().all()).toEqual([member]);
    expect(db.prepare('SELECT COUNT(*) FROM report_batch').pluck().get()).toBe(0);
    b.close();
  }, 60_000);
});
