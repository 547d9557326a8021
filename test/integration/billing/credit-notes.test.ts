import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../support/host';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('credit notes at the desk', () => {
  it('credits part of a line, then the rest, never more; refunds pay out what the invoice no longer needs', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Cora');
    const plan = await b.plan({ name: 'Gym', price: 30000, taxRateBp: 600, setupFee: 5000 });
    await b.subscribe(m, plan);
    const inv = await b.th.host.invoke('invoices.get', { id: 1 });
    expect(inv.lines.map((l) => [l.id, l.kind, l.net, l.tax, l.gross])).toEqual([[1, 'setup_fee', 5000, 300, 5300], [2, 'period', 30000, 1800, 31800]]);
    const part = await b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 2, amount: 10600 }], settlement: 'credit', reason: 'Goodwill' });
    expect(part).toMatchObject({ number: 'CN-2026-00001', invoiceId: 1, subtotal: 10000, taxTotal: 600, total: 10600, settlement: 'credit' });
    expect(part.lines).toEqual([{ id: 1, position: 1, invoiceLineId: 2, subscriptionId: 1, description: 'Gym', periodStart: '2026-01-05', periodEnd: '2026-02-05', taxRateBp: 600, net: 10000, tax: 600, gross: 10600 }]);
    expect(await b.th.host.invoke('invoices.get', { id: 1 })).toMatchObject({ settled: 10600, balance: 26500, status: 'partly_paid' });
    const hash = databaseHash(b.th.host.db);
    const err = await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 2, amount: 21201 }], settlement: 'credit', reason: 'Too much' }));
    expect(err).toMatchObject({ code: 'CREDIT_EXCEEDS_LINE', details: { invoiceLineId: 2, left: 21200, requested: 21201 } });
    expect((await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 2, amount: 21200 }, { invoiceLineId: 2, amount: 1 }], settlement: 'credit', reason: 'Twice' }))).code).toBe('CREDIT_EXCEEDS_LINE');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    b.pay(m, 26500, '2026-01-06');
    const rest = await b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 2 }], settlement: 'refund', refundMethod: 'wechat', reason: 'Moved away' });
    expect(rest).toMatchObject({ number: 'CN-2026-00002', subtotal: 20000, taxTotal: 1200, total: 21200, settlement: 'refund' });
    expect(b.th.host.db.prepare('SELECT credit_note_id, method, amount FROM refunds').all()).toEqual([{ credit_note_id: 2, method: 'wechat', amount: 21200 }]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 37100, credited: 31800, paid: 26500, refunded: 21200, balance: 0, due: 0, paidCredit: 0 });
    expect((await b.th.host.invoke('creditNotes.listByPayer', { payerId: m })).map((c) => c.number)).toEqual(['CN-2026-00002', 'CN-2026-00001']);
    expect((await b.th.host.invoke('creditNotes.get', { id: 2 })).lines[0]).toMatchObject({ net: 20000, tax: 1200, gross: 21200 });
  });

  it('a credit never gives back more than the invoice charged: a line is worth its gross less its share of the discount', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Dora');
    const plan = await b.plan({ name: 'Gym', price: 10000, taxRateBp: 0 });
    await b.subscribe(m, plan, { discount: { kind: 'fixed', value: 2000, duration: 'forever' } });
    const inv = await b.th.host.invoke('invoices.get', { id: 1 });
    expect(inv.lines.map((l) => [l.id, l.kind, l.gross])).toEqual([[1, 'period', 10000], [2, 'discount', -2000]]);
    expect(inv.total).toBe(8000);
    expect(await b.th.host.invoke('creditNotes.limits', { invoiceId: 1 })).toEqual({ invoiceId: 1, invoiceLeft: 8000, lines: [{ invoiceLineId: 1, left: 8000 }] });
    b.pay(m, 8000, '2026-01-05');
    const hash = databaseHash(b.th.host.db);
    // Crediting the whole period line once gave back 10000 on an invoice that charged 8000.
    expect(await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1, amount: 8001 }], settlement: 'refund', refundMethod: 'cash', reason: 'Too much' })))
      .toMatchObject({ code: 'CREDIT_EXCEEDS_LINE', details: { invoiceLineId: 1, left: 8000, requested: 8001 } });
    expect(await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 2 }], settlement: 'credit', reason: 'The discount' })))
      .toMatchObject({ code: 'CREDIT_EXCEEDS_LINE', details: { invoiceLineId: 2, left: 0 } });
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const cn = await b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1 }], settlement: 'refund', refundMethod: 'cash', reason: 'Moved away' });
    expect(cn).toMatchObject({ total: 8000, subtotal: 8000, taxTotal: 0 });
    expect(b.th.host.db.prepare('SELECT credit_note_id, method, amount FROM refunds').all()).toEqual([{ credit_note_id: 1, method: 'cash', amount: 8000 }]);
    expect(await b.th.host.invoke('creditNotes.limits', { invoiceId: 1 })).toEqual({ invoiceId: 1, invoiceLeft: 0, lines: [{ invoiceLineId: 1, left: 0 }] });
    expect(await b.balance(m)).toMatchObject({ invoiced: 8000, credited: 8000, paid: 8000, refunded: 8000, balance: 0 });
  });

  it('notes on one invoice never add up to more than its total (CREDIT_EXCEEDS_INVOICE), whatever credited it before', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Eli');
    const plan = await b.plan({ name: 'Gym', price: 10000, taxRateBp: 0 });
    await b.subscribe(m, plan);
    // A note without lines of this invoice (as a cancellation's may be) already took 7000 of its 10000.
    b.th.host.db.prepare("INSERT INTO credit_notes (number, payer_id, invoice_id, issue_date, reason, subtotal, tax_total, total, settlement, created_at) VALUES ('CN-X', ?, 1, '2026-01-05', 'earlier', 7000, 0, 7000, 'credit', '2026-01-05T00:00:00Z')").run(m);
    b.th.host.db.prepare("INSERT INTO credit_note_lines (credit_note_id, position, invoice_line_id, description, tax_rate_bp, net, tax, gross) VALUES (1, 1, NULL, 'earlier', 0, 7000, 0, 7000)").run();
    expect(await b.th.host.invoke('creditNotes.limits', { invoiceId: 1 })).toEqual({ invoiceId: 1, invoiceLeft: 3000, lines: [{ invoiceLineId: 1, left: 10000 }] });
    const hash = databaseHash(b.th.host.db);
    expect(await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1, amount: 3001 }], settlement: 'credit', reason: 'Goodwill' })))
      .toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', details: { invoiceId: 1, left: 3000, requested: 3001 } });
    expect(databaseHash(b.th.host.db)).toBe(hash);
    expect(await b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1, amount: 3000 }], settlement: 'credit', reason: 'Goodwill' })).toMatchObject({ total: 3000 });
  });

  it('a refund by credit note takes an active payment method only, and records who gave it', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Fay');
    const plan = await b.plan({ name: 'Gym', price: 10000, taxRateBp: 0 });
    const sub = await b.subscribe(m, plan);
    b.pay(m, 10000, '2026-01-05');
    await b.th.host.invoke('paymentMethods.update', { code: 'alipay', active: false });
    const hash = databaseHash(b.th.host.db);
    for (const refundMethod of ['bitcoin', 'alipay']) {
      expect(await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1, amount: 1000 }], settlement: 'refund', refundMethod, reason: 'x' })))
        .toMatchObject({ code: 'PAYMENT_METHOD_UNKNOWN', details: { method: refundMethod } });
      // The same check on a cancellation refunded at once.
      expect(await failure(b.th.host.invoke('subscriptions.cancel', { id: sub, mode: 'now', settlement: 'refund', refundMethod })))
        .toMatchObject({ code: 'PAYMENT_METHOD_UNKNOWN', details: { method: refundMethod } });
    }
    expect(databaseHash(b.th.host.db)).toBe(hash);
    await b.th.host.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1, amount: 1000 }], settlement: 'refund', refundMethod: 'wechat', reason: 'Goodwill' });
    const owner = b.th.host.db.prepare<[], { id: number }>("SELECT id FROM staff WHERE name = 'Owner'").get()!;
    expect(b.th.host.db.prepare('SELECT credit_note_id, method, amount, staff_id, staff_name FROM refunds').all())
      .toEqual([{ credit_note_id: 1, method: 'wechat', amount: 1000, staff_id: owner.id, staff_name: 'Owner' }]);
  });

  it('a credit note is refused while the clock is behind the last run (CLOCK_BEHIND): its number would come before earlier documents', async () => {
    b = await billing('2026-01-05', { pricesIncludeTax: false });
    const m = await b.member('Gus');
    const plan = await b.plan({ name: 'Gym', price: 30000, taxRateBp: 0 });
    await b.subscribe(m, plan);
    await b.runOn('2026-03-10');
    const first = await b.th.host.invoke('creditNotes.create', { invoiceId: 3, lines: [{ invoiceLineId: 3, amount: 1000 }], settlement: 'credit', reason: 'Goodwill' });
    expect(first).toMatchObject({ number: 'CN-2026-00001', issueDate: '2026-03-10' });
    b.th.clock.setDate('2026-03-01');
    const hash = databaseHash(b.th.host.db);
    expect(await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 3, lines: [{ invoiceLineId: 3, amount: 1000 }], settlement: 'credit', reason: 'Again' })))
      .toMatchObject({ code: 'CLOCK_BEHIND', details: { today: '2026-03-01', lastRun: '2026-03-10' } });
    expect(databaseHash(b.th.host.db)).toBe(hash);
    // Back on the run's day, the next note follows in number and date.
    b.th.clock.setDate('2026-03-10');
    expect(await b.th.host.invoke('creditNotes.create', { invoiceId: 3, lines: [{ invoiceLineId: 3, amount: 1000 }], settlement: 'credit', reason: 'Again' }))
      .toMatchObject({ number: 'CN-2026-00002', issueDate: '2026-03-10' });
  });

  it('an add-on line a cancellation credited (on the period invoice’s note) cannot be credited again on its own invoice, nor that invoice voided', async () => {
    b = await billing('2026-03-02');
    const h = b.th.host;
    const p = await b.member('Pat');
    const sub = await b.subscribe(p, await b.plan({ name: 'Gym', price: 31000 }));
    b.pay(p, 31000, '2026-03-02');
    b.th.clock.setDate('2026-03-10');
    // Mar 10 – Apr 2: 23 of 31 days of 31.00 = 23.00 on INV-00002, paid.
    await h.invoke('subscriptions.addAddon', { id: sub, name: 'Locker', price: 3100 });
    const inv2 = await h.invoke('invoices.get', { id: 2 });
    expect(inv2.lines.map((l) => [l.kind, l.gross])).toEqual([['addon', 2300]]);
    b.pay(p, 2300, '2026-03-10');
    // Cancelled from Mar 12: 21 days of Gym (21000) and of the locker (2100), on one note written against INV-00001.
    await h.invoke('subscriptions.cancel', { id: sub, mode: 'now', effectiveDate: '2026-03-12', settlement: 'credit' });
    expect(b.creditNotes().map((c) => [c.number, c.invoice, c.total])).toEqual([['CN-2026-00001', 'INV-2026-00001', 23100]]);
    // What is left to credit on INV-00002's locker line: 23.00 − 21.00.
    expect(await h.invoke('creditNotes.limits', { invoiceId: 2 })).toEqual({ invoiceId: 2, invoiceLeft: 200, lines: [{ invoiceLineId: inv2.lines[0]!.id, left: 200 }] });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('creditNotes.create', { invoiceId: 2, lines: [{ invoiceLineId: inv2.lines[0]!.id, amount: 2300 }], settlement: 'refund', refundMethod: 'cash', reason: 'again' })))
      .toMatchObject({ code: 'CREDIT_EXCEEDS_LINE', details: { left: 200, requested: 2300 } });
    expect(databaseHash(h.db)).toBe(hash);
    expect(await failure(h.invoke('invoices.void', { id: 2, reason: 'mistake' }))).toMatchObject({ code: 'INVOICE_SETTLED' });
    expect(databaseHash(h.db)).toBe(hash);
    // The 2.00 still left may be credited, once.
    expect((await h.invoke('creditNotes.create', { invoiceId: 2, lines: [{ invoiceLineId: inv2.lines[0]!.id }], settlement: 'credit', reason: 'rest' })).total).toBe(200);
    expect((await failure(h.invoke('creditNotes.create', { invoiceId: 2, lines: [{ invoiceLineId: inv2.lines[0]!.id, amount: 1 }], settlement: 'credit', reason: 'more' }))).code).toBe('CREDIT_EXCEEDS_LINE');
  });
});
