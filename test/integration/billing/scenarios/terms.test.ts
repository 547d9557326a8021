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

describe('a plan switch in a fixed term’s last period (no renewal)', () => {
  it('a downgrade at the period end carries the membership on under the new plan instead of ending it', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Tess');
    const term = await b.plan({ name: '3 months', price: 30000, termPeriods: 3 });
    const monthly = await b.plan({ name: 'Monthly', price: 20000 });
    const sub = await b.subscribe(m, term);
    for (const d of ['2026-02-05', '2026-03-05', '2026-03-10']) await b.runOn(d);
    expect(await b.th.host.invoke('subscriptions.get', { id: sub })).toMatchObject({ endDate: '2026-04-05', periodsBilled: 3 });
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: monthly });
    expect(await b.th.host.invoke('subscriptions.get', { id: sub })).toMatchObject({ endDate: null, pendingPlanId: monthly, nextBillDate: '2026-04-05' });
    await b.runOn('2026-04-05');
    await b.runOn('2026-05-05');
    expect(await b.th.host.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'active', planId: monthly, endDate: null, nextBillDate: '2026-06-05' });
    expect((await b.invoices()).map((i) => i.lines)).toEqual([
      [line('2026-01-05', '2026-02-05', '3 months')],
      [line('2026-02-05', '2026-03-05', '3 months')],
      [line('2026-03-05', '2026-04-05', '3 months')],
      ['period 2026-04-05/2026-05-05 20000 = 20000 + 0 | Monthly'],
      ['period 2026-05-05/2026-06-05 20000 = 20000 + 0 | Monthly'],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('an upgrade now carries it on too; a cancelled term stays cancelled whatever is switched', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Uma');
    const term = await b.plan({ name: '3 months', price: 31000, termPeriods: 3 });
    const premium = await b.plan({ name: 'Premium', price: 62000 });
    const sub = await b.subscribe(m, term);
    for (const d of ['2026-02-05', '2026-03-05', '2026-03-15']) await b.runOn(d);
    // Mar 15 – Apr 5 is 21 of the period's 31 days: 21000 of 31000 back, 42000 of 62000 charged.
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium, when: 'now' });
    await b.runOn('2026-04-05');
    expect(await b.th.host.invoke('subscriptions.get', { id: sub })).toMatchObject({ status: 'active', planId: premium, endDate: null, nextBillDate: '2026-05-05' });
    expect((await b.invoices()).map((i) => i.lines).slice(2)).toEqual([
      [line('2026-03-05', '2026-04-05', '3 months').replace('30000 = 30000', '31000 = 31000')],
      [
        'proration_credit 2026-03-15/2026-04-05 -21000 = -21000 + 0 | Unused time on 3 months',
        'proration_charge 2026-03-15/2026-04-05 42000 = 42000 + 0 | Remaining time on Premium',
      ],
      ['period 2026-04-05/2026-05-05 62000 = 62000 + 0 | Premium'],
    ]);

    // Another member (sold Apr 5) cancels her term at its end, then asks for a plan at the period end: she still leaves.
    const v = await b.member('Vic');
    const sub2 = await b.subscribe(v, term);
    await b.runOn('2026-05-15');
    await b.runOn('2026-06-15');
    expect(await b.th.host.invoke('subscriptions.get', { id: sub2 })).toMatchObject({ endDate: '2026-07-05', periodsBilled: 3 });
    await b.th.host.invoke('subscriptions.cancel', { id: sub2, mode: 'period_end' });
    const r = await b.th.host.invoke('subscriptions.changePlan', { id: sub2, planId: premium, when: 'period_end' });
    expect(r.subscription).toMatchObject({ endDate: '2026-07-05', cancelAtPeriodEnd: true });
    await b.runOn('2026-07-05');
    expect(await b.th.host.invoke('subscriptions.get', { id: sub2 })).toMatchObject({ status: 'cancelled', endDate: '2026-07-05', planId: term });
    expect((await b.invoices()).filter((i) => i.payer === v).map((i) => i.lines)).toEqual([
      [line('2026-04-05', '2026-05-05', '3 months').replace('30000 = 30000', '31000 = 31000')],
      [line('2026-05-05', '2026-06-05', '3 months').replace('30000 = 30000', '31000 = 31000')],
      [line('2026-06-05', '2026-07-05', '3 months').replace('30000 = 30000', '31000 = 31000')],
    ]);
  });

  it('a cancellation at the period end, undone, leaves the booked switch as it was (open plan and a term’s last period)', async () => {
    b = await billing('2026-01-05');
    const hi = await b.plan({ name: 'Hi', price: 30000 });
    const lo = await b.plan({ name: 'Lo', price: 20000 });
    const term = await b.plan({ name: '3 months', price: 30000, termPeriods: 3 });
    const tess = await b.subscribe(await b.member('Tess'), hi);
    const uma = await b.subscribe(await b.member('Uma'), term);
    for (const d of ['2026-02-05', '2026-03-05', '2026-03-10']) await b.runOn(d);
    const h = b.th.host;
    for (const id of [tess, uma]) {
      await h.invoke('subscriptions.changePlan', { id, planId: lo });
      await h.invoke('subscriptions.cancel', { id, mode: 'period_end' });
      expect(await h.invoke('subscriptions.get', { id })).toMatchObject({ cancelAtPeriodEnd: true, endDate: '2026-04-05', pendingPlanId: lo });
      await h.invoke('subscriptions.undoCancel', { id });
      expect(await h.invoke('subscriptions.get', { id })).toMatchObject({ cancelAtPeriodEnd: false, endDate: null, pendingPlanId: lo });
    }
    await b.runOn('2026-04-05');
    expect((await b.invoices()).filter((i) => i.issued === '2026-04-05').map((i) => i.lines)).toEqual([
      ['period 2026-04-05/2026-05-05 20000 = 20000 + 0 | Lo'],
      ['period 2026-04-05/2026-05-05 20000 = 20000 + 0 | Lo'],
    ]);
    // Cancelled and left cancelled: the membership ends, the switch never comes.
    const vic = await b.subscribe(await b.member('Vic'), hi);
    await h.invoke('subscriptions.changePlan', { id: vic, planId: lo });
    await h.invoke('subscriptions.cancel', { id: vic, mode: 'period_end' });
    await b.runOn('2026-05-05');
    expect(await h.invoke('subscriptions.get', { id: vic })).toMatchObject({ status: 'cancelled', planId: hi, endDate: '2026-05-05' });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});


describe('a sale that starts later', () => {
  it('may be upgraded before it starts: the new plan replaces it from its first day, and nothing is billed until then', async () => {
    b = await billing('2026-01-10');
    const h = b.th.host;
    const m = await b.member('Lia');
    const basic = await b.plan({ name: 'Basic', price: 20000 });
    const gold = await b.plan({ name: 'Gold', price: 50000 });
    const sub = (await h.invoke('subscriptions.create', { memberId: m, planId: basic, startDate: '2026-02-01' })).subscription.id;
    b.th.clock.setDate('2026-01-15');
    await h.invoke('subscriptions.changePlan', { id: sub, planId: gold, when: 'now' });
    expect(await h.invoke('subscriptions.get', { id: sub })).toMatchObject({ planId: gold, price: 50000, startDate: '2026-02-01', nextBillDate: '2026-02-01' });
    expect(await b.invoices()).toEqual([]);
    await b.runOn('2026-02-01');
    expect((await b.invoices()).map((i) => [i.issued, i.lines])).toEqual([['2026-02-01', ['period 2026-02-01/2026-03-01 50000 = 50000 + 0 | Gold']]]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
