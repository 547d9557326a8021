/**
 * The revenue report's tax column nets the tax that credit notes gave back, as its "Invoiced" column nets their
 * amounts (found by an independent probe, session 13). Whole months read the month summary, part months the
 * records: both are checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { billing, type Billing } from '../billing/support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('tax in the revenue report', () => {
  it('a March credit note of 110.00 (100.00 + 10.00 tax) on a February invoice takes 10.00 off March’s tax', async () => {
    b = await billing('2026-02-10', { pricesIncludeTax: false });
    const h = b.th.host;
    const m = await b.member('Tao');
    await b.subscribe(m, await b.plan({ name: 'Gym', price: 10000, taxRateBp: 1000 }));
    await b.runOn('2026-03-10');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.total])).toEqual([['INV-2026-00001', '2026-02-10', 11000], ['INV-2026-00002', '2026-03-10', 11000]]);
    b.th.clock.setDate('2026-03-12');
    await h.invoke('creditNotes.create', { invoiceId: 1, lines: [{ invoiceLineId: 1 }], settlement: 'credit', reason: 'Goodwill' });
    const month = await h.invoke('reports.revenue', { from: '2026-02-01', to: '2026-03-31' });
    expect(month.rows.map((r) => [r.invoiced, r.credited, r.tax])).toEqual([[10000, 0, 1000], [0, 10000, 0]]);
    expect(month.totals).toMatchObject({ invoiced: 10000, credited: 10000, tax: 1000 });
    const part = await h.invoke('reports.revenue', { from: '2026-03-01', to: '2026-03-15' });
    expect(part.rows.map((r) => [r.invoiced, r.credited, r.tax])).toEqual([[0, 10000, 0]]);
    const before = await h.invoke('reports.revenue', { from: '2026-03-01', to: '2026-03-11' });
    expect(before.rows.map((r) => [r.invoiced, r.credited, r.tax])).toEqual([[10000, 0, 1000]]);
  });
});
