import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('taking payments', () => {
  it('a partial payment then the rest settles the invoice exactly', async () => {
    th = await moneyHost();
    const payer = member(th.host, '张三', { phone: '138 0000 0001' });
    const inv = invoice(th, payer, 30000);

    const first = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 10000, tendered: 10000 });
    expect(first.payment).toMatchObject({ amount: 10000, allocated: 10000, unallocated: 0, change: 0, staffName: 'Owner', date: '2026-03-02' });
    expect(first.payment.allocations).toEqual([{ invoiceId: inv.id, invoiceNumber: 'INV-2026-00001', amount: 10000, date: '2026-03-02', members: [] }]);
    expect(first.toCredit).toBe(0);
    expect(first.payer).toMatchObject({ balance: 20000, due: 20000, paidCredit: 0, bonusCredit: 0 });
    expect(first.payer.openInvoices).toEqual([
      { id: inv.id, number: 'INV-2026-00001', issueDate: '2026-03-02', dueDate: '2026-03-09', total: 30000, settled: 10000, balance: 20000, overdue: false, daysOverdue: 0, members: [] },
    ]);

    th.clock.setDate('2026-03-05');
    const second = await th.host.invoke('payments.record', { payerId: payer, method: 'wechat', amount: 20000, reference: 'WX-88' });
    expect(second.payment).toMatchObject({ method: 'wechat', reference: 'WX-88', tendered: null, change: null, allocated: 20000 });
    expect(second.payer).toMatchObject({ balance: 0, due: 0, paidCredit: 0, openInvoices: [] });
  });

  it('an overpayment becomes paid credit, applied to the next invoice when it is issued', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Li Lei');
    invoice(th, payer, 30000);
    const r = await th.host.invoke('payments.record', { payerId: payer, method: 'card', amount: 50000 });
    expect(r.payment).toMatchObject({ allocated: 30000, unallocated: 20000 });
    expect(r.toCredit).toBe(20000);
    expect(r.payer).toMatchObject({ balance: -20000, due: 0, paidCredit: 20000, bonusCredit: 0 });

    th.clock.setDate('2026-04-02');
    const next = invoice(th, payer, 15000);
    const money = await th.host.invoke('payments.payer', { memberId: payer });
    expect(money).toMatchObject({ balance: -5000, due: 0, paidCredit: 5000, openInvoices: [] });
    expect((await th.host.invoke('payments.get', { id: r.payment.id })).allocations.map((a) => [a.invoiceId, a.amount, a.date])).toEqual([
      [1, 30000, '2026-03-02'],
      [next.id, 15000, '2026-04-02'],
    ]);
  });

  it('settles the oldest invoice first, or the ones the clerk picks (then the oldest)', async () => {
    th = await moneyHost('2026-03-01');
    const payer = member(th.host, 'Wang Fang');
    const older = invoice(th, payer, 10000);
    th.clock.setDate('2026-03-02');
    const newer = invoice(th, payer, 8000);

    const auto = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 12000 });
    expect(auto.payment.allocations.map((a) => [a.invoiceNumber, a.amount])).toEqual([
      ['INV-2026-00001', 10000],
      ['INV-2026-00002', 2000],
    ]);

    th.clock.setDate('2026-03-03');
    const third = invoice(th, payer, 5000);
    const picked = await th.host.invoke('payments.record', {
      payerId: payer,
      method: 'alipay',
      amount: 7000,
      invoices: [{ invoiceId: third.id }, { invoiceId: newer.id, amount: 1000 }],
    });
    expect(picked.payment.allocations.map((a) => [a.invoiceId, a.amount])).toEqual([
      [third.id, 5000],
      [newer.id, 1000],
      // What is left goes, as all credit does, to the oldest open invoice.
      [newer.id, 1000],
    ]);
    expect(picked.payer).toMatchObject({ balance: 4000, due: 4000 });
    expect(picked.payer.openInvoices.map((i) => [i.id, i.balance])).toEqual([[newer.id, 4000]]);
    expect(older.id).toBe(1);
  });

  it('a top-up with a promotion (充值赠送) keeps the bonus apart: paid credit is used first, bonus after', async () => {
    th = await moneyHost();
    const payer = member(th.host, '赵敏');
    const promo = await th.host.invoke('promotions.create', { name: '充1000送200', minAmount: 100000, bonus: 20000 });
    const r = await th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'wechat', amount: 100000, promotionId: promo.id });
    expect(r).toMatchObject({ toCredit: 100000, bonus: 20000 });
    expect(r.payer).toMatchObject({ balance: -100000, paidCredit: 100000, bonusCredit: 20000 });

    th.clock.setDate('2026-03-10');
    invoice(th, payer, 110000);
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ balance: 0, due: 0, paidCredit: 0, bonusCredit: 10000 });
    // The bonus is never paid out.
    const refused = await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 100, reason: 'leaving' }));
    expect(refused).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', details: { refundable: 0, amount: 100, bonusCredit: 10000 } });
  });

  it('refuses a promotion below its threshold, on a payment that is not a top-up, or switched off', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Chen');
    const promo = await th.host.invoke('promotions.create', { name: 'Pay 1000 get 200', minAmount: 100000, bonus: 20000 });
    const before = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 99999, promotionId: promo.id }))).toMatchObject({
      code: 'PROMOTION_NOT_APPLICABLE',
      details: { minAmount: 100000 },
    });
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 100000, promotionId: promo.id }))).toMatchObject({
      code: 'PROMOTION_NOT_APPLICABLE',
    });
    await th.host.invoke('promotions.update', { ...promo, active: false });
    const after = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 100000, promotionId: promo.id }))).toMatchObject({
      code: 'PROMOTION_NOT_APPLICABLE',
    });
    expect(databaseHash(th.host.db)).toBe(after);
    expect(before).not.toBe(after);
  });

  it('cash: the change is tendered − amount; tendering too little, or tendering with a card, is refused', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Zhou');
    invoice(th, payer, 12345);
    const before = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 12345, tendered: 12000 }))).toMatchObject({
      code: 'TENDERED_TOO_LOW',
      details: { tendered: 12000, amount: 12345 },
    });
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, method: 'card', amount: 12345, tendered: 20000 }))).toMatchObject({
      code: 'TENDER_NOT_CASH',
    });
    expect(databaseHash(th.host.db)).toBe(before);
    const r = await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 12345, tendered: 20000 });
    expect([r.change, r.payment.tendered, r.payment.change]).toEqual([7655, 20000, 7655]);
  });
});

