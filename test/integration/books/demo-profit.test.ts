/**
 * The sample business the app offers ("Explore with sample data": its own seed and size, built over the
 * two years up to today) reads as a plausible gym that makes money, in its own reports over the last
 * 12 months — the range the Reports screen opens on: money received beats what was spent, what it
 * earned beats what it spent, income per member is a gym's, and members leave at a believable rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBusiness } from '../../../electron/host/demo/generate';
import { DEMO_SIZE } from '../../../electron/host/demo/folder';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
/** The last 12 months, as the Reports screen's default range on 2026-12-07. */
const range = { from: '2025-12-01', to: '2026-12-07' };

beforeAll(async () => {
  th = await makeHost({ startDate: '2024-12-07', signIn: false });
  await generateDemoBusiness(th.host, th.clock, { ...DEMO_SIZE, locale: 'zh-CN' });
}, 600_000);
afterAll(() => th.close());

describe('the sample business makes money in its own reports', () => {
  it('takes in more cash than it pays out over the last 12 months, and ends with money left over', async () => {
    const cash = await th.host.invoke('reports.cashflow', range);
    expect(cash.rows).toHaveLength(13);
    const { collected, refunded, expenses, net } = cash.totals;
    expect(expenses).toBeGreaterThan(0);
    expect(net).toBe(collected - refunded - expenses);
    // Profitable, but not absurdly: costs are most of the takings, as in a real gym (a margin of 5 % to 45 %).
    expect(net).toBeGreaterThan(0);
    expect(net / collected).toBeGreaterThan(0.05);
    expect(net / collected).toBeLessThan(0.45);
    // Rent and wages every month, so no month is free of expenses.
    expect(cash.rows.every((r) => r.expenses > 0)).toBe(true);
    expect(cash.rows[cash.rows.length - 1]!.running).toBe(net);
  });

  it('earns (recognised revenue) more than it spends, every month bringing in something', async () => {
    const revenue = await th.host.invoke('reports.revenue', range);
    const cash = await th.host.invoke('reports.cashflow', range);
    expect(revenue.rows.every((r) => r.recognised > 0 && r.collected > 0)).toBe(true);
    const earned = revenue.rows.reduce((s, r) => s + r.netRevenue, 0);
    expect(earned).toBeGreaterThan(cash.totals.expenses);
  });

  it('has a gym’s membership income and a believable churn', async () => {
    const mrr = await th.host.invoke('reports.mrr', range);
    const dash = await th.host.invoke('reports.dashboard', {});
    expect(dash.today).toBe('2026-12-07');
    // Some tens of members, each bringing in ¥150–¥600 a month.
    expect(dash.activeMembers).toBeGreaterThanOrEqual(40);
    expect(dash.activeMembers).toBeLessThanOrEqual(DEMO_SIZE.members);
    expect(dash.mrr / dash.payingMembers).toBeGreaterThan(15_000);
    expect(dash.mrr / dash.payingMembers).toBeLessThan(60_000);
    expect(mrr.rows.every((r) => r.endMrr > 0)).toBe(true);
    // Members leave every so often, never in droves: at most 15 % in any month, under 8 % on average.
    const churn = mrr.rows.map((r) => r.customerChurnBp ?? 0);
    expect(Math.max(...churn)).toBeLessThanOrEqual(1500);
    expect(churn.some((bp) => bp > 0)).toBe(true);
    expect(mrr.totals.customerChurnBp).not.toBeNull();
    expect(mrr.totals.customerChurnBp!).toBeLessThan(800);
    // And it grows more than it shrinks over the year.
    expect(mrr.totals.endMrr).toBeGreaterThan(mrr.totals.startMrr);
  });
});
