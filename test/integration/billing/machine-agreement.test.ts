// Property: over random histories (monthly, quarterly and weekly plans, anniversary or calendar periods, sales
// with trials and fixed terms, add-ons added and removed, pauses in both modes, cancels and their undoing,
// plan changes, a household), the state machine's standingOn, what the billing run persists day
// by day, the year-ahead preview and the forecast all agree. The stored wake_date is the
// machine's wake() after every desk action and every run.
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, lastDayOfMonth, startOfMonth } from '../../../shared/dates';
import { standingOn, stepPayer, wake, type PlanTerms, type SubState, type Terms } from '../../../electron/billing/subscription';
import { loadPayerStates, loadState } from '../../../electron/money/billing-run/states';
import { isAppError } from '../../../shared/errors';
import type { Db } from '../../../electron/db/open';
import { makeHost, type TestHost } from '../../support/host';
import { ramTempDir, WIDE_CATCH_UP } from './support';

/** More runs on demand: BILLING_PROPERTY_RUNS=50 npx vitest run test/integration/billing/machine-agreement.test.ts */
const RUNS = { numRuns: Number(process.env.BILLING_PROPERTY_RUNS ?? 4) };
/** Days checked one by one after the history, each with its billing run. */
const DAYS = 100;
const HOUSEHOLD_BP = 1000;
const REFUSALS = new Set([
  'DATE_OUT_OF_RANGE', 'ALREADY_PAUSED', 'SUBSCRIPTION_NOT_ACTIVE', 'SUBSCRIPTION_NOT_PAUSED', 'ALREADY_CANCELLING', 'NOT_CANCELLING', 'SAME_PLAN',
  'ADDON_NOT_FOUND',
]);

const arbPlan = fc.record({
  interval: fc.constantFrom<'week' | 'month'>('week', 'month', 'month'),
  /** Quarterly now and then (months only), and calendar alignment (periods on the 1st / Monday). */
  intervalCount: fc.constantFrom(1, 1, 3),
  alignment: fc.constantFrom<'anniversary' | 'calendar'>('anniversary', 'anniversary', 'calendar'),
  price: fc.integer({ min: 1000, max: 50_000 }),
  trialDays: fc.constantFrom(0, 0, 7),
  termPeriods: fc.constantFrom<number | null>(null, null, 2, 3),
  autoRenew: fc.boolean(),
  freezeFee: fc.constantFrom(0, 500),
  pauseMode: fc.constantFrom<'extend' | 'credit'>('extend', 'credit'),
});

type Action =
  | { kind: 'pause'; after: number; length: number | null }
  | { kind: 'resume' }
  | { kind: 'cancel'; mode: 'period_end' | 'now'; after: number }
  | { kind: 'change'; plan: number; when: 'now' | 'period_end' }
  | { kind: 'addon'; price: number }
  | { kind: 'removeAddon'; after: number }
  | { kind: 'undoCancel' };

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('pause' as const), after: fc.integer({ min: 0, max: 30 }), length: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }) }),
  fc.record({ kind: fc.constant('resume' as const) }),
  fc.record({ kind: fc.constant('cancel' as const), mode: fc.constantFrom<'period_end' | 'now'>('period_end', 'now'), after: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('change' as const), plan: fc.nat({ max: 2 }), when: fc.constantFrom<'now' | 'period_end'>('now', 'period_end') }),
  fc.record({ kind: fc.constant('addon' as const), price: fc.integer({ min: 100, max: 5000 }) }),
  fc.record({ kind: fc.constant('removeAddon' as const), after: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('undoCancel' as const) }),
);

const arbStory = fc.record({
  start: fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n)),
  plans: fc.array(arbPlan, { minLength: 3, maxLength: 3 }),
  /** Mum, her kid (billed to her) and a neighbour: plan and days after the start each one's sale starts. */
  sales: fc.array(fc.record({ plan: fc.nat({ max: 2 }), later: fc.integer({ min: 0, max: 10 }) }), { minLength: 3, maxLength: 3 }),
  steps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), who: fc.nat({ max: 2 }), action: arbAction }), { maxLength: 6 }),
});

