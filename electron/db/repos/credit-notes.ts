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
    /**
     * Notes that credit an invoice: those written against it, and those that credit one of its lines while
     * written against another (a cancellation's note is tied to the period's invoice but may credit an add-on
     * billed on a later one).
     */
    countOfInvoice: (invoiceId: number) =>
      prepared<{ id: number }, { n: number }>(
        db,
        `SELECT (SELECT COUNT(*) FROM credit_notes WHERE invoice_id = @id)
              + (SELECT COUNT(DISTINCT l.credit_note_id) FROM invoice_lines il JOIN credit_note_lines l ON l.invoice_line_id = il.id
                   JOIN credit_notes c ON c.id = l.credit_note_id WHERE il.invoice_id = @id AND c.invoice_id IS NOT @id) AS n`,
      ).get({ id: invoiceId })?.n ?? 0,
    /** What notes gave back of an invoice: their lines that credit its lines, and the free lines of notes written against it. */
    totalOfInvoice: (invoiceId: number) =>
      prepared<{ id: number }, { s: number }>(
        db,
        `SELECT (SELECT COALESCE(SUM(l.gross), 0) FROM invoice_lines il JOIN credit_note_lines l ON l.invoice_line_id = il.id WHERE il.invoice_id = @id)
              + (SELECT COALESCE(SUM(l.gross), 0) FROM credit_notes c JOIN credit_note_lines l ON l.credit_note_id = c.id
                  WHERE c.invoice_id = @id AND l.invoice_line_id IS NULL) AS s`,
      ).get({ id: invoiceId })?.s ?? 0,
    /** What every note took from each line of an invoice, whichever invoice the note was written against. */
    creditedLines: (invoiceId: number) =>
      prepared<[number], { id: number; tax: number; gross: number }>(
        db,
        `SELECT l.invoice_line_id AS id, SUM(l.tax) AS tax, SUM(l.gross) AS gross FROM invoice_lines il
           JOIN credit_note_lines l ON l.invoice_line_id = il.id WHERE il.invoice_id = ? GROUP BY l.invoice_line_id`,
      ).all(invoiceId),
        insert: (row: CreditNoteInsert): number => insertRow(db, 'credit_notes', row),
        insertLine: (row: CreditNoteLineInsert): void => void insertRow(db, 'credit_note_lines', row),
  };
}

/** Built once per connection. */
export const creditNotesRepo = perConnection(buildCreditNotesRepo);
