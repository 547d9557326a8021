import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('the public examples of the billing rules (docs/billing.md)', () => {
  it('$249.95 monthly from the 2nd: pause 2012-03-04 credits 233.82, resume 2012-04-05 bills 224.96 paid from it', async () => {
    b = await billing('2012-02-02', { currency: 'USD', pricesIncludeTax: true });
    const m = await b.member('Ann');
    const plan = await b.plan({ name: 'Gold', price: 24995, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    await b.dailyTo('2012-03-02');
    b.pay(m, 24995 * 2, '2012-03-02');
    b.th.clock.setDate('2012-03-03');
    const paused = await b.th.host.invoke('subscriptions.pause', { id: sub });
    expect(paused.subscription.pause).toEqual({ id: 1, startDate: '2012-03-04', endDate: null });
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2012-00001', payer: m, issued: '2012-03-03', invoice: 'INV-2012-00002', settlement: 'credit', total: 23382, lines: ['2012-03-04/2012-04-02 23382 + 0 | Unused time – Gold'] },
    ]);
    await b.dailyTo('2012-04-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('paused');
    const resumed = await b.th.host.invoke('subscriptions.resume', { id: sub });
    expect(resumed.invoices.map((i) => [i.number, i.issueDate, i.total, i.status, i.settled])).toEqual([['INV-2012-00003', '2012-04-05', 22496, 'paid', 22496]]);
    expect(await b.invoices()).toEqual([
      { number: 'INV-2012-00001', payer: m, issued: '2012-02-02', due: '2012-02-09', total: 24995, status: 'paid', lines: ['period 2012-02-02/2012-03-02 24995 = 24995 + 0 | Gold'] },
      { number: 'INV-2012-00002', payer: m, issued: '2012-03-02', due: '2012-03-09', total: 24995, status: 'paid', lines: ['period 2012-03-02/2012-04-02 24995 = 24995 + 0 | Gold'] },
      { number: 'INV-2012-00003', payer: m, issued: '2012-04-05', due: '2012-04-12', total: 22496, status: 'paid', lines: ['period 2012-04-05/2012-05-02 22496 = 22496 + 0 | Gold'] },
    ]);
    expect(await b.balance(m)).toMatchObject({ balance: -(23382 - 22496), paidCredit: 886, due: 0 });
    await b.dailyTo('2012-05-02');
    expect((await b.invoices()).at(-1)).toEqual({ number: 'INV-2012-00004', payer: m, issued: '2012-05-02', due: '2012-05-09', total: 24995, status: 'partly_paid', lines: ['period 2012-05-02/2012-06-02 24995 = 24995 + 0 | Gold'] });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('€31 monthly, calendar alignment, 20 % tax on top: cancelled now on 2022-10-15 → credit note 19.20 refunded', async () => {
    b = await billing('2022-09-15', { currency: 'EUR', pricesIncludeTax: false });
    const m = await b.member('Eva');
    const plan = await b.plan({ name: 'Basic', price: 3100, alignment: 'calendar', taxRateBp: 2000 });
    const sub = await b.subscribe(m, plan);
    await b.dailyTo('2022-10-15');
    b.pay(m, 1984 + 3720, '2022-10-02');
    const dry = await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash', dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.creditNotes.map((c) => [c.number, c.subtotal, c.taxTotal, c.total])).toEqual([['CN-2022-00001', 1600, 320, 1920]]);
    expect(b.creditNotes()).toEqual([]);
    const done = await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash' });
    expect(done.subscription).toMatchObject({ status: 'active', endDate: '2022-10-16', nextBillDate: null, cancelAtPeriodEnd: true });
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2022-00001', payer: m, issued: '2022-10-15', invoice: 'INV-2022-00002', settlement: 'refund', total: 1920, lines: ['2022-10-16/2022-11-01 1600 + 320 | Unused time – Basic'] },
    ]);
    expect(await b.invoices()).toEqual([
      { number: 'INV-2022-00001', payer: m, issued: '2022-09-15', due: '2022-09-22', total: 1984, status: 'paid', lines: ['period 2022-09-15/2022-10-01 1653 = 1653 + 331 | Basic'] },
      { number: 'INV-2022-00002', payer: m, issued: '2022-10-01', due: '2022-10-08', total: 3720, status: 'paid', lines: ['period 2022-10-01/2022-11-01 3100 = 3100 + 620 | Basic'] },
    ]);
    expect(await b.balance(m)).toMatchObject({ balance: 0, credited: 1920, refunded: 1920, paidCredit: 0 });
    await b.dailyTo('2022-11-02');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
    expect((await b.invoices()).length).toBe(2);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
