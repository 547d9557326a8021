import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('discounts and tax', () => {
  it('percent once, fixed for 3 periods and percent forever, as separate lines; a negotiated price', async () => {
    b = await billing('2026-01-05');
    const [p, q, r] = [await b.member('P'), await b.member('Q'), await b.member('R')];
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(p, plan, { discount: { kind: 'percent', value: 2000, duration: 'once' } });
    await b.subscribe(q, plan, { discount: { kind: 'fixed', value: 5000, duration: 'repeating', periods: 3 } });
    await b.subscribe(r, plan, { price: 25000, discount: { kind: 'percent', value: 1250, duration: 'forever' } });
    for (const d of ['2026-02-05', '2026-03-05', '2026-04-05']) await b.runOn(d);
    const by = async (payer: number) => (await b!.invoices()).filter((i) => i.payer === payer).map((i) => [i.issued, i.total, i.lines.map((l) => l.split(' |')[0]!.replace(/ \d{4}-\d\d-\d\d\/\d{4}-\d\d-\d\d/, ''))]);
    expect(await by(p)).toEqual([
      ['2026-01-05', 24000, ['period 30000 = 30000 + 0', 'discount -6000 = -6000 + 0']],
      ['2026-02-05', 30000, ['period 30000 = 30000 + 0']],
      ['2026-03-05', 30000, ['period 30000 = 30000 + 0']],
      ['2026-04-05', 30000, ['period 30000 = 30000 + 0']],
    ]);
    expect(await by(q)).toEqual([
      ['2026-01-05', 25000, ['period 30000 = 30000 + 0', 'discount -5000 = -5000 + 0']],
      ['2026-02-05', 25000, ['period 30000 = 30000 + 0', 'discount -5000 = -5000 + 0']],
      ['2026-03-05', 25000, ['period 30000 = 30000 + 0', 'discount -5000 = -5000 + 0']],
      ['2026-04-05', 30000, ['period 30000 = 30000 + 0']],
    ]);
    expect(await by(r)).toEqual([
      ['2026-01-05', 21875, ['period 25000 = 25000 + 0', 'discount -3125 = -3125 + 0']],
      ['2026-02-05', 21875, ['period 25000 = 25000 + 0', 'discount -3125 = -3125 + 0']],
      ['2026-03-05', 21875, ['period 25000 = 25000 + 0', 'discount -3125 = -3125 + 0']],
      ['2026-04-05', 21875, ['period 25000 = 25000 + 0', 'discount -3125 = -3125 + 0']],
    ]);
    const first = await b.th.host.invoke('invoices.get', { id: 1 });
    expect(first.lines.map((l) => l.description)).toEqual(['Gym', 'Discount 20%']);
    expect((await b.th.host.invoke('invoices.get', { id: 3 })).lines.map((l) => l.description)).toEqual(['Gym', 'Discount 12.50%']);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('tax per line, half-up: inclusive takes it out of the price, exclusive adds it; discounts carry their tax', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: true });
    const m = await b.member('Inc');
    const plan = await b.plan({ name: 'Gym', price: 9999, taxRateBp: 600 });
    await b.subscribe(m, plan, { discount: { kind: 'percent', value: 1500, duration: 'forever' } });
    await b.th.host.invoke('settings.update', { pricesIncludeTax: false });
    await b.runOn('2026-02-05');
    expect((await b.invoices()).map((i) => [i.total, i.lines.map((l) => l.split(' |')[0])])).toEqual([
      // inclusive: 9999 / 1.06 = 9433.02 → net 9433, tax 566; discount 1500 → net 1415.09 → 1415, tax 85
      [8499, ['period 2026-01-05/2026-02-05 9999 = 9433 + 566', 'discount 2026-01-05/2026-02-05 -1500 = -1415 + -85']],
      // exclusive: 9999 × 6 % = 599.94 → 600; discount 1500 × 6 % = 90
      [9009, ['period 2026-02-05/2026-03-05 9999 = 9999 + 600', 'discount 2026-02-05/2026-03-05 -1500 = -1500 + -90']],
    ]);
    const inv = await b.th.host.invoke('invoices.get', { id: 2 });
    expect([inv.subtotal, inv.taxTotal, inv.total]).toEqual([8499, 510, 9009]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
