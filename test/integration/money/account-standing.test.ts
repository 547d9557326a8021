/**
 * Screens, receipts and reports show an account as what is owed (欠款) and what can be spent
 * (可用余额, paid + bonus), each never negative; the host derives both, so no screen negates a
 * signed balance itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('owes and credit beside the signed balance', () => {
  it('a payer who owes: owes = open invoices, credit 0', async () => {
    th = await moneyHost('2026-03-02');
    const payer = member(th.host, '欠款会员');
    const inv = invoice(th, payer, 30000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 10000 });
    expect(await th.host.invoke('members.balance', { payerId: payer })).toMatchObject({ balance: 20000, due: 20000, owes: 20000, credit: 0, paidCredit: 0, bonusCredit: 0 });
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ balance: 20000, owes: 20000, credit: 0 });
    expect(await th.host.invoke('invoices.get', { id: inv.id })).toMatchObject({ payerBalance: 20000, payerOwes: 20000, payerCredit: 0 });
  });

  it('a payer in credit with a bonus: the balance is negative, owes 0 and credit = paid + bonus, both positive', async () => {
    th = await moneyHost('2026-03-02');
    const payer = member(th.host, '储值会员');
    const promo = await th.host.invoke('promotions.create', { name: '充1000送200', minAmount: 100000, bonus: 20000 });
    const inv = invoice(th, payer, 5000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 5000 });
    await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'wechat', amount: 100000, promotionId: promo.id });
    const balance = await th.host.invoke('members.balance', { payerId: payer });
    expect(balance).toMatchObject({ balance: -100000, due: 0, owes: 0, paidCredit: 100000, bonusCredit: 20000, credit: 120000 });
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ balance: -100000, owes: 0, credit: 120000 });
    expect(await th.host.invoke('invoices.get', { id: inv.id })).toMatchObject({ payerBalance: -100000, payerOwes: 0, payerCredit: 120000 });
  });
});
