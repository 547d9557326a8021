/**
 * Only paid credit is ever refunded. A credit note on an invoice that bonus credit (充值赠送) helped pay gives
 * the bonus's share back as bonus credit, never as money: "top up 1,000.00, get 200.00", a 1,200.00 card paid
 * 1,000.00 + 200.00 bonus, cancelled on its first day, leaves 1,000.00 refundable and 200.00 of bonus.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bonusGivenBack } from '../../../electron/money/ledger/ledger';
import { databaseHash, failure } from '../../support/host';
import { billing, type Billing } from '../billing/support';

let b: Billing | undefined;
afterEach(() => b?.close());

/** A payer who topped up 1,000.00 (bonus 200.00) and bought a monthly card of `price` from it on 2026-03-02. */
async function toppedUpAndSold(price: number) {
  b = await billing('2026-03-02');
  const h = b.th.host;
  const p = await b.member('Pat');
  const promo = await h.invoke('promotions.create', { name: '1000+200', minAmount: 100000, bonus: 20000 });
  await h.invoke('payments.record', { payerId: p, kind: 'topup', method: 'cash', amount: 100000, promotionId: promo.id });
  const plan = await b.plan({ name: 'Gym', price });
  const sale = await h.invoke('subscriptions.create', { memberId: p, planId: plan });
  return { h, p, sub: sale.subscription.id, invoice: sale.invoices[0]! };
}

type Grant = { payer_id: number; payment_id: number | null; credit_note_id: number | null; date: string; amount: number; reason: string };
const grants = () =>
  b!.th.host.db.prepare<[], Grant>('SELECT payer_id, payment_id, credit_note_id, date, amount, reason FROM bonus_grants ORDER BY id').all();

describe('a credit note on an invoice bonus credit helped pay', () => {
  it('cancelled on its first day, kept as credit: 1,000.00 paid credit (refundable), 200.00 bonus back (not)', async () => {
    const { h, p, sub, invoice } = await toppedUpAndSold(120000);
    expect(await h.invoke('invoices.get', { id: invoice.id })).toMatchObject({ total: 120000, settled: 120000, status: 'paid' });
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-03-02', settlement: 'credit' });
    expect(b!.creditNotes().map((c) => [c.number, c.total, c.settlement])).toEqual([['CN-2026-00001', 120000, 'credit']]);
    expect(grants()).toEqual([
      { payer_id: p, payment_id: 1, credit_note_id: null, date: '2026-03-02', amount: 20000, reason: '1000+200' },
      { payer_id: p, payment_id: null, credit_note_id: 1, date: '2026-03-02', amount: 20000, reason: 'CN-2026-00001' },
    ]);
    // The signed balance is what is owed less paid credit: the bonus back is bonus credit, not money (session 14).
    expect(await b!.balance(p)).toMatchObject({ invoiced: 120000, credited: 120000, paid: 100000, bonusApplied: 20000, balance: -100000, paidCredit: 100000, bonusCredit: 20000, credit: 120000 });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('refunds.create', { payerId: p, source: 'credit', method: 'cash', amount: 100001, reason: 'Leaving' })))
      .toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE' });
    expect(databaseHash(h.db)).toBe(hash);
    await h.invoke('refunds.create', { payerId: p, source: 'credit', method: 'cash', amount: 100000, reason: 'Leaving' });
    expect(await b!.balance(p)).toMatchObject({ refunded: 100000, balance: 0, paidCredit: 0, bonusCredit: 20000 });
  });

  it('cancelled with a refund: the cash refund is the paid part only; the bonus part is bonus credit again', async () => {
    const { h, p, sub } = await toppedUpAndSold(120000);
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-03-02', settlement: 'refund', refundMethod: 'cash' });
    expect(h.db.prepare('SELECT credit_note_id, method, amount FROM refunds').all()).toEqual([{ credit_note_id: 1, method: 'cash', amount: 100000 }]);
    expect(await b!.balance(p)).toMatchObject({ credited: 120000, refunded: 100000, paidCredit: 0, bonusCredit: 20000 });
  });

  it('part of the period: the unused days give back the bonus’s share of what they free (15 of 31 days of 1,240.00)', async () => {
    const { h, p, sub } = await toppedUpAndSold(124000);
    // 1,240.00 paid 1,000.00 + 200.00 bonus, 40.00 still open. Cancelled from Mar 18: 15 of 31 days unused = 600.00.
    expect(await h.invoke('invoices.get', { id: 1 })).toMatchObject({ settled: 120000, balance: 4000 });
    b!.th.clock.setDate('2026-03-17');
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'credit' });
    // 40.00 of the note settles the open balance; of the 560.00 left, bonus paid 200/1200: 93.33 → 9333.
    expect(b!.creditNotes().map((c) => c.total)).toEqual([60000]);
    expect(grants()).toContainEqual({ payer_id: p, payment_id: null, credit_note_id: 1, date: '2026-03-17', amount: 9333, reason: 'CN-2026-00001' });
    expect(await b!.balance(p)).toMatchObject({ due: 0, paidCredit: 46667, bonusCredit: 9333 });
  });

  it('several notes on one invoice never give back more bonus than paid it, rounding included', async () => {
    const { h, p, invoice } = await toppedUpAndSold(120000);
    const line = invoice.lines[0]!.id;
    // 333.00 × 200/1200 = 55.50 → 5550; then 867.00 × 200/1200 = 144.50 → 14450, capped at what is left: 14450.
    await h.invoke('creditNotes.create', { invoiceId: invoice.id, lines: [{ invoiceLineId: line, amount: 33300 }], settlement: 'credit', reason: 'Goodwill' });
    await h.invoke('creditNotes.create', { invoiceId: invoice.id, lines: [{ invoiceLineId: line, amount: 86700 }], settlement: 'credit', reason: 'Moved away' });
    expect(grants().filter((g) => g.credit_note_id !== null).map((g) => [g.credit_note_id, g.amount])).toEqual([[1, 5550], [2, 14450]]);
    expect(await b!.balance(p)).toMatchObject({ paidCredit: 100000, bonusCredit: 20000 });
  });

  it('an invoice no bonus paid gives nothing back as bonus (the note is paid credit, as before)', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const p = await b.member('Quinn');
    const plan = await b.plan({ name: 'Gym', price: 31000 });
    await b.subscribe(p, plan);
    b.pay(p, 31000, '2026-03-02');
    await h.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1 }], settlement: 'credit', reason: 'Goodwill' });
    expect(grants()).toEqual([]);
    expect(await b.balance(p)).toMatchObject({ paidCredit: 31000, bonusCredit: 0 });
  });

  it('the day close counts only bonus earned by top-ups; the books count bonus spent less bonus given back', async () => {
    const { h, sub } = await toppedUpAndSold(120000);
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-03-02', settlement: 'credit' });
    const close = await h.invoke('closeout.day', { date: '2026-03-02' });
    expect(close).toMatchObject({ bonusGranted: 20000 });
    // 200.00 spent on the card, 200.00 given back the same day: no discount was received.
    const rev = await h.invoke('reports.revenue', { from: '2026-03-01', to: '2026-03-31' });
    expect(rev.totals).toMatchObject({ bonusUsed: 0 });
  });

  it('the database refuses a note giving back more than its total, and a refund of the part given back as bonus', async () => {
    const { h, p, sub } = await toppedUpAndSold(120000);
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-03-02', settlement: 'credit' });
    const grant = h.db.prepare("INSERT INTO bonus_grants (payer_id, payment_id, credit_note_id, date, amount, reason, created_at) VALUES (?, NULL, 1, '2026-03-02', ?, 'x', 'now')");
    expect(() => grant.run(p, 100001)).toThrow(/CREDIT_OVERAPPLIED/);
    expect(() => h.db.prepare("INSERT INTO refunds (payer_id, payment_id, credit_note_id, date, method, amount, reason, staff_id, staff_name, created_at) VALUES (?, NULL, 1, '2026-03-02', 'cash', 100001, 'x', NULL, '', 'now')").run(p))
      .toThrow(/REFUND_EXCEEDS_REFUNDABLE/);
    expect(() => h.db.prepare("INSERT INTO bonus_grants (payer_id, payment_id, credit_note_id, date, amount, reason, created_at) VALUES (?, 1, 1, '2026-03-02', 1, 'x', 'now')").run(p))
      .toThrow(/BONUS_ONE_SOURCE/);
    expect(() => h.db.prepare('UPDATE bonus_grants SET credit_note_id = NULL WHERE credit_note_id = 1').run()).toThrow(/BONUS_ONE_SOURCE/);
  });
});

