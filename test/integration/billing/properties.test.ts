// Property tests of the whole engine (host, database, run): random plans, start dates and
// desk actions over three years. Periods never overlap or leave gaps (across trials, pauses,
// plan changes and cancellations), money is conserved, and a second run creates nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../shared/dates';
import { fullPeriodLength, type Interval, type Schedule } from '../../../electron/billing/periods';
import { isAppError } from '../../../shared/errors';
import fs from 'node:fs';
import { makeHost, type TestHost } from '../../support/host';
import { ramTempDir, WIDE_CATCH_UP } from './support';

/** More runs on demand: BILLING_PROPERTY_RUNS=200 npx vitest run test/integration/billing/properties.test.ts */
const RUNS = { numRuns: Number(process.env.BILLING_PROPERTY_RUNS ?? 20) };
/** Each run opens a host and bills three years; give the whole property room on a busy machine. */
const TIMEOUT = 300_000;
/** Refusals the desk may get for a random action; anything else is a bug. */
const EXPECTED_REFUSALS = new Set([
  'DATE_OUT_OF_RANGE', 'ALREADY_PAUSED', 'SUBSCRIPTION_NOT_ACTIVE', 'SUBSCRIPTION_NOT_PAUSED', 'ALREADY_CANCELLING',
  'NOT_CANCELLING', 'SAME_PLAN',
]);

interface PlanSpec { interval: Interval; count: number; alignment: 'anniversary' | 'calendar'; price: number; trialDays: number }

const arbSchedule = fc.oneof(
  fc.record({ interval: fc.constant<Interval>('week'), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ interval: fc.constant<Interval>('month'), count: fc.constantFrom(1, 1, 2, 3) }),
  fc.record({ interval: fc.constant<Interval>('year'), count: fc.constant(1) }),
);
const arbPlan = fc.record({
  schedule: arbSchedule,
  alignment: fc.constantFrom<'anniversary' | 'calendar'>('anniversary', 'calendar'),
  price: fc.integer({ min: 100, max: 200_000 }),
  trialDays: fc.constantFrom(0, 0, 7, 14),
}).map((p): PlanSpec => ({ interval: p.schedule.interval, count: p.schedule.count, alignment: p.alignment, price: p.price, trialDays: p.trialDays }));

type Action =
  | { kind: 'pause'; after: number; resume: number | null }
  | { kind: 'resume'; back: number }
  | { kind: 'cancel'; mode: 'period_end' | 'now'; after: number }
  | { kind: 'undoCancel' }
  | { kind: 'change'; plan: number; when: 'auto' | 'now' | 'period_end'; back: number };

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('pause' as const), after: fc.integer({ min: 0, max: 45 }), resume: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }) }),
  fc.record({ kind: fc.constant('resume' as const), back: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('cancel' as const), mode: fc.constantFrom<'period_end' | 'now'>('period_end', 'now'), after: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant('undoCancel' as const) }),
  fc.record({ kind: fc.constant('change' as const), plan: fc.nat({ max: 2 }), when: fc.constantFrom<'auto' | 'now' | 'period_end'>('auto', 'now', 'period_end'), back: fc.integer({ min: 0, max: 5 }) }),
);

const arbStory = (samePlanShape: boolean) =>
  fc.record({
    start: fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n)),
    plans: samePlanShape
      ? arbPlan.chain((p) => fc.array(fc.integer({ min: 100, max: 200_000 }), { minLength: 2, maxLength: 2 }).map((prices) => [p, ...prices.map((price) => ({ ...p, price, trialDays: 0 }))]))
      : fc.array(arbPlan, { minLength: 3, maxLength: 3 }),
    steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 200 }), action: arbAction }), { maxLength: 7 }),
  });

async function tolerate(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!(isAppError(e) || code) || !EXPECTED_REFUSALS.has(code ?? '')) throw e;
  }
}

