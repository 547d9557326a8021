import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('refunds', () => {
  it('refunds cash against a payment, up to its unapplied part', async () => {
    th = await moneyHost();
    const payer = member(th.host, '张三');
    invoice(th, payer, 30000);
    const paid = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 50000 });
    const before = databaseHash(th.host.db);
    expect(
      await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 20001, reason: 'overpaid' })),
    ).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', details: { refundable: 20000, amount: 20001 } });
    expect(databaseHash(th.host.db)).toBe(before);

    const r = await th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 20000, reason: 'overpaid' });
    expect(r.total).toBe(20000);
    expect(r.refunds).toEqual([
      expect.objectContaining({ paymentId: paid.payment.id, creditNoteId: null, method: 'cash', amount: 20000, reason: 'overpaid', date: '2026-03-02', staffName: 'Owner' }),
    ]);
    expect(r.payer).toMatchObject({ balance: 0, due: 0, paidCredit: 0 });
    expect(await th.host.invoke('payments.get', { id: paid.payment.id })).toMatchObject({ allocated: 30000, refunded: 20000, unallocated: 0 });
    // Nothing is left to refund on it.
    expect(
      await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 1, reason: 'again' })),
    ).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', details: { refundable: 0 } });
  });

  it('refunds from account credit, newest credit first, one refund row per source, by the method chosen', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Li');
    const first = await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 10000 });
    th.clock.setDate('2026-03-03');
    const second = await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'wechat', amount: 6000 });
    const r = await th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 9000, method: 'bank_transfer', reason: 'moving away' });
    expect(r.refunds.map((x) => [x.paymentId, x.amount, x.method])).toEqual([
      [second.payment.id, 6000, 'bank_transfer'],
      [first.payment.id, 3000, 'bank_transfer'],
    ]);
    expect(r).toMatchObject({ total: 9000, payer: { balance: -7000, paidCredit: 7000 } });
    expect(
      await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 7001, reason: 'all of it' })),
    ).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', details: { refundable: 7000 } });
    // Default method from credit: cash.
    const rest = await th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 7000, reason: 'all of it' });
    expect(rest.refunds.map((x) => x.method)).toEqual(['cash']);
    expect(rest.payer).toMatchObject({ balance: 0, paidCredit: 0 });
    expect((await th.host.invoke('refunds.list', { payerId: payer })).map((x) => x.amount)).toEqual([7000, 3000, 6000]);
  });

  it('a repeated refund request returns the first refund', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Zhao');
    await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 5000 });
    const input = { requestId: 'refund-0001-abcdef', payerId: payer, source: 'credit' as const, amount: 2000, reason: 'x' };
    const a = await th.host.invoke('refunds.create', input);
    const hash = databaseHash(th.host.db);
    const b = await th.host.invoke('refunds.create', input);
    expect(b).toMatchObject({ replayed: true, total: 2000, refunds: a.refunds });
    expect(databaseHash(th.host.db)).toBe(hash);
  });

  it('refunds are a manager’s job', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Qian');
    await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 5000 });
    await signInAs(th.host, 'desk');
    expect(await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 100, reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    await signInAs(th.host, 'manager');
    expect((await th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 100, reason: 'x' })).refunds[0]!.staffName).toBe('Manager');
  });
});

describe('voiding a paid invoice', () => {
  it('is refused while payments are applied; releasing them voids it, and the money is credit that can be refunded', async () => {
    th = await moneyHost();
    const payer = member(th.host, '李雷');
    const inv = invoice(th, payer, 30000);
    const paid = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 10000 });
    expect(await failure(th.host.invoke('invoices.void', { id: inv.id, reason: 'sold by mistake' }))).toMatchObject({ code: 'INVOICE_SETTLED' });

    const released = await th.host.invoke('payments.releaseAndVoid', { invoiceId: inv.id, reason: 'sold by mistake' });
    expect(released.released).toBe(10000);
    expect(released.invoice).toMatchObject({ status: 'void', voidReason: 'sold by mistake', number: 'INV-2026-00001', settled: 0, balance: 0 });
    expect(released.payer).toMatchObject({ balance: -10000, due: 0, paidCredit: 10000 });
    expect(await th.host.invoke('payments.get', { id: paid.payment.id })).toMatchObject({ allocated: 0, unallocated: 10000, allocations: [] });

    const back = await th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 10000, reason: 'sold by mistake' });
    expect(back.payer).toMatchObject({ balance: 0, due: 0, paidCredit: 0 });
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: inv.id, reason: 'again' }))).toMatchObject({ code: 'INVOICE_VOID' });
  });

  it('releases to the payer’s other open invoices first, and refuses an invoice with nothing applied', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Han');
    const a = invoice(th, payer, 5000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 5000 });
    const b = invoice(th, payer, 3000);
    const r = await th.host.invoke('payments.releaseAndVoid', { invoiceId: a.id, reason: 'duplicate' });
    expect(r.payer).toMatchObject({ balance: -2000, due: 0, paidCredit: 2000 });
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: 99, reason: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    const c = invoice(th, member(th.host, 'Other'), 100);
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: c.id, reason: 'x' }))).toMatchObject({ code: 'NOTHING_TO_RELEASE' });
    expect(b.id).toBe(2);
  });
});
