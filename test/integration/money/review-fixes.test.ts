/** Money review fixes: bonus forfeited on refund, voids released from other notes' credit, receipts, audit, closed today. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { invoice, member, moneyHost } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function topUpWithBonus(t: TestHost, payerId: number, amount = 100000) {
  const promo = await t.host.invoke('promotions.create', { name: 'Top up 1,000 get 200', minAmount: 100000, bonus: 20000 });
  return t.host.invoke('payments.record', { payerId, kind: 'topup', method: 'cash', amount, promotionId: promo.id });
}

describe('refunding a promoted top-up', () => {
  it('forfeits the refunded share of its unused bonus (half up), all of it once the whole top-up is back; audited', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Bo');
    const paid = await topUpWithBonus(th, payer);
    expect(paid.payer).toMatchObject({ paidCredit: 100000, bonusCredit: 20000 });
    const preview = { payerId: payer, source: 'payment' as const, paymentId: paid.payment.id };
    const hash = databaseHash(th.host.db);
    expect(await th.host.invoke('refunds.preview', { ...preview, amount: 33333 })).toEqual({ refundable: 100000, bonusForfeited: 6667 });
    expect(databaseHash(th.host.db)).toBe(hash);
    const first = await th.host.invoke('refunds.create', { ...preview, amount: 33333, reason: 'changed mind' });
    expect(first).toMatchObject({ total: 33333, bonusForfeited: 6667, payer: { paidCredit: 66667, bonusCredit: 13333 } });
    // The rest of the top-up takes the rest of the bonus: 20000 in all.
    expect(await th.host.invoke('refunds.preview', { ...preview, amount: 66667 })).toEqual({ refundable: 66667, bonusForfeited: 13333 });
    const rest = await th.host.invoke('refunds.create', { ...preview, amount: 66667, reason: 'moving away' });
    expect(rest).toMatchObject({ total: 66667, bonusForfeited: 13333, payer: { balance: 0, paidCredit: 0, bonusCredit: 0 } });
    const audit = await th.host.invoke('audit.query', { entity: 'bonus_grant', memberId: payer });
    expect(audit.rows.map((r) => [r.entityId, r.before, r.after])).toEqual([
      ['1', { available: 13333, payerId: payer }, { available: 0, forfeited: 13333, paymentId: paid.payment.id, payerId: payer }],
      ['1', { available: 20000, payerId: payer }, { available: 13333, forfeited: 6667, paymentId: paid.payment.id, payerId: payer }],
    ]);
  });

  it('a refund from account credit forfeits the bonus of the top-ups it draws on', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Cai');
    await topUpWithBonus(th, payer);
    const r = await th.host.invoke('refunds.create', { payerId: payer, source: 'credit', amount: 50000, reason: 'half back' });
    expect(r).toMatchObject({ total: 50000, bonusForfeited: 10000, payer: { paidCredit: 50000, bonusCredit: 10000 } });
  });

  it('bonus already spent is kept, but what is left is only what the kept money earned', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Du');
    const paid = await topUpWithBonus(th, payer);
    const a = invoice(th, payer, 60000); // 60000 of the top-up
    invoice(th, payer, 55000); // 40000 of the top-up, then 15000 of the bonus
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ paidCredit: 0, bonusCredit: 5000 });
    await th.host.invoke('payments.releaseAndVoid', { invoiceId: a.id, reason: 'sold by mistake' });
    expect(await th.host.invoke('payments.payer', { memberId: payer })).toMatchObject({ paidCredit: 60000, bonusCredit: 5000 });
    // 10000 back: the 90000 kept earned 18000 of bonus; 15000 spent, so 3000 stays usable and 2000 goes.
    const r = await th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 10000, reason: 'x' });
    expect(r).toMatchObject({ bonusForfeited: 2000, payer: { paidCredit: 50000, bonusCredit: 3000 } });
    // 30000 more: the 60000 kept earned 12000, less than the 15000 spent: nothing is left, nothing is clawed back.
    const more = await th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 30000, reason: 'x' });
    expect(more).toMatchObject({ bonusForfeited: 3000, payer: { paidCredit: 20000, bonusCredit: 0 } });
  });
});

describe('voiding an invoice settled by another invoice’s credit note', () => {
  it('releases the note’s credit like any source; an invoice with its own note is still refused; the voids are in the member’s audit', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Fan');
    const a = invoice(th, payer, 10000);
    const b = invoice(th, payer, 10000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'cash', amount: 10000, invoices: [{ invoiceId: a.id }] });
    const lineA = (await th.host.invoke('invoices.get', { id: a.id })).lines[0]!.id;
    await th.host.invoke('creditNotes.create', { invoiceId: a.id, lines: [{ invoiceLineId: lineA }], settlement: 'credit', reason: 'pause' });
    expect(await th.host.invoke('invoices.get', { id: b.id })).toMatchObject({ status: 'paid', allocations: [expect.objectContaining({ source: 'credit_note', sourceId: 1, amount: 10000 })] });

    const hash = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: a.id, reason: 'x' }))).toMatchObject({ code: 'INVOICE_SETTLED', details: { invoiceId: a.id, creditNotes: 1 } });
    expect(await failure(th.host.invoke('invoices.void', { id: a.id, reason: 'x' }))).toMatchObject({ code: 'INVOICE_SETTLED' });
    expect(databaseHash(th.host.db)).toBe(hash);

    const done = await th.host.invoke('payments.releaseAndVoid', { invoiceId: b.id, reason: 'billed twice' });
    expect(done).toMatchObject({ released: 10000, invoice: { status: 'void' }, payer: { paidCredit: 10000, due: 0 } });

    const voids = await th.host.invoke('audit.query', { memberId: payer, entity: 'invoice' });
    expect(voids.rows.filter((r) => (r.after as { status?: string }).status === 'void').map((r) => r.entityId)).toEqual([String(b.id)]);
    // The note's credit applied to B by the ledger was audited with the payer.
    const allocations = await th.host.invoke('audit.query', { memberId: payer, entity: 'allocation' });
    expect(allocations.rows.map((r) => r.after)).toContainEqual({ invoiceId: b.id, source: 'credit_note', sourceId: 1, amount: 10000, date: '2026-03-02', payerId: payer });
  });

  it('an unpaid invoice voided at the desk shows in the member’s audit', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Gao');
    const inv = invoice(th, payer, 5000);
    await th.host.invoke('invoices.void', { id: inv.id, reason: 'typo' });
    const rows = (await th.host.invoke('audit.query', { memberId: payer, entity: 'invoice' })).rows;
    expect(rows.map((r) => [r.entityId, r.before, r.after])).toContainEqual([
      String(inv.id),
      { status: 'open', payerId: payer },
      { status: 'void', reason: 'typo', payerId: payer },
    ]);
  });
});

describe('releaseAndVoid on a closed today', () => {
  it('is refused with DAY_CLOSED: the released credit would be applied on a closed day', async () => {
    th = await moneyHost('2026-03-01');
    const payer = member(th.host, 'He');
    const inv = invoice(th, payer, 8000);
    await th.host.invoke('payments.record', { payerId: payer, method: 'card', amount: 8000 });
    th.clock.setDate('2026-03-02');
    await th.host.invoke('closeout.close', { date: '2026-03-02', countedCash: 0 });
    const hash = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('payments.releaseAndVoid', { invoiceId: inv.id, reason: 'x' }))).toMatchObject({ code: 'DAY_CLOSED', details: { date: '2026-03-02' } });
    expect(databaseHash(th.host.db)).toBe(hash);
  });
});

describe('a receipt after a refund', () => {
  it('shows as account credit only what was neither applied nor refunded, reprinted or replayed', async () => {
    th = await moneyHost();
    const payer = member(th.host, 'Jin');
    const input = { requestId: 'pay-0001-abcdefgh', payerId: payer, kind: 'topup' as const, method: 'cash', amount: 50000 };
    const paid = await th.host.invoke('payments.record', input);
    await th.host.invoke('refunds.create', { payerId: payer, source: 'payment', paymentId: paid.payment.id, amount: 20000, reason: 'x' });
    expect((await th.host.invoke('payments.record', input)).toCredit).toBe(30000);
    const doc = await th.host.invoke('documents.render', { kind: 'receipt', id: paid.payment.id, locale: 'en' });
    expect(words(doc.html)).toContain('To credit ¥300.00');
  });
});
