/**
 * The business switches between tax-inclusive and tax-exclusive prices while members hold paid periods.
 * Every invoice keeps the mode it was issued in: a credit for unused days gives back the share of what
 * that invoice charged (the same money, stated in today's mode), and a reprint reads as the original.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

/** The public example (€31 monthly, calendar, 20 % tax, cancelled now on Oct 15) sold in one mode, cancelled in the other. */
async function cancelAfterSwitch(soldInclusive: boolean) {
  b = await billing('2022-10-01', { pricesIncludeTax: soldInclusive });
  const m = await b.member('Ada');
  const plan = await b.plan({ name: 'Cal', price: 3100, alignment: 'calendar', taxRateBp: 2000 });
  const sub = await b.subscribe(m, plan);
  await b.th.host.invoke('settings.update', { pricesIncludeTax: !soldInclusive });
  b.th.clock.setDate('2022-10-15');
  await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
  return m;
}

describe('a tax-mode change never changes what an earlier invoice is worth', () => {
  it('sold tax-inclusive (31.00 with tax), cancelled after the switch to exclusive: 16/31 of 31.00 = 16.00 back, tax included', async () => {
    const m = await cancelAfterSwitch(true);
    expect((await b!.invoices()).map((i) => [i.number, i.total, i.lines])).toEqual([
      ['INV-2022-00001', 3100, ['period 2022-10-01/2022-11-01 3100 = 2583 + 517 | Cal']],
    ]);
    // 1600 of gross stated as exclusive: net round(1600 / 1.2) = 1333, tax 267.
    expect(b!.creditNotes()).toEqual([
      { number: 'CN-2022-00001', payer: m, issued: '2022-10-15', invoice: 'INV-2022-00001', settlement: 'credit', total: 1600, lines: ['2022-10-16/2022-11-01 1333 + 267 | Unused time – Cal'] },
    ]);
    const again = await billingAgainCreatesNothing(b!);
    expect(again.after).toEqual(again.before);
  });

  it('sold tax-exclusive (31.00 + 6.20), cancelled after the switch to inclusive: the public example’s 19.20 back', async () => {
    const m = await cancelAfterSwitch(false);
    expect((await b!.invoices()).map((i) => [i.number, i.total, i.lines])).toEqual([
      ['INV-2022-00001', 3720, ['period 2022-10-01/2022-11-01 3100 = 3100 + 620 | Cal']],
    ]);
    // 16/31 × 31.00 = 16.00 net + 3.20 tax = 19.20, stated as inclusive (the gross): net round(1920 / 1.2) = 1600.
    expect(b!.creditNotes()).toEqual([
      { number: 'CN-2022-00001', payer: m, issued: '2022-10-15', invoice: 'INV-2022-00001', settlement: 'credit', total: 1920, lines: ['2022-10-16/2022-11-01 1600 + 320 | Unused time – Cal'] },
    ]);
  });

  it('a credit-mode freeze after the switch credits the unused share of what was charged: 15/31 of 310.00 = 150.00', async () => {
    b = await billing('2026-01-01', { pricesIncludeTax: true });
    const m = await b.member('Bo');
    const plan = await b.plan({ name: 'Gym', price: 31000, taxRateBp: 2000, freezeDaysPerYear: 60, pauseMode: 'credit' });
    const sub = await b.subscribe(m, plan);
    await b.th.host.invoke('settings.update', { pricesIncludeTax: false });
    b.th.clock.setDate('2026-01-16');
    await b.th.host.invoke('subscriptions.pause', { id: sub, effectiveDate: '2026-01-17', resumeDate: '2026-02-01' });
    // Jan 17 – Feb 1 = 15 of 31 days of 31000 gross = 15000; as exclusive: net 12500, tax 2500.
    expect(b.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: m, issued: '2026-01-16', invoice: 'INV-2026-00001', settlement: 'credit', total: 15000, lines: ['2026-01-17/2026-02-01 12500 + 2500 | Unused time – Gym'] },
    ]);
    await b.dailyTo('2026-02-01');
    // The next period is billed in today's mode: 310.00 plus 20 %.
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total, i.lines])).toEqual([
      ['INV-2026-00001', '2026-01-01', 31000, ['period 2026-01-01/2026-02-01 31000 = 25833 + 5167 | Gym']],
      ['INV-2026-00002', '2026-02-01', 37200, ['period 2026-02-01/2026-03-01 31000 = 31000 + 6200 | Gym']],
    ]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 68200, credited: 15000, balance: 53200 });
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('an upgrade after the switch credits the old plan at what was paid for it, on the new invoice in today’s mode', async () => {
    b = await billing('2026-01-01', { pricesIncludeTax: true });
    const m = await b.member('Cy');
    const basic = await b.plan({ name: 'Basic', price: 31000, taxRateBp: 2000 });
    const premium = await b.plan({ name: 'Premium', price: 62000, taxRateBp: 2000 });
    const sub = await b.subscribe(m, basic);
    await b.th.host.invoke('settings.update', { pricesIncludeTax: false });
    b.th.clock.setDate('2026-01-17');
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium });
    // Unused Jan 17 – Feb 1: 15/31 of the 31000 paid (gross) = 15000 = net 12500 + tax 2500 in exclusive terms;
    // the new plan's 15/31 of 62000 (now a net price) = 30000 + 6000 tax.
    expect((await b.invoices()).map((i) => [i.number, i.total, i.lines])).toEqual([
      ['INV-2026-00001', 31000, ['period 2026-01-01/2026-02-01 31000 = 25833 + 5167 | Basic']],
      ['INV-2026-00002', 21000, [
        'proration_credit 2026-01-17/2026-02-01 -12500 = -12500 + -2500 | Unused time on Basic',
        'proration_charge 2026-01-17/2026-02-01 30000 = 30000 + 6000 | Remaining time on Premium',
      ]],
    ]);
  });

  it('the same business without a switch credits exactly as before (inclusive and exclusive)', async () => {
    for (const inclusive of [true, false]) {
      b = await billing('2022-10-01', { pricesIncludeTax: inclusive });
      const m = await b.member('Di');
      const plan = await b.plan({ name: 'Cal', price: 3100, alignment: 'calendar', taxRateBp: 2000 });
      const sub = await b.subscribe(m, plan);
      b.th.clock.setDate('2022-10-15');
      await b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
      expect(b.creditNotes().map((c) => [c.total, c.lines])).toEqual([
        inclusive ? [1600, ['2022-10-16/2022-11-01 1333 + 267 | Unused time – Cal']] : [1920, ['2022-10-16/2022-11-01 1600 + 320 | Unused time – Cal']],
      ]);
      b.close();
      b = undefined;
    }
  });

  it('a reprinted invoice says how its own prices were taxed, whatever the setting is now', async () => {
    b = await billing('2026-01-01', { pricesIncludeTax: true });
    const m = await b.member('Eve');
    const plan = await b.plan({ name: 'Gym', price: 31000, taxRateBp: 2000 });
    await b.subscribe(m, plan);
    const render = async () => (await b!.th.host.invoke('documents.render', { kind: 'invoice', id: 1, locale: 'en' })).html;
    expect(await render()).toContain('Prices include tax.');
    await b.th.host.invoke('settings.update', { pricesIncludeTax: false });
    const after = await render();
    expect(after).toContain('Prices include tax.');
    expect(after).not.toContain('Tax is added to the prices.');
    // An invoice issued after the switch says the other.
    b.th.clock.setDate('2026-02-01');
    await b.th.host.invoke('billing.run', {});
    expect((await b.th.host.invoke('documents.render', { kind: 'invoice', id: 2, locale: 'en' })).html).toContain('Tax is added to the prices.');
  });
});