async function tolerate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (!isAppError(e) || !REFUSALS.has(code)) throw e;
  }
}

function termsOf(db: Db): Terms {
  const plan = db.prepare<[number], PlanTerms>('SELECT id, price, tax_rate_bp, interval, interval_count, alignment, term_periods, auto_renew, freeze_fee, pause_mode FROM plans WHERE id = ?');
  return { householdBp: HOUSEHOLD_BP, plan: (id) => plan.get(id)! };
}

/** Every subscription's stored wake date equals wake() of its loaded state. */
function expectWakesStored(db: Db, when: string): void {
  for (const { id, wake_date } of db.prepare<[], { id: number; wake_date: string | null }>('SELECT id, wake_date FROM subscriptions').all()) {
    expect([when, id, wake_date]).toEqual([when, id, wake(loadState(db, id))]);
  }
}

type Story = typeof arbStory extends fc.Arbitrary<infer T> ? T : never;

async function history(th: TestHost, story: Story) {
  const h = th.host;
  await h.invoke('settings.update', { householdDiscountBp: HOUSEHOLD_BP });
  const plans: number[] = [];
  for (const [i, p] of story.plans.entries()) {
    plans.push((await h.invoke('plans.create', {
      kind: 'recurring', name: `P${i}`, price: p.price, interval: p.interval, intervalCount: p.interval === 'month' ? p.intervalCount : 1, alignment: p.alignment, trialDays: p.trialDays,
      termPeriods: p.termPeriods, autoRenew: p.autoRenew, freezeFee: p.freezeFee, freezeDaysPerYear: 366, taxRateBp: 0, pauseMode: p.pauseMode,
    })).id);
  }
  const mum = (await h.invoke('members.create', { name: 'Mum' })).id;
  const kid = (await h.invoke('members.create', { name: 'Kid', payerId: mum })).id;
  const other = (await h.invoke('members.create', { name: 'Neighbour' })).id;
  const subs: number[] = [];
  for (const [i, m] of [mum, kid, other].entries()) {
    const sale = story.sales[i]!;
    subs.push((await h.invoke('subscriptions.create', { memberId: m, planId: plans[sale.plan]!, startDate: addDays(story.start, sale.later) })).subscription.id);
    expectWakesStored(h.db, `sale ${i}`);
  }
  let today = story.start;
  for (const { gap, who, action } of story.steps) {
    today = addDays(today, gap);
    th.clock.setDate(today);
    await h.invoke('billing.run', {});
    const id = subs[who]!;
    if (action.kind === 'pause') {
      const from = addDays(today, action.after + 1);
      await tolerate(h.invoke('subscriptions.pause', { id, effectiveDate: from, resumeDate: action.length === null ? null : addDays(from, action.length) }));
    } else if (action.kind === 'resume') await tolerate(h.invoke('subscriptions.resume', { id }));
    else if (action.kind === 'cancel') await tolerate(h.invoke('subscriptions.cancel', { id, mode: action.mode, effectiveDate: action.mode === 'now' ? addDays(today, action.after + 1) : undefined }));
    else if (action.kind === 'change') await tolerate(h.invoke('subscriptions.changePlan', { id, planId: plans[action.plan]!, when: action.when }));
    else if (action.kind === 'undoCancel') await tolerate(h.invoke('subscriptions.undoCancel', { id }));
    else if (action.kind === 'addon') await tolerate(h.invoke('subscriptions.addAddon', { id, name: 'Towel', price: action.price, taxRateBp: 0 }));
    else {
      const addon = (await h.invoke('subscriptions.get', { id })).addons.find((a) => a.endDate === null);
      if (addon) await tolerate(h.invoke('subscriptions.removeAddon', { id, addonId: addon.id, effectiveDate: addDays(today, action.after + 1) }));
    }
    expectWakesStored(h.db, `${today} ${action.kind}`);
  }
  return { subs, payers: [mum, other], today };
}

