-- Late fees: still at most one per overdue invoice (the primary key), but all the fees a payer owes on a
-- day are lines of one invoice, so a fee invoice now carries several rows here: its column is no longer
-- unique. The table is rebuilt (SQLite cannot drop a UNIQUE constraint) with its rows and trigger.
CREATE TABLE late_fees_new (
  invoice_id     INTEGER PRIMARY KEY REFERENCES invoices (id),
  fee_invoice_id INTEGER NOT NULL REFERENCES invoices (id),
  amount         INTEGER NOT NULL CHECK (amount > 0),
  date           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (fee_invoice_id <> invoice_id)
) STRICT;
INSERT INTO late_fees_new (invoice_id, fee_invoice_id, amount, date, created_at)
  SELECT invoice_id, fee_invoice_id, amount, date, created_at FROM late_fees;
DROP TABLE late_fees;
ALTER TABLE late_fees_new RENAME TO late_fees;
CREATE INDEX late_fees_by_fee_invoice ON late_fees (fee_invoice_id);
CREATE INDEX late_fees_by_date ON late_fees (date);

CREATE TRIGGER late_fees_flag AFTER INSERT ON late_fees
BEGIN
  UPDATE invoices SET late_fee_invoiced = 1 WHERE id = NEW.invoice_id;
END;
