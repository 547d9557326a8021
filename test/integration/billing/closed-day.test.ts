import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../support/host';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('closed days (日结)', () => {
  it('no document is issued on a closed day: the desk gets DAY_CLOSED, the run reports it until the day is reopened', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const m = await b.member('Day');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await h.invoke('closeout.close', { date: '2026-01-05', countedCash: 0 });
    const hash = databaseHash(h.db);
    expect((await failure(h.invoke('subscriptions.create', { memberId: m, planId: plan }))).code).toBe('DAY_CLOSED');
    expect(databaseHash(h.db)).toBe(hash);
    const sub = await b.subscribe(m, plan, { startDate: '2026-01-06' });
    b.th.clock.setDate('2026-01-07');
    await h.invoke('closeout.close', { date: '2026-01-06', countedCash: 0 });
    const run = await h.invoke('billing.run', {});
    expect(run).toMatchObject({ status: 'partial', invoicesCreated: 0, errors: [{ subscriptionId: sub, message: '2026-01-06 is closed. Record the correction on an open day, or ask the owner to reopen it.' }] });
    await h.invoke('closeout.reopen', { date: '2026-01-06', reason: 'Billing was missed' });
    expect(await h.invoke('billing.run', {})).toMatchObject({ status: 'ok', invoicesCreated: 1 });
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.lines[0]])).toEqual([['INV-2026-00001', '2026-01-06', 'period 2026-01-06/2026-02-06 30000 = 30000 + 0 | Gym']]);
  });
});
