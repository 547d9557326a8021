/** The late-fee reads and its once-per-invoice record (statements cached per connection). */
import type { Db } from '../open';
import type { InvoiceRow, LateFeeRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

export type LateFeeCandidate = Pick<InvoiceRow, 'id' | 'number' | 'payer_id'>;

function buildLateFeesRepo(db: Db) {
  return {
    /**
     * Issued invoices due before `cutoff` that still owe something, have no fee yet and are not made of fees
     * alone (a period invoice that carried the day's fees earns one), by payer, then oldest due first (the
     * order of the fee lines).
     */
    candidates: (cutoff: string) =>
      prepared<[string], LateFeeCandidate>(
        db,
        `SELECT i.id, i.number, i.payer_id FROM invoices i
         WHERE i.status = 'issued' AND i.late_fee_invoiced = 0 AND i.due_date < ?
           AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id AND l.kind <> 'late_fee')
           AND i.total > COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0)
         ORDER BY i.payer_id, i.due_date, i.id`,
      ).all(cutoff),
    /** Whether the invoice still has no fee (read again inside the fee's own savepoint). */
    stillWithoutFee: (invoiceId: number) =>
      prepared<[number], { f: number }>(db, 'SELECT late_fee_invoiced AS f FROM invoices WHERE id = ?').get(invoiceId)?.f === 0,
    /** Whether the payer already has a late-fee invoice dated `date` (one a day: the rest waits for tomorrow). */
    chargedOn: (payerId: number, date: string) =>
      prepared<[string, number], { n: number }>(
        db,
        `SELECT 1 AS n FROM late_fees f JOIN invoices i ON i.id = f.fee_invoice_id WHERE f.date = ? AND i.payer_id = ? LIMIT 1`,
      ).get(date, payerId) !== undefined,
    insert: (row: LateFeeRow): void => void insertRow(db, 'late_fees', row),
  };
}

/** Built once per connection. */
export const lateFeesRepo = perConnection(buildLateFeesRepo);
