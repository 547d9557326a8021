// The subscription state machine on plain values: wake, stepPayer and standingOn.
import { describe, expect, it } from 'vitest';
import {
  NEVER,
  standingOn,
  stepAlone,
  stepPayer,
  wake,
  type MachineLine,
  type PlanTerms,
  type SubState,
  type Terms,
} from '../../../electron/billing/subscription';

const gym: PlanTerms = { id: 1, price: 30000, tax_rate_bp: 0, interval: 'month', interval_count: 1, alignment: 'anniversary', term_periods: null, auto_renew: 0, pause_mode: 'credit', freeze_fee: 0 };
const yoga: PlanTerms = { ...gym, id: 2, price: 20000, freeze_fee: 1500 };
const yearly: PlanTerms = { ...gym, id: 3, price: 300000, interval: 'year' };

function terms(householdBp = 0): Terms {
  const plans = new Map([gym, yoga, yearly].map((p) => [p.id, p]));
  return { householdBp, plan: (id) => plans.get(id)! };
}

function sub(over: Partial<SubState> = {}): SubState {
  return {
    id: 1, member_id: 10, plan_id: 1, price: 30000, tax_rate_bp: 0, interval: 'month', interval_count: 1, alignment: 'anniversary',
    start_date: '2026-01-05', anchor_date: '2026-01-05', status: 'active', next_bill_date: '2026-01-05', end_date: null,
    cancel_at_period_end: 0, term_periods: null, auto_renew: 0, periods_billed: 0, discount_kind: null, discount_value: null,
    discount_duration: null, discount_periods: null, pending_plan_id: null, pending_change_date: null, pauses: [], addons: [], charges: 0,
    ...over,
  };
}

/** `kind start/end amount` per line. */
const brief = (lines: MachineLine[]) => lines.map((l) => `${l.kind} ${l.periodStart}/${l.periodEnd} ${l.amount}`);

/** Steps one subscription wake by wake up to `to`, collecting [date, lines]. */
function play(s: SubState, to: string, t = terms()): { state: SubState; bills: [string, string[]][] } {
  const bills: [string, string[]][] = [];
  let cur = s;
  for (let w = wake(cur); w <= to; w = wake(cur)) {
    const out = stepPayer([cur], w, t);
    cur = out.states[0]!;
    if (out.lines.length) bills.push([w, brief(out.lines)]);
  }
  return { state: cur, bills };
}

describe('wake', () => {
  it('is the earliest of next bill date, end date, trial end, pause start (active) or pause end (paused)', () => {
    expect(wake(sub())).toBe('2026-01-05');
    expect(wake(sub({ next_bill_date: '2026-02-05', end_date: '2026-01-20' }))).toBe('2026-01-20');
    expect(wake(sub({ status: 'trialing', anchor_date: '2026-01-19', next_bill_date: '2026-01-19' }))).toBe('2026-01-19');
    const pause = { id: 1, start_date: '2026-01-10', end_date: '2026-02-10', resumed_on: null, mode: 'credit' as const };
    expect(wake(sub({ next_bill_date: '2026-02-05', pauses: [pause] }))).toBe('2026-01-10');
    expect(wake(sub({ status: 'paused', next_bill_date: '2026-02-10', pauses: [pause] }))).toBe('2026-02-10');
    expect(wake(sub({ status: 'paused', next_bill_date: null, pauses: [{ ...pause, end_date: null }] }))).toBe(NEVER);
    expect(wake(sub({ status: 'ended', next_bill_date: null, end_date: '2026-01-20' }))).toBe(NEVER);
  });
});

