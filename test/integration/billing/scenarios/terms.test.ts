import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const line = (s: string, e: string, name: string) => `period ${s}/${e} 30000 = 30000 + 0 | ${name}`;

describe('fixed terms', () => {
  it('a 3-month term without renewal bills three periods and ends', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Tess');
    const plan = await b.plan({ name: '3 months', price: 30000, termPeriods: 3 });
    const sub = await b.subscribe(m, plan);
    for (const d of ['2026-02-05', '2026-03-05']) await b.runOn(d);
    expect((await b.th.host.invoke('subscriptions.get', { id: sub }))).toMatchObject({ status: 'active', endDate: '2026-04-05', periodsBilled: 3 });
    await b.runOn('2026-04-05');
    await b.runOn('2026-06-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub }))).toMatchObject({ status: 'ended', endDate: '2026-04-05', nextBillDate: null });
    expect((await b.invoices()).map((i) => i.lines)).toEqual([
      [line('2026-01-05', '2026-02-05', '3 months')],
      [line('2026-02-05', '2026-03-05', '3 months')],
      [line('2026-03-05', '2026-04-05', '3 months')],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('a 2-month term with auto-renew renews term after term', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Rex');
    const plan = await b.plan({ name: '2 months', price: 30000, termPeriods: 2, autoRenew: true });
    const sub = await b.subscribe(m, plan);
    await b.runOn('2026-02-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub }))).toMatchObject({ periodsBilled: 2, endDate: null });
    await b.runOn('2026-03-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub }))).toMatchObject({ status: 'active', periodsBilled: 1, endDate: null });
    await b.runOn('2026-05-05');
    expect((await b.invoices()).map((i) => i.lines[0])).toEqual([
      line('2026-01-05', '2026-02-05', '2 months'),
      line('2026-02-05', '2026-03-05', '2 months'),
      line('2026-03-05', '2026-04-05', '2 months'),
      line('2026-04-05', '2026-05-05', '2 months'),
      line('2026-05-05', '2026-06-05', '2 months'),
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('undoing a cancellation of a fixed term keeps the term end', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Ula');
    const plan = await b.plan({ name: '1 month', price: 30000, termPeriods: 1 });
    const sub = await b.subscribe(m, plan);
    await b.th.host.invoke('subscriptions.cancel', { id: sub });
    const u = await b.th.host.invoke('subscriptions.undoCancel', { id: sub });
    expect(u.subscription).toMatchObject({ endDate: '2026-02-05', cancelAtPeriodEnd: false });
    await b.runOn('2026-02-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('ended');
    expect((await b.invoices()).length).toBe(1);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
