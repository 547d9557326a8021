import { describe, expect, it } from 'vitest';
import { phaseOn, type PhaseFacts } from '../../../electron/billing/subscription';

const facts: PhaseFacts = {
  start: '2026-01-05',
  paidFrom: '2026-01-12',
  end: '2026-05-05',
  pauses: [{ start: '2026-02-10', end: '2026-03-10' }, { start: '2026-04-20', end: null }],
};

describe('phaseOn: one rule for where a subscription stands on a day', () => {
  it('reads the start, the trial, a freeze [start, end) and the end date', () => {
    const days = ['2026-01-04', '2026-01-05', '2026-01-11', '2026-01-12', '2026-02-09', '2026-02-10', '2026-03-09', '2026-03-10', '2026-04-20', '2026-05-04', '2026-05-05'];
    expect(days.map((d) => phaseOn(facts, d))).toEqual([
      'not_started', 'trialing', 'trialing', 'active', 'active', 'paused', 'paused', 'active', 'paused', 'paused', 'ended',
    ]);
  });

  it('puts the end before everything, the trial before a freeze, and nothing billed yet counts as the trial', () => {
    expect(phaseOn({ ...facts, end: '2026-01-01' }, '2026-01-04')).toBe('ended');
    expect(phaseOn({ ...facts, pauses: [{ start: '2026-01-06', end: null }] }, '2026-01-08')).toBe('trialing');
    expect(phaseOn({ ...facts, paidFrom: null }, '2026-03-20')).toBe('trialing');
  });
});
