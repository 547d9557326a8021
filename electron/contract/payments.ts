import { z } from 'zod';
import { channel } from './define';
import type { InvoiceDetail } from './billing-types';
import { id, isoDate, requiredLine, requiredText, text } from './common';

/** A payment method of the configurable list. Built-in ones are shown translated by code. */
export interface PaymentMethod {
  code: string;
  /** A custom method's name; '' for a built-in one (the screen translates its code). */
  name: string;
  builtin: boolean;
  isCash: boolean;
  active: boolean;
  position: number;
}

/** 充值赠送: a top-up of at least `minAmount` earns `bonus` as bonus credit. */
export interface TopUpPromotion {
  id: number;
  name: string;
  minAmount: number;
  bonus: number;
  active: boolean;
}

/** An invoice that still has something to pay, as the payment dialog lists it. */
export interface OpenInvoice {
  id: number;
  number: string;
  issueDate: string;
  dueDate: string;
  total: number;
  settled: number;
  balance: number;
  overdue: boolean;
  daysOverdue: number;
  /** Whom its lines are for, in line order; [] when they are all the payer's own (no names needed). */
  members: { id: number; name: string }[];
}

/** What the desk needs to take a payment from a payer: what is owed, what is on account, what is open. */
export interface PayerMoney {
  payerId: number;
  payerName: string;
  phone: string;
  /** Issued invoices − credit notes − payments + refunds − bonus applied; negative = the payer is in credit. */
  balance: number;
  /** Sum of open invoice balances. */
  due: number;
  /** Unapplied paid credit (储值): refundable. */
  paidCredit: number;
  /** Unapplied bonus credit (充值赠送): usable, never refunded. */
  bonusCredit: number;
  /** Money owed (欠款), never negative: what the screens show instead of the signed balance. */
  owes: number;
  /** Money the payer can spend (可用余额): paid + bonus credit, never negative. */
  credit: number;
  openInvoices: OpenInvoice[];
}

export interface PaymentAllocation {
  invoiceId: number;
  invoiceNumber: string;
  amount: number;
  date: string;
  /** Whom the invoice's lines are for; [] when they are all the payer's own. */
  members: { id: number; name: string }[];
}

export interface Refund {
  id: number;
  payerId: number;
  payerName: string;
  paymentId: number | null;
  creditNoteId: number | null;
  creditNoteNumber: string | null;
  date: string;
  method: string;
  amount: number;
  reason: string;
  staffName: string;
  createdAt: string;
}

export interface Payment {
  id: number;
  payerId: number;
  payerName: string;
  date: string;
  method: string;
  amount: number;
  reference: string;
  note: string;
  /** Cash handed over, and the change given back; null for other methods. */
  tendered: number | null;
  change: number | null;
  staffName: string;
  createdAt: string;
  /** Applied to invoices, refunded, and what is left on account from it. */
  allocated: number;
  refunded: number;
  unallocated: number;
  /** Bonus credit granted with this top-up (0 without a promotion). */
  bonus: number;
  promotionId: number | null;
}

export interface PaymentDetail extends Payment {
  allocations: PaymentAllocation[];
  refunds: Refund[];
}

/** What taking a payment did: where the money went, the change, and the payer afterwards. */
export interface PaymentReceipt {
  payment: PaymentDetail;
  /** Part of the payment that became account credit. */
  toCredit: number;
  bonus: number;
  change: number | null;
  payer: PayerMoney;
  /** True when this request id had already been recorded: nothing new was written. */
  replayed: boolean;
}

export interface RefundResult {
  refunds: Refund[];
  total: number;
  /** Bonus credit the refund took back (its share of the refunded top-ups' bonus still unspent). */
  bonusForfeited: number;
  payer: PayerMoney;
  replayed: boolean;
}

/** A client-made id per submit (a UUID): a repeated submit returns the first result instead of paying twice. */
const requestId = z
  .string('invalid_text')
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'invalid_text')
  .optional();

/** Money taken or given back: whole minor units above zero (a fraction of a fen or a zero is refused). */
const positiveMoney = z
  .number('invalid_amount')
  .int('invalid_amount')
  .min(1, 'positive_amount')
  .max(1_000_000_000_000, 'invalid_amount');

const limit = z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(10_000, 'out_of_range').default(200);
const methodCode = requiredText(40);

