import { afterEach, describe, expect, it } from 'vitest';
import type { BillingRun } from '../../../electron/contract';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('the billing run as a scheduled job, and its log', () => {
  it('runs at start-up, hourly and after midnight, logs each run and pushes it to the renderer', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const m = await b.member('Job');
    await b.subscribe(m, await b.plan({ name: 'Daily', price: 7000, interval: 'week' }));
    const pushed: BillingRun[] = [];
    h.on('billing.runCompleted', (r) => pushed.push(r));
    b.th.clock.set('2026-01-05T02:05:00Z'); // 10:05 in Shanghai
    await h.scheduler.tick();
    b.th.clock.set('2026-01-11T16:01:00Z'); // 00:01 on Jan 12
    await h.scheduler.tick();
    const runs = await h.invoke('billing.runs', {});
    expect(runs.map((r) => [r.trigger, r.asOf, r.status, r.invoicesCreated, r.amountTotal])).toEqual([
      ['midnight', '2026-01-12', 'ok', 1, 7000],
      ['hourly', '2026-01-05', 'ok', 0, 0],
      ['startup', '2026-01-05', 'ok', 0, 0],
    ]);
    expect(runs[0]).toMatchObject({ startedAt: '2026-01-11T16:01:00.000Z', finishedAt: '2026-01-11T16:01:00.000Z', errors: [], message: '' });
    expect(pushed).toEqual([runs[1], runs[0]]);
    const invoice = await h.invoke('invoices.get', { id: 2 });
    expect([invoice.issueDate, invoice.lines[0]!.periodStart, invoice.lines[0]!.periodEnd]).toEqual(['2026-01-12', '2026-01-12', '2026-01-19']);
    expect(h.db.prepare('SELECT run_id FROM invoices ORDER BY id').all()).toEqual([{ run_id: null }, { run_id: runs[0]!.id }]);
    expect(h.db.prepare("SELECT channel, entity FROM audit_log WHERE channel LIKE 'billing.run%' ORDER BY id").all()).toEqual([
      { channel: 'billing.run:midnight', entity: 'invoice' },
    ]);
  });

  it('a subscription that cannot be billed is reported per subscription; the others are billed', async () => {
    b = await billing('2026-01-05');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    const good = await b.subscribe(await b.member('Good'), plan);
    const bad = await b.subscribe(await b.member('Bad'), plan);
    b.th.host.db.prepare("UPDATE subscriptions SET anchor_date = 'not a date' WHERE id = ?").run(bad);
    const run = await b.runOn('2026-02-05');
    expect(run).toMatchObject({ status: 'partial', invoicesCreated: 1, amountTotal: 30000 });
    expect(run.errors).toEqual([{ subscriptionId: bad, message: 'Invalid date: "not a date"' }]);
    expect((await b.th.host.invoke('subscriptions.get', { id: good })).nextBillDate).toBe('2026-03-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: bad })).nextBillDate).toBe('2026-02-05');
  });
});
