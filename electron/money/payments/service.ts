/**
 * Taking money at the desk. A payment first settles the invoices the clerk picked (in the order
 * picked); then, as everywhere in the ledger, the payer's account credit settles what is still
 * open, oldest invoice first; what is left is account credit (储值). A top-up is a payment that may
 * earn a promotion's bonus (充值赠送), kept apart as bonus credit. Each runs inside its channel's
 * one transaction.
 */
import type { z } from 'zod';
import { AppError, found } from '../../../shared/errors';
import type { InvoiceDetail } from '../../contract/billing-types';
import type { PayerMoney, Payment, PaymentDetail, PaymentReceipt, paymentInput } from '../../contract/payments';
import { assertDayOpen } from '../closeout/lock';
import { allocate, applyCredit as applyAccountCredit } from '../ledger/ledger';
import type { Db } from '../../db/open';
import type { ServiceEnv } from '../../contract/env';
import { paymentsRepo, type PaymentView } from '../../db/repos/payments';
import { ledgerRepo } from '../../db/repos/ledger';
import { creditNotesRepo } from '../../db/repos/credit-notes';
import { voidInvoice } from '../invoices/service';
import { changeDue, spread, type Target } from './allocate';
import { invoiceMembers } from '../invoices/members';
import { invoiceBalance } from './balances';
import { moneyDate, payerMoney, pickable, requirePayer, resolvePayer } from './payer';
import { activeMethod, createPaymentMethodsService, getPromotion } from './methods';
import { findRequest, moneyFilter, saveRequest } from './requests';
import { createRefund, listRefunds, listRefundsOfPayment, previewRefund, type RefundInput } from './refunds';

export type PaymentInput = z.output<typeof paymentInput>;

/** The invoices the clerk picked, checked; none means "oldest first", which the ledger does. */
function picks(db: Db, payerId: number, input: PaymentInput): Target[] {
  if (!input.invoices) return [];
  const targets = input.invoices.map((pick) => {
    const inv = pickable(db, payerId, pick.invoiceId);
    if (pick.amount !== undefined && pick.amount > inv.balance) {
      throw new AppError('ALLOCATION_EXCEEDS_BALANCE', `Invoice ${inv.number} has only ${inv.balance} left to pay.`, {
        invoiceId: inv.id,
        balance: inv.balance,
      });
    }
    return { invoiceId: inv.id, balance: inv.balance, amount: pick.amount };
  });
  const fixed = targets.reduce((s, t) => s + (t.amount ?? 0), 0);
  if (fixed > input.amount) {
    throw new AppError('PAYMENT_TOO_LARGE', 'The amounts given for the invoices add up to more than the payment.', {
      allocated: fixed,
      amount: input.amount,
    });
  }
  return targets;
}

function promotionBonus(db: Db, input: PaymentInput): { id: number; bonus: number; name: string } | null {
  if (input.promotionId === undefined) return null;
  return topUpPromotion(db, input.promotionId, input.kind, input.amount);
}

/** The promotion a top-up of `amount` is given, or PROMOTION_NOT_APPLICABLE saying why not (the sale and its preview alike). */
export function topUpPromotion(db: Db, promotionId: number, kind: PaymentInput['kind'], amount: number): { id: number; bonus: number; name: string } {
  const promo = getPromotion(db, promotionId);
  if (!promo || !promo.active) throw new AppError('PROMOTION_NOT_APPLICABLE', 'That promotion is not available.', { promotionId });
  if (kind !== 'topup') throw new AppError('PROMOTION_NOT_APPLICABLE', 'Promotions apply to top-ups only.', { promotionId: promo.id });
  if (amount < promo.minAmount) {
    throw new AppError('PROMOTION_NOT_APPLICABLE', `"${promo.name}" needs a top-up of at least ${promo.minAmount}.`, {
      promotionId: promo.id,
      minAmount: promo.minAmount,
    });
  }
  return { id: promo.id, bonus: promo.bonus, name: promo.name };
}

function recordPayment(env: ServiceEnv, input: PaymentInput): PaymentReceipt {
  const db = env.db;
  const replay = findRequest<{ paymentId: number }>(db, input.requestId, 'payments.record');
  if (replay) return receipt(env, replay.paymentId, true);

  const payer = requirePayer(db, input.payerId);
  const date = moneyDate(db, input.date, env.today());
  const method = activeMethod(db, input.method);
  if (input.tendered !== undefined && !method.isCash) {
    throw new AppError('TENDER_NOT_CASH', 'Amount tendered and change are for cash payments only.', { method: method.code });
  }
  if (input.tendered !== undefined && input.tendered < input.amount) {
    throw new AppError('TENDERED_TOO_LOW', 'The cash handed over is less than the amount paid.', { tendered: input.tendered, amount: input.amount });
  }
  const promo = promotionBonus(db, input);
  const { splits } = spread(input.amount, picks(db, payer.id, input));

  const now = env.now().toISOString();
  const staff = env.actor();
  const repo = paymentsRepo(db);
  const paymentId = repo.insert({
    payer_id: payer.id,
    date,
    method: method.code,
    amount: input.amount,
    reference: input.reference,
    note: input.note,
    staff_id: staff?.id ?? null,
    staff_name: staff?.name ?? '',
    tendered: input.tendered ?? null,
    promotion_id: promo?.id ?? null,
    created_at: now,
  });
  for (const s of splits) allocate(db, s.invoiceId, { source: 'payment', id: paymentId }, s.amount, date, now);
  if (promo) repo.insertBonusGrant({ payer_id: payer.id, payment_id: paymentId, date, amount: promo.bonus, reason: promo.name, created_at: now, credit_note_id: null });
  applyAccountCredit(db, payer.id, date, now, env.audit);
  saveRequest(db, input.requestId, 'payments.record', { paymentId }, now);
  env.audit('payment', paymentId, null, getPayment(db, paymentId));
  return receipt(env, paymentId, false);
}

