/**
 * Checks at the desk's money actions, found by an independent probe (session 14): a checkout preview refuses what the
 * sale would refuse, a short tender names the clerk's own figures, money cannot be refunded before it came in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../support/host';
import { billing, type Billing } from '../billing/support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('the checkout and its preview', () => {
  it('refuse alike a top-up too small for its promotion (PROMOTION_NOT_APPLICABLE); a big enough one is promised and granted its bonus', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const p = await b.member('Pat');
    const promo = await h.invoke('promotions.create', { name: '1000+200', minAmount: 100000, bonus: 20000 });
    const small = { payerId: p, items: [{ kind: 'topup' as const, amount: 50000, promotionId: promo.id }] };
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('checkout.sell', { ...small, dryRun: true }))).toMatchObject({ code: 'PROMOTION_NOT_APPLICABLE', details: { minAmount: 100000 } });
    expect(await failure(h.invoke('checkout.sell', { ...small, payment: { method: 'cash', amount: 50000 } }))).toMatchObject({ code: 'PROMOTION_NOT_APPLICABLE' });
    expect(databaseHash(h.db)).toBe(hash);
    // Big enough: the preview promises the bonus the sale then grants.
    const big = { payerId: p, items: [{ kind: 'topup' as const, amount: 100000, promotionId: promo.id }] };
    expect(await h.invoke('checkout.sell', { ...big, dryRun: true })).toMatchObject({ topUp: { amount: 100000, bonus: 20000 }, dueNow: 100000 });
    expect(await h.invoke('checkout.sell', { ...big, payment: { method: 'cash', amount: 100000 } })).toMatchObject({ topUp: { amount: 100000, bonus: 20000 } });
  });

  it('a short tender for a sale with a top-up is TENDERED_TOO_LOW with what the clerk typed, and nothing is written', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const p = await b.member('Pat');
    const gym = await b.plan({ name: 'Gym', price: 31000 });
    const hash = databaseHash(h.db);
    const e = await failure(h.invoke('checkout.sell', {
      payerId: p,
      items: [{ kind: 'membership', memberId: p, planId: gym }, { kind: 'topup', amount: 1000 }],
      payment: { method: 'cash', amount: 32000, tendered: 500 },
    }));
    expect(e).toMatchObject({ code: 'TENDERED_TOO_LOW', details: { tendered: 500, amount: 32000 } });
    expect(databaseHash(h.db)).toBe(hash);
  });
});

describe('refunds', () => {
  it('cannot be dated before the payment they pay back (DATE_OUT_OF_RANGE), and change nothing', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const p = await b.member('Pat');
    b.th.clock.setDate('2026-03-05');
    const paid = await h.invoke('payments.record', { payerId: p, method: 'cash', amount: 10000 });
    const hash = databaseHash(h.db);
    const e = await failure(h.invoke('refunds.create', { payerId: p, source: 'payment', paymentId: paid.payment.id, method: 'cash', amount: 10000, reason: 'back', date: '2026-03-02' }));
    expect(e).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'date', date: '2026-03-02', min: '2026-03-05' } });
    expect(databaseHash(h.db)).toBe(hash);
    expect((await h.invoke('refunds.create', { payerId: p, source: 'payment', paymentId: paid.payment.id, method: 'cash', amount: 10000, reason: 'back', date: '2026-03-05' })).total).toBe(10000);
  });
});

describe('request ids', () => {
  it('a checkout request id used again for another account is refused (CONFLICT), not answered with the first sale', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const mum = await b.member('Mum');
    const other = await b.member('Other');
    const gym = await b.plan({ name: 'Gym', price: 31000 });
    const first = await h.invoke('checkout.sell', { requestId: 'req-00000001', payerId: mum, items: [{ kind: 'membership', memberId: mum, planId: gym }] });
    expect((await h.invoke('checkout.sell', { requestId: 'req-00000001', payerId: mum, items: [{ kind: 'membership', memberId: mum, planId: gym }] })).replayed).toBe(true);
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('checkout.sell', { requestId: 'req-00000001', payerId: other, items: [{ kind: 'membership', memberId: other, planId: gym }] }))).toMatchObject({ code: 'CONFLICT' });
    expect(databaseHash(h.db)).toBe(hash);
    expect(first.payerId).toBe(mum);
  });
});

