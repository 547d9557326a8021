/**
 * Taking money at the desk. A payment first settles the invoices the clerk picked (in the order
 * picked); then, as everywhere in the ledger, the payer's account credit settles what is still
 * open, oldest invoice first; what is left is account credit (储值). A top-up is a payment that may
 * earn a promotion's bonus (充值赠送), kept apart as bonus credit. Each runs inside its channel's
 * one transaction.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { InvoiceDetail } from '../../contract/billing-types';
import type { PayerMoney, Payment, PaymentAllocation, PaymentDetail, PaymentReceipt, paymentInput } from '../../contract/payments';
import { assertDayOpen } from '../closeout/lock';
import { applyCredit as applyAccountCredit } from '../ledger/ledger';
import type { Db } from '../../db/open';
import type { Ctx } from '../../contract/handler';
import { voidInvoice } from '../invoices/service';
import { changeDue, spread, type Target } from './allocate';
import { invoiceMembers } from '../invoices/members';
import { invoiceBalance } from './balances';
import { moneyDate, payerMoney, pickable, requirePayer } from './payer';
import { activeMethod, getPromotion } from './methods';
import { dateRangeFilter, findRequest, saveRequest } from './requests';
import { listRefundsOfPayment } from './refunds';
import type { AllocationRow, PaymentRow } from '../../db/rows';

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
  const promo = getPromotion(db, input.promotionId);
  if (!promo || !promo.active) throw new AppError('PROMOTION_NOT_APPLICABLE', 'That promotion is not available.', { promotionId: input.promotionId });
  if (input.kind !== 'topup') throw new AppError('PROMOTION_NOT_APPLICABLE', 'Promotions apply to top-ups only.', { promotionId: promo.id });
  if (input.amount < promo.minAmount) {
    throw new AppError('PROMOTION_NOT_APPLICABLE', `"${promo.name}" needs a top-up of at least ${promo.minAmount}.`, {
      promotionId: promo.id,
      minAmount: promo.minAmount,
    });
  }
  return { id: promo.id, bonus: promo.bonus, name: promo.name };
}

export function recordPayment(ctx: Ctx, input: PaymentInput): PaymentReceipt {
  const db = ctx.db;
  const replay = findRequest<{ paymentId: number }>(db, input.requestId, 'payments.record');
  if (replay) return receipt(ctx, replay.paymentId, true);

  const payer = requirePayer(db, input.payerId);
  const date = moneyDate(db, input.date, ctx.today());
  const method = activeMethod(db, input.method);
  if (input.tendered !== undefined && !method.isCash) {
    throw new AppError('TENDER_NOT_CASH', 'Amount tendered and change are for cash payments only.', { method: method.code });
  }
  if (input.tendered !== undefined && input.tendered < input.amount) {
    throw new AppError('TENDERED_TOO_LOW', 'The cash handed over is less than the amount paid.', { tendered: input.tendered, amount: input.amount });
  }
  const promo = promotionBonus(db, input);
  const { splits } = spread(input.amount, picks(db, payer.id, input));

  const now = ctx.now().toISOString();
  const info = db
    .prepare(
      `INSERT INTO payments (payer_id, date, method, amount, reference, note, staff_id, staff_name, tendered, promotion_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(payer.id, date, method.code, input.amount, input.reference, input.note, ctx.staff?.id ?? null, ctx.staff?.name ?? '', input.tendered ?? null, promo?.id ?? null, now);
  const paymentId = Number(info.lastInsertRowid);
  const insertAllocation = db.prepare('INSERT INTO allocations (invoice_id, payment_id, amount, date, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const s of splits) insertAllocation.run(s.invoiceId, paymentId, s.amount, date, now);
  if (promo) {
    db.prepare('INSERT INTO bonus_grants (payer_id, payment_id, date, amount, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      payer.id,
      paymentId,
      date,
      promo.bonus,
      promo.name,
      now,
    );
  }
  applyAccountCredit(db, payer.id, date, now, ctx.audit);
  saveRequest(db, input.requestId, 'payments.record', { paymentId }, now);
  const detail = getPayment(db, paymentId);
  ctx.audit('payment', paymentId, null, detail);
  return receipt(ctx, paymentId, false);
}

function receipt(ctx: Ctx, paymentId: number, replayed: boolean): PaymentReceipt {
  const payment = getPayment(ctx.db, paymentId);
  return {
    payment,
    // What stays on account from this payment: not applied and not paid back.
    toCredit: payment.unallocated,
    bonus: payment.bonus,
    change: payment.change,
    payer: payerMoney(ctx.db, payment.payerId, ctx.today()),
    replayed,
  };
}

/** A payment with its payer's name and what was allocated, refunded and granted from it. */
type PaymentListRow = Omit<PaymentRow, 'staff_id'> & { payer_name: string; allocated: number; refunded: number; bonus: number };


