import type { paymentChannels } from '../../contract/payments';
import type { AreaHandlers } from '../../contract/handler';
import { createMethod, createPromotion, listMethods, listPromotions, updateMethod, updatePromotion } from './methods';
import { payerMoney, resolvePayer } from './payer';
import { createRefund, listRefunds, previewRefund } from './refunds';
import { getPayment, listPayments, recordPayment, releaseAndVoid } from './service';

export function paymentHandlers(): AreaHandlers<keyof typeof paymentChannels> {
  return {
    'paymentMethods.list': (input, ctx) => listMethods(ctx.db, input.includeInactive),
    'paymentMethods.create': (input, ctx) => {
      const method = createMethod(ctx.db, input);
      ctx.audit('payment_method', method.code, null, method);
      return method;
    },
    'paymentMethods.update': (input, ctx) => {
      const { before, after } = updateMethod(ctx.db, input);
      ctx.audit('payment_method', after.code, before, after);
      return after;
    },
    'promotions.list': (input, ctx) => listPromotions(ctx.db, input.includeInactive),
    'promotions.create': (input, ctx) => {
      const promo = createPromotion(ctx.db, input, ctx.now().toISOString());
      ctx.audit('promotion', promo.id, null, promo);
      return promo;
    },
    'promotions.update': (input, ctx) => {
      const { before, after } = updatePromotion(ctx.db, input, ctx.now().toISOString());
      ctx.audit('promotion', after.id, before, after);
      return after;
    },
    'payments.payer': (input, ctx) => payerMoney(ctx.db, resolvePayer(ctx.db, input.memberId).id, ctx.today()),
    'payments.record': (input, ctx) => recordPayment(ctx, input),
    'payments.get': (input, ctx) => getPayment(ctx.db, input.id),
    'payments.list': (input, ctx) => listPayments(ctx.db, input),
    'payments.releaseAndVoid': (input, ctx) => releaseAndVoid(ctx, input.invoiceId, input.reason),
    'refunds.create': (input, ctx) => createRefund(ctx, input),
    'refunds.list': (input, ctx) => listRefunds(ctx.db, input),
    'refunds.preview': (input, ctx) => previewRefund(ctx.db, input),
  };
}