describe('stepPayer', () => {
  it('does not change the state it is given, and bills nothing before the wake date', () => {
    const s = sub();
    const copy = structuredClone(s);
    expect(stepPayer([s], '2026-01-04', terms())).toEqual({ states: [copy], lines: [], events: [] });
    stepPayer([s], '2026-01-05', terms());
    expect(s).toEqual(copy);
  });

  it('bills a period with its facts and moves the next bill date', () => {
    const out = stepPayer([sub()], '2026-01-05', terms());
    expect(out.lines).toEqual([
      {
        kind: 'period', subscriptionId: 1, memberId: 10, planId: 1, addonId: null, addonName: null, percentBp: null,
        periodStart: '2026-01-05', periodEnd: '2026-02-05', amount: 30000, taxRateBp: 0, listPrice: 30000, daysUsed: 31, daysInPeriod: 31,
      },
    ]);
    expect(out.states[0]).toMatchObject({ next_bill_date: '2026-02-05', periods_billed: 1, charges: 1 });
  });

  it('trial end: active on the anchor with an event, then the first period', () => {
    const s = sub({ status: 'trialing', start_date: '2026-01-05', anchor_date: '2026-01-19', next_bill_date: '2026-01-19' });
    const out = stepPayer([s], '2026-01-19', terms());
    expect(out.events).toEqual([{ subscriptionId: 1, before: { status: 'trialing' }, after: { status: 'active', on: '2026-01-19' } }]);
    expect(brief(out.lines)).toEqual(['period 2026-01-19/2026-02-19 30000']);
    expect(standingOn(s, '2026-01-18', terms())).toMatchObject({ state: 'trialing', endsOn: null, paidThrough: '2026-01-19' });
    expect(standingOn(s, '2026-01-19', terms())).toMatchObject({ state: 'active', paidThrough: '2026-02-19' });
  });

  it('scheduled pause: the period is cut at the pause, the freeze fee billed on its start, resume bills a stub to the anchor', () => {
    const s = sub({ plan_id: 2, price: 20000, pauses: [{ id: 7, start_date: '2026-02-20', end_date: '2026-03-10', resumed_on: null, mode: 'credit' }] });
    const { state, bills } = play(s, '2026-04-05');
    expect(bills).toEqual([
      ['2026-01-05', ['period 2026-01-05/2026-02-05 20000']],
      ['2026-02-05', ['period 2026-02-05/2026-02-20 10714']],
      ['2026-02-20', ['freeze_fee 2026-02-20/2026-03-10 1500']],
      ['2026-03-10', ['period 2026-03-10/2026-04-05 16774']],
      ['2026-04-05', ['period 2026-04-05/2026-05-05 20000']],
    ]);
    expect(state.pauses).toEqual([{ id: 7, start_date: '2026-02-20', end_date: '2026-03-10', resumed_on: '2026-03-10', mode: 'credit' }]);
    expect(standingOn(s, '2026-02-19', terms())).toMatchObject({ state: 'active', paidThrough: '2026-02-20' });
    expect(standingOn(s, '2026-02-20', terms())).toMatchObject({ state: 'paused', pausedUntil: '2026-03-10', paidThrough: '2026-03-10' });
    expect(standingOn(s, '2026-03-10', terms())).toMatchObject({ state: 'active', pausedUntil: null, paidThrough: '2026-04-05' });
  });

  it('open-ended pause: nothing wakes it, standing stays paused with no end known', () => {
    const s = sub({ status: 'paused', next_bill_date: null, pauses: [{ id: 1, start_date: '2026-01-20', end_date: null, resumed_on: null, mode: 'credit' }] });
    expect(stepPayer([s], '2027-01-01', terms()).lines).toEqual([]);
    expect(standingOn(s, '2026-12-31', terms())).toMatchObject({ state: 'paused', pausedUntil: null, endsOn: null, paidThrough: null });
  });

  it('cancel at period end: ends (cancelled) on the end date, add-ons end with it, a later pause is dropped', () => {
    const s = sub({
      next_bill_date: '2026-02-05', end_date: '2026-02-05', cancel_at_period_end: 1,
      addons: [{ id: 3, name: 'Towel', price: 1000, tax_rate_bp: 0, start_date: '2026-01-05', end_date: null }],
      pauses: [{ id: 4, start_date: '2026-03-01', end_date: '2026-04-01', resumed_on: null, mode: 'credit' }],
    });
    expect(standingOn(s, '2026-02-04', terms())).toMatchObject({ state: 'active', endsOn: '2026-02-05' });
    const out = stepPayer([s], '2026-02-05', terms());
    expect(out.lines).toEqual([]);
    expect(out.states[0]).toMatchObject({ status: 'cancelled', next_bill_date: null, end_date: '2026-02-05', pauses: [] });
    expect(out.states[0]!.addons[0]!.end_date).toBe('2026-02-05');
    expect(out.events).toEqual([{ subscriptionId: 1, before: { status: 'active' }, after: { status: 'cancelled', endDate: '2026-02-05' } }]);
    expect(standingOn(s, '2026-02-05', terms())).toMatchObject({ state: 'ended', endsOn: '2026-02-05', paidThrough: null });
    expect(wake(out.states[0]!)).toBe(NEVER);
  });

  it('cancel now: an end date inside the period ends it on that day, nothing more billed', () => {
    const s = sub({ next_bill_date: null, end_date: '2026-01-20', cancel_at_period_end: 1 });
    expect(wake(s)).toBe('2026-01-20');
    expect(standingOn(s, '2026-01-19', terms())).toMatchObject({ state: 'active', endsOn: '2026-01-20' });
    expect(standingOn(s, '2026-01-20', terms())).toMatchObject({ state: 'ended', endsOn: '2026-01-20' });
  });

  it('fixed term without renewal: three periods, the end set with the last one, then ended', () => {
    const s = sub({ term_periods: 3 });
    const { state, bills } = play(s, '2026-06-01');
    expect(bills.map(([d]) => d)).toEqual(['2026-01-05', '2026-02-05', '2026-03-05']);
    expect(state).toMatchObject({ status: 'ended', end_date: '2026-04-05' });
    expect(standingOn(s, '2026-01-05', terms())).toMatchObject({ state: 'active', endsOn: '2026-04-05' });
  });

  it('a pause lengthens a fixed term: standingOn projects the moved end before the run sets it', () => {
    const s = sub({ term_periods: 3, pauses: [{ id: 1, start_date: '2026-02-10', end_date: '2026-03-10', resumed_on: null, mode: 'credit' }] });
    for (const d of ['2026-01-05', '2026-03-10', '2026-04-04', '2026-04-05', '2026-05-04']) {
      expect([d, standingOn(s, d, terms()).endsOn]).toEqual([d, '2026-05-05']);
    }
    expect(standingOn(s, '2026-05-05', terms()).state).toBe('ended');
    expect(stepAlone(s, '2026-04-05', terms())).toMatchObject({ end_date: '2026-05-05', periods_billed: 3 });
  });

  it('fixed term with renewal: the count restarts with an event, never ends', () => {
    const s = sub({ term_periods: 2, auto_renew: 1 });
    const out = stepPayer([stepAlone(s, '2026-02-05', terms())], '2026-03-05', terms());
    expect(out.events).toEqual([{ subscriptionId: 1, before: null, after: { renewed: '2026-03-05', termPeriods: 2 } }]);
    expect(out.states[0]).toMatchObject({ periods_billed: 1, end_date: null });
    expect(standingOn(s, '2026-03-05', terms()).endsOn).toBeNull();
  });

  it('pending plan switch: at the boundary the new terms apply; a new interval moves the anchor', () => {
    const same = sub({ next_bill_date: '2026-02-05', pending_plan_id: 2, pending_change_date: '2026-02-05' });
    const a = stepPayer([same], '2026-02-05', terms());
    expect(a.events[0]).toEqual({ subscriptionId: 1, before: { planId: 1 }, after: { planId: 2, from: '2026-02-05' } });
    expect(brief(a.lines)).toEqual(['period 2026-02-05/2026-03-05 20000']);
    expect(a.states[0]).toMatchObject({ plan_id: 2, anchor_date: '2026-01-05', pending_plan_id: null });
    const other = sub({ next_bill_date: '2026-02-05', pending_plan_id: 3, pending_change_date: '2026-02-05' });
    const b = stepPayer([other], '2026-02-05', terms());
    expect(brief(b.lines)).toEqual(['period 2026-02-05/2027-02-05 300000']);
    expect(b.states[0]).toMatchObject({ interval: 'year', anchor_date: '2026-02-05' });
  });

  it('add-ons: prorated from their start and to their end over the full period length, with their facts', () => {
    const s = sub({
      next_bill_date: '2026-02-05',
      addons: [
        { id: 5, name: 'Towel', price: 2800, tax_rate_bp: 600, start_date: '2026-02-12', end_date: null },
        { id: 6, name: 'Locker', price: 2800, tax_rate_bp: 0, start_date: '2026-01-05', end_date: '2026-02-19' },
      ],
    });
    const out = stepPayer([s], '2026-02-05', terms());
    expect(brief(out.lines)).toEqual(['period 2026-02-05/2026-03-05 30000', 'addon 2026-02-12/2026-03-05 2100', 'addon 2026-02-05/2026-02-19 1400']);
    expect(out.lines[1]).toMatchObject({ addonId: 5, addonName: 'Towel', planId: null, taxRateBp: 600, listPrice: 2800, daysUsed: 21, daysInPeriod: 28 });
  });

  it('discounts: a percent discount for two charges, then the household discount on what is left, by position', () => {
    const mum = sub({ id: 1, member_id: 10, discount_kind: 'percent', discount_value: 1000, discount_duration: 'repeating', discount_periods: 2, charges: 1 });
    const kid = sub({ id: 2, member_id: 11 });
    const out = stepPayer([mum, kid], '2026-01-05', terms(1000));
    expect(out.lines.map((l) => `${l.subscriptionId} ${l.kind} ${l.amount} ${l.percentBp}`)).toEqual([
      '1 period 30000 null',
      '1 discount -3000 1000',
      '2 period 30000 null',
      '2 household_discount -3000 1000',
    ]);
    const next = stepPayer(out.states, '2026-02-05', terms(1000));
    expect(next.lines.filter((l) => l.kind === 'discount')).toEqual([]);
  });

  it('Jan 31 anchor: month ends clamp and return to the 31st', () => {
    const { bills } = play(sub({ start_date: '2026-01-31', anchor_date: '2026-01-31', next_bill_date: '2026-01-31' }), '2026-04-30');
    expect(bills.map(([, l]) => l[0])).toEqual([
      'period 2026-01-31/2026-02-28 30000',
      'period 2026-02-28/2026-03-31 30000',
      'period 2026-03-31/2026-04-30 30000',
      'period 2026-04-30/2026-05-31 30000',
    ]);
  });

  it('not started: a sale dated ahead stands not started until its first day', () => {
    const s = sub({ start_date: '2026-02-01', anchor_date: '2026-02-01', next_bill_date: '2026-02-01' });
    expect(standingOn(s, '2026-01-20', terms())).toMatchObject({ state: 'not_started', paidThrough: '2026-02-01' });
    expect(standingOn(s, '2026-02-01', terms())).toMatchObject({ state: 'active', paidThrough: '2026-03-01' });
  });
});