const PAYMENT_SQL = `
  SELECT p.id, p.payer_id, m.name AS payer_name, p.date, p.method, p.amount, p.reference, p.note, p.tendered,
         p.staff_name, p.created_at, p.promotion_id,
         COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0) AS allocated,
         COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0) AS refunded,
         COALESCE((SELECT SUM(amount) FROM bonus_grants WHERE payment_id = p.id), 0) AS bonus
  FROM payments p JOIN members m ON m.id = p.payer_id`;

function fromPaymentRow(r: PaymentListRow): Payment {
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
  const row = db.prepare<[number], PaymentListRow>(`${PAYMENT_SQL} WHERE p.id = ?`).get(id);
  if (!row) throw new AppError('NOT_FOUND', `No payment ${id}.`);
  const rows = db
    .prepare<[number], Omit<PaymentAllocation, 'members'>>(
      `SELECT a.invoice_id AS invoiceId, i.number AS invoiceNumber, a.amount, a.date
       FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.id`,
    )
    .all(id);
  // Whom each settled invoice was for, so the receipt can say which child the money covered.
  const names = invoiceMembers(db, rows.map((a) => a.invoiceId));
  const allocations = rows.map((a) => ({ ...a, members: names.get(a.invoiceId) ?? [] }));
  return { ...fromPaymentRow(row), allocations, refunds: listRefundsOfPayment(db, id) };
}

export function listPayments(db: Db, f: { from?: string | undefined; to?: string | undefined; payerId?: number | undefined; limit: number }): Payment[] {
  const { where, args } = dateRangeFilter('p', f);
  return db
    .prepare<(string | number)[], PaymentListRow>(`${PAYMENT_SQL} ${where} ORDER BY p.date DESC, p.id DESC LIMIT ?`)
    .all(...args, f.limit)
    .map(fromPaymentRow);
}


/**
 * Voids an invoice that payments, bonus credit or another invoice's credit note had settled: what was
 * applied goes back to its source (then, as always, to the payer's other open invoices; the rest stays as
 * credit that can be refunded), and the invoice is voided, in one transaction. Refused on a closed day
 * (today, the invoice's or an allocation's: DAY_CLOSED, correct it with a credit note instead) and, as any
 * void, when a credit note is tied to the invoice itself (INVOICE_SETTLED).
 */
export function releaseAndVoid(ctx: Ctx, invoiceId: number, reason: string): { invoice: InvoiceDetail; released: number; payer: PayerMoney } {
  const db = ctx.db;
  const today = ctx.today();
  // The released credit is applied again today: today must be open.
  assertDayOpen(db, today);
  const inv = invoiceBalance(db, invoiceId);
  if (!inv) throw new AppError('NOT_FOUND', `No invoice ${invoiceId}.`);
  if (inv.status === 'void') throw new AppError('INVOICE_VOID', `Invoice ${inv.number} is void.`, { invoiceId });
  const rows = db.prepare<[number], AllocationRow>('SELECT * FROM allocations WHERE invoice_id = ? ORDER BY id').all(invoiceId);
  if (rows.length === 0) throw new AppError('NOTHING_TO_RELEASE', `Nothing is applied to invoice ${inv.number}.`, { invoiceId });
  // A note written against this invoice corrects it for good; credit from another invoice's note is released like a payment.
  const tied = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM credit_notes WHERE invoice_id = ?').get(invoiceId)!.n;
  if (tied > 0) {
    throw new AppError('INVOICE_SETTLED', `Invoice ${inv.number} has a credit note; it cannot be voided.`, { invoiceId, creditNotes: tied });
  }
  assertDayOpen(db, inv.issueDate);
  for (const r of rows) assertDayOpen(db, r.date);
  db.prepare('DELETE FROM allocations WHERE invoice_id = ?').run(invoiceId);
  ctx.audit('invoice_settlement', invoiceId, { allocations: rows, payerId: inv.payerId }, { allocations: [], reason, payerId: inv.payerId });
  const invoice = voidInvoice(ctx, invoiceId, reason, ctx.audit);
  applyAccountCredit(db, inv.payerId, today, ctx.now().toISOString(), ctx.audit);
  return { invoice, released: rows.reduce((s, r) => s + r.amount, 0), payer: payerMoney(db, inv.payerId, today) };
}