describe('bad input changes nothing', () => {
  it('zero, negative and fractional amounts are refused by the schema', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Sun');
    invoice(th, payer, 10000);
    const before = databaseHash(th.host.db);
    for (const [amount, message] of [
      [0, 'positive_amount'],
      [-500, 'positive_amount'],
      [12.5, 'invalid_amount'],
      [Number.NaN, 'invalid_amount'],
    ] as const) {
      const e = await failure(th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount }));
      expect(e.code).toBe('VALIDATION');
      expect(e.details?.['issues']).toEqual([expect.objectContaining({ path: 'amount', message })]);
    }
    const refund = await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 0, reason: 'x' }));
    expect(refund.details?.['issues']).toEqual([expect.objectContaining({ path: 'amount', message: 'positive_amount' })]);
    const noReason = await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 100, reason: '  ' }));
    expect(noReason.details?.['issues']).toEqual([expect.objectContaining({ path: 'reason', message: 'required' })]);
    const noPayment = await failure(th.host.invoke('refunds.create', { payerId: payer, source: 'payment', amount: 100, reason: 'x' }));
    expect(noPayment.details?.['issues']).toEqual([expect.objectContaining({ path: 'paymentId', message: 'required' })]);
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('refuses a void invoice, a paid one, another payer’s, a duplicate pick, and picks larger than the payment', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Qian');
    const other = member(th.host, 'Other');
    const voided = invoice(th, payer, 5000);
    const open = invoice(th, payer, 7000);
    const theirs = invoice(th, other, 3000);
    th.host.db.prepare("UPDATE invoices SET status = 'void', void_reason = 'billed twice', voided_at = '2026-03-02T01:00:00.000Z' WHERE id = ?").run(voided.id);
    await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 7000 });
    const before = databaseHash(th.host.db);
    const pay = (invoices: { invoiceId: number; amount?: number }[], amount = 1000) =>
      failure(th!.host.invoke('payments.record', { payerId: payer, method: 'cash', amount, invoices }));

    expect(await pay([{ invoiceId: voided.id }])).toMatchObject({ code: 'INVOICE_VOID', details: { invoiceId: voided.id } });
    expect(await pay([{ invoiceId: open.id }])).toMatchObject({ code: 'INVOICE_PAID' });
    expect(await pay([{ invoiceId: theirs.id }])).toMatchObject({ code: 'INVOICE_OTHER_PAYER' });
    expect(await pay([{ invoiceId: 999 }])).toMatchObject({ code: 'NOT_FOUND' });
    const dup = await pay([{ invoiceId: theirs.id }, { invoiceId: theirs.id }]);
    expect(dup.details?.['issues']).toEqual([expect.objectContaining({ path: 'invoices', message: 'duplicate_invoice' })]);
    const topupPick = await failure(th.host.invoke('payments.record', { payerId: payer, kind: 'topup', method: 'cash', amount: 100, invoices: [{ invoiceId: open.id }] }));
    expect(topupPick.details?.['issues']).toEqual([expect.objectContaining({ path: 'invoices', message: 'topup_no_invoices' })]);
    expect(databaseHash(th.host.db)).toBe(before);

    const fresh = invoice(th, payer, 4000);
    const hash = databaseHash(th.host.db);
    expect(await pay([{ invoiceId: fresh.id, amount: 4001 }], 5000)).toMatchObject({ code: 'ALLOCATION_EXCEEDS_BALANCE', details: { balance: 4000 } });
    expect(await pay([{ invoiceId: fresh.id, amount: 3000 }], 2000)).toMatchObject({ code: 'PAYMENT_TOO_LARGE', details: { allocated: 3000, amount: 2000 } });
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, method: 'bitcoin', amount: 100 }))).toMatchObject({
      code: 'PAYMENT_METHOD_UNKNOWN',
    });
    expect(await failure(th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 100, date: '2026-03-03' }))).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
    });
    expect(databaseHash(th.host.db)).toBe(hash);
  });

  it('a payment is never applied twice: a repeated request returns the first, and the schema refuses over-application', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Zheng');
    const inv = invoice(th, payer, 9000);
    const input = { requestId: 'b3c1e0f2-4d5e-4f60-8a7b-9c0d1e2f3a4b', payerId: payer, method: 'cash', amount: 9000 };
    const first = await th.host.invoke('payments.record', input);
    const before = databaseHash(th.host.db);
    const again = await th.host.invoke('payments.record', input);
    expect(again.replayed).toBe(true);
    expect(again.payment).toEqual(first.payment);
    expect(databaseHash(th.host.db)).toBe(before);

    // Below the services, the schema itself refuses applying the payment again or to a void invoice.
    const at = '2026-03-02T01:00:00.000Z';
    const second = invoice(th, payer, 9000);
    expect(() =>
      th!.host.db.prepare('INSERT INTO allocations (invoice_id, payment_id, amount, date, created_at) VALUES (?, ?, ?, ?, ?)').run(second.id, first.payment.id, 1, '2026-03-02', at),
    ).toThrow(/PAYMENT_OVERAPPLIED/);
    expect(() =>
      th!.host.db.prepare('INSERT INTO allocations (invoice_id, payment_id, amount, date, created_at) VALUES (?, ?, ?, ?, ?)').run(inv.id, first.payment.id, 1, '2026-03-02', at),
    ).toThrow(/ALLOCATION_EXCEEDS_BALANCE|PAYMENT_OVERAPPLIED/);
    expect(() => th!.host.db.prepare('UPDATE payments SET amount = 1 WHERE id = ?').run(first.payment.id)).toThrow(/PAYMENT_OVERAPPLIED/);
  });

  it('payments go to the account that is billed: a child paid for by a parent pays through the parent', async () => {
    th = await moneyHost();
    const parent = member(th.host, '王芳');
    const child = member(th.host, '王小明', { payerId: parent });
    invoice(th, parent, 6000);
    const money = await th.host.invoke('payments.payer', { memberId: child });
    expect(money).toMatchObject({ payerId: parent, payerName: '王芳', due: 6000 });
    expect(await failure(th.host.invoke('payments.record', { payerId: child, method: 'cash', amount: 6000 }))).toMatchObject({
      code: 'PAYER_INVALID',
      details: { payerId: parent },
    });
  });
});

