/**
 * MRR and the state machine agree on what a membership is on each day: a customer while
 * `standingOn` says active, a customer at MRR 0 while it says paused, not a customer while it says
 * trialing, not started or ended. Walked day by day, each day after its billing run, over a trial,
 * a freeze, a cancel at period end, a cancel now, a fixed term lengthened by a freeze, a sale
 * that starts later, and freezes that move the dates on (extend mode, 顺延): dated, open-ended and
 * resumed early, and one inside a fixed term.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import { standingOn, type PlanTerms, type Terms } from '../../../electron/billing/subscription';
import { loadState } from '../../../electron/money/billing-run/states';
import { createFacts } from '../../../electron/books/reports/facts';
import { spanValueAt, type Segment } from '../../../electron/books/reports/mrr';
import type { Db } from '../../../electron/db/open';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
beforeAll(async () => {
  th = await makeHost({ startDate: '2026-01-05', setup: true });
});
afterAll(() => th.close());

function termsOf(db: Db): Terms {
  const plan = db.prepare<[number], PlanTerms>('SELECT id, price, tax_rate_bp, interval, interval_count, alignment, term_periods, auto_renew, freeze_fee FROM plans WHERE id = ?');
  return { householdBp: 0, plan: (id) => plan.get(id)! };
}

/** What MRR says of the member on day d: not a customer, a customer at 0, or a paying customer. */
function mrrWord(db: Db, memberId: number, d: string): string {
  const spans = db.prepare<[number], Segment>('SELECT start, end, mrr FROM report_mrr_spans WHERE member_id = ? ORDER BY start').all(memberId);
  const mrr = spanValueAt(spans, d);
  return mrr === null ? 'none' : mrr === 0 ? 'zero' : 'paying';
}

const EXPECTED_MRR: Record<string, string> = { active: 'paying', paused: 'zero', trialing: 'none', not_started: 'none', ended: 'none' };

describe('MRR reads the state machine', () => {
  it('agrees with standingOn on every day of a trial, a freeze, two cancels and a fixed term', async () => {
    const h = th.host;
    const plan = async (name: string, extra: Record<string, unknown>) =>
      (await h.invoke('plans.create', {
        kind: 'recurring', name, price: 30000, interval: 'month', intervalCount: 1, alignment: 'anniversary', trialDays: 0,
        termPeriods: null, autoRenew: true, freezeFee: 0, freezeDaysPerYear: 366, taxRateBp: 0, ...extra,
      })).id;
    const monthly = await plan('Monthly', {});
    const trial = await plan('Trial', { trialDays: 7 });
    const term = await plan('Three months', { termPeriods: 3, autoRenew: false });
    const moving = await plan('Monthly, freezes move the dates', { pauseMode: 'extend' });
    const movingTerm = await plan('Three months, freezes move the dates', { termPeriods: 3, autoRenew: false, pauseMode: 'extend' });
    const sell = async (name: string, planId: number, startDate = '2026-01-05') => {
      const memberId = (await h.invoke('members.create', { name })).id;
      return { memberId, id: (await h.invoke('subscriptions.create', { memberId, planId, startDate })).subscription.id };
    };
    const subs = {
      frozen: await sell('Frozen', monthly),
      trial: await sell('Trial', trial),
      periodEnd: await sell('Cancels at period end', monthly),
      now: await sell('Cancels now', monthly),
      term: await sell('Fixed term', term),
      later: await sell('Starts later', monthly, '2026-01-20'),
      extended: await sell('Frozen, dates move on', moving),
      openExtended: await sell('Frozen until further notice, dates move on', moving),
      extendedTerm: await sell('Fixed term, dates move on', movingTerm),
    };
    const facts = createFacts(h.db);
    const terms = termsOf(h.db);
    const seen = new Set<string>();
    for (let d = '2026-01-05'; d <= '2026-05-20'; d = addDays(d, 1)) {
      th.clock.setDate(d);
      await h.invoke('billing.run', {});
      if (d === '2026-01-06') {
        await h.invoke('subscriptions.pause', { id: subs.frozen.id, effectiveDate: '2026-02-10', resumeDate: '2026-03-10' });
        await h.invoke('subscriptions.pause', { id: subs.term.id, effectiveDate: '2026-02-10', resumeDate: '2026-03-10' });
        await h.invoke('subscriptions.pause', { id: subs.extended.id, effectiveDate: '2026-01-20', resumeDate: '2026-01-30' });
        await h.invoke('subscriptions.pause', { id: subs.extendedTerm.id, effectiveDate: '2026-03-01', resumeDate: '2026-03-15' });
      }
      if (d === '2026-02-01') await h.invoke('subscriptions.pause', { id: subs.openExtended.id, effectiveDate: '2026-02-03' });
      if (d === '2026-02-24') await h.invoke('subscriptions.resume', { id: subs.openExtended.id });
      if (d === '2026-02-15') {
        await h.invoke('subscriptions.cancel', { id: subs.periodEnd.id, mode: 'period_end' });
        await h.invoke('subscriptions.cancel', { id: subs.now.id, mode: 'now', effectiveDate: '2026-02-20' });
      }
      facts.refresh();
      for (const [name, s] of Object.entries(subs)) {
        const state = standingOn(loadState(h.db, s.id), d, terms).state;
        seen.add(state);
        expect([d, name, mrrWord(h.db, s.memberId, d)]).toEqual([d, name, EXPECTED_MRR[state]]);
      }
    }
    // The walk went through every state (the comparison above is not vacuous).
    expect([...seen].sort()).toEqual(['active', 'ended', 'not_started', 'paused', 'trialing']);
    // The fixed term, lengthened by its freeze, ends on 2026-05-05 in both.
    expect(loadState(h.db, subs.term.id).end_date).toBe('2026-05-05');
    expect(mrrWord(h.db, subs.term.memberId, '2026-05-04')).toBe('paying');
    expect(mrrWord(h.db, subs.term.memberId, '2026-05-05')).toBe('none');
    // The moved days are paid for: a customer on every one of them (02-05 → 02-15 after the 10-day freeze).
    expect(loadState(h.db, subs.extended.id).anchor_date).toBe('2026-02-15');
    for (const d of ['2026-02-05', '2026-02-10', '2026-02-14']) expect(mrrWord(h.db, subs.extended.memberId, d)).toBe('paying');
    // Frozen 02-03 → 02-24 (21 days) in the period 01-05 → 02-05: paid up to 02-26.
    expect(loadState(h.db, subs.openExtended.id).anchor_date).toBe('2026-02-26');
    for (const d of ['2026-02-24', '2026-02-25']) expect(mrrWord(h.db, subs.openExtended.memberId, d)).toBe('paying');
    // The fixed term frozen 14 days ends on 04-19 instead of 04-05.
    expect(loadState(h.db, subs.extendedTerm.id).end_date).toBe('2026-04-19');
    expect(mrrWord(h.db, subs.extendedTerm.memberId, '2026-04-18')).toBe('paying');
    expect(mrrWord(h.db, subs.extendedTerm.memberId, '2026-04-19')).toBe('none');
  }, 120_000);
});

