import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('add-ons and packs', () => {
  it('an add-on is prorated when added and removed mid-period, billed on the subscription’s invoices, paused with it', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Al');
    const plan = await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(m, plan);
    b.th.clock.setDate('2026-01-20');
    const add = await b.th.host.invoke('subscriptions.addAddon', { id: sub, name: 'Locker', price: 6200 });
    const addonId = add.subscription.addons[0]!.id;
    expect(add.subscription.addons).toEqual([{ id: addonId, subscriptionId: sub, name: 'Locker', price: 6200, taxRateBp: 0, startDate: '2026-01-20', endDate: null }]);
    await b.runOn('2026-02-05');
    b.th.clock.setDate('2026-02-20');
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-02-26', resumeDate: '2026-03-12' });
    await b.runOn('2026-03-12');
    b.th.clock.setDate('2026-03-20');
    const rm = await b.th.host.invoke('subscriptions.removeAddon', { id: sub, addonId });
    expect(rm.subscription.addons[0]!.endDate).toBe('2026-03-21');
    await b.runOn('2026-04-05');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total, i.lines.map((l) => l.split(' |')[0])])).toEqual([
      ['INV-2026-00001', '2026-01-05', 31000, ['period 2026-01-05/2026-02-05 31000 = 31000 + 0']],
      ['INV-2026-00002', '2026-01-20', 3200, ['addon 2026-01-20/2026-02-05 3200 = 3200 + 0']],
      ['INV-2026-00003', '2026-02-05', 37200, ['period 2026-02-05/2026-03-05 31000 = 31000 + 0', 'addon 2026-02-05/2026-03-05 6200 = 6200 + 0']],
      // resumed Mar 12: 24 of 31 days of the Mar 5 – Apr 5 period, add-on too
      ['INV-2026-00004', '2026-03-12', 28800, ['period 2026-03-12/2026-04-05 24000 = 24000 + 0', 'addon 2026-03-12/2026-04-05 4800 = 4800 + 0']],
      ['INV-2026-00005', '2026-04-05', 31000, ['period 2026-04-05/2026-05-05 31000 = 31000 + 0']],
    ]);
    expect(b.creditNotes().map((c) => [c.number, c.issued, c.total, c.lines])).toEqual([
      // pause from Feb 26: 7 of 28 days of both the plan and the locker
      ['CN-2026-00001', '2026-02-20', 9300, ['2026-02-26/2026-03-05 7750 + 0 | Unused time – Gym', '2026-02-26/2026-03-05 1550 + 0 | Unused time – Locker']],
      // locker removed from Mar 21: 15 of 31 days
      ['CN-2026-00002', '2026-03-20', 3000, ['2026-03-21/2026-04-05 3000 + 0 | Unused time – Locker']],
    ]);
    const hash = databaseHash(b.th.host.db);
    expect((await failure(b.th.host.invoke('subscriptions.removeAddon', { id: sub, addonId }))).code).toBe('ADDON_NOT_FOUND');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('a pack is sold on its own invoice, valid D days, and expires', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: true });
    const m = await b.member('Pat');
    const pack = (await b.th.host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 600 })).id;
    const sold = await b.th.host.invoke('packs.sell', { memberId: m, planId: pack });
    expect({ ...sold, invoices: sold.invoices.map((i) => i.number) }).toEqual({
      dryRun: false,
      invoiceId: 1,
      invoices: ['INV-2026-00001'],
      pack: { id: 1, memberId: m, planId: pack, planName: '10 classes', invoiceId: 1, sessionsTotal: 10, sessionsUsed: 0, startDate: '2026-01-05', expiresOn: '2026-04-05', status: 'active' },
    });
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 80000, status: 'open', lines: ['pack 2026-01-05/2026-04-05 80000 = 75472 + 4528 | 10 classes (10 sessions)'] },
    ]);
    await b.runOn('2026-04-04');
    expect((await b.th.host.invoke('packs.listByMember', { memberId: m }))[0]!.status).toBe('active');
    await b.runOn('2026-04-05');
    expect((await b.th.host.invoke('packs.listByMember', { memberId: m }))[0]!.status).toBe('expired');
    const gym = await b.plan({ name: 'Gym', price: 100 });
    const hash = databaseHash(b.th.host.db);
    expect((await failure(b.th.host.invoke('packs.sell', { memberId: m, planId: gym }))).code).toBe('PLAN_KIND_MISMATCH');
    expect((await failure(b.th.host.invoke('subscriptions.create', { memberId: m, planId: pack }))).code).toBe('PLAN_KIND_MISMATCH');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
