/**
 * Consistency of the reports over a generated sample business (14 months, 70 members): what the
 * reports say must reconcile to the records, however the history went.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBusiness, type DemoSummary } from '../../../electron/host/demo/generate';
import { addDays, lastDayOfMonth } from '../../../shared/dates';
import { createFacts } from '../../../electron/books/reports/facts';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
let demo: DemoSummary;
const one = <T>(sql: string, ...args: unknown[]) => th.host.db.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => th.host.db.prepare(sql).all(...args) as T[];

beforeAll(async () => {
  th = await makeHost({ startDate: '2025-03-01', signIn: false });
  demo = await generateDemoBusiness(th.host, th.clock, { seed: 11, months: 14, members: 70 });
}, 600_000);
afterAll(() => th.close());

describe('the sample business', () => {
  it('runs the whole time, with the life of a real gym in it', () => {
    expect(demo).toMatchObject({ from: '2025-03-01', to: '2026-05-01', members: 70 });
    expect(demo.invoices).toBeGreaterThan(300);
    expect(demo.payments).toBeGreaterThan(250);
    expect(demo.checkins).toBeGreaterThan(100);
    const kinds = all<{ kind: string }>('SELECT DISTINCT kind FROM invoice_lines ORDER BY kind').map((r) => r.kind);
    for (const k of ['period', 'pack', 'setup_fee', 'discount', 'household_discount']) expect(kinds).toContain(k);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM subscription_pauses').n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM subscriptions WHERE status IN ('cancelled', 'ended')").n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM credit_notes').n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM bonus_grants').n).toBeGreaterThan(0);
  });
});

describe('the reports reconcile to the records', () => {
  it('collected cash is the payments minus the refunds', async () => {
    const paid = one<{ s: number }>('SELECT COALESCE(SUM(amount), 0) AS s FROM payments').s;
    const refunded = one<{ s: number }>('SELECT COALESCE(SUM(amount), 0) AS s FROM refunds').s;
    const rev = await th.host.invoke('reports.revenue', { from: demo.from, to: demo.to });
    expect(rev.totals.collected).toBe(paid);
    expect(rev.totals.refunded).toBe(refunded);
    expect(rev.totals.netCollected).toBe(paid - refunded);
    const cash = await th.host.invoke('reports.cashflow', { from: demo.from, to: demo.to });
    const spent = one<{ s: number }>('SELECT SUM(amount) AS s FROM expenses WHERE deleted_at IS NULL').s;
    expect(cash.totals).toEqual({ collected: paid, refunded, expenses: spent, net: paid - refunded - spent });
    expect(cash.rows[cash.rows.length - 1]!.running).toBe(paid - refunded - spent);
    const byMethod = await th.host.invoke('reports.breakdown', { from: demo.from, to: demo.to, by: 'method' });
    expect(byMethod.totals.total).toBe(paid - refunded);
  });

  it('MRR movements add up to the change in MRR, month after month', async () => {
    const r = await th.host.invoke('reports.mrr', { from: demo.from, to: demo.to });
    expect(r.rows).toHaveLength(15);
    r.rows.forEach((row, i) => {
      expect(row.netNew).toBe(row.endMrr - row.startMrr);
      expect(row.new + row.expansion + row.reactivation + row.resumed - row.contraction - row.churned - row.paused).toBe(row.endMrr - row.startMrr);
      expect(row.customersEnd).toBe(row.customersStart + row.newCustomers + row.reactivatedCustomers - row.lostCustomers);
      if (i > 0) {
        expect(row.startMrr).toBe(r.rows[i - 1]!.endMrr);
        expect(row.customersStart).toBe(r.rows[i - 1]!.customersEnd);
      }
    });
    expect(r.totals.netNew).toBe(r.totals.endMrr - r.totals.startMrr);
    // The sample business has every kind of movement: freezes and returns are their own kinds, and
    // part of its expansion is discounts running out.
    expect(r.rows.some((x) => x.churned > 0 && x.expansion > 0 && x.paused > 0)).toBe(true);
    expect(r.rows.some((x) => x.resumed > 0)).toBe(true);
    expect(r.rows.some((x) => x.discountEnded > 0 && x.discountEnded <= x.expansion)).toBe(true);
    const dash = await th.host.invoke('reports.dashboard', {});
    expect(dash.mrr).toBe(r.totals.endMrr);
    expect(dash.activeMembers).toBe(r.totals.customersEnd);
    // Any split of the range gives the same movements.
    const a = await th.host.invoke('reports.mrr', { from: demo.from, to: '2025-10-17' });
    const b = await th.host.invoke('reports.mrr', { from: '2025-10-18', to: demo.to });
    expect(a.totals.netNew + b.totals.netNew).toBe(r.totals.netNew);
    expect(a.totals.churned + b.totals.churned).toBe(r.totals.churned);
  });

  it('aging totals are the open balances of the ledger', async () => {
    const aging = await th.host.invoke('reports.aging', {});
    const open = one<{ s: number; n: number }>(
      `SELECT COALESCE(SUM(b), 0) AS s, COUNT(*) AS n FROM (
         SELECT i.total - COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0) AS b
           FROM invoices i WHERE i.status = 'issued') WHERE b > 0`,
    );
    expect(aging.totals.total).toBe(open.s);
    expect(aging.rows.reduce((s, r) => s + r.invoices, 0)).toBe(open.n);
    expect(aging.totals.current + aging.totals.d1_30 + aging.totals.d31_60 + aging.totals.d61_90 + aging.totals.d90plus).toBe(open.s);
    // Each payer's row is what the ledger says they owe.
    for (const row of aging.rows.slice(0, 10)) expect((await th.host.invoke('members.balance', { payerId: row.payerId })).due).toBe(row.total);
    expect(aging.totals.d90plus).toBeGreaterThan(0);
  });

  it('forecast month 1 is the billing preview for that month', async () => {
    const f = await th.host.invoke('reports.forecast', {});
    const preview = await th.host.invoke('billing.preview', { asOf: lastDayOfMonth(demo.to) });
    expect(f.rows[0]).toMatchObject({ month: demo.to.slice(0, 7), total: preview.total, invoices: preview.count });
    expect(f.rows).toHaveLength(12);
    expect(f.rows.every((m) => m.withChurn <= m.total)).toBe(true);
  });

  it('every forecast month is what the billing engine would invoice in it (one dry run a year ahead)', async () => {
    const f = await th.host.invoke('reports.forecast', {});
    const last = f.rows[11]!.month;
    const preview = await th.host.invoke('billing.preview', { asOf: lastDayOfMonth(`${last}-01`) });
    const byMonth = new Map<string, { invoices: number; total: number }>();
    for (const inv of preview.invoices) {
      // Anything still due before this month is invoiced by this month's run.
      const month = inv.issueDate.slice(0, 7) < f.rows[0]!.month ? f.rows[0]!.month : inv.issueDate.slice(0, 7);
      const m = byMonth.get(month) ?? { invoices: 0, total: 0 };
      byMonth.set(month, { invoices: m.invoices + 1, total: m.total + inv.total });
    }
    expect(f.rows.map((r) => ({ month: r.month, invoices: r.invoices, total: r.total }))).toEqual(
      f.rows.map((r) => ({ month: r.month, ...(byMonth.get(r.month) ?? { invoices: 0, total: 0 }) })),
    );
    expect(f.totals.invoices).toBe(preview.count);
    expect(f.totals.total).toBe(preview.total);
  });

  it('revenue is conserved: recognised over all months is what was invoiced less credits', async () => {
    await th.host.invoke('reports.revenue', { from: demo.from, to: demo.to });
    const recognised = one<{ s: number }>("SELECT SUM(amount) AS s FROM report_monthly WHERE measure = 'recognised'").s;
    expect(one<{ s: number }>('SELECT SUM(amount) AS s FROM report_recognised_daily').s).toBe(recognised);
    const lines = one<{ s: number }>("SELECT SUM(l.net) AS s FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status = 'issued'").s;
    const credits = one<{ s: number }>('SELECT SUM(net) AS s FROM credit_note_lines').s;
    expect(recognised).toBe(lines - credits);
    const rev = await th.host.invoke('reports.revenue', { from: demo.from, to: demo.to });
    expect(rev.totals.recognised + rev.totals.deferredEnd).toBe(rev.totals.invoiced);
    const byPlan = await th.host.invoke('reports.breakdown', { from: demo.from, to: demo.to, by: 'plan' });
    expect(byPlan.totals.total).toBe(rev.totals.recognised);
    // Bonus used without tax: each bonus payment's share of its invoice's net, half up, less what notes gave back.
    const bonusNet = (sql: string) => (th.host.db.prepare(sql).all() as { amount: number; net: number; total: number }[]).reduce((t, r) => t + Math.floor((2 * r.amount * r.net + r.total) / (2 * r.total)), 0);
    expect(rev.totals.bonusUsed).toBe(
      bonusNet('SELECT a.amount, i.subtotal AS net, i.total FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.bonus_grant_id IS NOT NULL')
        - bonusNet('SELECT g.amount, n.subtotal AS net, n.total FROM bonus_grants g JOIN credit_notes n ON n.id = g.credit_note_id'),
    );
    expect(rev.totals.netRevenue).toBe(rev.totals.recognised - rev.totals.bonusUsed);
  });

  it('a month read from its days equals the month read from the summaries', async () => {
    const whole = await th.host.invoke('reports.revenue', { from: '2025-11-01', to: '2025-11-30' });
    const first = await th.host.invoke('reports.revenue', { from: '2025-11-01', to: '2025-11-12' });
    const rest = await th.host.invoke('reports.revenue', { from: '2025-11-13', to: '2025-11-30' });
    for (const k of ['invoiced', 'credited', 'tax', 'recognised', 'collected', 'refunded', 'bonusUsed'] as const) {
      expect(first.rows[0]![k] + rest.rows[0]![k], k).toBe(whole.rows[0]![k]);
    }
    expect(rest.rows[0]!.deferredEnd).toBe(whole.rows[0]!.deferredEnd);
    expect(first.rows[0]!.deferredEnd).toBe(rest.totals.deferredStart);
  });

  it('the summaries kept as things happened equal a rebuild from scratch', async () => {
    await th.host.invoke('reports.mrr', { from: demo.from, to: demo.to });
    const snapshot = () => ({
      spans: all('SELECT * FROM report_mrr_spans ORDER BY member_id, start'),
      monthly: all("SELECT * FROM report_monthly WHERE amount <> 0 ORDER BY month, measure, key"),
      daily: all('SELECT * FROM report_recognised_daily WHERE amount <> 0 ORDER BY day, key'),
      open: all('SELECT * FROM report_open_invoices ORDER BY invoice_id'),
      hours: all('SELECT * FROM report_checkin_hours WHERE visits <> 0 ORDER BY date, utc_hour'),
    });
    const kept = snapshot();
    expect(kept.spans.length).toBeGreaterThan(50);
    th.host.db.exec(`
      DELETE FROM report_mrr_spans; DELETE FROM report_monthly; DELETE FROM report_state; DELETE FROM report_seen_void; DELETE FROM report_recognised_daily;
      DELETE FROM report_open_invoices; DELETE FROM report_checkin_hours;
      INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT DISTINCT member_id FROM subscriptions;`);
    // The trigger-kept tables are rebuilt as migration 006 fills them; the rest by the refresh.
    const backfill = (await import('node:fs')).readFileSync('electron/db/migrations/006_books.sql', 'utf8');
    th.host.db.exec(backfill.slice(backfill.indexOf('-- Backfill from what the file already holds')));
    await th.host.invoke('reports.mrr', { from: demo.from, to: demo.to });
    await th.host.invoke('reports.revenue', { from: demo.from, to: demo.to });
    expect(snapshot()).toEqual(kept);
  });

  it('attendance counts every check-in not undone', async () => {
    const a = await th.host.invoke('reports.attendance', { from: demo.from, to: demo.to });
    expect(a.total).toBe(demo.checkins);
    expect(a.byWeekday.reduce((s, n) => s + n, 0)).toBe(demo.checkins);
    expect(a.byHour.reduce((s, n) => s + n, 0)).toBe(demo.checkins);
    expect(a.rows.reduce((s, r) => s + r.visits, 0)).toBe(demo.checkins);
  });
});

describe('the generator', () => {
  it('builds the same business from the same seed', async () => {
    const build = async () => {
      const t = await makeHost({ startDate: '2025-01-06', signIn: false });
      const s = await generateDemoBusiness(t.host, t.clock, { seed: 5, months: 2, members: 12 });
      const rows = {
        summary: s,
        invoices: t.host.db.prepare('SELECT number, payer_id, issue_date, total FROM invoices ORDER BY id').all(),
        payments: t.host.db.prepare('SELECT payer_id, date, method, amount FROM payments ORDER BY id').all(),
        members: t.host.db.prepare('SELECT name, phone FROM members ORDER BY id').all(),
      };
      t.close();
      return rows;
    };
    const a = await build();
    expect(await build()).toEqual(a);
    expect(a.summary.to).toBe(addDays('2025-03-06', 0));
  }, 300_000);
});

describe('the refresh from the first changed day', () => {
  it('gives the spans and revenue a rebuild from scratch gives (each way it can read the lines), after months of billing runs, a freeze, a void and a cancel', async () => {
    const h = th.host;
    const spans = () => all('SELECT * FROM report_mrr_spans ORDER BY member_id, start');
    const range = { from: demo.from, to: addDays(demo.to, 70) };
    await h.invoke('reports.mrr', range);
    const live = all<{ id: number }>("SELECT id FROM subscriptions WHERE status = 'active' ORDER BY id");
    expect(live.length).toBeGreaterThan(10);
    for (let d = 1; d <= 70; d++) {
      th.clock.setDate(addDays(demo.to, d));
      await h.invoke('billing.run', {});
      if (d === 20) await h.invoke('subscriptions.pause', { id: live[0]!.id, resumeDate: addDays(demo.to, 45) });
      if (d === 30) {
        const last = one<{ id: number }>("SELECT id FROM invoices WHERE status = 'issued' ORDER BY id DESC LIMIT 1");
        await h.invoke('invoices.void', { id: last.id, reason: 'wrong member' });
      }
      if (d === 40) await h.invoke('subscriptions.cancel', { id: live[1]!.id, mode: 'now' });
      if (d % 10 === 0) await h.invoke('reports.mrr', range);
    }
    await h.invoke('reports.mrr', range);
    const kept = spans();
    expect(kept.length).toBeGreaterThan(50);
    const markAll = 'INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT DISTINCT member_id FROM subscriptions;';
    h.db.exec(`DELETE FROM report_mrr_spans; ${markAll}`);
    // A refresh that remembers nothing (a fresh host's) works every member out from the start.
    createFacts(h.db).refresh();
    expect(spans()).toEqual(kept);
    // The same with every dirty member's lines read in one pass (as above 300 members).
    h.db.exec(`DELETE FROM report_mrr_spans; ${markAll}`);
    createFacts(h.db, { bulk: 0 }).refresh();
    expect(spans()).toEqual(kept);

    // Every figure, built from nothing each way, is what the refreshes along the way built: the spans,
    // revenue by day and by month (a day or month whose sum came back to 0 may stay as a 0 row).
    const daily = () => all('SELECT * FROM report_recognised_daily WHERE amount <> 0 ORDER BY day, key');
    const monthly = () => all("SELECT * FROM report_monthly WHERE measure = 'recognised' AND amount <> 0 ORDER BY month, key");
    const keptDaily = daily();
    const keptMonthly = monthly();
    expect(keptDaily.length).toBeGreaterThan(400);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM report_seen_void').n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM credit_note_lines').n).toBeGreaterThan(0);
    const revenue = await h.invoke('reports.revenue', range);
    const mrr = await h.invoke('reports.mrr', range);
    for (const options of [{}, { bulk: 0 }]) {
      h.db.exec(`DELETE FROM report_mrr_spans; DELETE FROM report_recognised_daily; DELETE FROM report_monthly WHERE measure = 'recognised';
        DELETE FROM report_seen_void; DELETE FROM report_state WHERE key IN ('lines', 'credit_lines'); ${markAll}`);
      // { bulk: 0 }: one pass over every line feeds both the spans and the revenue (a first refresh above 300 members).
      createFacts(h.db, options).refresh();
      expect(spans()).toEqual(kept);
      expect(daily()).toEqual(keptDaily);
      expect(monthly()).toEqual(keptMonthly);
      expect(await h.invoke('reports.revenue', range)).toEqual(revenue);
      expect(await h.invoke('reports.mrr', range)).toEqual(mrr);
    }
  }, 300_000);
});
