import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
/** The default limits (the scenario helper widens them for the other scenarios). */
const GUARD = { catchUpMaxDays: 35, catchUpMaxInvoices: 500 };
afterEach(() => b?.close());

const invoiceCount = (x: Billing) => x.th.host.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM invoices').get()!.n;

/** The database's hash with one billing run row left out (in a transaction that is rolled back). */
function hashWithoutRun(x: Billing, runId: number): string {
  const db = x.th.host.db;
  let h = '';
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM billing_runs WHERE id = ?').run(runId);
      h = databaseHash(db, { ignoreSignIns: true });
      throw new Error('rollback');
    })();
  } catch (e) {
    if ((e as Error).message !== 'rollback') throw e;
  }
  return h;
}

describe('a PC clock that jumps ahead', () => {
  it('400 days ahead: bills nothing and holds; desk and manager cannot confirm; the owner does, and each period is billed on its own date', async () => {
    b = await billing('2026-01-05', GUARD);
    const m = await b.member('Jump');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    expect(await b.runOn('2026-01-10')).toMatchObject({ status: 'ok', invoicesCreated: 0, held: null });
    const before = databaseHash(b.th.host.db, { ignoreSignIns: true });
    b.th.clock.setDate('2027-02-14'); // 400 days after 2026-01-10
    const events: unknown[] = [];
    b.th.host.on('billing.runCompleted', (r) => events.push(r));
    const held = await b.th.host.invoke('billing.run', {});
    expect(held).toMatchObject({ asOf: '2027-02-14', status: 'held', invoicesCreated: 0, amountTotal: 0, errors: [], held: { lastAsOf: '2026-01-10', wouldCreate: 13 } });
    expect(held.message).toBe(
      "Billing from 2026-01-10 to 2027-02-14 would create 13 invoices, more than the catch-up limits allow. Nothing was billed; the owner must check the PC's date and confirm.",
    );
    expect(events).toEqual([held]);
    expect(invoiceCount(b)).toBe(1);
    // Only the held run's log row was written.
    expect(hashWithoutRun(b, held.id)).toBe(before);
    // The hourly job does not log the same hold again.
    expect(await b.th.host.invoke('billing.run', {})).toEqual(held);
    expect(await b.th.host.invoke('billing.runs', { limit: 2 })).toEqual([held, expect.objectContaining({ asOf: '2026-01-10', status: 'ok' })]);

    for (const role of ['desk', 'manager'] as const) {
      await signInAs(b.th.host, role);
      const h = databaseHash(b.th.host.db, { ignoreSignIns: true });
      expect((await failure(b.th.host.invoke('billing.confirmCatchUp', { asOf: '2027-02-14' }))).code).toBe('FORBIDDEN');
      // Running billing by hand is a manager's (the desk has no Billing screen); it stays held either way.
      if (role === 'desk') expect((await failure(b.th.host.invoke('billing.run', {}))).code).toBe('FORBIDDEN');
      else expect(await b.th.host.invoke('billing.run', {})).toEqual(held);
      expect(databaseHash(b.th.host.db, { ignoreSignIns: true })).toBe(h);
    }
    await signInAs(b.th.host, 'owner');
    const h = databaseHash(b.th.host.db, { ignoreSignIns: true });
    expect((await failure(b.th.host.invoke('billing.confirmCatchUp', { asOf: '2027-02-13' }))).code).toBe('NO_CATCH_UP_HELD');
    expect(databaseHash(b.th.host.db, { ignoreSignIns: true })).toBe(h);

    const run = await b.th.host.invoke('billing.confirmCatchUp', { asOf: '2027-02-14' });
    expect(run).toMatchObject({ trigger: 'manual', asOf: '2027-02-14', status: 'ok', invoicesCreated: 13, amountTotal: 13 * 30000, held: null });
    const months = ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-05-05', '2026-06-05', '2026-07-05', '2026-08-05', '2026-09-05', '2026-10-05', '2026-11-05', '2026-12-05', '2027-01-05', '2027-02-05'];
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.due, i.total, i.lines.map((l) => l.split(' |')[0])])).toEqual(
      months.map((d, k) => [
        `INV-${d.slice(0, 4)}-${String(d < '2027' ? k + 1 : k - 11).padStart(5, '0')}`,
        d,
        `${d.slice(0, 8)}12`,
        30000,
        [`period ${d}/${months[k + 1] ?? '2027-03-05'} 30000 = 30000 + 0`],
      ]),
    );
    const audit = b.th.host.db
      .prepare<[], { staff_name: string; channel: string; entity: string; entity_id: string; after: string }>(
        "SELECT staff_name, channel, entity, entity_id, after FROM audit_log WHERE channel = 'billing.confirmCatchUp' AND entity = 'billing_run'",
      )
      .all();
    expect(audit).toEqual([
      { staff_name: 'Owner', channel: 'billing.confirmCatchUp', entity: 'billing_run', entity_id: String(held.id), after: JSON.stringify({ confirmed: 'catch_up', lastAsOf: '2026-01-10', asOf: '2027-02-14', wouldCreate: 13 }) },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
    // Nothing is held any more: a second confirmation is refused.
    expect((await failure(b.th.host.invoke('billing.confirmCatchUp', { asOf: '2027-02-14' }))).code).toBe('NO_CATCH_UP_HELD');
  });

  it('a 20-day gap bills without asking', async () => {
    b = await billing('2026-01-05', GUARD);
    const m = await b.member('Gap');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    await b.runOn('2026-01-25');
    expect(await b.runOn('2026-02-14')).toMatchObject({ status: 'ok', invoicesCreated: 1, held: null });
    expect((await b.invoices()).map((i) => i.issued)).toEqual(['2026-01-05', '2026-02-05']);
  });

  it('exactly 35 days bills; 36 days holds (the default limit)', async () => {
    b = await billing('2026-01-05', GUARD);
    const m = await b.member('Edge');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    await b.runOn('2026-01-06');
    expect(await b.runOn('2026-02-10')).toMatchObject({ status: 'ok', invoicesCreated: 1 });
    expect(await b.runOn('2026-03-18')).toMatchObject({ status: 'held', invoicesCreated: 0, held: { lastAsOf: '2026-02-10', wouldCreate: 1 } });
  });

  it('the invoice limit holds a smaller jump with many members', async () => {
    b = await billing('2026-01-05', { ...GUARD, catchUpMaxInvoices: 5 });
    const plan = await b.plan({ name: 'Gym', price: 10000, interval: 'week' });
    for (const name of ['A', 'B', 'C']) await b.subscribe(await b.member(name), plan);
    await b.runOn('2026-01-06');
    expect(invoiceCount(b)).toBe(3);
    // 14 days: each member has two weekly periods due (01-12 and 01-19), 6 invoices, one more than the limit.
    const held = await b.runOn('2026-01-20');
    expect(held).toMatchObject({ status: 'held', invoicesCreated: 0, held: { lastAsOf: '2026-01-06', wouldCreate: 6 } });
    expect(invoiceCount(b)).toBe(3);
    // A limit the owner raises lets the same run through.
    await b.th.host.invoke('settings.update', { catchUpMaxInvoices: 6 });
    expect(await b.th.host.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 6 });
    expect((await b.invoices()).map((i) => i.issued)).toEqual(['2026-01-05', '2026-01-05', '2026-01-05', '2026-01-12', '2026-01-12', '2026-01-12', '2026-01-19', '2026-01-19', '2026-01-19']);
  });

  it('a clock set back after a hold is still refused, and the hold does not count as billed', async () => {
    b = await billing('2026-01-05', GUARD);
    const m = await b.member('Back');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    await b.runOn('2026-01-10');
    expect(await b.runOn('2027-01-10')).toMatchObject({ status: 'held', held: { lastAsOf: '2026-01-10', wouldCreate: 12 } });
    expect(await b.runOn('2026-01-09')).toMatchObject({ status: 'refused_clock_behind', invoicesCreated: 0, held: null });
    // The clock put right: a normal day's run after the last real one bills as usual.
    expect(await b.runOn('2026-01-11')).toMatchObject({ status: 'ok', invoicesCreated: 0, held: null });
    expect(invoiceCount(b)).toBe(1);
  });
});