/** Plays the story: sale, actions at their dates (billing before each), then billing to three years on. */
async function play(th: TestHost, story: { start: string; plans: PlanSpec[]; steps: { gap: number; action: Action }[] }) {
  const h = th.host;
  await h.invoke('settings.update', { pricesIncludeTax: true });
  const member = (await h.invoke('members.create', { name: 'Prop' })).id;
  const planIds: number[] = [];
  for (const [i, p] of story.plans.entries()) {
    const plan = await h.invoke('plans.create', {
      kind: 'recurring', name: `P${i}`, price: p.price, interval: p.interval, intervalCount: p.count, alignment: p.alignment,
      trialDays: p.trialDays, freezeDaysPerYear: 366, taxRateBp: 0,
    });
    planIds.push(plan.id);
  }
  const sub = (await h.invoke('subscriptions.create', { memberId: member, planId: planIds[0]! })).subscription.id;
  let today = story.start;
  for (const { gap, action } of story.steps) {
    today = addDays(today, gap);
    th.clock.setDate(today);
    await h.invoke('billing.run', {});
    const id = sub;
    switch (action.kind) {
      case 'pause':
        await tolerate(h.invoke('subscriptions.pause', { id, effectiveDate: addDays(today, action.after), resumeDate: action.resume === null ? null : addDays(today, action.after + action.resume) }));
        break;
      case 'resume':
        await tolerate(h.invoke('subscriptions.resume', { id, effectiveDate: addDays(today, -action.back) }));
        break;
      case 'cancel':
        await tolerate(h.invoke('subscriptions.cancel', { id, mode: action.mode, effectiveDate: action.mode === 'now' ? addDays(today, action.after) : undefined }));
        break;
      case 'undoCancel':
        await tolerate(h.invoke('subscriptions.undoCancel', { id }));
        break;
      case 'change':
        await tolerate(h.invoke('subscriptions.changePlan', { id, planId: planIds[action.plan]!, when: action.when, effectiveDate: action.when === 'period_end' ? undefined : addDays(today, -action.back) }));
        break;
    }
  }
  const horizon = addDays(story.start, 3 * 365);
  th.clock.setDate(horizon);
  await h.invoke('billing.run', {});
  return { sub, horizon };
}

interface Piece { start: string; end: string; sign: 1 | -1; amount: number; planId: number | null; id: number }

function pieces(th: TestHost, sub: number): Piece[] {
  const db = th.host.db;
  const lines = db
    .prepare<[number], { kind: string; period_start: string; period_end: string; amount: number; plan_id: number; id: number }>(
      `SELECT l.kind, l.period_start, l.period_end, l.amount, l.plan_id, l.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = ? AND i.status = 'issued' AND l.kind IN ('period', 'proration_charge', 'proration_credit')`,
    )
    .all(sub)
    .map((l): Piece => ({ start: l.period_start, end: l.period_end, sign: l.kind === 'proration_credit' ? -1 : 1, amount: l.amount, planId: l.kind === 'proration_credit' ? null : l.plan_id, id: l.id }));
  const credits = db
    .prepare<[number], { period_start: string; period_end: string; gross: number; id: number }>('SELECT period_start, period_end, gross, id FROM credit_note_lines WHERE subscription_id = ?')
    .all(sub)
    .map((c): Piece => ({ start: c.period_start, end: c.period_end, sign: -1, amount: -c.gross, planId: null, id: 1e9 + c.id }));
  return [...lines, ...credits];
}