describe('bonusGivenBack (plain values)', () => {
  it('is the bonus’s share of the excess, half up, within what is left and the excess', () => {
    expect(bonusGivenBack(60000, { paid: 120000, bonus: 20000, returned: 0 })).toBe(10000);
    expect(bonusGivenBack(33300, { paid: 120000, bonus: 20000, returned: 0 })).toBe(5550);
    expect(bonusGivenBack(100, { paid: 700, bonus: 200, returned: 0 })).toBe(29);
    expect(bonusGivenBack(3, { paid: 4, bonus: 4, returned: 0 })).toBe(3);
    expect(bonusGivenBack(86700, { paid: 120000, bonus: 20000, returned: 5550 })).toBe(14450);
    expect(bonusGivenBack(90000, { paid: 120000, bonus: 20000, returned: 5550 })).toBe(14450);
    expect(bonusGivenBack(0, { paid: 120000, bonus: 20000, returned: 0 })).toBe(0);
    expect(bonusGivenBack(500, { paid: 0, bonus: 0, returned: 0 })).toBe(0);
    expect(bonusGivenBack(500, { paid: 1000, bonus: 0, returned: 0 })).toBe(0);
  });
});

describe('the revenue report takes the bonus off without its tax', () => {
  it('a 1,200.00 card with 6 % tax included, paid 1,000.00 + 200.00 bonus: 188.68 of bonus comes off the net revenue', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    await h.invoke('settings.update', { pricesIncludeTax: true });
    const p = await b.member('Pat');
    const promo = await h.invoke('promotions.create', { name: '1000+200', minAmount: 100000, bonus: 20000 });
    await h.invoke('payments.record', { payerId: p, kind: 'topup', method: 'cash', amount: 100000, promotionId: promo.id });
    const plan = await b.plan({ name: 'Gym', price: 120000, taxRateBp: 600 });
    const sale = await h.invoke('subscriptions.create', { memberId: p, planId: plan });
    // 1,200.00 with 6 % included: 1,132.08 + 67.92 tax. The bonus paid 200.00 of it: 200 × 1132.08 / 1200 = 188.68.
    expect(sale.invoices[0]).toMatchObject({ subtotal: 113208, taxTotal: 6792, total: 120000, settled: 120000 });
    const march = await h.invoke('reports.revenue', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.totals.bonusUsed).toBe(18868);
    expect(march.totals.netRevenue).toBe(march.totals.recognised - 18868);
    // Cancelled on its first day: the note gives the bonus back and takes it off the month again.
    await h.invoke('subscriptions.cancel', { id: sale.subscription!.id, mode: 'now', effectiveDate: '2026-03-02', settlement: 'credit' });
    expect((await h.invoke('reports.revenue', { from: '2026-03-01', to: '2026-03-31' })).totals).toMatchObject({ bonusUsed: 0, recognised: 0, netRevenue: 0 });
  });
});
