import { z } from 'zod';
import { channel } from './define';
import { basisPoints, id, money, requiredLine, text } from './common';
import type { Plan } from './billing-types';

const count = (min: number, max: number) =>
  z.number('out_of_range').int('out_of_range').min(min, 'out_of_range').max(max, 'out_of_range');

const common = {
  name: requiredLine(100),
  description: text(500).default(''),
  price: money,
  taxRateBp: basisPoints.optional(), // default: the business's default tax rate
  checkinsPerDay: count(1, 20).default(1),
};

export const recurringPlanInput = z.strictObject({
  kind: z.literal('recurring'),
  ...common,
  interval: z.enum(['week', 'month', 'year'], 'invalid_choice'),
  intervalCount: count(1, 36).default(1),
  alignment: z.enum(['anniversary', 'calendar'], 'invalid_choice').default('anniversary'),
  setupFee: money.default(0),
  trialDays: count(0, 365).default(0),
  sessionQuota: count(1, 1000).nullable().default(null),
  termPeriods: count(1, 120).nullable().default(null),
  autoRenew: z.boolean('invalid_choice').default(false),
  freezeDaysPerYear: count(0, 366).default(0),
  freezeFee: money.default(0),
  /**
   * What a freeze does: 'extend' adds the frozen days to the card, 'credit' gives the unused days
   * back as account credit. The plan form proposes 'extend'; a call that leaves it out keeps credit.
   */
  pauseMode: z.enum(['extend', 'credit'], 'invalid_choice').default('credit'),
});

export const packPlanInput = z.strictObject({
  kind: z.literal('pack'),
  ...common,
  packSessions: count(1, 1000),
  packValidDays: count(1, 3660),
});

/** A single visit (单次入场): a price, no recurrence; sold at the desk, it checks the member in for today. */
export const dropInPlanInput = z.strictObject({
  kind: z.literal('dropin'),
  ...common,
});

export const planInput = z.discriminatedUnion('kind', [recurringPlanInput, packPlanInput, dropInPlanInput], 'invalid_choice');
export type PlanInput = z.input<typeof planInput>;

export const planChannels = {
  'plans.list': channel<Plan[]>()(z.strictObject({ includeArchived: z.boolean().default(false) }), {
    access: 'desk',
    mutates: false,
  }),
  'plans.get': channel<Plan>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  'plans.create': channel<Plan>()(planInput, { access: 'manager', mutates: true }),
  /** Replaces the plan's terms; existing subscriptions keep the terms they were sold with. The kind cannot change. */
  'plans.update': channel<Plan>()(z.strictObject({ id, plan: planInput }), { access: 'manager', mutates: true }),
  'plans.archive': channel<Plan>()(z.strictObject({ id, archived: z.boolean('invalid_choice') }), {
    access: 'manager',
    mutates: true,
  }),
};
