-- Lookups the money code makes by payment, credit note or invoice line. The ledger, the payments
-- list and the cap triggers of 005 (fired by every allocation and refund insert, billing runs
-- included) read them per row; without these indexes each was a scan of the whole table.
CREATE INDEX refunds_payment ON refunds (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX refunds_credit_note ON refunds (credit_note_id) WHERE credit_note_id IS NOT NULL;
CREATE INDEX bonus_grants_payment ON bonus_grants (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX credit_note_lines_invoice_line ON credit_note_lines (invoice_line_id) WHERE invoice_line_id IS NOT NULL;
