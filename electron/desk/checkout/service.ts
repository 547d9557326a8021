/**
 * Checkout at the desk: several sales for one payer, one invoice, one payment, one transaction.
 * The existing sellers (subscriptions.create, packs.sell, subscriptions.addAddon) run unchanged
 * while `gatherLines` keeps the lines they bill today; the checkout then issues ONE invoice dated
 * today with all of them (account credit applied as for any invoice) and takes the payment.
 * A top-up is money in, not an invoice line: the payment first pays the invoice, and the top-up's
 * amount is recorded as a top-up (储值, so its promotion's bonus applies).
 */
import type { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import type { checkoutInput, CheckoutItemResult, CheckoutResult } from '../../contract/checkout';
import type { Ctx } from '../../contract/handler';
import type { ServiceEnv } from '../../contract/env';
import { createCheckinsRepo } from '../../db/repos/checkins';
import { issueInvoice } from '../../money/invoices/issue';
import { getInvoiceDetail } from '../../money/invoices/read';
import { payerMoney, requirePayer } from '../../money/payments/payer';
import { findRequest, saveRequest } from '../../money/payments/requests';
import { topUpPromotion, type PaymentsService } from '../../money/payments/service';
import type { MembersService } from '../members/service';
import type { PacksService } from '../packs/service';
import type { PromotionsService } from '../promotions/service';
import { deskAction, gatherLines } from '../subscriptions/desk';
import type { SubscriptionsService } from '../subscriptions/service';

type Input = z.output<typeof checkoutInput>;
type Item = Input['items'][number];
type Payment = NonNullable<Input['payment']>;

const CHANNEL = 'checkout.sell';

/** A drop-in's invoice line, in the business's language. */
const dropInText = (locale: string) => (plan: string) => (locale === 'zh-CN' ? `单次入场 – ${plan}` : `Drop-in – ${plan}`);

/** The same refusal, saying which item of the cart it was about (0-based `item`). */
function aboutItem(e: unknown, index: number, item: Item): unknown {
  if (!isAppError(e)) return e;
  return new AppError(e.code, `Item ${index + 1} (${item.kind}): ${e.message}`, { ...e.details, item: index, itemKind: item.kind });
}

/** What is stored for a request id: enough to answer a repeated submit. */
interface Saved {
  /** The account the sale was for (absent in requests saved before session 14). */
  payerId?: number;
  invoiceId: number | null;
  items: CheckoutItemResult[];
  creditApplied: number;
  topUp: CheckoutResult['topUp'];
  dueNow: number;
  paid: CheckoutResult['paid'];
}

export function createCheckoutService(env: ServiceEnv, deps: { subs: SubscriptionsService; packs: PacksService; members: MembersService; payments: PaymentsService; promotions: PromotionsService }) {
  const db = env.db;
  const checkins = createCheckinsRepo(db);

  function samePayer(memberId: number, payerId: number): void {
    const m = deps.members.active(memberId);
    if ((m.payerId ?? m.id) !== payerId) {
      throw new AppError('CHECKOUT_OTHER_PAYER', `Member ${memberId} is not paid for by member ${payerId}.`, { memberId, payerId: m.payerId ?? m.id });
    }
  }

  /** Checks the member in with the drop-in just sold: the visit is paid, so no standing rule applies. */
  function admit(memberId: number, packId: number, ctx: Ctx): number {
    const id = checkins.insert({
      member_id: memberId, date: env.today(), at: env.now().toISOString(), subscription_id: null, pack_id: packId,
      staff_id: ctx.staff?.id ?? null, staff_name: ctx.staff?.name ?? '', override_reason: null, blocked: null, class_booking_id: null, kept_device: null, kept_at: null,
    });
    ctx.audit('checkin', id, null, { memberId, packId, dropIn: true });
    return id;
  }

  const none = { memberId: null, subscriptionId: null, packId: null, checkinId: null, promotionId: null };

  function sellItem(item: Item, payerId: number, ctx: Ctx): CheckoutItemResult {
    switch (item.kind) {
      case 'membership': {
        samePayer(item.memberId, payerId);
        const { kind: _kind, promotionId, promotionCode, ...sale } = item;
        // A promotion only chooses the discount: the membership carries it like any discount.
        const promo = promotionId === undefined && promotionCode === undefined ? null : deps.promotions.forSale(item.planId, { promotionId, promotionCode });
        const r = deps.subs.create(promo ? { ...sale, discount: promo.discount } : sale, ctx.audit);
        if (promo) deps.promotions.recordSale(promo.id, r.subscription.id, item.memberId);
        return { ...none, kind: item.kind, memberId: item.memberId, subscriptionId: r.subscription.id, promotionId: promo?.id ?? null };
      }
      case 'pack': {
        samePayer(item.memberId, payerId);
        const r = deps.packs.sell({ memberId: item.memberId, planId: item.planId, price: item.price });
        return { ...none, kind: item.kind, memberId: item.memberId, packId: r.pack.id };
      }
      case 'addon': {
        const sub = deps.subs.get(item.subscriptionId);
        if (sub.payerId !== payerId) {
          throw new AppError('CHECKOUT_OTHER_PAYER', `Subscription ${sub.id} is not paid for by member ${payerId}.`, { subscriptionId: sub.id, payerId: sub.payerId });
        }
        const r = deps.subs.addAddon({ id: sub.id, name: item.name, price: item.price, taxRateBp: item.taxRateBp }, ctx.audit);
        return { ...none, kind: item.kind, memberId: sub.memberId, subscriptionId: r.subscription.id };
      }
      case 'dropin': {
        samePayer(item.memberId, payerId);
        const r = deps.packs.sellDropIn(item, dropInText(env.settings.get().locale));
        return { ...none, kind: item.kind, memberId: item.memberId, packId: r.pack.id, checkinId: admit(item.memberId, r.pack.id, ctx) };
      }
      case 'topup':
        return { ...none, kind: item.kind };
    }
  }

  /** The one payment: the invoice first (and, as always, the oldest open ones), then the top-up. */
  function takePayment(ctx: Ctx, payerId: number, invoiceId: number | null, payment: Payment, topUp: Item | undefined): NonNullable<CheckoutResult['paid']> {
    const topUpAmount = topUp?.kind === 'topup' ? topUp.amount : 0;
    if (payment.amount < topUpAmount) {
      throw new AppError('CHECKOUT_TOPUP_UNPAID', `The payment (${payment.amount}) does not cover the top-up (${topUpAmount}).`, { amount: payment.amount, topUp: topUpAmount });
    }
    // The cash handed over is checked against the whole sale, in the clerk's own figures (each row checks its part).
    if (payment.tendered !== undefined && payment.tendered < payment.amount) {
      throw new AppError('TENDERED_TOO_LOW', 'The cash handed over is less than the amount paid.', { tendered: payment.tendered, amount: payment.amount });
    }
    const forInvoice = payment.amount - topUpAmount;
    const open = invoiceId === null ? 0 : getInvoiceDetail(db, invoiceId, env.today()).balance;
    const base = { payerId, method: payment.method, reference: payment.reference, note: '', requestId: undefined, date: undefined, promotionId: undefined };
    // Cash handed over covers the whole sale: the change is given on the first row.
    const tenderFor = (rowAmount: number) => (payment.tendered === undefined ? undefined : payment.tendered - (payment.amount - rowAmount));
    const receipts = [];
    if (forInvoice > 0) {
      const invoices = invoiceId !== null && open > 0 ? [{ invoiceId, amount: Math.min(open, forInvoice) }] : undefined;
      receipts.push(deps.payments.record({ ...base, kind: 'payment', amount: forInvoice, tendered: tenderFor(forInvoice), invoices }));
    }
    if (topUp?.kind === 'topup') {
      const tendered = receipts.length === 0 ? tenderFor(topUpAmount) : undefined;
      receipts.push(deps.payments.record({ ...base, kind: 'topup', amount: topUpAmount, tendered, invoices: undefined, promotionId: topUp.promotionId }));
    }
    return {
      amount: payment.amount,
      toCredit: receipts.reduce((s, r) => s + r.toCredit, 0),
      change: payment.tendered === undefined ? null : payment.tendered - payment.amount,
      paymentIds: receipts.map((r) => r.payment.id),
    };
  }

  function answer(saved: Saved, payerId: number, invoices: CheckoutResult['invoices'], replayed: boolean): CheckoutResult {
    const today = env.today();
    const invoice = saved.invoiceId === null ? null : getInvoiceDetail(db, saved.invoiceId, today);
    return { dryRun: false, payerId, invoice, invoices, ...saved, payer: payerMoney(db, payerId, today), replayed };
  }

  function sellAll(input: Input, ctx: Ctx) {
    const payerId = requirePayer(db, input.payerId).id;
    const gathered = gatherLines(env, payerId, () =>
      input.items.map((item, i) => {
        try {
          return sellItem(item, payerId, ctx);
        } catch (e) {
          throw aboutItem(e, i, item);
        }
      }),
    );
    const items = gathered.value;
    const invoice = gathered.lines.length > 0 ? issueInvoice(env, { payerId, issueDate: env.today(), lines: gathered.lines }, ctx.audit) : null;
    if (invoice) deps.packs.attachInvoice(items.flatMap((r) => (r.packId === null ? [] : [r.packId])), invoice.id);
    // The sale's invoice, for each promoted membership it billed (a later start bills nothing today).
    const billed = new Set(gathered.lines.map((l) => l.subscriptionId));
    const promoted = items.flatMap((r) => (r.promotionId !== null && r.subscriptionId !== null && billed.has(r.subscriptionId) ? [r.subscriptionId] : []));
    if (invoice) deps.promotions.attachInvoice(invoice.id, promoted);
    const balance = invoice ? getInvoiceDetail(db, invoice.id, env.today()).balance : 0;
    const topUp = input.items.find((i) => i.kind === 'topup');
    const topUpAmount = topUp?.kind === 'topup' ? topUp.amount : 0;
    // A preview may leave the payment out; the sale itself may not.
    if (topUpAmount > 0 && input.payment === null && !input.dryRun) {
      throw new AppError('CHECKOUT_TOPUP_UNPAID', 'A top-up needs the payment that brings the money in.', { amount: 0, topUp: topUpAmount });
    }
    const paid = input.payment ? takePayment(ctx, payerId, invoice?.id ?? null, input.payment, topUp) : null;
    const bonus = paid ? bonusOf(paid.paymentIds) : promisedBonus(topUp);
    const saved: Saved = {
      payerId,
      invoiceId: invoice?.id ?? null,
      items,
      creditApplied: invoice ? invoice.total - balance : 0,
      topUp: topUpAmount > 0 ? { amount: topUpAmount, bonus } : null,
      dueNow: balance + topUpAmount,
      paid,
    };
    saveRequest(db, input.requestId, CHANNEL, saved, env.now().toISOString());
    return { saved, payerId };
  }

  /** A preview without a payment: the bonus the top-up's promotion will grant, refused as the sale would refuse it. */
  function promisedBonus(topUp: Item | undefined): number {
    if (topUp?.kind !== 'topup' || topUp.promotionId === undefined) return 0;
    return topUpPromotion(db, topUp.promotionId, 'topup', topUp.amount).bonus;
  }

  function bonusOf(paymentIds: number[]): number {
    const row = db
      .prepare<[string], { b: number }>('SELECT COALESCE(SUM(amount), 0) AS b FROM bonus_grants WHERE payment_id IN (SELECT value FROM json_each(?))')
      .get(JSON.stringify(paymentIds));
    return row?.b ?? 0;
  }

  /** Sells every item or nothing: any refusal rolls the whole call back (the host's transaction). */
  function sell(input: Input, ctx: Ctx): CheckoutResult {
    const replay = findRequest<Saved>(db, input.requestId, CHANNEL);
    // The same request id answers the same sale only: for another account it is a mistake, not a retry.
    if (replay && replay.payerId !== undefined && replay.payerId !== input.payerId) {
      throw new AppError('CONFLICT', 'That request id was used for a sale to another account.', { requestId: input.requestId, payerId: replay.payerId });
    }
    if (replay) return answer(replay, requirePayer(db, input.payerId).id, [], true);
    const r = deskAction(env, ctx.audit, () => sellAll(input, ctx));
    return answer(r.saved, r.payerId, r.invoices, false);
  }

  return { sell };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
