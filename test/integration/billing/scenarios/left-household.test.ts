/**
 * A member who leaves the household that paid for their membership: the credit for days the old payer paid goes
 * back to that payer (the invoice's account), not to the member (found by an independent probe, session 14).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

async function benLeavesMum(paid: boolean) {
  b = await billing('2026-03-02');
  const h = b.th.host;
  const mum = await b.member('Mum');
  const ben = await b.member('Ben', mum);
  const kids = await b.plan({ name: 'Kids', price: 31000 });
  const sale = await h.invoke('checkout.sell', {
    payerId: mum,
    items: [{ kind: 'membership', memberId: ben, planId: kids }],
    payment: paid ? { method: 'cash', amount: 31000 } : null,
  });
  await h.invoke('members.update', { id: ben, member: { name: 'Ben', payerId: null } });
  return { h, mum, ben, sub: sale.items[0]!.subscriptionId! };
}

describe('credits after leaving the household that paid', () => {
  it('cancel now from tomorrow: the unused days (22 of 31) are credited to the parent who paid, kept as her credit or refunded to her', async () => {
    const { h, mum, ben, sub } = await benLeavesMum(true);
    b!.th.clock.setDate('2026-03-10');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
    expect(b!.creditNotes()).toEqual([
      { number: 'CN-2026-00001', payer: mum, issued: '2026-03-10', invoice: 'INV-2026-00001', settlement: 'credit', total: 22000, lines: ['2026-03-11/2026-04-02 22000 + 0 | Unused time – Kids'] },
    ]);
    expect(await b!.balance(mum)).toMatchObject({ paidCredit: 22000, due: 0 });
    expect(await b!.balance(ben)).toMatchObject({ paidCredit: 0, credit: 0, due: 0, balance: 0 });
    const again = await billingAgainCreatesNothing(b!);
    expect(again.after).toEqual(again.before);
  });

  it('cancel now with a refund: the cash goes back to the parent', async () => {
    const { h, mum, sub } = await benLeavesMum(true);
    b!.th.clock.setDate('2026-03-10');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod: 'cash' });
    expect(h.db.prepare('SELECT payer_id, method, amount FROM refunds').all()).toEqual([{ payer_id: mum, method: 'cash', amount: 22000 }]);
  });

  it('unpaid: the credit settles the parent’s open invoice, leaving her 90.00 to pay; the child owes nothing and holds nothing', async () => {
    const { h, mum, ben, sub } = await benLeavesMum(false);
    b!.th.clock.setDate('2026-03-10');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
    expect(await h.invoke('invoices.get', { id: 1 })).toMatchObject({ payerId: mum, total: 31000, settled: 22000, balance: 9000 });
    expect(await b!.balance(mum)).toMatchObject({ due: 9000, credit: 0 });
    expect(await b!.balance(ben)).toMatchObject({ due: 0, credit: 0, balance: 0 });
  });

  it('an upgrade now: the parent gets a credit note for her 16 days, the child’s own invoice charges the new plan only', async () => {
    const { h, mum, ben, sub } = await benLeavesMum(true);
    const big = await b!.plan({ name: 'Big', price: 62000 });
    b!.th.clock.setDate('2026-03-17');
    await h.invoke('subscriptions.changePlan', { id: sub, planId: big, when: 'now' });
    expect(b!.creditNotes().map((c) => [c.payer, c.invoice, c.total, c.lines])).toEqual([
      [mum, 'INV-2026-00001', 16000, ['2026-03-17/2026-04-02 16000 + 0 | Unused time – Kids']],
    ]);
    const invoices = await b!.invoices();
    expect(invoices.slice(1).map((i) => [i.number, i.payer, i.total, i.lines])).toEqual([
      ['INV-2026-00002', ben, 32000, ['proration_charge 2026-03-17/2026-04-02 32000 = 32000 + 0 | Remaining time on Big']],
    ]);
    expect(await b!.balance(mum)).toMatchObject({ paidCredit: 16000 });
  });
});
