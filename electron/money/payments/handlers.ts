import type { paymentChannels } from '../../contract/payments';
import type { AreaHandlers } from '../../contract/handler';
import type { PaymentsService } from './service';

export function paymentHandlers(payments: PaymentsService): AreaHandlers<keyof typeof paymentChannels> {
  return {
    'paymentMethods.list': (input) => payments.listMethods(input.includeInactive),
    'paymentMethods.create': (input) => payments.createMethod(input),
    'paymentMethods.update': (input) => payments.updateMethod(input),
    'promotions.list': (input) => payments.listPromotions(input.includeInactive),
    'promotions.create': (input) => payments.createPromotion(input),
    'promotions.update': (input) => payments.updatePromotion(input),
    'payments.payer': (input) => payments.payer(input.memberId),
    'payments.record': (input) => payments.record(input),
    'payments.get': (input) => payments.get(input.id),
    'payments.list': (input) => payments.list(input),
    'payments.releaseAndVoid': (input) => payments.releaseAndVoid(input.invoiceId, input.reason),
    'refunds.create': (input) => payments.refund(input),
    'refunds.list': (input) => payments.refunds(input),
    'refunds.preview': (input) => payments.previewRefund(input),
  };
}