function receipt(env: ServiceEnv, paymentId: number, replayed: boolean): PaymentReceipt {
  const payment = getPayment(env.db, paymentId);
  return {
    payment,
    // What stays on account from this payment: not applied and not paid back.
    toCredit: payment.unallocated,
    bonus: payment.bonus,
    change: payment.change,
    payer: payerMoney(env.db, payment.payerId, env.today()),
    replayed,
  };
}

function fromPaymentRow(r: PaymentView): Payment {
  return {
    id: r.id,
    payerId: r.payer_id,
    payerName: r.payer_name,
    date: r.date,
    method: r.method,
    amount: r.amount,
    reference: r.reference,
    note: r.note,
    tendered: r.tendered,
    change: r.tendered === null ? null : changeDue(r.tendered, r.amount),
    staffName: r.staff_name,
    createdAt: r.created_at,
    allocated: r.allocated,
    refunded: r.refunded,
    unallocated: r.amount - r.allocated - r.refunded,
    bonus: r.bonus,
    promotionId: r.promotion_id,
  };
}

export function getPayment(db: Db, id: number): PaymentDetail {
  const repo = paymentsRepo(db);
  const row = found(repo.view(id), 'payment', id, `No payment ${id}.`);
  const rows = repo.allocations(id);
  // Whom each settled invoice was for, so the receipt can say which child the money covered.
  const names = invoiceMembers(db, rows.map((a) => a.invoiceId));
  const allocations = rows.map((a) => ({ ...a, members: names.get(a.invoiceId) ?? [] }));
  return { ...fromPaymentRow(row), allocations, refunds: listRefundsOfPayment(db, id) };
}

function listPayments(db: Db, f: Parameters<typeof moneyFilter>[0]): Payment[] {
  return paymentsRepo(db).list(moneyFilter(f)).map(fromPaymentRow);
}

/**
 * Voids an invoice that payments, bonus credit or another invoice's credit note had settled: what was
 * applied goes back to its source (then, as always, to the payer's other open invoices; the rest stays as
 * credit that can be refunded), and the invoice is voided, in one transaction. Refused on a closed day
 * (today, the invoice's or an allocation's: DAY_CLOSED, correct it with a credit note instead) and, as any
 * void, when a credit note is tied to the invoice itself (INVOICE_SETTLED).
 */
function releaseAndVoid(env: ServiceEnv, invoiceId: number, reason: string): { invoice: InvoiceDetail; released: number; payer: PayerMoney } {
  const db = env.db;
  const today = env.today();
  // The released credit is applied again today: today must be open.
  assertDayOpen(db, today);
  const inv = found(invoiceBalance(db, invoiceId), 'invoice', invoiceId, `No invoice ${invoiceId}.`);
  if (inv.status === 'void') throw new AppError('INVOICE_VOID', `Invoice ${inv.number} is void.`, { invoiceId });
  const ledger = ledgerRepo(db);
  const rows = ledger.allocationsOfInvoice(invoiceId);
  if (rows.length === 0) throw new AppError('NOTHING_TO_RELEASE', `Nothing is applied to invoice ${inv.number}.`, { invoiceId });
  // A note written against this invoice corrects it for good; credit from another invoice's note is released like a payment.
  const tied = creditNotesRepo(db).countOfInvoice(invoiceId);
  if (tied > 0) {
    throw new AppError('INVOICE_SETTLED', `Invoice ${inv.number} has a credit note; it cannot be voided.`, { invoiceId, creditNotes: tied });
  }
  assertDayOpen(db, inv.issueDate);
  for (const r of rows) assertDayOpen(db, r.date);
  ledger.deleteAllocationsOfInvoice(invoiceId);
  env.audit('invoice_settlement', invoiceId, { allocations: rows, payerId: inv.payerId }, { allocations: [], reason, payerId: inv.payerId });
  const invoice = voidInvoice(env, invoiceId, reason, env.audit);
  applyAccountCredit(db, inv.payerId, today, env.now().toISOString(), env.audit);
  return { invoice, released: rows.reduce((s, r) => s + r.amount, 0), payer: payerMoney(db, inv.payerId, today) };
}

/**
 * Taking money, giving it back and the lists of both, with the payment methods and promotions.
 * Built once with the one environment; audit and actor follow the call in progress.
 */
export function createPaymentsService(env: ServiceEnv) {
  const db = env.db;
  return {
    ...createPaymentMethodsService(env),
    payer: (memberId: number): PayerMoney => payerMoney(db, resolvePayer(db, memberId).id, env.today()),
    record: (input: PaymentInput) => recordPayment(env, input),
    get: (id: number) => getPayment(db, id),
    list: (f: Parameters<typeof moneyFilter>[0]) => listPayments(db, f),
    releaseAndVoid: (invoiceId: number, reason: string) => releaseAndVoid(env, invoiceId, reason),
    refund: (input: RefundInput) => createRefund(env, input),
    refunds: (f: Parameters<typeof moneyFilter>[0]) => listRefunds(db, f),
    previewRefund: (input: Parameters<typeof previewRefund>[1]) => previewRefund(db, input),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
