/** Credit notes and their lines (statements cached per connection by `prepared`). */
import type { Db } from '../open';
import type { CreditNoteLineRow, CreditNoteRow } from '../rows';
import { insertRow, prepared, perConnection } from '../statements';

export type CreditNoteInsert = Omit<CreditNoteRow, 'id'>;
export type CreditNoteLineInsert = Omit<CreditNoteLineRow, 'id'>;

function buildCreditNotesRepo(db: Db) {
  return {
    byId: (id: number) => prepared<[number], CreditNoteRow>(db, 'SELECT * FROM credit_notes WHERE id = ?').get(id),
    lines: (id: number) => prepared<[number], CreditNoteLineRow>(db, 'SELECT * FROM credit_note_lines WHERE credit_note_id = ? ORDER BY position').all(id),
    idsOfInvoice: (invoiceId: number) =>
      prepared<[number], { id: number }>(db, 'SELECT id FROM credit_notes WHERE invoice_id = ? ORDER BY id').all(invoiceId).map((r) => r.id),
    idsOfPayer: (payerId: number) =>
      prepared<[number], { id: number }>(db, 'SELECT id FROM credit_notes WHERE payer_id = ? ORDER BY issue_date DESC, id DESC')
        .all(payerId)
        .map((r) => r.id),
    countOfInvoice: (invoiceId: number) =>
      prepared<[number], { n: number }>(db, 'SELECT COUNT(*) AS n FROM credit_notes WHERE invoice_id = ?').get(invoiceId)?.n ?? 0,
    totalOfInvoice: (invoiceId: number) =>
      prepared<[number], { s: number }>(db, 'SELECT COALESCE(SUM(total), 0) AS s FROM credit_notes WHERE invoice_id = ?').get(invoiceId)?.s ?? 0,
    /** What earlier notes on an invoice took from each of its lines. */
    creditedLines: (invoiceId: number) =>
      prepared<[number], { id: number; tax: number; gross: number }>(
        db,
        `SELECT l.invoice_line_id AS id, SUM(l.tax) AS tax, SUM(l.gross) AS gross FROM credit_note_lines l
           JOIN credit_notes c ON c.id = l.credit_note_id WHERE c.invoice_id = ? AND l.invoice_line_id IS NOT NULL GROUP BY l.invoice_line_id`,
      ).all(invoiceId),
        insert: (row: CreditNoteInsert): number => insertRow(db, 'credit_notes', row),
        insertLine: (row: CreditNoteLineInsert): void => void insertRow(db, 'credit_note_lines', row),
  };
}

/** Built once per connection. */
export const creditNotesRepo = perConnection(buildCreditNotesRepo);
