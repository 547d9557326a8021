import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('catch-up and the clock', () => {
  it('after 75 days off, each missed period gets its own invoice, dated on its billing date, numbered in date order', async () => {
    b = await billing('2026-01-05');
    const x = await b.member('Xu');
    const y = await b.member('Yi');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    const week = await b.plan({ name: 'Boxing', price: 8000, interval: 'week' });
    await b.subscribe(x, plan);
    b.th.clock.setDate('2026-01-20');
    await b.subscribe(y, plan);
    await b.subscribe(y, week, { startDate: '2026-03-03' });
    b.th.clock.setDate('2026-01-21');
    await b.th.host.invoke('billing.run', {});
    const run = await b.runOn('2026-04-06'); // 75 days later
    expect(run).toMatchObject({ trigger: 'manual', asOf: '2026-04-06', status: 'ok', invoicesCreated: 10, amountTotal: 3 * 30000 + 2 * 30000 + 5 * 8000, errors: [] });
    expect((await b.invoices()).map((i) => [i.number, i.payer, i.issued, i.due, i.total, i.lines.map((l) => l.split(' |')[0])])).toEqual([
      ['INV-2026-00001', x, '2026-01-05', '2026-01-12', 30000, ['period 2026-01-05/2026-02-05 30000 = 30000 + 0']],
      ['INV-2026-00002', y, '2026-01-20', '2026-01-27', 30000, ['period 2026-01-20/2026-02-20 30000 = 30000 + 0']],
      ['INV-2026-00003', x, '2026-02-05', '2026-02-12', 30000, ['period 2026-02-05/2026-03-05 30000 = 30000 + 0']],
      ['INV-2026-00004', y, '2026-02-20', '2026-02-27', 30000, ['period 2026-02-20/2026-03-20 30000 = 30000 + 0']],
      ['INV-2026-00005', y, '2026-03-03', '2026-03-10', 8000, ['period 2026-03-03/2026-03-10 8000 = 8000 + 0']],
      ['INV-2026-00006', x, '2026-03-05', '2026-03-12', 30000, ['period 2026-03-05/2026-04-05 30000 = 30000 + 0']],
      ['INV-2026-00007', y, '2026-03-10', '2026-03-17', 8000, ['period 2026-03-10/2026-03-17 8000 = 8000 + 0']],
      ['INV-2026-00008', y, '2026-03-17', '2026-03-24', 8000, ['period 2026-03-17/2026-03-24 8000 = 8000 + 0']],
      ['INV-2026-00009', y, '2026-03-20', '2026-03-27', 30000, ['period 2026-03-20/2026-04-20 30000 = 30000 + 0']],
      ['INV-2026-00010', y, '2026-03-24', '2026-03-31', 8000, ['period 2026-03-24/2026-03-31 8000 = 8000 + 0']],
      ['INV-2026-00011', y, '2026-03-31', '2026-04-07', 8000, ['period 2026-03-31/2026-04-07 8000 = 8000 + 0']],
      ['INV-2026-00012', x, '2026-04-05', '2026-04-12', 30000, ['period 2026-04-05/2026-05-05 30000 = 30000 + 0']],
    ]);
    const listed = await b.th.host.invoke('invoices.list', { status: 'overdue' });
    expect(listed.total).toBe(10);
    expect(listed.rows[0]).toMatchObject({ number: 'INV-2026-00010', dueDate: '2026-03-31', status: 'open', overdue: true, daysOverdue: 6 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('refuses to bill when the clock is set back, logs it, and desk actions say CLOCK_BEHIND', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Clock');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    await b.runOn('2026-02-10');
    b.th.clock.setDate('2026-02-01');
    const hash = databaseHash(b.th.host.db);
    const events: unknown[] = [];
    b.th.host.on('billing.runCompleted', (r) => events.push(r));
    const run = await b.th.host.invoke('billing.run', {});
    expect(run).toMatchObject({ asOf: '2026-02-01', status: 'refused_clock_behind', invoicesCreated: 0, amountTotal: 0 });
    expect(run.message).toBe("Today (2026-02-01) is earlier than the last billing run (2026-02-10). Nothing was billed; check the PC's date.");
    expect(events).toEqual([run]);
    expect((await b.th.host.invoke('billing.runs', { limit: 1 }))[0]).toEqual(run);
    expect((await failure(b.th.host.invoke('subscriptions.create', { memberId: m, planId: plan }))).code).toBe('CLOCK_BEHIND');
    // Only the refusal was written.
    expect(b.th.host.db.prepare('SELECT COUNT(*) AS n FROM invoices').get()).toEqual({ n: 2 });
    expect(databaseHash(b.th.host.db)).not.toBe(hash);
    b.th.clock.setDate('2026-03-05');
    expect(await b.th.host.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 1 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
