/**
 * The forecast is projected in memory (electron/books/reports/forecast.ts); the billing engine's dry run
 * is the reference. A business with every kind of future the engine plays out — discounts that run
 * out, a household, add-ons, weekly, calendar and yearly schedules, trials, fixed terms with and
 * without renewal, a scheduled freeze with its fee, an open freeze, a cancellation at period end and
 * a downgrade at period end — must forecast, month by month, what one preview a year ahead invoices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastDayOfMonth } from '../../../shared/dates';
import type { ForecastReport } from '../../../electron/contract/reports';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
let ann: number;
beforeAll(async () => {
  th = await makeHost({ startDate: '2026-01-10', setup: true });
  const host = th.host;
  await host.invoke('settings.update', { pricesIncludeTax: false, householdDiscountBp: 1000 });
  const plan = async (p: object) => (await host.invoke('plans.create', { kind: 'recurring', taxRateBp: 0, ...p } as never)).id;
  const gold = await plan({ name: 'Gold', price: 30000, interval: 'month', taxRateBp: 600, freezeFee: 2000, freezeDaysPerYear: 90 });
  const silver = await plan({ name: 'Silver', price: 20000, interval: 'month' });
  const weekly = await plan({ name: 'Weekly', price: 8000, interval: 'week' });
  const calendar = await plan({ name: 'Calendar', price: 25000, interval: 'month', alignment: 'calendar' });
  const yearly = await plan({ name: 'Year', price: 200000, interval: 'year' });
  const sixMonths = await plan({ name: 'Six months', price: 18000, interval: 'month', termPeriods: 6 });
  const renewing = await plan({ name: 'Renewing', price: 19000, interval: 'month', termPeriods: 3, autoRenew: true });
  const trial = await plan({ name: 'Trial', price: 21000, interval: 'month', trialDays: 14 });
  const flex = await plan({ name: 'Flex', price: 22000, interval: 'month', freezeDaysPerYear: 366 });
  const member = async (name: string, payerId: number | null = null) => (await host.invoke('members.create', { name, payerId })).id;
  const sub = async (memberId: number, planId: number, extra: object = {}) => {
    await host.invoke('subscriptions.create', { memberId, planId, ...extra } as never);
    return (await host.invoke('subscriptions.listByMember', { memberId }))[0]!.id;
  };
  ann = await member('Ann');
  await sub(ann, gold, { discount: { kind: 'percent', value: 1000, duration: 'repeating', periods: 3 } });
  await sub(await member('Bo'), weekly, { discount: { kind: 'fixed', value: 1000, duration: 'once' } });
  const cai = await sub(await member('Cai'), calendar);
  await host.invoke('subscriptions.addAddon', { id: cai, name: 'Locker', price: 5000, effectiveDate: '2026-02-01' });
  const dee = await member('Dee');
  await sub(dee, silver);
  await sub(await member('Dee junior', dee), silver);
  await sub(await member('Fay'), sixMonths);
  await sub(await member('Gus'), renewing);
  const hal = await sub(await member('Hal'), gold);
  await host.invoke('subscriptions.pause', { id: hal, effectiveDate: '2026-03-20', resumeDate: '2026-04-25' });
  const ida = await sub(await member('Ida'), silver);
  await host.invoke('subscriptions.cancel', { id: ida, mode: 'period_end' });
  const jon = await sub(await member('Jon'), gold);
  await host.invoke('subscriptions.changePlan', { id: jon, planId: silver, when: 'period_end' });
  await sub(await member('Kim'), trial);
  await sub(await member('Lea'), yearly, { discount: { kind: 'percent', value: 2000, duration: 'forever' } });
  const max = await sub(await member('Max'), flex);
  await host.invoke('subscriptions.pause', { id: max, effectiveDate: '2026-05-01', resumeDate: null });
  await sub(await member('Ned'), silver, { startDate: '2026-01-31' });
}, 120_000);
afterAll(() => th.close());

/** A preview a year ahead, its invoices counted in the month whose run issues them. */
async function reference(f: ForecastReport) {
  const preview = await th.host.invoke('billing.preview', { asOf: lastDayOfMonth(`${f.rows[11]!.month}-01`) });
  const byMonth = new Map<string, { invoices: number; total: number }>();
  for (const inv of preview.invoices) {
    const month = inv.issueDate.slice(0, 7) < f.rows[0]!.month ? f.rows[0]!.month : inv.issueDate.slice(0, 7);
    const m = byMonth.get(month) ?? { invoices: 0, total: 0 };
    byMonth.set(month, { invoices: m.invoices + 1, total: m.total + inv.total });
  }
  return { preview, rows: f.rows.map((r) => ({ month: r.month, ...(byMonth.get(r.month) ?? { invoices: 0, total: 0 }) })) };
}

describe('the forecast projected in memory', () => {
  it('is, month by month, what the billing engine would invoice', async () => {
    const f = await th.host.invoke('reports.forecast', {});
    const { preview, rows } = await reference(f);
    expect(f.rows.map((r) => ({ month: r.month, invoices: r.invoices, total: r.total }))).toEqual(rows);
    expect(f.rows[0]!.month).toBe('2026-01');
    // Every kind of line the engine would write is in the reference, so each path was compared.
    const kinds = new Set(preview.invoices.flatMap((i) => i.lines.map((l) => l.kind)));
    for (const k of ['period', 'discount', 'household_discount', 'addon', 'freeze_fee']) expect(kinds).toContain(k);
  });

  it('follows a change at the desk at once', async () => {
    const before = await th.host.invoke('reports.forecast', {});
    const subs = await th.host.invoke('subscriptions.listByMember', { memberId: ann });
    await th.host.invoke('subscriptions.cancel', { id: subs[0]!.id, mode: 'period_end' });
    const after = await th.host.invoke('reports.forecast', {});
    expect(after.totals.total).toBeLessThan(before.totals.total);
    expect(after.rows.map((r) => ({ month: r.month, invoices: r.invoices, total: r.total }))).toEqual((await reference(after)).rows);
  });
});
