/**
 * The members report's movements through the host, with hand-computed figures: a member who joins
 * and leaves inside one month counts as new and lost (but not in the churn rate, nor in the forecast's
 * churn basis: she was no member at the month's start), and a freeze and its return are their own movements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
const ids = { wang: 0, li: 0 };

beforeAll(async () => {
  th = await makeHost({ startDate: '2026-01-02', setup: true });
  const host = th.host;
  await host.invoke('settings.update', { pricesIncludeTax: false, householdDiscountBp: 0 });
  const plan = (await host.invoke('plans.create', { kind: 'recurring', name: '月卡', price: 30000, interval: 'month', taxRateBp: 0, freezeDaysPerYear: 60 } as never)).id;
  ids.wang = (await host.invoke('members.create', { name: '王芳' })).id;
  ids.li = (await host.invoke('members.create', { name: '李伟' })).id;
  const day = async (d: string) => {
    th.clock.setDate(d);
    await host.invoke('billing.run', {});
  };
  await day('2026-01-04');
  const wang = (await host.invoke('subscriptions.create', { memberId: ids.wang, planId: plan })).subscription.id;
  await host.invoke('payments.record', { payerId: ids.wang, amount: 30000, method: 'cash' });
  const li = (await host.invoke('subscriptions.create', { memberId: ids.li, planId: plan })).subscription.id;
  await host.invoke('payments.record', { payerId: ids.li, amount: 30000, method: 'wechat' });
  await day('2026-01-16');
  await host.invoke('subscriptions.cancel', { id: wang, mode: 'now', settlement: 'credit' });
  await day('2026-02-04');
  // 李伟 freezes Feb 10 – Mar 12 (his card is 300.00 a month).
  await day('2026-02-10');
  await host.invoke('subscriptions.pause', { id: li, resumeDate: '2026-03-12' });
  for (const d of ['2026-03-04', '2026-03-12', '2026-04-04', '2026-04-10']) await day(d);
}, 60_000);
afterAll(() => th.close());

describe('members who join and leave, freeze and return', () => {
  it('counts 王芳, in and out in January, as new and lost; 李伟 as new, then frozen, then back', async () => {
    const r = await th.host.invoke('reports.mrr', { from: '2026-01-01', to: '2026-03-31' });
    const pick = (k: keyof (typeof r.rows)[number]) => r.rows.map((x) => x[k]);
    expect(pick('month')).toEqual(['2026-01', '2026-02', '2026-03']);
    // January: both join at 300.00 (new 600.00); 王芳 leaves on the 16th (churned 300.00). Only 李伟 is left.
    expect(pick('new')).toEqual([60000, 0, 0]);
    expect(pick('churned')).toEqual([30000, 0, 0]);
    expect(pick('newCustomers')).toEqual([2, 0, 0]);
    expect(pick('lostCustomers')).toEqual([1, 0, 0]);
    // …but she was no member on January 1: January's churn rate has nobody on either side.
    expect(pick('lostFromStart')).toEqual([0, 0, 0]);
    expect(pick('customerChurnBp')).toEqual([null, 0, 0]);
    // February: 李伟 frozen from the 10th (a customer at 0); March: back on the 12th.
    expect(pick('paused')).toEqual([0, 30000, 0]);
    expect(pick('resumed')).toEqual([0, 0, 30000]);
    expect(pick('contraction')).toEqual([0, 0, 0]);
    expect(pick('expansion')).toEqual([0, 0, 0]);
    expect(pick('endMrr')).toEqual([30000, 0, 30000]);
    expect(pick('customersEnd')).toEqual([1, 1, 1]);
    expect(pick('payingEnd')).toEqual([1, 0, 1]);
    // A freeze is not churn: February's revenue churn is 0 %, its retention 0 % (he paid nothing).
    expect(r.rows[1]).toMatchObject({ customerChurnBp: 0, grossRevenueChurnBp: 0, nrrBp: 0 });
    expect(r.totals).toMatchObject({ new: 60000, churned: 30000, paused: 30000, resumed: 30000, newCustomers: 2, lostCustomers: 1, netNew: 30000 });
  });

  it('gives the forecast the churn of members at the month starts: 王芳 joined and left inside January', async () => {
    const f = await th.host.invoke('reports.forecast', {});
    // Basis: the three full months before April 10 (January – March): 0 lost of 0 + 1 + 1 members at the month starts.
    expect(f.churnBasis).toEqual({ from: '2026-01-01', to: '2026-03-31', lost: 0, customersAtStart: 2 });
    expect(f.churnBp).toBe(0);
  });
});

describe('a discount running out', () => {
  it('is expansion, labelled "discount ended", in the month the full price starts', async () => {
    const t = await makeHost({ startDate: '2026-01-02', setup: true });
    try {
      const host = t.host;
      await host.invoke('settings.update', { pricesIncludeTax: false, householdDiscountBp: 0 });
      const plan = (await host.invoke('plans.create', { kind: 'recurring', name: '月卡', price: 30000, interval: 'month', taxRateBp: 0 } as never)).id;
      const zhang = (await host.invoke('members.create', { name: '张敏' })).id;
      t.clock.setDate('2026-01-04');
      // 300.00 a month with 20 % off (8折) for the first two months: 240.00 in January and February, 300.00 from March 4.
      await host.invoke('subscriptions.create', { memberId: zhang, planId: plan, discount: { kind: 'percent', value: 2000, duration: 'repeating', periods: 2 } });
      for (const d of ['2026-02-04', '2026-03-04', '2026-04-04']) {
        t.clock.setDate(d);
        await host.invoke('billing.run', {});
      }
      const r = await host.invoke('reports.mrr', { from: '2026-01-01', to: '2026-03-31' });
      expect(r.rows.map((x) => [x.month, x.new, x.expansion, x.discountEnded, x.contraction, x.endMrr])).toEqual([
        ['2026-01', 24000, 0, 0, 0, 24000],
        ['2026-02', 0, 0, 0, 0, 24000],
        ['2026-03', 0, 6000, 6000, 0, 30000],
      ]);
      expect(r.totals).toMatchObject({ new: 24000, expansion: 6000, discountEnded: 6000, netNew: 30000 });
    } finally {
      t.close();
    }
  }, 60_000);
});
