import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure } from '../../../support/host';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('void', () => {
  it('a voided invoice keeps its number, leaves the balance, and its period is never billed again', async () => {
    b = await billing('2026-01-05');
    const m = await b.member('Vic');
    const plan = await b.plan({ name: 'Gym', price: 30000 });
    await b.subscribe(m, plan);
    b.pay(m, 30000, '2026-01-05');
    await b.runOn('2026-02-05');
    const hash = databaseHash(b.th.host.db);
    expect((await failure(b.th.host.invoke('invoices.void', { id: 1, reason: 'typo' }))).code).toBe('INVOICE_SETTLED');
    expect(databaseHash(b.th.host.db)).toBe(hash);
    const v = await b.th.host.invoke('invoices.void', { id: 2, reason: 'Member was travelling' });
    expect(v).toMatchObject({ number: 'INV-2026-00002', status: 'void', balance: 0, voidReason: 'Member was travelling', overdue: false });
    expect((await failure(b.th.host.invoke('invoices.void', { id: 2, reason: 'again' }))).code).toBe('INVOICE_VOID');
    expect((await failure(b.th.host.invoke('creditNotes.create', { invoiceId: 2, lines: [{ invoiceLineId: 2 }], settlement: 'credit', reason: 'x' }))).code).toBe('INVOICE_VOID');
    await b.runOn('2026-02-06');
    await b.runOn('2026-03-05');
    expect((await b.invoices()).map((i) => [i.number, i.status, i.total, i.lines[0]])).toEqual([
      ['INV-2026-00001', 'paid', 30000, 'period 2026-01-05/2026-02-05 30000 = 30000 + 0 | Gym'],
      ['INV-2026-00002', 'void', 30000, 'period 2026-02-05/2026-03-05 30000 = 30000 + 0 | Gym'],
      ['INV-2026-00003', 'open', 30000, 'period 2026-03-05/2026-04-05 30000 = 30000 + 0 | Gym'],
    ]);
    expect(await b.balance(m)).toMatchObject({ invoiced: 60000, paid: 30000, balance: 30000, due: 30000 });
    expect((await b.th.host.invoke('invoices.list', { status: 'void' })).rows.map((r) => r.number)).toEqual(['INV-2026-00002']);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