function counts(th: TestHost): number[] {
  const n = (t: string) => th.host.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${t}`).get()!.n;
  return [n('invoices'), n('invoice_lines'), n('credit_notes'), n('credit_note_lines')];
}

/** Days the subscription should be served and paid for: anchor … end, minus pauses. */
function servedDays(th: TestHost, sub: number, until: string): Set<string> {
  const db = th.host.db;
  const s = db.prepare<[number], { anchor_date: string; end_date: string | null; start_date: string }>('SELECT * FROM subscriptions WHERE id = ?').get(sub)!;
  const pauses = db.prepare<[number], { start_date: string; end_date: string | null; resumed_on: string | null }>('SELECT * FROM subscription_pauses WHERE subscription_id = ?').all(sub);
  const firstPaid = db.prepare<[number], { d: string | null }>("SELECT MIN(period_start) AS d FROM invoice_lines WHERE subscription_id = ? AND kind IN ('period', 'proration_charge')").get(sub)!.d;
  const served = new Set<string>();
  const end = s.end_date !== null && s.end_date < until ? s.end_date : until;
  for (let d = firstPaid ?? until; d < end; d = addDays(d, 1)) {
    if (!pauses.some((p) => d >= p.start_date && (p.end_date === null || d < p.end_date))) served.add(d);
  }
  return served;
}

function coverage(ps: Piece[], d: string): { net: number; live: Piece | undefined } {
  let net = 0;
  let live: Piece | undefined;
  for (const p of ps) {
    if (d < p.start || d >= p.end) continue;
    net += p.sign;
    if (p.sign === 1 && (!live || p.id > live.id)) live = p;
  }
  return { net, live };
}

describe('billing engine properties over three years', () => {
  it('periods are contiguous: every served day is paid exactly once, unserved days not at all; billing again creates nothing', async () => {
    await fc.assert(
      fc.asyncProperty(arbStory(false), async (story) => {
        const dataDir = ramTempDir();
        const th = await makeHost({ startDate: story.start, setup: true, dataDir });
        await th.host.invoke('settings.update', WIDE_CATCH_UP);
        try {
          const { sub, horizon } = await play(th, story);
          const ps = pieces(th, sub);
          const served = servedDays(th, sub, horizon);
          const firstDay = ps.reduce((m, p) => (p.start < m ? p.start : m), horizon);
          for (let d = addDays(story.start, -1); d < horizon; d = addDays(d, 1)) {
            expect(coverage(ps, d).net, `${d} (first charged ${firstDay})`).toBe(served.has(d) ? 1 : 0);
          }
          const before = counts(th);
          await th.host.invoke('billing.run', {});
          expect(counts(th)).toEqual(before);
        } finally {
          th.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      RUNS,
    );
  }, TIMEOUT);

  it('money is conserved: net charged = Σ price ÷ period days over the days paid for, within half a unit per line', async () => {
    await fc.assert(
      fc.asyncProperty(arbStory(true), async (story) => {
        const dataDir = ramTempDir();
        const th = await makeHost({ startDate: story.start, setup: true, dataDir });
        await th.host.invoke('settings.update', WIDE_CATCH_UP);
        try {
          const { sub } = await play(th, story);
          const s = th.host.db.prepare<[number], { anchor_date: string }>('SELECT anchor_date FROM subscriptions WHERE id = ?').get(sub)!;
          const shape = story.plans[0]!;
          const schedule: Schedule = { anchor: s.anchor_date, interval: shape.interval, count: shape.count, alignment: shape.alignment };
          const price = new Map(th.host.db.prepare<[], { id: number; price: number }>('SELECT id, price FROM plans').all().map((p) => [p.id, p.price]));
          const ps = pieces(th, sub);
          const actual = ps.reduce((t, p) => t + p.amount, 0);
          const last = ps.reduce((m, p) => (p.end > m ? p.end : m), story.start);
          let expected = 0;
          for (let d = story.start; d < last; d = addDays(d, 1)) {
            const { net, live } = coverage(ps, d);
            if (net === 1 && live) expected += (price.get(live.planId!) ?? 0) / fullPeriodLength(schedule, { start: d, end: addDays(d, 1) });
          }
          expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected.toFixed(3)}, ${ps.length} lines`).toBeLessThanOrEqual(0.5 * ps.length + 1e-6);
          expect(daysBetween(story.start, last)).toBeGreaterThanOrEqual(0);
          const before = counts(th);
          await th.host.invoke('billing.run', {});
          expect(counts(th)).toEqual(before);
        } finally {
          th.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      RUNS,
    );
  }, TIMEOUT);
});
