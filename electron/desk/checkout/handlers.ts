import type { checkoutChannels } from '../../contract/checkout';
import type { AreaHandlers } from '../../contract/handler';
import type { BillingEnv } from '../../money/invoices/env';
import { maybeDry } from '../subscriptions/desk';
import type { CheckoutService } from './service';

export function checkoutHandlers(env: BillingEnv, checkout: CheckoutService): AreaHandlers<keyof typeof checkoutChannels> {
  return {
    'checkout.sell': (input, ctx) => maybeDry(env, input.dryRun, () => checkout.sell(input, ctx)),
  };
}