describe('with the billing run', () => {
  it('credit from an overpayment is consumed by the next billing run, paid credit before bonus', async () => {
    th = await moneyHost('2026-03-02');
    const plan = await th.host.invoke('plans.create', { kind: 'recurring', name: 'Gold monthly', price: 30000, interval: 'month', taxRateBp: 0 });
    const m = await th.host.invoke('members.create', { name: '张三', phone: '13800000001' });
    const sale = await th.host.invoke('subscriptions.create', { memberId: m.id, planId: plan.id, startDate: '2026-03-02' });
    expect(sale.invoices.map((i) => [i.number, i.total])).toEqual([['INV-2026-00001', 30000]]);
    const promo = await th.host.invoke('promotions.create', { name: 'Pay 500 get 50', minAmount: 50000, bonus: 5000 });
    await th.host.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 40000 });
    const topup = await th.host.invoke('payments.record', { payerId: m.id, kind: 'topup', method: 'wechat', amount: 50000, promotionId: promo.id });
    expect(topup.payer).toMatchObject({ balance: -60000, due: 0, paidCredit: 60000, bonusCredit: 5000 });

    th.clock.setDate('2026-04-02');
    const run = await th.host.invoke('billing.run', {});
    expect(run).toMatchObject({ invoicesCreated: 1, amountTotal: 30000 });
    th.clock.setDate('2026-05-02');
    await th.host.invoke('billing.run', {});
    th.clock.setDate('2026-06-02');
    await th.host.invoke('billing.run', {});
    const money = await th.host.invoke('payments.payer', { memberId: m.id });
    // 90000 billed after the first month: 60000 paid credit, then 5000 bonus; 25000 still due.
    expect(money).toMatchObject({ balance: 25000, due: 25000, paidCredit: 0, bonusCredit: 0 });
    expect(money.openInvoices.map((i) => [i.number, i.balance])).toEqual([['INV-2026-00004', 25000]]);
    const third = await th.host.invoke('invoices.get', { id: 4 });
    expect(third.allocations.map((a) => [a.source, a.amount])).toEqual([['bonus', 5000]]);
    // Billing again creates nothing.
    expect(await th.host.invoke('billing.run', {})).toMatchObject({ invoicesCreated: 0 });
  });
});
