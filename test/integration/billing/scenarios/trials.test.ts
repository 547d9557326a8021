import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('trials and setup fees', () => {
  it('bills the setup fee at sign-up, nothing during a 14-day trial, then monthly from the trial end (6 % included)', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: true });
    const m = await b.member('Li Wei');
    const plan = await b.plan({ name: 'Gym', price: 30000, setupFee: 10000, trialDays: 14, taxRateBp: 600 });
    const sale = await b.th.host.invoke('subscriptions.create', { memberId: m, planId: plan });
    expect(sale.subscription).toMatchObject({ status: 'trialing', startDate: '2026-01-05', anchorDate: '2026-01-19', nextBillDate: '2026-01-19' });
    expect(sale.invoices.map((i) => i.number)).toEqual(['INV-2026-00001']);
    await b.dailyTo('2026-01-18');
    expect((await b.th.host.invoke('subscriptions.get', { id: sale.subscription.id })).status).toBe('trialing');
    expect((await b.invoices()).length).toBe(1);
    await b.dailyTo('2026-01-19');
    expect((await b.th.host.invoke('subscriptions.get', { id: sale.subscription.id })).status).toBe('active');
    await b.runOn('2026-03-19');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 10000, status: 'open', lines: ['setup_fee - 10000 = 9434 + 566 | Setup fee – Gym'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-01-19', due: '2026-01-26', total: 30000, status: 'open', lines: ['period 2026-01-19/2026-02-19 30000 = 28302 + 1698 | Gym'] },
      { number: 'INV-2026-00003', payer: m, issued: '2026-02-19', due: '2026-02-26', total: 30000, status: 'open', lines: ['period 2026-02-19/2026-03-19 30000 = 28302 + 1698 | Gym'] },
      { number: 'INV-2026-00004', payer: m, issued: '2026-03-19', due: '2026-03-26', total: 30000, status: 'open', lines: ['period 2026-03-19/2026-04-19 30000 = 28302 + 1698 | Gym'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('a sale without trial bills the setup fee and the first period on one invoice; the fee can be waived', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Zhang San');
    const n = await b.member('Wang Wu');
    const plan = await b.plan({ name: 'Yoga', price: 25000, setupFee: 5000, trialDays: 7 });
    await b.subscribe(m, plan, { trialDays: 0 });
    await b.subscribe(n, plan, { trialDays: 0, waiveSetupFee: true });
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 30000, status: 'open', lines: ['setup_fee - 5000 = 5000 + 0 | Setup fee – Yoga', 'period 2026-01-05/2026-02-05 25000 = 25000 + 0 | Yoga'] },
      { number: 'INV-2026-00002', payer: n, issued: '2026-01-05', due: '2026-01-12', total: 25000, status: 'open', lines: ['period 2026-01-05/2026-02-05 25000 = 25000 + 0 | Yoga'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('cancelled at period end during the trial: it ends when the trial would, and nothing is billed', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Chen');
    const plan = await b.plan({ name: 'Swim', price: 20000, trialDays: 10 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-08');
    const r = await b.th.host.invoke('subscriptions.cancel', { id: sub });
    expect(r.subscription).toMatchObject({ status: 'trialing', endDate: '2026-01-15', cancelAtPeriodEnd: true });
    expect(r.invoices).toEqual([]);
    await b.dailyTo('2026-02-20');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
    expect(await b.invoices()).toEqual([]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
