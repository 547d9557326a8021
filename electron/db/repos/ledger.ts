/**
 * The ledger's records read together: allocations, bonus grants and the sums a payer's balance
 * is derived from. Statements cached per connection (`prepared`).
 */
import type { Db } from '../open';
import type { AllocationRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

/** Unallocated paid credit: a payment or a credit note (less the bonus it gave back), with what is still available of it. */
export interface PaidCreditRow {
  source: 'payment' | 'credit_note';
  id: number;
  date: string;
  available: number;
}

/** A bonus grant with what decides how much of it is still usable. */
export interface BonusGrantState {
  id: number;
  date: string;
  amount: number;
  used: number;
  /** The top-up that earned it (null for a grant without one) and how much of that top-up was refunded. */
  paymentAmount: number | null;
  refunded: number;
}

export type AllocationInsert = Omit<AllocationRow, 'id'>;

const GRANTS = `SELECT b.id, b.date, b.amount,
    COALESCE((SELECT SUM(amount) FROM allocations WHERE bonus_grant_id = b.id), 0) AS used,
    p.amount AS paymentAmount,
    COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = b.payment_id), 0) AS refunded
  FROM bonus_grants b LEFT JOIN payments p ON p.id = b.payment_id`;

/** What is left of payment `p` and of credit note `c` as paid credit (a note less the bonus it gave back too). */
const PAYMENT_LEFT = `p.amount - COALESCE((SELECT SUM(amount) FROM allocations WHERE payment_id = p.id), 0)
                 - COALESCE((SELECT SUM(amount) FROM refunds WHERE payment_id = p.id), 0)`;
const CREDIT_NOTE_LEFT = `c.total - COALESCE((SELECT SUM(amount) FROM allocations WHERE credit_note_id = c.id), 0)
                - COALESCE((SELECT SUM(amount) FROM refunds WHERE credit_note_id = c.id), 0)
                - COALESCE((SELECT SUM(amount) FROM bonus_grants WHERE credit_note_id = c.id), 0)`;

/** The payer sums of the balance, each over one table. */
const SUMS = {
  invoiced: "SELECT COALESCE(SUM(total), 0) AS s FROM invoices WHERE payer_id = ? AND status = 'issued'",
  credited: 'SELECT COALESCE(SUM(total), 0) AS s FROM credit_notes WHERE payer_id = ?',
  paid: 'SELECT COALESCE(SUM(amount), 0) AS s FROM payments WHERE payer_id = ?',
  refunded: 'SELECT COALESCE(SUM(amount), 0) AS s FROM refunds WHERE payer_id = ?',
  bonusApplied: 'SELECT COALESCE(SUM(a.amount), 0) AS s FROM allocations a JOIN bonus_grants b ON b.id = a.bonus_grant_id WHERE b.payer_id = ?',
  /** Bonus a credit note gave back as bonus credit (its note's total already took it off the balance once). */
  bonusReturned: 'SELECT COALESCE(SUM(amount), 0) AS s FROM bonus_grants WHERE payer_id = ? AND credit_note_id IS NOT NULL',
} as const;

function buildLedgerRepo(db: Db) {
  return {
    settledOf: (invoiceId: number) =>
      prepared<[number], { s: number }>(db, 'SELECT COALESCE(SUM(amount), 0) AS s FROM allocations WHERE invoice_id = ?').get(invoiceId)?.s ?? 0,
    /** Payments and credit notes of a payer with their unallocated, unrefunded part, oldest first. */
    paidCredit: (payerId: number) =>
      prepared<[number, number], PaidCreditRow>(
        db,
        `SELECT 'payment' AS source, p.id, p.date, ${PAYMENT_LEFT} AS available
           FROM payments p WHERE p.payer_id = ?
         UNION ALL
         SELECT 'credit_note', c.id, c.issue_date, ${CREDIT_NOTE_LEFT}
           FROM credit_notes c WHERE c.payer_id = ?
         ORDER BY 3, 1 DESC, 2`,
      ).all(payerId, payerId),
    /**
     * Whether a payer has anything paidCredit or grantsOfPayer could offer: a payment or credit
     * note with paid credit left, or any bonus grant. One row, so the common case (no
     * credit) costs no row objects.
     */
    mayHaveCredit: (payerId: number): boolean =>
      prepared<{ payerId: number }, number>(
        db,
        `SELECT EXISTS (SELECT 1 FROM payments p WHERE p.payer_id = @payerId AND ${PAYMENT_LEFT} > 0)
             OR EXISTS (SELECT 1 FROM credit_notes c WHERE c.payer_id = @payerId AND ${CREDIT_NOTE_LEFT} > 0)
             OR EXISTS (SELECT 1 FROM bonus_grants WHERE payer_id = @payerId)`,
      ).pluck().get({ payerId }) === 1,
    grantsOfPayer: (payerId: number) => prepared<[number], BonusGrantState>(db, `${GRANTS} WHERE b.payer_id = ? ORDER BY b.date, b.id`).all(payerId),
    grantsOfPayment: (paymentId: number) =>
      prepared<[number], BonusGrantState>(db, `${GRANTS} WHERE b.payment_id = ? ORDER BY b.date, b.id`).all(paymentId),
    /** One of the payer sums of the balance. */
    payerSum: (which: keyof typeof SUMS, payerId: number) => prepared<[number], { s: number }>(db, SUMS[which]).get(payerId)?.s ?? 0,
    /**
     * What paid an invoice (payments, bonus credit, credit applied from elsewhere: every allocation but its own
     * credit notes', which reduce it), what bonus credit paid of it, and the bonus its credit notes gave back.
     */
    bonusOfInvoice: (invoiceId: number) =>
      prepared<{ id: number }, { paid: number; bonus: number; returned: number }>(
        db,
        `SELECT COALESCE(SUM(a.amount), 0) AS paid,
                COALESCE(SUM(CASE WHEN a.bonus_grant_id IS NOT NULL THEN a.amount END), 0) AS bonus,
                (SELECT COALESCE(SUM(g.amount), 0) FROM bonus_grants g JOIN credit_notes c ON c.id = g.credit_note_id WHERE c.invoice_id = @id) AS returned
           FROM allocations a
          WHERE a.invoice_id = @id
            AND (a.credit_note_id IS NULL OR a.credit_note_id NOT IN (SELECT id FROM credit_notes WHERE invoice_id = @id))`,
      ).get({ id: invoiceId })!,
    allocationsOfInvoice: (invoiceId: number) =>
      prepared<[number], AllocationRow>(db, 'SELECT * FROM allocations WHERE invoice_id = ? ORDER BY id').all(invoiceId),
        insertAllocation: (row: AllocationInsert): number => insertRow(db, 'allocations', row),
    deleteAllocationsOfInvoice: (invoiceId: number): void => void prepared(db, 'DELETE FROM allocations WHERE invoice_id = ?').run(invoiceId),
  };
}

export type LedgerRepo = ReturnType<typeof ledgerRepo>;

/** Built once per connection. */
export const ledgerRepo = perConnection(buildLedgerRepo);
