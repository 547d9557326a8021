import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('households and account credit', () => {
  it('one invoice per payer per billing date, 10 % off each additional member; the first member pays full price', async () => {
    b = await billing('2026-01-05', { householdDiscountBp: 1000 });
    const mum = await b.member('Mum');
    const a = await b.member('Amy', mum);
    const c = await b.member('Ben', mum);
    const kids = await b.plan({ name: 'Kids swim', price: 30000 });
    const subA = await b.subscribe(a, kids);
    await b.subscribe(c, kids);
    await b.runOn('2026-02-05');
    b.th.clock.setDate('2026-02-20');
    await b.th.host.invoke('subscriptions.cancel', { id: subA });
    await b.runOn('2026-03-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: mum, issued: '2026-01-05', due: '2026-01-12', total: 30000, status: 'open', lines: ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Kids swim'] },
      {
        number: 'INV-2026-00002', payer: mum, issued: '2026-01-05', due: '2026-01-12', total: 27000, status: 'open',
        lines: ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Kids swim', 'household_discount 2026-01-05/2026-02-05 -3000 = -3000 + 0 | Household discount 10%'],
      },
      {
        number: 'INV-2026-00003', payer: mum, issued: '2026-02-05', due: '2026-02-12', total: 57000, status: 'open',
        lines: [
          'period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Kids swim',
          'period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Kids swim',
          'household_discount 2026-02-05/2026-03-05 -3000 = -3000 + 0 | Household discount 10%',
        ],
      },
      // Amy's membership ended on Mar 5: Ben is now the first member and pays full price.
      { number: 'INV-2026-00004', payer: mum, issued: '2026-03-05', due: '2026-03-12', total: 30000, status: 'open', lines: ['period 2026-03-05/2026-04-05 30000 = 30000 + 0 | Kids swim'] },
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('account credit is used automatically: paid credit first (oldest first), then bonus credit', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Bo');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    b.pay(m, 50000, '2026-01-05'); // 30000 settles January, 20000 is account credit
    const db = b.th.host.db;
    db.prepare("INSERT INTO bonus_grants (payer_id, date, amount, reason, created_at) VALUES (?, '2026-01-05', 15000, 'top-up promotion', 'x')").run(m);
    expect(await b.balance(m)).toMatchObject({ balance: -20000, paidCredit: 20000, bonusCredit: 15000, due: 0 });
    await b.runOn('2026-02-05');
    await b.runOn('2026-03-05');
    expect(await b.invoices()).toEqual([
      { number: 'INV-2026-00001', payer: m, issued: '2026-01-05', due: '2026-01-12', total: 30000, status: 'paid', lines: ['period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Gym'] },
      { number: 'INV-2026-00002', payer: m, issued: '2026-02-05', due: '2026-02-12', total: 30000, status: 'paid', lines: ['period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Gym'] },
      { number: 'INV-2026-00003', payer: m, issued: '2026-03-05', due: '2026-03-12', total: 30000, status: 'partly_paid', lines: ['period 2026-03-05/2026-04-05 30000 = 30000 + 0 | Gym'] },
    ]);
    const feb = await b.th.host.invoke('invoices.get', { id: 2 });
    expect(feb.allocations.map((a) => [a.source, a.sourceId, a.amount, a.date])).toEqual([
      ['payment', 1, 20000, '2026-02-05'],
      ['bonus', 1, 10000, '2026-02-05'],
    ]);
    const mar = await b.th.host.invoke('invoices.get', { id: 3 });
    expect(mar.allocations.map((a) => [a.source, a.amount])).toEqual([['bonus', 5000]]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 90000, paid: 50000, bonusApplied: 15000, balance: 25000, due: 25000, paidCredit: 0, bonusCredit: 0 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
