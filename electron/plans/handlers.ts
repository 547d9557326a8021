import type { planChannels } from '../contract/plans';
import type { AreaHandlers } from '../handlers';
import type { PlansService } from './service';

export function planHandlers(plans: PlansService): AreaHandlers<keyof typeof planChannels> {
  return {
    'plans.list': (input) => plans.list(input.includeArchived),
    'plans.get': (input) => plans.get(input.id),
    'plans.create': (input, ctx) => {
      const plan = plans.create(input, ctx.settings.get().defaultTaxRateBp, ctx.now().toISOString());
      ctx.audit('plan', plan.id, null, plan);
      return plan;
    },
    'plans.update': (input, ctx) => {
      const { before, after } = plans.update(input.id, input.plan, ctx.settings.get().defaultTaxRateBp, ctx.now().toISOString());
      ctx.audit('plan', after.id, before, after);
      return after;
    },
    'plans.archive': (input, ctx) => {
      const { before, after } = plans.archive(input.id, input.archived, ctx.now().toISOString());
      ctx.audit('plan', after.id, before, after);
      return after;
    },
  };
}
