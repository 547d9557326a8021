import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const lineFor = (l: { kind: string; memberId: number | null; amount: number; periodStart: string | null; periodEnd: string | null }) =>
  `${l.kind} ${l.memberId} ${l.periodStart}/${l.periodEnd} ${l.amount}`;

describe('checkout at the desk: one payer, one invoice, one payment', () => {
  it('two children in one checkout: ONE invoice with both memberships and the household discount, each line for its child; the renewal is one invoice', async () => {
    b = await billing('2026-01-05', { householdDiscountBp: 1000 });
    const mum = await b.member('Mum');
    const amy = await b.member('Amy', mum);
    const ben = await b.member('Ben', mum);
    const kids = await b.plan({ name: 'Kids swim', price: 30000 });
    const items = [
      { kind: 'membership' as const, memberId: amy, planId: kids },
      { kind: 'membership' as const, memberId: ben, planId: kids },
    ];
    const hash = databaseHash(b.th.host.db);
    const preview = await b.th.host.invoke('checkout.sell', { payerId: mum, items, dryRun: true });
    expect(databaseHash(b.th.host.db)).toBe(hash);
    expect(preview).toMatchObject({ dryRun: true, creditApplied: 0, dueNow: 57000, paid: null, topUp: null });
    expect(preview.invoice!.lines.map(lineFor)).toEqual([
      `period ${amy} 2026-01-05/2026-02-05 30000`,
      `period ${ben} 2026-01-05/2026-02-05 30000`,
      `household_discount ${ben} 2026-01-05/2026-02-05 -3000`,
    ]);

    const sold = await b.th.host.invoke('checkout.sell', { payerId: mum, items, payment: { method: 'cash', amount: 57000, tendered: 60000 } });
    expect(sold).toMatchObject({ dryRun: false, dueNow: 57000, paid: { amount: 57000, toCredit: 0, change: 3000 }, payer: { due: 0, paidCredit: 0 } });
    expect(sold.items.map((i) => [i.kind, i.memberId])).toEqual([['membership', amy], ['membership', ben]]);
    expect(sold.invoice!.lines.map((l) => `${l.memberName} | ${l.description}`)).toEqual(['Amy | Kids swim', 'Ben | Kids swim', 'Ben | Household discount 10%']);
    await b.runOn('2026-02-05');
    expect(await b.invoices()).toEqual([
      {
        number: 'INV-2026-00001', payer: mum, issued: '2026-01-05', due: '2026-01-12', total: 57000, status: 'paid',
        lines: [
          'period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Kids swim',
          'period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Kids swim',
          'household_discount 2026-01-05/2026-02-05 -3000 = -3000 + 0 | Household discount 10%',
        ],
      },
      {
        number: 'INV-2026-00002', payer: mum, issued: '2026-02-05', due: '2026-02-12', total: 57000, status: 'open',
        lines: [
          'period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Kids swim',
          'period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Kids swim',
          'household_discount 2026-02-05/2026-03-05 -3000 = -3000 + 0 | Household discount 10%',
        ],
      },
    ]);
    const renewal = await b.th.host.invoke('invoices.get', { id: 2 });
    expect(renewal.lines.map((l) => l.memberId)).toEqual([amy, ben, ben]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('pack + add-on + drop-in + top-up in one checkout: one invoice, the drop-in checks in, the payment pays it and the top-up earns its bonus', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const al = await b.member('Al');
    const gym = await b.plan({ name: 'Gym', price: 31000 });
    const sub = await b.subscribe(al, gym); // INV-1, its own sale
    b.pay(al, 31000, '2026-01-05');
    const pack = (await h.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 })).id;
    const visit = (await h.invoke('plans.create', { kind: 'dropin', name: 'Day pass', price: 5000, taxRateBp: 0 })).id;
    expect(await h.invoke('plans.get', { id: visit })).toMatchObject({ kind: 'dropin', packSessions: 1, packValidDays: 1 });
    const promo = await h.invoke('promotions.create', { name: 'Pay 1000 get 200', minAmount: 100000, bonus: 20000 });
    b.th.clock.setDate('2026-01-20');
    const sold = await h.invoke('checkout.sell', {
      payerId: al,
      items: [
        { kind: 'pack', memberId: al, planId: pack },
        { kind: 'addon', subscriptionId: sub, name: 'Locker', price: 6200 },
        { kind: 'dropin', memberId: al, planId: visit },
        { kind: 'topup', amount: 100000, promotionId: promo.id },
      ],
      payment: { method: 'cash', amount: 188200 },
    });
    expect(sold.invoices.map((i) => i.number)).toEqual(['INV-2026-00002']);
    expect(sold.invoice!.lines.map((l) => `${lineFor(l)} | ${l.description}`)).toEqual([
      `pack ${al} 2026-01-20/2026-04-20 80000 | 10 classes (10 sessions)`,
      // 16 of 31 days of the Jan 5 – Feb 5 period
      `addon ${al} 2026-01-20/2026-02-05 3200 | Locker`,
      `pack ${al} 2026-01-20/2026-01-21 5000 | Drop-in – Day pass`,
    ]);
    expect(sold).toMatchObject({
      creditApplied: 0, dueNow: 188200, topUp: { amount: 100000, bonus: 20000 },
      paid: { amount: 188200, toCredit: 100000, change: null },
      invoice: { total: 88200, balance: 0, status: 'paid' },
      payer: { due: 0, paidCredit: 100000, bonusCredit: 20000 },
    });
    const [packSold, , dropIn] = sold.items;
    expect((await h.invoke('packs.listByMember', { memberId: al })).map((p) => [p.id, p.invoiceId, p.sessionsTotal, p.sessionsUsed, p.expiresOn])).toEqual([
      [dropIn!.packId, sold.invoice!.id, 1, 1, '2026-01-21'],
      [packSold!.packId, sold.invoice!.id, 10, 0, '2026-04-20'],
    ]);
    expect((await h.invoke('checkin.today', { includeUndone: false })).map((c) => [c.id, c.memberId, c.packId, c.planName])).toEqual([
      [dropIn!.checkinId, al, dropIn!.packId, 'Day pass'],
    ]);
    // A separate sale is a separate invoice.
    const second = await h.invoke('checkout.sell', { payerId: al, items: [{ kind: 'dropin', memberId: al, planId: visit }] });
    expect(second.invoice).toMatchObject({ number: 'INV-2026-00003', total: 5000, balance: 0 });
    expect(second.creditApplied).toBe(5000);
    await b.runOn('2026-02-05');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total, i.lines.map((l) => l.split(' |')[0])])).toEqual([
      ['INV-2026-00001', '2026-01-05', 31000, ['period 2026-01-05/2026-02-05 31000 = 31000 + 0']],
      ['INV-2026-00002', '2026-01-20', 88200, ['pack 2026-01-20/2026-04-20 80000 = 80000 + 0', 'addon 2026-01-20/2026-02-05 3200 = 3200 + 0', 'pack 2026-01-20/2026-01-21 5000 = 5000 + 0']],
      ['INV-2026-00003', '2026-01-20', 5000, ['pack 2026-01-20/2026-01-21 5000 = 5000 + 0']],
      ['INV-2026-00004', '2026-02-05', 37200, ['period 2026-02-05/2026-03-05 31000 = 31000 + 0', 'addon 2026-02-05/2026-03-05 6200 = 6200 + 0']],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('one bad item refuses the whole checkout with a code naming the item, and nothing is written', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const mum = await b.member('Mum');
    const amy = await b.member('Amy', mum);
    const stranger = await b.member('Sam');
    const kids = await b.plan({ name: 'Kids swim', price: 30000 });
    const pack = (await h.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90 })).id;
    const hash = databaseHash(h.db);
    const wrongKind = await failure(h.invoke('checkout.sell', {
      payerId: mum,
      items: [{ kind: 'membership', memberId: amy, planId: kids }, { kind: 'pack', memberId: amy, planId: kids }],
      payment: { method: 'cash', amount: 30000 },
    }));
    expect([wrongKind.code, wrongKind.details?.['item'], wrongKind.details?.['itemKind']]).toEqual(['PLAN_KIND_MISMATCH', 1, 'pack']);
    const otherPayer = await failure(h.invoke('checkout.sell', {
      payerId: mum,
      items: [{ kind: 'pack', memberId: amy, planId: pack }, { kind: 'membership', memberId: stranger, planId: kids }],
    }));
    expect([otherPayer.code, otherPayer.details?.['item']]).toEqual(['CHECKOUT_OTHER_PAYER', 1]);
    const unpaidTopUp = await failure(h.invoke('checkout.sell', { payerId: mum, items: [{ kind: 'topup', amount: 5000 }] }));
    expect(unpaidTopUp.code).toBe('CHECKOUT_TOPUP_UNPAID');
    const short = await failure(h.invoke('checkout.sell', { payerId: mum, items: [{ kind: 'topup', amount: 5000 }], payment: { method: 'cash', amount: 4000 } }));
    expect([short.code, short.details]).toEqual(['CHECKOUT_TOPUP_UNPAID', { amount: 4000, topUp: 5000 }]);
    // The preview of a top-up needs no payment yet, and writes nothing.
    const preview = await h.invoke('checkout.sell', { payerId: mum, items: [{ kind: 'topup', amount: 5000 }], dryRun: true });
    expect([preview.invoice, preview.dueNow, preview.topUp]).toEqual([null, 5000, { amount: 5000, bonus: 0 }]);
    const badInput = await failure(h.invoke('checkout.sell', { payerId: mum, items: [{ kind: 'gift', memberId: amy }] } as never));
    expect(badInput.code).toBe('VALIDATION');
    const childAsPayer = await failure(h.invoke('checkout.sell', { payerId: amy, items: [{ kind: 'pack', memberId: amy, planId: pack }] }));
    expect(childAsPayer.code).toBe('PAYER_INVALID');
    expect(databaseHash(h.db)).toBe(hash);
  });

  it('an add-on never grants entry: a member whose only live service is an add-on on a paused membership is refused at check-in', async () => {
    b = await billing('2026-01-05');
    const h = b.th.host;
    const al = await b.member('Al');
    const gym = await b.plan({ name: 'Gym', price: 31000, freezeDaysPerYear: 366 });
    const sub = await b.subscribe(al, gym);
    b.pay(al, 31000, '2026-01-05');
    await h.invoke('checkout.sell', { payerId: al, items: [{ kind: 'addon', subscriptionId: sub, name: 'Towel', price: 3100 }], payment: { method: 'cash', amount: 3100 } });
    expect((await h.invoke('checkin.checkIn', { memberId: al })).outcome).toBe('checked_in');
    await h.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-06', resumeDate: null });
    b.th.clock.setDate('2026-01-10');
    await h.invoke('billing.run', {});
    expect((await h.invoke('subscriptions.get', { id: sub })).addons.map((a) => [a.name, a.endDate])).toEqual([['Towel', null]]);
    const refused = await h.invoke('checkin.checkIn', { memberId: al });
    expect([refused.outcome, refused.entitlement, refused.checkin]).toEqual(['blocked', null, null]);
  });
});
