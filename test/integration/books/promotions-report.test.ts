/**
 * The promotions report with hand-computed figures: sales, what the sales' invoices billed for the
 * promoted memberships (net of the discount), what they billed to date, and renewals — a member
 * renewed when the membership billed at least one period charge after the promotion's periods.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { billing, type Billing } from '../billing/support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('promotions report', () => {
  it('counts each promotion’s sales, revenue and renewals', async () => {
    b = await billing('2026-11-01');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const pack = (await h.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 })).id;
    const a = await h.invoke('campaigns.create', {
      name: '双十一 首三月8折', code: 'D11', startsOn: '2026-11-01', endsOn: '2026-11-11', planIds: [gym],
      discount: { kind: 'percent', value: 2000, duration: 'repeating', periods: 3 },
    });
    const bb = await h.invoke('campaigns.create', {
      name: 'First month ¥50 off', code: null, startsOn: '2026-11-01', endsOn: '2026-11-30', planIds: [gym],
      discount: { kind: 'fixed', value: 5000, duration: 'once', periods: null },
    });
    const unused = await h.invoke('campaigns.create', {
      name: 'New year', code: 'NY', startsOn: '2027-01-01', endsOn: '2027-01-07', planIds: [gym],
      discount: { kind: 'percent', value: 1000, duration: 'forever', periods: null },
    });
    const [p, q, r, s] = [await b.member('P'), await b.member('Q'), await b.member('R'), await b.member('S')];

    // P on 11-05: the promoted membership and a pack on one invoice (the pack is not the promotion's).
    b.th.clock.setDate('2026-11-05');
    await h.invoke('checkout.sell', { payerId: p, items: [{ kind: 'membership', memberId: p, planId: gym, promotionCode: 'd11' }, { kind: 'pack', memberId: p, planId: pack }] });
    // R on 11-06 with B (¥50 off the first period only); S the same day without a promotion.
    b.th.clock.setDate('2026-11-06');
    await h.invoke('checkout.sell', { payerId: r, items: [{ kind: 'membership', memberId: r, planId: gym, promotionId: bb.id }] });
    await h.invoke('checkout.sell', { payerId: s, items: [{ kind: 'membership', memberId: s, planId: gym }] });
    // Q on 11-10 with A, then cancels at the end of the third (last promotional) period.
    b.th.clock.setDate('2026-11-10');
    const qSale = await h.invoke('checkout.sell', { payerId: q, items: [{ kind: 'membership', memberId: q, planId: gym, promotionCode: 'D11' }] });
    await b.runOn('2027-01-20');
    await h.invoke('subscriptions.cancel', { id: qSale.items[0]!.subscriptionId!, mode: 'period_end' });
    await b.runOn('2027-02-10');

    const report = await h.invoke('campaigns.report', {});
    expect(report.today).toBe('2027-02-10');
    const rows = Object.fromEntries(report.rows.map((row) => [row.id, row]));
    // A: P's sale 30000 − 6000 = 24000, Q's the same → 48000. To date: P billed 11-05, 12-05, 01-05 at 24000
    // and 02-05 at full 30000 = 102000; Q billed 11-10, 12-10, 01-10 at 24000 = 72000 and ended on 02-10
    // → 174000. P billed a 4th period (> 3 promotional): renewed; Q did not.
    expect(rows[a.id]).toMatchObject({ sales: 2, revenue: 48000, revenueToDate: 174000, promotionalPeriods: 3, renewed: 1, status: 'ended' });
    // B: R's sale 30000 − 5000 = 25000; then 12-06, 01-06, 02-06 at 30000 → 115000; renewed at 12-06.
    expect(rows[bb.id]).toMatchObject({ sales: 1, revenue: 25000, revenueToDate: 115000, promotionalPeriods: 1, renewed: 1, status: 'ended' });
    expect(rows[unused.id]).toMatchObject({ sales: 0, revenue: 0, revenueToDate: 0, renewed: 0 });

    // The export: the same figures, in the shop's words, money in major units (UTF-8 with BOM, CRLF).
    const zh = await h.invoke('campaigns.export', { locale: 'zh-CN' });
    expect(zh).toMatchObject({ fileName: '促销活动-2027-02-10.csv', format: 'csv', rows: 3 });
    expect(zh.content.split('\r\n')).toEqual([
      '\uFEFF促销活动,优惠码,开始日期,结束日期,状态,优惠,销售数,首单收入,累计计费,续费',
      'New year,NY,2027-01-01,2027-01-07,已结束,9折（减10%） · 每期,0,0.00,0.00,0',
      'First month ¥50 off,,2026-11-01,2026-11-30,已结束,减50.00 · 首期,1,250.00,1150.00,1',
      '双十一 首三月8折,D11,2026-11-01,2026-11-11,已结束,8折（减20%） · 前3期,2,480.00,1740.00,1',
    ]);
    const xlsx = await h.invoke('campaigns.export', { format: 'xlsx', locale: 'en' });
    expect(xlsx).toMatchObject({ fileName: 'promotions-2027-02-10.xlsx', format: 'xlsx', rows: 3 });
    expect(Buffer.from(xlsx.content, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('before anyone renews: a promotion for ever has one promotional period; a voided sale invoice bills nothing', async () => {
    b = await billing('2026-11-01');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const f = await h.invoke('campaigns.create', {
      name: 'Staff 9折', code: 'STAFF', startsOn: '2026-11-01', endsOn: '2026-12-31', planIds: [gym],
      discount: { kind: 'percent', value: 1000, duration: 'forever', periods: null },
    });
    const [x, y] = [await b.member('X'), await b.member('Y')];
    await h.invoke('checkout.sell', { payerId: x, items: [{ kind: 'membership', memberId: x, planId: gym, promotionCode: 'staff' }] });
    const ySale = await h.invoke('checkout.sell', { payerId: y, items: [{ kind: 'membership', memberId: y, planId: gym, promotionCode: 'staff' }] });
    await h.invoke('invoices.void', { id: ySale.invoice!.id, reason: 'Sold by mistake' });
    await h.invoke('subscriptions.cancel', { id: ySale.items[0]!.subscriptionId!, mode: 'now', effectiveDate: '2026-11-02' });
    let row = (await h.invoke('campaigns.report', {})).rows[0]!;
    // X: 30000 − 3000 = 27000; Y's invoice is void.
    expect(row).toMatchObject({ id: f.id, sales: 2, revenue: 27000, revenueToDate: 27000, promotionalPeriods: 1, renewed: 0, status: 'running' });
    await b.runOn('2026-12-01');
    row = (await h.invoke('campaigns.report', {})).rows[0]!;
    expect(row).toMatchObject({ sales: 2, revenue: 27000, revenueToDate: 54000, renewed: 1 });
  });
});