const lineText = (l: { subscriptionId: number | null; kind: string; periodStart: string | null; periodEnd: string | null; amount: number }) =>
  `${l.subscriptionId} ${l.kind} ${l.periodStart}/${l.periodEnd} ${l.amount}`;

/** The machine's invoices up to `asOf`: each payer's states stepped date by date, one invoice per date with lines. */
function machineInvoices(db: Db, payers: number[], asOf: string, terms: Terms): [number, string, string[]][] {
  const out: [number, string, string[]][] = [];
  for (const payer of payers) {
    let states: SubState[] = loadPayerStates(db, payer);
    for (;;) {
      const d = states.map(wake).reduce((m, w) => (w < m ? w : m), '9999-12-31');
      if (d > asOf) break;
      const step = stepPayer(states, d, terms);
      states = step.states;
      if (step.lines.length) out.push([payer, d, step.lines.map(lineText)]);
    }
  }
  return out.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]));
}

/** The persisted state, in standingOn's words. */
function persistedState(status: string, start: string, d: string): string {
  if (status === 'cancelled' || status === 'ended') return 'ended';
  if (status === 'paused') return 'paused';
  if (start > d) return 'not_started';
  return status;
}

describe('one state machine: standing, the run, the preview and the forecast agree', () => {
  it('over random histories, for every subscription and day', async () => {
    await fc.assert(
      fc.asyncProperty(arbStory, async (story) => {
        const dataDir = ramTempDir();
        const th = await makeHost({ startDate: story.start, setup: true, dataDir });
        await th.host.invoke('settings.update', WIDE_CATCH_UP);
        try {
          const h = th.host;
          const { subs, payers, today } = await history(th, story);
          const terms = termsOf(h.db);
          const initial = new Map(subs.map((id) => [id, loadState(h.db, id)]));
          // The year-ahead preview (the real run, rolled back) and the forecast against the machine.
          const lastDay = lastDayOfMonth(addMonthsClamped(startOfMonth(today), 11));
          const expected = machineInvoices(h.db, payers, lastDay, terms);
          const preview = await h.invoke('billing.preview', { asOf: lastDay });
          const got = preview.invoices
            .map((i): [number, string, string[]] => [i.payerId, i.issueDate, i.lines.map(lineText)])
            .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]));
          expect(got).toEqual(expected);
          const forecast = await h.invoke('reports.forecast', {});
          const byMonth = new Map<string, { invoices: number; total: number }>();
          const first = forecast.rows[0]!.month;
          for (const i of preview.invoices) {
            const month = i.issueDate.slice(0, 7) < first ? first : i.issueDate.slice(0, 7);
            const m = byMonth.get(month) ?? { invoices: 0, total: 0 };
            byMonth.set(month, { invoices: m.invoices + 1, total: m.total + i.total });
          }
          expect(forecast.rows.map((r) => ({ month: r.month, invoices: r.invoices, total: r.total }))).toEqual(
            forecast.rows.map((r) => ({ month: r.month, ...(byMonth.get(r.month) ?? { invoices: 0, total: 0 }) })),
          );
          // Day by day: what each day's run persists is what standingOn said from the state before.
          for (let d = today; d <= addDays(today, DAYS); d = addDays(d, 1)) {
            th.clock.setDate(d);
            await h.invoke('billing.run', {});
            for (const id of subs) {
              const on = standingOn(initial.get(id)!, d, terms);
              const row = h.db.prepare<[number], { status: string; start_date: string; end_date: string | null; next_bill_date: string | null }>('SELECT * FROM subscriptions WHERE id = ?').get(id)!;
              const live = row.status !== 'cancelled' && row.status !== 'ended';
              expect([d, id, persistedState(row.status, row.start_date, d), live ? row.next_bill_date : null]).toEqual([d, id, on.state, on.paidThrough]);
              if (row.end_date !== null) expect([d, id, row.end_date]).toEqual([d, id, on.endsOn]);
            }
            expectWakesStored(h.db, `run ${d}`);
          }
        } finally {
          th.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      RUNS,
    );
  }, 300_000);
});
