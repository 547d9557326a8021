import type { subscriptionChannels } from '../../contract/subscriptions';
import type { AreaHandlers } from '../../contract/handler';
import type { BillingEnv } from '../../money/invoices/env';
import type { PacksService } from '../packs/service';
import { maybeDry } from './desk';
import type { SubscriptionsService } from './service';

export function subscriptionHandlers(env: BillingEnv, subs: SubscriptionsService, packs: PacksService): AreaHandlers<keyof typeof subscriptionChannels> {
  return {
    'subscriptions.create': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.create(input, ctx.audit)),
    'subscriptions.get': (input) => subs.get(input.id),
    'subscriptions.listByMember': (input) => subs.listByMember(input.memberId),
    'subscriptions.pause': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.pause(input, ctx.audit)),
    'subscriptions.freezePreview': (input) => subs.freezePreview(input),
    'subscriptions.grantFreezeDays': (input, ctx) => subs.grantFreezeDays(input, ctx.staff, ctx.audit),
    'subscriptions.resume': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.resume(input, ctx.audit)),
    'subscriptions.cancel': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.cancel({ ...input, staff: ctx.staff }, ctx.audit)),
    'subscriptions.undoCancel': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.undoCancel(input, ctx.audit)),
    'subscriptions.withdrawSwitch': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.withdrawSwitch(input, ctx.audit)),
    'subscriptions.changePlan': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.changePlan(input, ctx.audit)),
    'subscriptions.addAddon': ({ dryRun, ...input }, ctx) => maybeDry(env, dryRun, () => subs.addAddon(input, ctx.audit)),
    'subscriptions.removeAddon': ({ dryRun, ...input }, ctx) =>
      maybeDry(env, dryRun, () => subs.removeAddon({ ...input, staff: ctx.staff }, ctx.audit)),
    'packs.sell': ({ dryRun, ...input }) => maybeDry(env, dryRun, () => packs.sell(input)),
    'packs.listByMember': (input) => packs.listByMember(input.memberId),
  };
}