export const paymentInput = z
  .strictObject({
    requestId,
    payerId: id,
    /** 'payment' settles the invoices picked, then the oldest open ones; 'topup' (储值) may earn a promotion's bonus. */
    kind: z.enum(['payment', 'topup'], 'invalid_choice').default('payment'),
    method: methodCode,
    amount: positiveMoney,
    date: isoDate.optional(), // default: today
    reference: text(100).default(''),
    note: text(500).default(''),
    /** Cash only: what the customer handed over (change = tendered − amount). */
    tendered: positiveMoney.optional(),
    /** The invoices the clerk picked, in order; without it, the oldest open invoices first. */
    invoices: z
      .array(z.strictObject({ invoiceId: id, amount: positiveMoney.optional() }), 'invalid_choice')
      .min(1, 'required')
      .max(200, 'too_long')
      .refine((list) => new Set(list.map((i) => i.invoiceId)).size === list.length, 'duplicate_invoice')
      .optional(),
    /** A top-up promotion (充值赠送) to grant its bonus. */
    promotionId: id.optional(),
  })
  .refine((p) => p.kind === 'payment' || p.invoices === undefined, { message: 'topup_no_invoices', path: ['invoices'] });

export const refundInput = z
  .strictObject({
    requestId,
    payerId: id,
    /** Against one payment (its unapplied part) or from the payer's paid account credit. */
    source: z.enum(['payment', 'credit'], 'invalid_choice'),
    paymentId: id.optional(),
    amount: positiveMoney,
    /** How the money goes back; default: the payment's method, or cash from credit. */
    method: methodCode.optional(),
    reason: requiredText(300),
    date: isoDate.optional(), // default: today
  })
  .refine((r) => (r.source === 'payment') === (r.paymentId !== undefined), { message: 'required', path: ['paymentId'] });

/** What a refund would draw on: how much can go back, and the bonus it would take back. */
export interface RefundPreview {
  refundable: number;
  bonusForfeited: number;
}

export const refundPreviewInput = z
  .strictObject({
    payerId: id,
    source: z.enum(['payment', 'credit'], 'invalid_choice'),
    paymentId: id.optional(),
    amount: positiveMoney,
  })
  .refine((r) => (r.source === 'payment') === (r.paymentId !== undefined), { message: 'required', path: ['paymentId'] });

const listFilter = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  payerId: id.optional(),
  limit,
});

export const paymentChannels = {
  'paymentMethods.list': channel<PaymentMethod[]>()(z.strictObject({ includeInactive: z.boolean('invalid_choice').default(false) }), {
    access: 'desk',
    mutates: false,
  }),
  'paymentMethods.create': channel<PaymentMethod>()(
    z.strictObject({ name: requiredLine(40), isCash: z.boolean('invalid_choice').default(false) }),
    { access: 'manager', mutates: true },
  ),
  /** Rename a custom method, switch any method on or off, or move it in the list. */
  'paymentMethods.update': channel<PaymentMethod>()(
    z.strictObject({
      code: methodCode,
      name: requiredLine(40).optional(),
      active: z.boolean('invalid_choice').optional(),
      position: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(1000, 'out_of_range').optional(),
    }),
    { access: 'manager', mutates: true },
  ),
  'promotions.list': channel<TopUpPromotion[]>()(z.strictObject({ includeInactive: z.boolean('invalid_choice').default(false) }), {
    access: 'desk',
    mutates: false,
  }),
  'promotions.create': channel<TopUpPromotion>()(
    z.strictObject({ name: requiredLine(100), minAmount: positiveMoney, bonus: positiveMoney }),
    { access: 'manager', mutates: true },
  ),
  'promotions.update': channel<TopUpPromotion>()(
    z.strictObject({ id, name: requiredLine(100), minAmount: positiveMoney, bonus: positiveMoney, active: z.boolean('invalid_choice') }),
    { access: 'manager', mutates: true },
  ),
  /** The payer of a member (the member itself or its household payer) with balance, credit and open invoices. */
  'payments.payer': channel<PayerMoney>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
  'payments.record': channel<PaymentReceipt>()(paymentInput, { access: 'desk', mutates: true }),
  'payments.get': channel<PaymentDetail>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  'payments.list': channel<Payment[]>()(listFilter, { access: 'desk', mutates: false }),
  /**
   * Voids an invoice that payments or bonus credit had settled: what was applied goes back to the payer's
   * account credit (refundable from there) and the invoice is voided, in one transaction.
   */
  'payments.releaseAndVoid': channel<{ invoice: InvoiceDetail; released: number; payer: PayerMoney }>()(
    z.strictObject({ invoiceId: id, reason: requiredText(300) }),
    { access: 'manager', mutates: true },
  ),
  'refunds.create': channel<RefundResult>()(refundInput, { access: 'manager', mutates: true }),
  'refunds.list': channel<Refund[]>()(listFilter, { access: 'desk', mutates: false }),
  /** The refund dialog's preview: nothing is written. */
  'refunds.preview': channel<RefundPreview>()(refundPreviewInput, { access: 'desk', mutates: false }),
};
