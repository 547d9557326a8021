import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../electron/contract';
import { planInput } from '../../../electron/contract/plans';
import { draftToInput, emptyDraft, planFieldErrors, planToDraft } from '../../../renderer/features/plans/planForm';

const plan: Plan = {
  id: 7,
  kind: 'recurring',
  name: 'Gold Quarterly',
  description: 'All classes',
  price: 129900,
  taxRateBp: 600,
  interval: 'month',
  intervalCount: 3,
  alignment: 'calendar',
  setupFee: 5000,
  trialDays: 7,
  sessionQuota: null,
  termPeriods: 4,
  autoRenew: true,
  freezeDaysPerYear: 30,
  freezeFee: 2000,
  pauseMode: 'credit',
  packSessions: null,
  packValidDays: null,
  checkinsPerDay: 2,
  archived: false,
  monthlyPrice: 43300,
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
};

describe('the plan dialog draft', () => {
  it('turns a recurring draft into exactly the contract input, money in minor units', () => {
    const input = draftToInput({ ...planToDraft(plan, 'CNY'), price: '1,299.5' }, 'CNY');
    expect(input).toEqual({
      kind: 'recurring',
      name: 'Gold Quarterly',
      description: 'All classes',
      price: 129950,
      taxRateBp: 600,
      checkinsPerDay: 2,
      interval: 'month',
      intervalCount: 3,
      alignment: 'calendar',
      setupFee: 5000,
      trialDays: 7,
      sessionQuota: null,
      termPeriods: 4,
      autoRenew: true,
      freezeDaysPerYear: 30,
      freezeFee: 2000,
      pauseMode: 'credit',
    });
    expect(planInput.safeParse(input).success).toBe(true);
  });

  it('sends a pack only the pack’s fields, and empty optional fields as their defaults', () => {
    const input = draftToInput({ ...emptyDraft('pack'), name: '10次卡', price: '880', packSessions: '10', packValidDays: '90' }, 'CNY');
    expect(input).toEqual({ kind: 'pack', name: '10次卡', description: '', price: 88000, checkinsPerDay: 1, packSessions: 10, packValidDays: 90 });
    const monthly = draftToInput({ ...emptyDraft(), name: 'Monthly', price: '300', trialDays: '', autoRenew: true }, 'CNY');
    expect(monthly).toMatchObject({ setupFee: 0, trialDays: 0, sessionQuota: null, termPeriods: null, autoRenew: false, freezeFee: 0 });
    expect(monthly).not.toHaveProperty('taxRateBp'); // the business default applies
  });

  it('passes what is not a number through as typed, so the host reports each field', () => {
    const input = draftToInput({ ...emptyDraft(), name: '', price: 'abc', intervalCount: 'x', taxRate: '6.555', setupFee: '-1' }, 'CNY');
    const result = planInput.safeParse(input);
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(issues).toEqual({
      name: 'required',
      price: 'invalid_amount',
      intervalCount: 'out_of_range',
      taxRateBp: 'out_of_range',
      setupFee: 'invalid_amount',
    });
  });

  it('round-trips a plan through the draft unchanged', () => {
    const input = draftToInput(planToDraft(plan, 'CNY'), 'CNY');
    const { id: _id, archived: _a, monthlyPrice: _m, createdAt: _c, updatedAt: _u, packSessions: _ps, packValidDays: _pv, ...terms } = plan;
    expect(input).toEqual(terms);
  });

  it('files update errors (plan.price) under the field, like create errors (price)', () => {
    expect(planFieldErrors({ 'plan.price': 'invalid_amount', name: 'required' })).toEqual({ price: 'invalid_amount', name: 'required' });
  });
});
