import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('cancellation', () => {
  it('cancel at period end is reversible until then, then stops billing with no refund', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Ken');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-20');
    const c = await b.th.host.invoke('subscriptions.cancel', { id: sub });
    expect(c.subscription).toMatchObject({ status: 'active', endDate: '2026-02-05', cancelAtPeriodEnd: true });
    expect(c.creditNotes).toEqual([]);
    expect((await failure(b.th.host.invoke('subscriptions.cancel', { id: sub }))).code).toBe('ALREADY_CANCELLING');
    const u = await b.th.host.invoke('subscriptions.undoCancel', { id: sub });
    expect(u.subscription).toMatchObject({ endDate: null, cancelAtPeriodEnd: false });
    expect((await failure(b.th.host.invoke('subscriptions.undoCancel', { id: sub }))).code).toBe('NOT_CANCELLING');
    await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'period_end' });
    await b.dailyTo('2026-03-10');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).status).toBe('cancelled');
    expect((await failure(b.th.host.invoke('subscriptions.undoCancel', { id: sub }))).code).toBe('SUBSCRIPTION_NOT_ACTIVE');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 30000, status: 'open', lines: ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Gym'] },
    ]);
    expect(b.creditNotes()).toEqual([]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('cancel now with account credit: the unused days pay the household’s next invoice', async () => {
    b = await billing('2026-01-05');
    const mum = await b.member('Mum');
    const kid = await b.member('Kid', mum);
    const gym = await b.plan({ name: 'Gym', price: 31000 });
    const swim = await b.plan({ name: 'Swim', price: 20000 });
    const g = await b.subscribe(mum, gym);
    b.pay(mum, 31000, '2026-01-05');
    b.th.clock.setDate('2026-01-15');
    await b.subscribe(kid, swim, { startDate: '2026-01-20' });
    const c = await b.th.host.invoke('subscriptions.cancel', { id: g, mode: 'now', effectiveDate: '2026-01-15' });
    expect(c.subscription).toMatchObject({ status: 'cancelled', endDate: '2026-01-15', nextBillDate: null });
    expect(c.creditNotes.map((n) => [n.number, n.invoiceId, n.total, n.settlement])).toEqual([['CN-2026-00001', 1, 21000, 'credit']]);
    await b.dailyTo('2026-02-20');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: mum, issued: '2026-01-05', due: '2026-01-12', total: 31000, status: 'paid', lines: ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Gym'] },
      { number: 'INV-2026-00002', payer: mum, issued: '2026-01-20', due: '2026-01-27', total: 20000, status: 'paid', lines: ['period 2026-01-20/2026-02-20 20000 = 20000 + 0 | Swim'] },
      { number: 'INV-2026-00003', payer: mum, issued: '2026-02-20', due: '2026-02-27', total: 20000, status: 'partly_paid', lines: ['period 2026-02-20/2026-03-20 20000 = 20000 + 0 | Swim'] },
    ]);
    expect(await b.balance(mum)).toMatchObject({ invoiced: 71000, credited: 21000, paid: 31000, balance: 19000, due: 19000, paidCredit: 0 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
