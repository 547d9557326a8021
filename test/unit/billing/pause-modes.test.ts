// Extend-mode freezes in the pure machine: what wakes a frozen card, and how its dates move.
import { describe, expect, it } from 'vitest';
import { NEVER, chargeEnd, extendedDates, standingOn, stepAlone, stepPayer, wake, type PauseState, type PlanTerms, type SubState, type Terms } from '../../../electron/billing/subscription';

const gym: PlanTerms = { id: 1, price: 30000, tax_rate_bp: 0, interval: 'month', interval_count: 1, alignment: 'anniversary', term_periods: null, auto_renew: 0, pause_mode: 'extend', freeze_fee: 0 };
const terms: Terms = { householdBp: 0, plan: () => gym };

function sub(over: Partial<SubState> = {}): SubState {
  return {
    id: 1, member_id: 10, plan_id: 1, price: 30000, tax_rate_bp: 0, interval: 'month', interval_count: 1, alignment: 'anniversary',
    start_date: '2026-01-05', anchor_date: '2026-01-05', status: 'active', next_bill_date: '2026-02-05', end_date: null,
    cancel_at_period_end: 0, term_periods: null, auto_renew: 0, periods_billed: 1, discount_kind: null, discount_value: null,
    discount_duration: null, discount_periods: null, pending_plan_id: null, pending_change_date: null, pauses: [], addons: [], charges: 1,
    ...over,
  };
}
const freeze = (start: string, end: string | null): PauseState => ({ id: 1, start_date: start, end_date: end, resumed_on: null, mode: 'extend' });

describe('extend mode in the machine', () => {
  it('moves the next bill date, anchor and end date by the frozen days when a dated freeze begins', () => {
    const s = stepPayer([sub({ end_date: '2026-03-05', pauses: [freeze('2026-01-20', '2026-02-09')] })], '2026-01-20', terms).states[0]!;
    expect([s.status, s.next_bill_date, s.anchor_date, s.end_date]).toEqual(['paused', '2026-02-25', '2026-02-25', '2026-03-25']);
    // While frozen only the resume date wakes it; an open-ended freeze wakes it never.
    expect(wake(s)).toBe('2026-02-09');
    const open = stepPayer([sub({ end_date: '2026-01-25', pauses: [freeze('2026-01-20', null)] })], '2026-01-20', terms).states[0]!;
    expect([open.status, open.next_bill_date, open.end_date, wake(open)]).toEqual(['paused', '2026-02-05', '2026-01-25', NEVER]);
    // The old end date inside an open-ended freeze does not end the card.
    expect(standingOn(open, '2026-03-01', terms)).toMatchObject({ state: 'paused', endsOn: '2026-01-25' });
  });

  it('does not cut the period being billed at a scheduled extend-mode freeze (credit mode does)', () => {
    expect(chargeEnd(sub({ pauses: [freeze('2026-02-15', '2026-03-01')] }), '2026-02-05')).toBe('2026-03-05');
    expect(chargeEnd(sub({ pauses: [{ ...freeze('2026-02-15', '2026-03-01'), mode: 'credit' }] }), '2026-02-05')).toBe('2026-02-15');
  });

  it('a calendar plan keeps its grid: the moved bill date starts a prorated stretch to the next boundary', () => {
    const cal = sub({ alignment: 'calendar', anchor_date: '2026-01-01', next_bill_date: '2026-02-01', pauses: [freeze('2026-01-20', '2026-01-30')] });
    expect(extendedDates(cal, '2026-01-20', '2026-01-30')).toEqual({ next_bill_date: '2026-02-11', anchor_date: '2026-01-01', end_date: null, pending_change_date: null });
    const after = stepAlone(cal, '2026-02-11', terms);
    expect([after.status, after.next_bill_date]).toEqual(['active', '2026-03-01']);
  });
});
