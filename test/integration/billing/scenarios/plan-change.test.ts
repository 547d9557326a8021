import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../../electron/contract';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('plan changes', () => {
  it('upgrade mid-period: credit for the unused old part and charge for the new part on one invoice', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Uma');
    const basic = await b.plan({ name: 'Basic', price: 20000, taxRateBp: 600 });
    const premium = await b.plan({ name: 'Premium', price: 31000, taxRateBp: 600 });
    const sub = await b.subscribe(m, basic);
    b.th.clock.setDate('2026-01-20');
    const dry = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium, dryRun: true });
    expect(dry.invoices.map((i) => [i.number, i.total])).toEqual([['INV-2026-00002', 6018]]);
    expect((await b.invoices()).length).toBe(1);
    const r = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium });
    expect(r.subscription).toMatchObject({ planId: premium, planName: 'Premium', price: 31000, anchorDate: '2026-01-05', nextBillDate: '2026-02-05' });
    await b.runOn('2026-02-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 21200, status: 'open', lines: ['period 2026-01-05/2026-02-05 20000 = 20000 + 1200 | Basic'] },
      {
        number: 'INV-2026-00002', payer: m, issued: '2026-01-20', due: '2026-01-27', total: 6018, status: 'open',
        lines: ['proration_credit 2026-01-20/2026-02-05 -10323 = -10323 + -619 | Unused time on Basic', 'proration_charge 2026-01-20/2026-02-05 16000 = 16000 + 960 | Remaining time on Premium'],
      },
      { number: 'INV-2026-00003', payer: m, issued: '2026-02-05', due: '2026-02-12', total: 32860, status: 'open', lines: ['period 2026-02-05/2026-03-05 31000 = 31000 + 1860 | Premium'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('downgrade waits for the period end; a second upgrade the same period credits only what is left', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Dan');
    const basic = await b.plan({ name: 'Basic', price: 20000 });
    const premium = await b.plan({ name: 'Premium', price: 31000 });
    const sub = await b.subscribe(m, premium);
    b.th.clock.setDate('2026-01-10');
    const d = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: basic });
    expect(d.subscription).toMatchObject({ planId: premium, pendingPlanId: basic, pendingChangeDate: '2026-02-05' });
    expect(d.invoices).toEqual([]);
    await b.runOn('2026-02-05');
    expect((await b.th.host.invoke('subscriptions.get', { id: sub })).planId).toBe(basic);
    b.th.clock.setDate('2026-02-19'); // 14 of 28 days left
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium });
    b.th.clock.setDate('2026-02-26'); // 7 days left: credit what is left of the Premium part only
    const gold = await b.plan({ name: 'Gold', price: 42000 });
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: gold });
    await b.runOn('2026-03-05');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total, i.lines])).toEqual([
      ['INV-2026-00001', '2026-01-05', 31000, ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Premium']],
      ['INV-2026-00002', '2026-02-05', 20000, ['period 2026-02-05/2026-03-05 20000 = 20000 + 0 | Basic']],
      ['INV-2026-00003', '2026-02-19', 5500, ['proration_credit 2026-02-19/2026-03-05 -10000 = -10000 + 0 | Unused time on Basic', 'proration_charge 2026-02-19/2026-03-05 15500 = 15500 + 0 | Remaining time on Premium']],
      ['INV-2026-00004', '2026-02-26', 2750, ['proration_credit 2026-02-26/2026-03-05 -7750 = -7750 + 0 | Unused time on Premium', 'proration_charge 2026-02-26/2026-03-05 10500 = 10500 + 0 | Remaining time on Gold']],
      ['INV-2026-00005', '2026-03-05', 42000, ['period 2026-03-05/2026-04-05 42000 = 42000 + 0 | Gold']],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('downgrade now: the unused old part is a credit note, the new part an invoice paid from it, the rest is account credit', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Eli');
    const basic = await b.plan({ name: 'Basic', price: 20000 });
    const premium = await b.plan({ name: 'Premium', price: 31000 });
    const sub = await b.subscribe(m, premium);
    b.pay(m, 31000, '2026-01-05');
    b.th.clock.setDate('2026-01-20');
    const r = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: basic, when: 'now' });
    expect(r.creditNotes.map((c) => [c.number, c.total, c.lines.map((l) => [l.periodStart, l.periodEnd, l.gross])])).toEqual([
      ['CN-2026-00001', 16000, [['2026-01-20', '2026-02-05', 16000]]],
    ]);
    expect(r.invoices.map((i) => [i.number, i.total, i.status, i.lines.map((l) => [l.kind, l.amount])])).toEqual([
      ['INV-2026-00002', 10323, 'paid', [['proration_charge', 10323]]],
    ]);
    expect(await b.balance(m)).toMatchObject({ balance: -5677, paidCredit: 5677 });
    await b.runOn('2026-02-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 31000, status: 'paid', lines: ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Premium'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-01-20', due: '2026-01-27', total: 10323, status: 'paid', lines: ['proration_charge 2026-01-20/2026-02-05 10323 = 10323 + 0 | Remaining time on Basic'] },
      { number: 'INV-2026-00003', payer: m, issued: '2026-02-05', due: '2026-02-12', total: 20000, status: 'partly_paid', lines: ['period 2026-02-05/2026-03-05 20000 = 20000 + 0 | Basic'] },
    ]);
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-01-20', invoice: 'INV-2026-00001', settlement: 'credit', total: 16000, lines: ['2026-01-20/2026-02-05 16000 + 0 | Unused time – Premium'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('monthly to yearly is an upgrade that starts a new yearly period (and anchor) on the change date', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Yan');
    const basic = await b.plan({ name: 'Basic', price: 20000 });
    const annual = await b.plan({ name: 'Annual', price: 300000, interval: 'year' });
    const sub = await b.subscribe(m, basic);
    b.th.clock.setDate('2026-01-20');
    const r = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: annual });
    expect(r.subscription).toMatchObject({ interval: 'year', anchorDate: '2026-01-20', nextBillDate: '2027-01-20' });
    await b.runOn('2027-01-20');
    expect((await b.invoices()).map((i) => [i.number, i.total, i.lines])).toEqual([
      ['INV-2026-00001', 20000, ['period 2026-01-05/2026-02-05 20000 = 20000 + 0 | Basic']],
      ['INV-2026-00002', 289677, ['proration_credit 2026-01-20/2026-02-05 -10323 = -10323 + 0 | Unused time on Basic', 'proration_charge 2026-01-20/2027-01-20 300000 = 300000 + 0 | Remaining time on Annual']],
      ['INV-2027-00001', 300000, ['period 2027-01-20/2028-01-20 300000 = 300000 + 0 | Annual']],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('yearly to monthly the day after: the yearly credit is a credit note; a later pause credits only the new month', async () => {
    // Nothing is paid: each credit note first settles the invoice it credits.
    b = await billing('2026-01-01');
    const m = await b.member('Ivy');
    const yearly = await b.plan({ name: 'Year', price: 36500, interval: 'year' });
    const monthly = await b.plan({ name: 'Month', price: 3100, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, yearly);
    b.th.clock.setDate('2026-01-02');
    const r = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: monthly });
    expect(r.subscription).toMatchObject({ anchorDate: '2026-01-02', nextBillDate: '2026-02-02' });
    b.th.clock.setDate('2026-01-03');
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-03' });
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-01', due: '2026-01-08', total: 36500, status: 'partly_paid', lines: ['period 2026-01-01/2027-01-01 36500 = 36500 + 0 | Year'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-01-02', due: '2026-01-09', total: 3100, status: 'partly_paid', lines: ['proration_charge 2026-01-02/2026-02-02 3100 = 3100 + 0 | Remaining time on Month'] },
    ]);
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-01-02', invoice: 'INV-2026-00001', settlement: 'credit', total: 36400, lines: ['2026-01-02/2027-01-01 36400 + 0 | Unused time – Year'] },
      { number: 'CN-2026-00002', payer: m, issued: '2026-01-03', invoice: 'INV-2026-00002', settlement: 'credit', total: 3000, lines: ['2026-01-03/2026-02-02 3000 + 0 | Unused time – Month'] },
    ]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 39600, credited: 39400, balance: 200, due: 200 });
    await b.runOn('2026-03-02');
    expect((await b.invoices()).length).toBe(2);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('an upgrade before a booked pause charges and credits only the days up to the pause', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Ola');
    const basic = await b.plan({ name: 'Basic', price: 31000, freezeDaysPerYear: 366 });
    const premium = await b.plan({ name: 'Premium', price: 62000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, basic);
    b.pay(m, 31000, '2026-01-05');
    b.th.clock.setDate('2026-01-10');
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-20', resumeDate: '2026-02-10' });
    b.th.clock.setDate('2026-01-12');
    const up = await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium });
    expect(up.subscription).toMatchObject({ planId: premium, nextBillDate: '2026-01-20', pause: { startDate: '2026-01-20', endDate: '2026-02-10' } });
    await b.runOn('2026-03-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 31000, status: 'paid', lines: ['period 2026-01-05/2026-02-05 31000 = 31000 + 0 | Basic'] },
      {
        number: 'INV-2026-00002', payer: m, issued: '2026-01-12', due: '2026-01-19', total: 8000, status: 'paid',
        lines: ['proration_credit 2026-01-12/2026-01-20 -8000 = -8000 + 0 | Unused time on Basic', 'proration_charge 2026-01-12/2026-01-20 16000 = 16000 + 0 | Remaining time on Premium'],
      },
      { number: 'INV-2026-00003', payer: m, issued: '2026-02-10', due: '2026-02-17', total: 50929, status: 'partly_paid', lines: ['period 2026-02-10/2026-03-05 50929 = 50929 + 0 | Premium'] },
      { number: 'INV-2026-00004', payer: m, issued: '2026-03-05', due: '2026-03-12', total: 62000, status: 'open', lines: ['period 2026-03-05/2026-04-05 62000 = 62000 + 0 | Premium'] },
    ]);
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-01-10', invoice: 'INV-2026-00001', settlement: 'credit', total: 16000, lines: ['2026-01-20/2026-02-05 16000 + 0 | Unused time – Basic'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('refuses the same plan, an archived plan, a pack and a paused subscription, changing nothing', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Rae');
    const basic = await b.plan({ name: 'Basic', price: 20000, freezeDaysPerYear: 366 });
    const old = await b.plan({ name: 'Old', price: 40000 });
    await b.th.host.invoke('plans.archive', { id: old, archived: true });
    const pack = (await b.th.host.invoke('plans.create', { kind: 'pack', name: '10x', price: 50000, packSessions: 10, packValidDays: 60 })).id;
    const sub = await b.subscribe(m, basic);
    const hash = databaseHash(b.th.host.db);
    const h = b.th.host;
    const code = async (input: Input<'subscriptions.changePlan'>) => (await failure(h.invoke('subscriptions.changePlan', input))).code;
    expect(await code({ id: sub, planId: basic })).toBe('SAME_PLAN');
    expect(await code({ id: sub, planId: old })).toBe('PLAN_ARCHIVED');
    expect(await code({ id: sub, planId: pack })).toBe('PLAN_KIND_MISMATCH');
    expect(await code({ id: sub, planId: 999 })).toBe('NOT_FOUND');
    expect(await code({ id: sub, planId: old, when: 'now', effectiveDate: '2026-02-05' })).toBe('PLAN_ARCHIVED');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    await b.th.host.invoke('subscriptions.pause', { id: sub });
    b.th.clock.setDate('2026-01-07');
    const premium = await b.plan({ name: 'Premium', price: 30000 });
    const h2 = databaseHash(b.th.host.db);
    expect(await code({ id: sub, planId: premium })).toBe('SUBSCRIPTION_NOT_ACTIVE');
    expect(databaseHash(b.th.host.db)).toBe(h2);
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 20000, status: 'partly_paid', lines: ['period 2026-01-05/2026-02-05 20000 = 20000 + 0 | Basic'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
