/**
 * Payments, refunds, bonus grants and the request ids that make a repeated submit harmless.
 * Statements cached per connection (`prepared`).
 */
import type { Db } from '../open';
import type { BonusGrantRow, MemberRow, MoneyRequestRow, PaymentRow, RefundRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

/** A payment with its payer's name and what was allocated, refunded and granted from it. */
export type PaymentView = Omit<PaymentRow, 'staff_id'> & { payer_name: string; allocated: number; refunded: number; bonus: number };
/** A refund with its payer's name and the credit note it pays out, if any. */
export type RefundView = Omit<RefundRow, 'staff_id'> & { payer_name: string; credit_note_number: string | null };
/** One allocation of a payment, with the invoice's number. */
export interface PaymentAllocationView {
  invoiceId: number;
  invoiceNumber: string;
  amount: number;
  date: string;
}
/** The lists' filter: a null parameter switches its condition off. */
export interface MoneyFilter {
  from: string | null;
  to: string | null;
  payerId: number | null;
  limit: number;
}
/** The paying account's member: name and household link. */
export type PayerMember = Pick<MemberRow, 'id' | 'name' | 'phone' | 'payer_id' | 'merged_into'>;

export type PaymentInsert = Omit<PaymentRow, 'id'>;
export type RefundInsert = Omit<RefundRow, 'id'>;
export type BonusGrantInsert = Omit<BonusGrantRow, 'id'>;

const PAYMENTS = `SELECT p.id, p.payer_id, m.name AS payer_name, p.date, p.method, p.amount, p.reference, p.note, p.tendered,
    p.staff_name, p.created_at, p.promotion_id,
    COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0) AS allocated,
    COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0) AS refunded,
    COALESCE((SELECT SUM(amount) FROM bonus_grants WHERE payment_id = p.id), 0) AS bonus
  FROM payments p JOIN members m ON m.id = p.payer_id`;
const REFUNDS = `SELECT r.id, r.payer_id, m.name AS payer_name, r.payment_id, r.credit_note_id, c.number AS credit_note_number,
    r.date, r.method, r.amount, r.reason, r.staff_name, r.created_at
  FROM refunds r JOIN members m ON m.id = r.payer_id LEFT JOIN credit_notes c ON c.id = r.credit_note_id`;
/** The lists' date range and payer filter over alias `t`. */
const filter = (t: string) =>
  `(@from IS NULL OR ${t}.date >= @from) AND (@to IS NULL OR ${t}.date <= @to) AND (@payerId IS NULL OR ${t}.payer_id = @payerId)`;

function buildPaymentsRepo(db: Db) {
  return {
    view: (id: number) => prepared<[number], PaymentView>(db, `${PAYMENTS} WHERE p.id = ?`).get(id),
    list: (f: MoneyFilter) =>
      prepared<MoneyFilter, PaymentView>(db, `${PAYMENTS} WHERE ${filter('p')} ORDER BY p.date DESC, p.id DESC LIMIT @limit`).all(f),
    byId: (id: number) => prepared<[number], PaymentRow>(db, 'SELECT * FROM payments WHERE id = ?').get(id),
    allocations: (paymentId: number) =>
      prepared<[number], PaymentAllocationView>(
        db,
        `SELECT a.invoice_id AS invoiceId, i.number AS invoiceNumber, a.amount, a.date
           FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.id`,
      ).all(paymentId),
    /** The unapplied, unrefunded part of one payment. */
    remaining: (paymentId: number) =>
      prepared<[number], { remaining: number }>(
        db,
        `SELECT p.amount - COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0)
                         - COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0) AS remaining
           FROM payments p WHERE p.id = ?`,
      ).get(paymentId)?.remaining ?? 0,
        insert: (row: PaymentInsert): number => insertRow(db, 'payments', row),
        insertBonusGrant: (row: BonusGrantInsert): number => insertRow(db, 'bonus_grants', row),
    refund: (id: number) => prepared<[number], RefundView>(db, `${REFUNDS} WHERE r.id = ?`).get(id),
    refundsOfPayment: (paymentId: number) => prepared<[number], RefundView>(db, `${REFUNDS} WHERE r.payment_id = ? ORDER BY r.id`).all(paymentId),
    refunds: (f: MoneyFilter) =>
      prepared<MoneyFilter, RefundView>(db, `${REFUNDS} WHERE ${filter('r')} ORDER BY r.date DESC, r.id DESC LIMIT @limit`).all(f),
        insertRefund: (row: RefundInsert): number => insertRow(db, 'refunds', row),
    payerMember: (id: number) =>
      prepared<[number], PayerMember>(db, 'SELECT id, name, phone, payer_id, merged_into FROM members WHERE id = ?').get(id),
    request: (requestId: string) =>
      prepared<[string], Pick<MoneyRequestRow, 'channel' | 'result'>>(db, 'SELECT channel, result FROM money_requests WHERE request_id = ?').get(requestId),
    saveRequest: (row: MoneyRequestRow): void => void insertRow(db, 'money_requests', row),
  };
}

export type PaymentsRepo = ReturnType<typeof paymentsRepo>;

/** Built once per connection. */
export const paymentsRepo = perConnection(buildPaymentsRepo);
