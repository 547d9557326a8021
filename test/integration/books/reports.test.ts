/**
 * Every figure of the reports over the hand-built history (history.ts), worked out by hand.
 * Invoices (net of tax; Gold adds 6 %): Ann 300 on the 5th of Jan–Apr; Bo Silver 200 Jan 10 and
 * Feb 10, the upgrade on Feb 12 (credit −185.71 for Silver's unused 26/28, charge 278.57 for Gold's),
 * Gold 300 on Mar 10 and Apr 10; Cai 900 for Jan 15 – Apr 15; Dee's packs 500 on Jan 20 and May 1;
 * Eve 200 on Feb 20 and Apr 20. Credit notes: Ann's freeze 251.61 (26/31 of 300, Mar 10 – Apr 5),
 * Eve's cancel 28.57 (4/28 of 200, Mar 16 – Mar 20).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHistory, type History } from './history';

let h: History;
beforeAll(async () => {
  h = await buildHistory();
}, 120_000);
afterAll(() => h.th.close());

describe('MRR and its movements', () => {
  it('gives every month’s MRR, movements, customers and rates', async () => {
    const r = await h.host.invoke('reports.mrr', { from: '2026-01-01', to: '2026-04-30' });
    const pick = (k: keyof (typeof r.rows)[number]) => r.rows.map((x) => x[k]);
    // Jan: Ann 300 + Bo 200 + Cai 900/3 = 800 new (Dee's pack is no MRR).
    // Feb: Eve new 200; Bo's upgrade +100 (Gold 300 for Feb 12 – Mar 10 counts at its full price).
    // Mar: Ann frozen (a customer at 0: paused 300); Eve cancelled on Mar 16 (churned 200).
    // Apr: Ann back (resumed 300); Cai's quarter ended Apr 15 (churned 300); Eve back (reactivation 200).
    expect(pick('startMrr')).toEqual([0, 80000, 110000, 60000]);
    expect(pick('endMrr')).toEqual([80000, 110000, 60000, 80000]);
    expect(pick('new')).toEqual([80000, 20000, 0, 0]);
    expect(pick('expansion')).toEqual([0, 10000, 0, 0]);
    expect(pick('discountEnded')).toEqual([0, 0, 0, 0]);
    expect(pick('contraction')).toEqual([0, 0, 0, 0]);
    expect(pick('paused')).toEqual([0, 0, 30000, 0]);
    expect(pick('resumed')).toEqual([0, 0, 0, 30000]);
    expect(pick('churned')).toEqual([0, 0, 20000, 30000]);
    expect(pick('reactivation')).toEqual([0, 0, 0, 20000]);
    expect(pick('netNew')).toEqual([80000, 30000, -50000, 20000]);
    expect(pick('customersStart')).toEqual([0, 3, 4, 3]);
    expect(pick('customersEnd')).toEqual([3, 4, 3, 3]);
    expect(pick('payingEnd')).toEqual([3, 4, 2, 3]);
    expect(pick('newCustomers')).toEqual([3, 1, 0, 0]);
    expect(pick('reactivatedCustomers')).toEqual([0, 0, 0, 1]);
    expect(pick('lostCustomers')).toEqual([0, 0, 1, 1]);
    // Customer churn: Mar 1/4, Apr 1/3.
    expect(pick('customerChurnBp')).toEqual([null, 0, 2500, 3333]);
    // Gross revenue churn (a freeze is not churn): Mar 200 / 1100 = 18.18 %; Apr 300 / 600 = 50 %.
    expect(pick('grossRevenueChurnBp')).toEqual([null, 0, 1818, 5000]);
    // Net: Feb −100 / 800; Mar 200 / 1100; Apr 300 / 600.
    expect(pick('netRevenueChurnBp')).toEqual([null, -1250, 1818, 5000]);
    // NRR counts the freeze: Feb 900 / 800; Mar (1100 − 200 − 300 paused) / 1100; Apr (600 + 300 resumed − 300) / 600.
    expect(pick('nrrBp')).toEqual([null, 11250, 5455, 10000]);
    // ARPU: 800 / 3, 1100 / 4, 600 / 2 paying (Ann frozen), 800 / 3.
    expect(pick('arpu')).toEqual([26667, 27500, 30000, 26667]);
    // LTV = ARPU ÷ churn pooled over 3 months: Mar 1 / (0 + 3 + 4) = 14.29 % → 300 / 0.1429; Apr 2 / 10 → 266.67 / 0.2.
    expect(pick('ltv')).toEqual([null, null, 209937, 133335]);
    expect(r.totals).toEqual({
      startMrr: 0,
      endMrr: 80000,
      new: 100000,
      expansion: 10000,
      discountEnded: 0,
      contraction: 0,
      churned: 50000,
      reactivation: 20000,
      paused: 30000,
      resumed: 30000,
      netNew: 80000,
      customersStart: 0,
      customersEnd: 3,
      newCustomers: 4,
      reactivatedCustomers: 1,
      lostCustomers: 2,
      lostFromStart: 2,
      // 2 lost / (0 + 3 + 4 + 3) customers at the months' starts.
      customerChurnBp: 2000,
      // 500 churned / (0 + 800 + 1100 + 600); net (500 − 100) / 2500.
      grossRevenueChurnBp: 2000,
      netRevenueChurnBp: 1600,
      nrrBp: null,
      arpu: 26667,
      ltv: 133335,
    });
  });

  it('clips the range to any days: MRR on Mar 15 counts Eve (leaving on the 16th) and Ann frozen at 0', async () => {
    const r = await h.host.invoke('reports.mrr', { from: '2026-02-15', to: '2026-03-15' });
    expect(r.rows.map((x) => [x.month, x.start, x.end, x.startMrr, x.endMrr, x.customersEnd, x.payingEnd])).toEqual([
      ['2026-02', '2026-02-15', '2026-02-28', 110000 - 20000, 110000, 4, 4],
      ['2026-03', '2026-03-01', '2026-03-15', 110000, 80000, 4, 3],
    ]);
    // Mar 1–15: only Ann's freeze.
    expect(r.rows[1]).toMatchObject({ paused: 30000, contraction: 0, churned: 0, lostCustomers: 0 });
  });

  it('ends at today and NRR follows the range’s starting customers', async () => {
    const r = await h.host.invoke('reports.mrr', { from: '2026-02-01', to: '2026-12-31' });
    expect(r.to).toBe('2026-05-02');
    expect(r.rows.map((x) => x.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
    // Customers on Jan 31: Ann, Bo, Cai (800). On May 2 they bring Ann 300 + Bo 300 = 600.
    expect(r.totals.nrrBp).toBe(7500);
  });
});

describe('revenue: invoiced, recognised, deferred, collected', () => {
  it('recognises prepaid service over its days and shows the deferred part', async () => {
    const r = await h.host.invoke('reports.revenue', { from: '2026-01-01', to: '2026-04-30' });
    const pick = (k: keyof (typeof r.rows)[number]) => r.rows.map((x) => x[k]);
    // Invoiced by issue date: Jan 300 + 200 + 900 + 500; Feb 300 + 200 + (−185.71 + 278.57) + 200; Mar 300 + 300 − credits 279.18; Apr 800.
    expect(pick('invoiced')).toEqual([190000, 79286, 60000 - 28018, 80000]);
    expect(pick('credited')).toEqual([0, 0, 28018, 0]);
    // Tax: Gold's 6 %: Jan 18; Feb 18 + 16.71; Mar 36 less the 15.10 the March credit note gave back; Apr 36.
    expect(pick('tax')).toEqual([1800, 3471, 2090, 3600]);
    // Jan: Ann 27/31 × 300 = 261.29, Bo 22/31 × 200 = 141.94, Cai 17/90 × 900 = 170, Dee's pack 500.
    // Feb: Ann 38.71 + 24/28 × 300 = 257.14; Bo 58.06 + 19/28 × 200 = 135.71; upgrade 17/26 of (−185.71 + 278.57) = −121.43 + 182.14;
    //      Cai 280; Eve 9/28 × 200 = 64.29.
    // Mar: Ann 42.86 + 27/31 × 300 − 22/26 × 251.61; Bo 64.29 − 64.28 + 96.43 + 22/31 × 300; Cai 310; Eve 135.71 − 28.57.
    // Apr: Ann 38.71 − 38.71 + 26/30 × 300; Bo 87.10 + 21/30 × 300; Cai 140; Eve 11/30 × 200.
    expect(pick('recognised')).toEqual([107323, 89462, 81773, 77043]);
    expect(pick('netRevenue')).toEqual([107323, 89462, 81773, 77043]);
    expect(pick('bonusUsed')).toEqual([0, 0, 0, 0]);
    // Deferred = invoiced so far − recognised so far. Apr 30: Ann May 1–4 (40), Bo May 1–9 (90), Eve May 1–19 (126.67).
    expect(pick('deferredEnd')).toEqual([82677, 72501, 22710, 25667]);
    expect(pick('collected')).toEqual([191800, 82757, 31800, 5129]);
    expect(pick('refunded')).toEqual([0, 0, 2857, 0]);
    expect(pick('netCollected')).toEqual([191800, 82757, 28943, 5129]);
    expect(r.totals).toEqual({
      invoiced: 381268,
      credited: 28018,
      tax: 10961,
      recognised: 355601,
      bonusUsed: 0,
      netRevenue: 355601,
      collected: 311486,
      refunded: 2857,
      netCollected: 308629,
      deferredStart: 0,
      deferredEnd: 25667,
    });
  });

  it('reads part months from the records, adding up to the whole month', async () => {
    const a = await h.host.invoke('reports.revenue', { from: '2026-01-01', to: '2026-01-14' });
    const b = await h.host.invoke('reports.revenue', { from: '2026-01-15', to: '2026-01-31' });
    // Jan 15–31: Ann 27/31 − 10/31 of 300 → 261.29 − 96.77; Bo 141.94 − 5/31 of 200 (32.26); Cai 170; Dee 500.
    expect(b.rows[0]).toMatchObject({ start: '2026-01-15', end: '2026-01-31', recognised: 16452 + 10968 + 17000 + 50000, invoiced: 140000, collected: 140000 });
    expect(a.rows[0]!.recognised + b.rows[0]!.recognised).toBe(107323);
    expect(a.rows[0]!.invoiced + b.rows[0]!.invoiced).toBe(190000);
    // Deferred at Jan 14: 500 invoiced (Ann, Bo) − recognised 96.77 + 32.26.
    expect(a.rows[0]!.deferredEnd).toBe(50000 - 9677 - 3226);
    expect(b.totals.deferredStart).toBe(50000 - 9677 - 3226);
    expect(b.rows[0]!.deferredEnd).toBe(82677);
    // The current month so far (May 1–2): Dee's second pack, 1/30 of Ann's and Bo's Apr lines, 2/30 Eve…
    const may = await h.host.invoke('reports.revenue', { from: '2026-05-01', to: '2026-05-31' });
    expect(may.rows[0]).toMatchObject({ start: '2026-05-01', end: '2026-05-02', invoiced: 50000, collected: 5000 });
  });

  it('splits recognised revenue by plan and money by payment method', async () => {
    const byPlan = await h.host.invoke('reports.breakdown', { from: '2026-01-01', to: '2026-04-30', by: 'plan' });
    const p = (name: string) => byPlan.keys.find((k) => k.name === name)!.key;
    expect(byPlan.keys.map((k) => k.name)).toEqual(['10 sessions', 'Gold', 'Quarter', 'Silver']);
    expect(byPlan.rows.map((r) => [r.values[p('Gold')] ?? 0, r.values[p('Silver')] ?? 0, r.values[p('Quarter')] ?? 0, r.values[p('10 sessions')] ?? 0])).toEqual([
      [26129, 14194, 17000, 50000],
      // Gold: Ann 38.71 + 257.14 + Bo's charge 182.14; Silver: Bo 58.06 + 135.71 − 121.43 + Eve 64.29.
      [47799, 13663, 28000, 0],
      [40058, 10715, 31000, 0],
      [55710, 7333, 14000, 0],
    ]);
    expect(byPlan.totals.total).toBe(355601);

    const byMethod = await h.host.invoke('reports.breakdown', { from: '2026-01-01', to: '2026-04-30', by: 'method' });
    expect(byMethod.keys).toEqual([
      { key: 'cash', name: '' },
      { key: 'bank_transfer', name: '' },
      { key: 'wechat', name: '' },
      { key: 'alipay', name: '' },
    ]);
    expect(byMethod.rows.map((r) => r.values)).toEqual([
      { cash: 31800, wechat: 20000, bank_transfer: 90000, alipay: 50000 },
      { cash: 51800, wechat: 30957 },
      // Eve's refund of 28.57 in cash comes off March's cash.
      { cash: 28943 },
      { cash: 5129 },
    ]);
    expect(byMethod.totals).toEqual({ values: { cash: 117672, wechat: 50957, bank_transfer: 90000, alipay: 50000 }, total: 308629 });
  });
});

describe('cash flow, aging, attendance, dashboard, forecast', () => {
  it('nets money in, refunds and expenses by month with a running total', async () => {
    const r = await h.host.invoke('reports.cashflow', { from: '2026-01-01', to: '2026-04-30' });
    expect(r.rows.map((x) => [x.month, x.collected, x.refunded, x.expenses, x.net, x.running])).toEqual([
      ['2026-01', 191800, 0, 60000, 131800, 131800],
      ['2026-02', 82757, 0, 110000, -27243, 104557],
      ['2026-03', 31800, 2857, 60000, -31057, 73500],
      // The deleted April entry (999.99) is not an expense.
      ['2026-04', 5129, 0, 60000, -54871, 18629],
    ]);
    expect(r.totals).toEqual({ collected: 311486, refunded: 2857, expenses: 290000, net: 18629 });
    expect(r.expensesByCategory.map((c) => [c.nameEn, c.nameZh, c.amount])).toEqual([
      ['Rent', '房租', 240000],
      ['Salaries', '工资', 50000],
    ]);
  });

  it('ages open balances on May 2 by days past due', async () => {
    const r = await h.host.invoke('reports.aging', {});
    expect(r.asOf).toBe('2026-05-02');
    expect(r.rows.map((x) => [x.payerName, x.invoices, x.oldestDueDate, x.current, x.d1_30, x.d31_60, x.d61_90, x.d90plus, x.total])).toEqual([
      // Bo: Mar 10 invoice due Mar 17 (46 days late), Apr 10 due Apr 17 (15 days).
      ['Bo 博', 2, '2026-03-17', 0, 31800, 31800, 0, 0, 63600],
      // Dee: pack of May 1, due May 8.
      ['Dee 迪', 1, '2026-05-08', 50000, 0, 0, 0, 0, 50000],
      // Eve: 200 due Apr 27 less 50 paid today.
      ['Eve 伊', 1, '2026-04-27', 0, 15000, 0, 0, 0, 15000],
    ]);
    expect(r.totals).toEqual({ current: 50000, d1_30: 46800, d31_60: 31800, d61_90: 0, d90plus: 0, total: 128600 });
  });

  it('counts check-ins by weekday and local hour, leaving out the undone one', async () => {
    const r = await h.host.invoke('reports.attendance', { from: '2026-01-01', to: '2026-05-31' });
    expect(r.total).toBe(5);
    // Mon Jan 12 and Feb 2, Tue Jan 6, Wed Jan 7, Sat May 2.
    expect(r.byWeekday).toEqual([2, 1, 1, 0, 0, 1, 0]);
    const hours = Object.fromEntries(r.byHour.map((n, i) => [i, n]).filter(([, n]) => n));
    expect(hours).toEqual({ 7: 1, 9: 2, 18: 2 });
    expect(r.grid[0]![18]).toBe(1);
    expect(r.grid[0]![7]).toBe(1);
    expect(r.rows.map((x) => [x.month, x.visits])).toEqual([
      ['2026-01', 3],
      ['2026-02', 1],
      ['2026-03', 0],
      ['2026-04', 0],
      ['2026-05', 1],
    ]);
  });

  it('shows the day at a glance', async () => {
    const d = await h.host.invoke('reports.dashboard', {});
    expect(d).toEqual({
      today: '2026-05-02',
      checkinsToday: 1,
      moneyToday: [{ method: 'wechat', name: '', received: 5000, refunded: 0, payments: 1 }],
      moneyTodayTotal: 5000,
      overdueTotal: 31800 + 31800 + 15000,
      overduePayers: 2,
      activeMembers: 3,
      payingMembers: 3,
      mrr: 80000,
      mrrMonthStart: 80000,
      mrrChange: 0,
      atRisk: [
        { memberId: h.ids.bo, name: 'Bo 博', phone: '', reasons: ['overdue', 'no_visit'], overdue: 63600, daysOverdue: 46, pauseEnds: null, lastVisit: '2026-01-12' },
        { memberId: h.ids.eve, name: 'Eve 伊', phone: '', reasons: ['overdue', 'no_visit'], overdue: 15000, daysOverdue: 5, pauseEnds: null, lastVisit: null },
      ],
      atRiskCounts: { overdue: 2, pause_ending: 0, no_visit: 2 },
    });
  });

  it('forecasts 12 months from the billing engine, with the trailing churn applied', async () => {
    const f = await h.host.invoke('reports.forecast', {});
    // Feb–Apr: 2 customers lost of 3 + 4 + 3 at the months' starts = 20 %.
    expect(f.churnBp).toBe(2000);
    expect(f.churnBasis).toEqual({ from: '2026-02-01', to: '2026-04-30', lost: 2, customersAtStart: 10 });
    expect(f.rows).toHaveLength(12);
    // Each month: Ann 318 (5th), Bo 318 (10th), Eve 200 (20th); kept 0.8^k.
    expect(f.rows.slice(0, 3)).toEqual([
      { month: '2026-05', invoices: 3, total: 83600, withChurn: 66880 },
      { month: '2026-06', invoices: 3, total: 83600, withChurn: 53504 },
      { month: '2026-07', invoices: 3, total: 83600, withChurn: 42803 },
    ]);
    const preview = await h.host.invoke('billing.preview', { asOf: '2026-05-31' });
    expect(f.rows[0]!.total).toBe(preview.total);
    expect(f.totals.total).toBe(12 * 83600);
  });
});
