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
});
