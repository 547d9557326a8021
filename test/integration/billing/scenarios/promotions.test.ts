/**
 * Promotions (促销活动) at the sale: the promotion's discount becomes the membership's own, so the
 * billing run gives it for exactly the promotion's periods and then bills full price. Bad codes,
 * dates and plans are refused with their own code and change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const DOUBLE_11 = {
  name: '双十一 首三月8折',
  code: 'double11',
  startsOn: '2026-11-01',
  endsOn: '2026-11-11',
  discount: { kind: 'percent' as const, value: 2000, duration: 'repeating' as const, periods: 3 },
};

describe('a promotion used at the sale', () => {
  it('sold by code (any case) on the last day: 20% off the first 3 periods, then full price; billing again creates nothing', async () => {
    b = await billing('2026-10-20');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const promo = await h.invoke('campaigns.create', { ...DOUBLE_11, planIds: [gym] });
    expect(promo).toMatchObject({ code: 'DOUBLE11', status: 'upcoming', planIds: [gym], archived: false });
    const ann = await b.member('Ann');

    b.th.clock.setDate('2026-11-11'); // the last day, inclusive
    expect((await h.invoke('campaigns.eligible', { planId: gym })).map((p) => p.id)).toEqual([promo.id]);
    const sold = await h.invoke('checkout.sell', {
      payerId: ann,
      items: [{ kind: 'membership', memberId: ann, planId: gym, promotionCode: ' Double11 ' }],
      payment: { method: 'cash', amount: 24000 },
    });
    expect(sold.items[0]).toMatchObject({ kind: 'membership', promotionId: promo.id });
    expect(sold.invoice!.lines.map((l) => `${l.kind} ${l.periodStart}/${l.periodEnd} ${l.amount} | ${l.description}`)).toEqual([
      'period 2026-11-11/2026-12-11 30000 | Gym',
      'discount 2026-11-11/2026-12-11 -6000 | Discount 20%',
    ]);
    const sub = await h.invoke('subscriptions.get', { id: sold.items[0]!.subscriptionId! });
    expect(sub.discount).toEqual({ kind: 'percent', value: 2000, duration: 'repeating', periods: 3 });
    expect(h.db.prepare('SELECT promotion_id, subscription_id, member_id, sold_on, invoice_id FROM promotion_sales').all()).toEqual([
      { promotion_id: promo.id, subscription_id: sub.id, member_id: ann, sold_on: '2026-11-11', invoice_id: sold.invoice!.id },
    ]);

    for (const d of ['2026-12-11', '2027-01-11', '2027-02-11', '2027-03-11']) await b.runOn(d);
    const lines = (await b.invoices()).map((i) => [i.issued, i.total, i.lines.map((l) => l.split(' |')[0])]);
    expect(lines).toEqual([
      ['2026-11-11', 24000, ['period 2026-11-11/2026-12-11 30000 = 30000 + 0', 'discount 2026-11-11/2026-12-11 -6000 = -6000 + 0']],
      ['2026-12-11', 24000, ['period 2026-12-11/2027-01-11 30000 = 30000 + 0', 'discount 2026-12-11/2027-01-11 -6000 = -6000 + 0']],
      ['2027-01-11', 24000, ['period 2027-01-11/2027-02-11 30000 = 30000 + 0', 'discount 2027-01-11/2027-02-11 -6000 = -6000 + 0']],
      ['2027-02-11', 30000, ['period 2027-02-11/2027-03-11 30000 = 30000 + 0']],
      ['2027-03-11', 30000, ['period 2027-03-11/2027-04-11 30000 = 30000 + 0']],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
    expect(again.after).toEqual([5, 8, 0]);
  });

  it('picked from the list in a preview: the same discount, nothing written; a one-off discount cannot ride along', async () => {
    b = await billing('2026-11-03');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const promo = await h.invoke('campaigns.create', { ...DOUBLE_11, code: null, planIds: [gym] });
    const bo = await b.member('Bo');
    const hash = databaseHash(h.db);
    const preview = await h.invoke('checkout.sell', { payerId: bo, items: [{ kind: 'membership', memberId: bo, planId: gym, promotionId: promo.id }], dryRun: true });
    expect(preview.invoice!.total).toBe(24000);
    expect(databaseHash(h.db)).toBe(hash);
    const both = await failure(h.invoke('checkout.sell', {
      payerId: bo,
      items: [{ kind: 'membership', memberId: bo, planId: gym, promotionId: promo.id, discount: { kind: 'percent', value: 1000, duration: 'once' } }],
    }));
    expect(both.code).toBe('VALIDATION');
    expect(JSON.stringify(both.details)).toContain('promotion_and_discount');
    expect(databaseHash(h.db)).toBe(hash);
  });

  it('refuses a wrong code, a day outside the dates, another plan and an archived promotion, each by its code, writing nothing', async () => {
    b = await billing('2026-10-31');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const yoga = await b.plan({ name: 'Yoga', price: 20000 });
    const promo = await h.invoke('campaigns.create', { ...DOUBLE_11, planIds: [gym] });
    const cy = await b.member('Cy');
    const sell = (planId: number, pick: { promotionCode?: string; promotionId?: number }) =>
      failure(h.invoke('checkout.sell', { payerId: cy, items: [{ kind: 'membership', memberId: cy, planId, ...pick }], payment: { method: 'cash', amount: 30000 } }));
    const hash = databaseHash(h.db);

    expect(await sell(gym, { promotionCode: 'DOUBLE11' })).toMatchObject({ code: 'PROMOTION_NOT_STARTED', details: { item: 0, promotionId: promo.id } });
    expect((await h.invoke('campaigns.eligible', { planId: gym }))).toEqual([]);
    b.th.clock.setDate('2026-11-05');
    expect(await sell(gym, { promotionCode: 'DOUBLE12' })).toMatchObject({ code: 'PROMOTION_CODE_UNKNOWN', details: { item: 0, code: 'DOUBLE12' } });
    expect(await sell(yoga, { promotionCode: 'double11' })).toMatchObject({ code: 'PROMOTION_WRONG_PLAN' });
    expect(await failure(h.invoke('campaigns.findCode', { code: 'double11', planId: yoga }))).toMatchObject({ code: 'PROMOTION_WRONG_PLAN' });
    expect(await h.invoke('campaigns.findCode', { code: 'Double11', planId: gym })).toMatchObject({ id: promo.id, status: 'running' });
    expect((await sell(gym, { promotionCode: 'bad code!' })).code).toBe('PROMOTION_CODE_UNKNOWN');
    b.th.clock.setDate('2026-11-12');
    expect(await sell(gym, { promotionCode: 'DOUBLE11' })).toMatchObject({ code: 'PROMOTION_EXPIRED' });
    expect(await sell(gym, { promotionId: promo.id })).toMatchObject({ code: 'PROMOTION_EXPIRED' });
    expect(databaseHash(h.db)).toBe(hash);

    b.th.clock.setDate('2026-11-06');
    await h.invoke('campaigns.archive', { id: promo.id, archived: true });
    const archived = databaseHash(h.db);
    expect(await sell(gym, { promotionId: promo.id })).toMatchObject({ code: 'PROMOTION_ARCHIVED' });
    expect(databaseHash(h.db)).toBe(archived);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM subscriptions').get()).toEqual({ n: 0 });
  });
});

describe('setting promotions up', () => {
  it('a code is unique whatever its case; plans must be recurring; dates in order; a desk clerk may list but not create', async () => {
    b = await billing('2026-10-20');
    const h = b.th.host;
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const pack = (await h.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 })).id;
    const first = await h.invoke('campaigns.create', { ...DOUBLE_11, planIds: [gym] });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('campaigns.create', { ...DOUBLE_11, name: 'Other', code: 'Double11', planIds: [gym] }))).toMatchObject({
      code: 'PROMOTION_CODE_EXISTS', details: { code: 'DOUBLE11', promotionId: first.id },
    });
    expect(await failure(h.invoke('campaigns.create', { ...DOUBLE_11, code: 'PACK', planIds: [pack] }))).toMatchObject({ code: 'PROMOTION_PLAN_INVALID', details: { planId: pack } });
    expect(await failure(h.invoke('campaigns.create', { ...DOUBLE_11, code: 'NOPLAN', planIds: [9999] }))).toMatchObject({ code: 'PROMOTION_PLAN_INVALID' });
    const dates = await failure(h.invoke('campaigns.create', { ...DOUBLE_11, code: 'X', endsOn: '2026-10-31', planIds: [gym] }));
    expect(dates).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(dates.details)).toContain('date_range');
    for (const bad of [
      { ...DOUBLE_11, code: 'has space', planIds: [gym] },
      { ...DOUBLE_11, code: 'X', planIds: [] },
      { ...DOUBLE_11, code: 'X', planIds: [gym], discount: { kind: 'percent', value: 10001, duration: 'forever' } },
      { ...DOUBLE_11, code: 'X', planIds: [gym], discount: { kind: 'percent', value: 2000, duration: 'repeating' } },
      { ...DOUBLE_11, code: 'X', planIds: [gym], name: '  ' },
    ]) {
      expect((await failure(h.invoke('campaigns.create', bad as never))).code).toBe('VALIDATION');
    }
    expect(databaseHash(h.db)).toBe(hash);

    // Editing keeps its own code; a second promotion may share none.
    const edited = await h.invoke('campaigns.update', { id: first.id, promotion: { ...DOUBLE_11, name: '双十一 首三月85折', discount: { kind: 'percent', value: 1500, duration: 'repeating', periods: 3 }, planIds: [gym] } });
    expect(edited).toMatchObject({ name: '双十一 首三月85折', code: 'DOUBLE11', discount: { value: 1500 } });
    const audit = h.db.prepare<[], { entity: string; before: string | null }>("SELECT entity, before FROM audit_log WHERE entity = 'promotion' ORDER BY id").all();
    expect(audit.map((a) => [a.entity, a.before === null])).toEqual([['promotion', true], ['promotion', false]]);

    await signInAs(h, 'desk');
    expect((await h.invoke('campaigns.list', {})).map((p) => p.id)).toEqual([first.id]);
    expect((await failure(h.invoke('campaigns.create', { ...DOUBLE_11, code: 'DESK', planIds: [gym] }))).code).toBe('FORBIDDEN');
  });
});