describe('an imported membership', () => {
  it('is a paying customer from the import, as the desk shows, and its first bill here changes nothing in MRR', async () => {
    const t = await makeHost({ startDate: '2026-03-10', setup: true });
    try {
      const h = t.host;
      await h.invoke('settings.update', { pricesIncludeTax: true });
      await h.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 31800, interval: 'month', taxRateBp: 600 });
      const file = ['Name,Plan,Next billing date', 'Ivy,Monthly,2026-04-05'].join('\n');
      const p = await h.invoke('members.importPreview', { content: Buffer.from(file).toString('base64') });
      await h.invoke('members.importCommit', { token: p.token, skip: [] });
      const ivy = h.db.prepare("SELECT id FROM members WHERE name = 'Ivy'").pluck().get() as number;
      expect(h.db.prepare('SELECT imported, start_date, anchor_date FROM subscriptions').get()).toEqual({ imported: 1, start_date: '2026-03-10', anchor_date: '2026-04-05' });
      for (const d of ['2026-03-10', '2026-04-04', '2026-04-05', '2026-04-20']) {
        t.clock.setDate(d);
        await h.invoke('billing.run', {});
      }
      const facts = createFacts(h.db, { taxMode: () => 'inclusive' });
      facts.refresh();
      // 318.00 with 6 % included: 300.00 a month, from the import day on; the first bill here (Apr 5) continues it.
      const spans = h.db.prepare('SELECT start, end, mrr FROM report_mrr_spans WHERE member_id = ? ORDER BY start').all(ivy);
      expect(spans).toEqual([{ start: '2026-03-10', end: '2026-05-05', mrr: 30000 }]);
      const terms = termsOf(h.db);
      const sub = h.db.prepare('SELECT id FROM subscriptions').pluck().get() as number;
      for (const d of ['2026-03-10', '2026-03-31', '2026-04-04']) {
        expect([d, standingOn(loadState(h.db, sub), d, terms).state, mrrWord(h.db, ivy, d)]).toEqual([d, 'active', 'paying']);
      }
      const r = await h.invoke('reports.mrr', { from: '2026-03-01', to: '2026-04-30' });
      expect(r.rows.map((x) => [x.month, x.new, x.newCustomers, x.endMrr, x.customersEnd])).toEqual([
        ['2026-03', 30000, 1, 30000, 1],
        ['2026-04', 0, 0, 30000, 1],
      ]);
    } finally {
      t.close();
    }
  });
});
