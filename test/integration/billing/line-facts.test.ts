import { afterEach, describe, expect, it } from 'vitest';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

type Facts = [kind: string, memberId: number | null, listPrice: number | null, daysUsed: number | null, daysInPeriod: number | null, amount: number];

/** Every line of an invoice as [kind, member, list price, days used, days in period, amount], read through invoices.get. */
async function facts(id: number): Promise<Facts[]> {
  const inv = await b!.th.host.invoke('invoices.get', { id });
  return inv.lines.map((l) => [l.kind, l.memberId, l.listPrice, l.daysUsed, l.daysInPeriod, l.amount]);
}

describe('the facts a new invoice line carries', () => {
  it('a sale with a setup fee, then the run’s full period', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Ann');
    const plan = await b.plan({ name: 'Gym', price: 30000, setupFee: 5000 });
    await b.subscribe(m, plan);
    expect(await facts(1)).toEqual([
      ['setup_fee', m, null, null, null, 5000],
      ['period', m, 30000, 31, 31, 30000],
    ]);
    await b.runOn('2026-02-05');
    expect(await facts(2)).toEqual([['period', m, 30000, 28, 28, 30000]]);
    expect((await b.th.host.invoke('invoices.get', { id: 2 })).taxMode).toBe('exclusive');
  });

  it('a calendar stub: 27 of January’s 31 days, at the full month’s price', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Cal');
    const plan = await b.plan({ name: 'Monthly', price: 31000, alignment: 'calendar' });
    await b.subscribe(m, plan);
    expect(await facts(1)).toEqual([['period', m, 31000, 27, 31, 27000]]);
    expect((await b.th.host.invoke('invoices.get', { id: 1 })).taxMode).toBe('inclusive');
  });

  it('an add-on from mid-period: 16 of 31 days of its own price', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Al');
    const sub = await b.subscribe(m, await b.plan({ name: 'Gym', price: 30000 }));
    b.th.clock.setDate('2026-01-20');
    await b.th.host.invoke('subscriptions.addAddon', { id: sub, name: 'Locker', price: 6200 });
    expect(await facts(2)).toEqual([['addon', m, 6200, 16, 31, 3200]]);
  });

  it('a plan change now: the credit has days but no one list price, the charge the new plan’s price', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Uma');
    const basic = await b.plan({ name: 'Basic', price: 20000, taxRateBp: 600 });
    const premium = await b.plan({ name: 'Premium', price: 31000, taxRateBp: 600 });
    const sub = await b.subscribe(m, basic);
    b.th.clock.setDate('2026-01-20');
    await b.th.host.invoke('subscriptions.changePlan', { id: sub, planId: premium });
    expect(await facts(2)).toEqual([
      ['proration_credit', m, null, 16, 31, -10323],
      ['proration_charge', m, 31000, 16, 31, 16000],
    ]);
  });

  it('a pack sold for a child is for the child, over its whole validity', async () => {
    b = await billing('2026-01-05');
    const mum = await b.member('Mum');
    const kid = await b.member('Kit', mum);
    const pack = (await b.th.host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 })).id;
    await b.th.host.invoke('packs.sell', { memberId: kid, planId: pack });
    expect(await facts(1)).toEqual([['pack', kid, 80000, 90, 90, 80000]]);
  });

  it('a late fee is for the payer who was late', async () => {
    b = await billing('2026-01-05', { lateFee: 5000, lateFeeAfterDays: 7 });
    const m = await b.member('Lee');
    await b.subscribe(m, await b.plan({ name: 'Gym', price: 30000 })); // due 2026-01-12
    b.th.clock.setDate('2026-01-20');
    await b.th.host.scheduler.tick();
    const fee = b.th.host.db.prepare<[], { invoice_id: number }>("SELECT invoice_id FROM invoice_lines WHERE kind = 'late_fee'").get()!;
    expect(await facts(fee.invoice_id)).toEqual([['late_fee', m, null, null, null, 5000]]);
  });

  it('a payer’s invoice for two children names each child on their lines', async () => {
    b = await billing('2026-01-05', { householdDiscountBp: 1000 });
    const mum = await b.member('Mum');
    const amy = await b.member('Amy', mum);
    const ben = await b.member('Ben', mum);
    const kids = await b.plan({ name: 'Kids swim', price: 30000 });
    await b.subscribe(amy, kids);
    await b.subscribe(ben, kids);
    await b.runOn('2026-02-05');
    const inv = await b.th.host.invoke('invoices.get', { id: 3 });
    expect(inv.lines.map((l) => [l.kind, l.memberId, l.memberName, l.listPrice, l.amount])).toEqual([
      ['period', amy, 'Amy', 30000, 30000],
      ['period', ben, 'Ben', 30000, 30000],
      ['household_discount', ben, 'Ben', -3000, -3000],
    ]);
    // The printed A4 invoice names the child on every line too.
    const doc = await b.th.host.invoke('documents.render', { kind: 'invoice', id: 3, locale: 'en' });
    const rows = [...doc.html.matchAll(/<tr>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['Amy', 'Kids swim'],
      ['Ben', 'Kids swim'],
      ['Ben', 'Household discount 10%'],
    ]);
    expect(doc.html).toContain('<th>For</th><th>Description</th>');
  });
});

describe('the schema', () => {
  it('refuses a line that used more days than its period has', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Ann');
    await b.subscribe(m, await b.plan({ name: 'Gym', price: 30000 }));
    const db = b.th.host.db;
    expect(() => db.prepare('UPDATE invoice_lines SET days_used = 32 WHERE id = 1').run()).toThrow(
      'CHECK constraint failed: (days_used IS NULL) = (days_in_period IS NULL) AND (days_used IS NULL OR days_used BETWEEN 0 AND days_in_period)',
    );
    expect(() => db.prepare('UPDATE invoice_lines SET days_in_period = 0, days_used = 0 WHERE id = 1').run()).toThrow(
      'CHECK constraint failed: days_in_period IS NULL OR days_in_period > 0',
    );
    expect(() => db.prepare("UPDATE invoices SET tax_mode = 'both' WHERE id = 1").run()).toThrow("CHECK constraint failed: tax_mode IN ('inclusive', 'exclusive')");
    expect(db.prepare('SELECT days_used, days_in_period FROM invoice_lines WHERE id = 1').get()).toEqual({ days_used: 31, days_in_period: 31 });
  });
});
