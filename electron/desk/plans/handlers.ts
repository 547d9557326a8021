import type { planChannels } from '../../contract/plans';
import type { AreaHandlers } from '../../contract/handler';
import type { PlansService } from './service';

export function planHandlers(plans: PlansService): AreaHandlers<keyof typeof planChannels> {
  return {
    'plans.list': (input) => plans.list(input.includeArchived),
    'plans.get': (input) => plans.get(input.id),
    'plans.create': (input) => plans.create(input),
    'plans.update': (input) => plans.update(input.id, input.plan),
    'plans.archive': (input) => plans.archive(input.id, input.archived),
  };
}
