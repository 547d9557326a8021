/**
 * Checkout at the desk: everything sold to one payer in one go — memberships (for the payer or
 * the members it pays for), packs, add-ons on existing memberships, drop-ins, a top-up — on ONE
 * invoice dated today, with one payment. With dryRun the same sale runs and is rolled back: the
 * preview's lines, discounts, credit applied and total are the real ones.
 */
import { z } from 'zod';
import { channel } from './define';
import { basisPoints, id, isoDate, money, positiveMoney, requiredLine, requiredText, text } from './common';
import { discountInput } from './subscriptions';
import type { InvoiceDetail } from './billing-types';
import type { PayerMoney } from './payments';

const membershipItem = z
  .strictObject({
    kind: z.literal('membership'),
    memberId: id,
    planId: id,
    startDate: isoDate.optional(), // default: today
    price: money.optional(),
    discount: discountInput.nullable().default(null),
    waiveSetupFee: z.boolean('invalid_choice').default(false),
    /** A promotion (促销活动) picked from the list: its discount becomes the membership's. */
    promotionId: id.optional(),
    /** Or a promotion's code as typed (any case). */
    promotionCode: requiredLine(30).optional(),
  })
  .refine((m) => m.discount === null || (m.promotionId === undefined && m.promotionCode === undefined), {
    message: 'promotion_and_discount',
    path: ['discount'],
  })
  .refine((m) => m.promotionId === undefined || m.promotionCode === undefined, { message: 'promotion_and_discount', path: ['promotionCode'] });

const packItem = z.strictObject({ kind: z.literal('pack'), memberId: id, planId: id, price: money.optional() });

/** A recurring extra on an existing membership, charged from today to the period end (prorated). */
const addonItem = z.strictObject({
  kind: z.literal('addon'),
  subscriptionId: id,
  name: requiredLine(100),
  price: money,
  taxRateBp: basisPoints.optional(),
});

/** One visit today: sold and the member is checked in with it. */
const dropInItem = z.strictObject({ kind: z.literal('dropin'), memberId: id, planId: id, price: money.optional() });

/** Money onto the payer's account (储值), with a top-up promotion's bonus if one applies. */
const topUpItem = z.strictObject({ kind: z.literal('topup'), amount: positiveMoney, promotionId: id.optional() });

export const checkoutItem = z.discriminatedUnion('kind', [membershipItem, packItem, addonItem, dropInItem, topUpItem], 'invalid_choice');
export type CheckoutItem = z.input<typeof checkoutItem>;

export const checkoutPayment = z.strictObject({
  method: requiredText(40),
  amount: positiveMoney,
  reference: text(100).default(''),
  /** Cash only: what was handed over (change = tendered − amount). */
  tendered: positiveMoney.optional(),
});

export const checkoutInput = z
  .strictObject({
    /** A client-made id per submit: a repeated submit returns the first sale instead of selling twice. */
    requestId: z.string('invalid_text').regex(/^[A-Za-z0-9-]{8,64}$/, 'invalid_text').optional(),
    /** The paying account (a member without a payer of its own). */
    payerId: id,
    items: z.array(checkoutItem, 'invalid_choice').min(1, 'required').max(20, 'too_long'),
    /** The one payment; without it the invoice stays open (a top-up needs one). */
    payment: checkoutPayment.nullable().default(null),
    dryRun: z.boolean('invalid_choice').default(false),
  })
  .refine((c) => c.items.filter((i) => i.kind === 'topup').length <= 1, { message: 'one_topup', path: ['items'] });

/** What one item of the sale became. */
export interface CheckoutItemResult {
  kind: CheckoutItem['kind'];
  memberId: number | null;
  subscriptionId: number | null;
  packId: number | null;
  /** A drop-in's check-in. */
  checkinId: number | null;
  /** The promotion a membership was sold with. */
  promotionId: number | null;
}

export interface CheckoutResult {
  dryRun: boolean;
  payerId: number;
  /** The checkout's one invoice (null when only a top-up was sold), as it stands after credit and payment. */
  invoice: InvoiceDetail | null;
  /** Every invoice the call issued: a catch-up of periods already due, then the checkout's. */
  invoices: InvoiceDetail[];
  items: CheckoutItemResult[];
  /** Account credit the invoice used when it was issued. */
  creditApplied: number;
  topUp: { amount: number; bonus: number } | null;
  /** What the desk takes now: the invoice's balance after credit, plus the top-up. */
  dueNow: number;
  /** What the payment did (null without one). */
  paid: { amount: number; toCredit: number; change: number | null; paymentIds: number[] } | null;
  payer: PayerMoney;
  /** True when this request id had already been sold: nothing new was written. */
  replayed: boolean;
}

export const checkoutChannels = {
  'checkout.sell': channel<CheckoutResult>()(checkoutInput, { access: 'desk', mutates: true }),
};
