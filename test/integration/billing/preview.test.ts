import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash } from '../../support/host';
import { billing, type Billing } from './support';

let b: Billing | undefined;
afterEach(() => b?.close());

describe('preview and forecast', () => {
  it('preview runs the real billing in a rolled-back transaction: it changes nothing and matches the run', async () => {
    b = await billing('2026-01-05', { householdDiscountBp: 1000 });
    const mum = await b.member('Mum');
    const kid = await b.member('Kid', mum);
    const plan = await b.plan({ name: 'Gym', price: 30000, freezeDaysPerYear: 366 });
    await b.subscribe(mum, plan);
    const k = await b.subscribe(kid, plan, { startDate: '2026-01-20' });
    await b.th.host.invoke('subscriptions.pause', { id: k, effectiveDate: '2026-02-25', resumeDate: '2026-03-10' });
    const hash = databaseHash(b.th.host.db);
    const preview = await b.th.host.invoke('billing.preview', { asOf: '2026-03-10' });
    expect(databaseHash(b.th.host.db)).toBe(hash);
    expect(preview.asOf).toBe('2026-03-10');
    expect(preview.invoices.map((i) => [i.payerName, i.issueDate, i.dueDate, i.total, i.lines.map((l) => `${l.kind} ${l.periodStart}/${l.periodEnd} ${l.amount}`)])).toEqual([
      ['Mum', '2026-01-20', '2026-01-27', 27000, ['period 2026-01-20/2026-02-20 30000', 'household_discount 2026-01-20/2026-02-20 -3000']],
      ['Mum', '2026-02-05', '2026-02-12', 30000, ['period 2026-02-05/2026-03-05 30000']],
      // the kid's period is cut by the pause on Feb 25 (5 of 28 days) …
      ['Mum', '2026-02-20', '2026-02-27', 4821, ['period 2026-02-20/2026-02-25 5357', 'household_discount 2026-02-20/2026-02-25 -536']],
      ['Mum', '2026-03-05', '2026-03-12', 30000, ['period 2026-03-05/2026-04-05 30000']],
      // … and resumes on Mar 10 to the anchor (10 of 28 days)
      ['Mum', '2026-03-10', '2026-03-17', 9643, ['period 2026-03-10/2026-03-20 10714', 'household_discount 2026-03-10/2026-03-20 -1071']],
    ]);
    expect([preview.count, preview.total]).toEqual([5, preview.invoices.reduce((s, i) => s + i.total, 0)]);
    // The run does exactly what the preview showed.
    await b.runOn('2026-03-10');
    const real = (await b.invoices()).filter((i) => i.issued >= '2026-01-20');
    expect(real.map((i) => [i.issued, i.total])).toEqual(preview.invoices.map((i) => [i.issueDate, i.total]));
  });

  it('forecast sums month by month what runs would invoice, respecting cancellations and fixed terms, and changes nothing', async () => {
    b = await billing('2026-01-05');
    const [p, q] = [await b.member('P'), await b.member('Q')];
    const gym = await b.plan({ name: 'Gym', price: 30000 });
    const term = await b.plan({ name: '2 months', price: 20000, termPeriods: 2 });
    const s = await b.subscribe(p, gym);
    await b.subscribe(q, term);
    await b.th.host.invoke('subscriptions.cancel', { id: s }); // ends Feb 5
    // The reports keep derived facts up to date first; the projection itself writes nothing.
    await b.th.host.invoke('reports.forecast', {});
    const hash = databaseHash(b.th.host.db);
    const f = await b.th.host.invoke('reports.forecast', {});
    expect(databaseHash(b.th.host.db)).toBe(hash);
    expect(f.rows.slice(0, 4).map((r) => ({ month: r.month, invoices: r.invoices, total: r.total }))).toEqual([
      { month: '2026-01', invoices: 0, total: 0 },
      { month: '2026-02', invoices: 1, total: 20000 },
      { month: '2026-03', invoices: 0, total: 0 },
      { month: '2026-04', invoices: 0, total: 0 },
    ]);
  });
});
