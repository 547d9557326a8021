import type { promotionChannels } from '../../contract/promotions';
import type { AreaHandlers } from '../../contract/handler';
import type { PromotionsService } from './service';
import { promotionsFile } from './export';

export function promotionHandlers(promotions: PromotionsService): AreaHandlers<keyof typeof promotionChannels> {
  return {
    'campaigns.list': (input) => promotions.list(input.includeArchived),
    'campaigns.eligible': (input) => promotions.eligible(input.planId),
    'campaigns.findCode': (input) => promotions.forSale(input.planId, { promotionCode: input.code }),
    'campaigns.create': (input) => promotions.create(input),
    'campaigns.update': (input) => promotions.update(input.id, input.promotion),
    'campaigns.archive': (input) => promotions.archive(input.id, input.archived),
    'campaigns.report': (input) => promotions.report(input.includeArchived),
    'campaigns.export': (input, ctx) => {
      const s = ctx.settings.get();
      return promotionsFile(promotions.report(true), input.locale ?? s.locale, s.currency, input.format);
    },
  };
}
