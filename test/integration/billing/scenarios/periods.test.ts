import { afterEach, describe, expect, it } from 'vitest';
import { billing, billingAgainCreatesNothing, type Billing } from '../support';

let b: Billing | undefined;
afterEach(() => b?.close());

const period = (s: string, e: string, amount: number, name: string) => `period ${s}/${e} ${amount} = ${amount} + 0 | ${name}`;

describe('period dates', () => {
  it('anchor Jan 31 clamps to month ends and returns to the 31st, month by month across a leap year', async () => {
    b = await billing('2028-01-31');
    const m = await b.member('Month End');
    const plan = await b.plan({ name: 'Monthly', price: 10000 });
    await b.subscribe(m, plan);
    const starts = ['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31', '2028-06-30', '2028-07-31', '2028-08-31', '2028-09-30', '2028-10-31', '2028-11-30', '2028-12-31', '2029-01-31', '2029-02-28', '2029-03-31'];
    for (const d of starts.slice(1, -1)) {
      await b.runOn(d);
    }
    const invoices = await b.invoices();
    expect(invoices.map((i) => [i.number, i.issued, i.lines])).toEqual(
      starts.slice(0, -1).map((s, i) => [
        `INV-${s.slice(0, 4)}-${String(s.startsWith('2029') ? i - 11 : i + 1).padStart(5, '0')}`,
        s,
        [period(s, starts[i + 1]!, 10000, 'Monthly')],
      ]),
    );
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('weekly, calendar-aligned: a prorated stub to Monday, then Monday to Monday', async () => {
    b = await billing('2026-01-07'); // a Wednesday
    const m = await b.member('Weekly');
    const plan = await b.plan({ name: 'PT week', price: 10000, interval: 'week', alignment: 'calendar' });
    await b.subscribe(m, plan);
    await b.dailyTo('2026-01-26');
    expect((await b.invoices()).map((i) => [i.number, i.issued, i.due, i.lines])).toEqual([
      ['INV-2026-00001', '2026-01-07', '2026-01-14', [period('2026-01-07', '2026-01-12', 7143, 'PT week')]],
      ['INV-2026-00002', '2026-01-12', '2026-01-19', [period('2026-01-12', '2026-01-19', 10000, 'PT week')]],
      ['INV-2026-00003', '2026-01-19', '2026-01-26', [period('2026-01-19', '2026-01-26', 10000, 'PT week')]],
      ['INV-2026-00004', '2026-01-26', '2026-02-02', [period('2026-01-26', '2026-02-02', 10000, 'PT week')]],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('fortnightly anniversary plan: every 14 days from the start', async () => {
    b = await billing('2026-01-07');
    const m = await b.member('Fortnight');
    const plan = await b.plan({ name: 'Two weeks', price: 9000, interval: 'week', intervalCount: 2 });
    await b.subscribe(m, plan);
    await b.runOn('2026-02-04');
    expect((await b.invoices()).map((i) => i.lines[0])).toEqual([
      period('2026-01-07', '2026-01-21', 9000, 'Two weeks'),
      period('2026-01-21', '2026-02-04', 9000, 'Two weeks'),
      period('2026-02-04', '2026-02-18', 9000, 'Two weeks'),
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('yearly from Feb 29: Feb 28 in common years, back to Feb 29 in the next leap year', async () => {
    b = await billing('2024-02-29');
    const m = await b.member('Leap');
    const plan = await b.plan({ name: 'Annual', price: 365000, interval: 'year' });
    await b.subscribe(m, plan);
    for (const d of ['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']) await b.runOn(d);
    expect((await b.invoices()).map((i) => [i.number, i.lines[0]])).toEqual([
      ['INV-2024-00001', period('2024-02-29', '2025-02-28', 365000, 'Annual')],
      ['INV-2025-00001', period('2025-02-28', '2026-02-28', 365000, 'Annual')],
      ['INV-2026-00001', period('2026-02-28', '2027-02-28', 365000, 'Annual')],
      ['INV-2027-00001', period('2027-02-28', '2028-02-29', 365000, 'Annual')],
      ['INV-2028-00001', period('2028-02-29', '2029-02-28', 365000, 'Annual')],
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });

  it('quarterly calendar plan started mid-quarter: stub to Apr 1 prorated over the 90-day quarter', async () => {
    b = await billing('2026-02-15');
    const m = await b.member('Quarter');
    const plan = await b.plan({ name: 'Quarterly', price: 90000, intervalCount: 3, alignment: 'calendar' });
    await b.subscribe(m, plan);
    await b.runOn('2026-04-01');
    await b.runOn('2026-07-01');
    expect((await b.invoices()).map((i) => i.lines[0])).toEqual([
      period('2026-02-15', '2026-04-01', 45000, 'Quarterly'),
      period('2026-04-01', '2026-07-01', 90000, 'Quarterly'),
      period('2026-07-01', '2026-10-01', 90000, 'Quarterly'),
    ]);
    const again = await billingAgainCreatesNothing(b);
    expect(again.after).toEqual(again.before);
  });
});
