-- The billing run's report work once per batch (docs/billing.md, "Speed of the run").
-- While the run's batch is open (inside its transaction) this table holds one row: the last invoice and line ids
-- before the batch. The four report triggers that the run's rows would fire per row (an issued invoice's monthly
-- sums and open balance, a line's and a subscription update's dirty mark) skip while the row exists; the batch's
-- flush does the same work set-based from the rows after those ids, then deletes the row, in the same transaction:
-- the row is never committed. Every guard (closed days, allocation caps, once per period) still fires per row.
-- `uncommitted` refers to a row that can never exist (ids are 1), checked at COMMIT: a transaction that still holds
-- the row cannot commit, so a crash or a forgotten flush can never leave it (and its skipped report rows) in the file.
CREATE TABLE report_batch (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  after_invoice INTEGER NOT NULL,
  after_line    INTEGER NOT NULL,
  uncommitted   INTEGER NOT NULL DEFAULT 0 CHECK (uncommitted = 0) REFERENCES report_batch (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

DROP TRIGGER report_invoices_ins;
CREATE TRIGGER report_invoices_ins AFTER INSERT ON invoices WHEN NEW.status = 'issued' AND NOT EXISTS (SELECT 1 FROM report_batch)
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_net', '', NEW.subtotal)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_tax', '', NEW.tax_total)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;

DROP TRIGGER report_open_ins;
CREATE TRIGGER report_open_ins AFTER INSERT ON invoices WHEN NEW.status = 'issued' AND NEW.total > 0 AND NOT EXISTS (SELECT 1 FROM report_batch)
BEGIN
  INSERT INTO report_open_invoices (invoice_id, payer_id, issue_date, due_date, balance)
    VALUES (NEW.id, NEW.payer_id, NEW.issue_date, NEW.due_date, NEW.total);
END;

DROP TRIGGER report_dirty_line_ins;
CREATE TRIGGER report_dirty_line_ins AFTER INSERT ON invoice_lines WHEN NEW.subscription_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_batch)
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;

-- A subscription moved to another member marks both at once, batch or not (the flush marks a subscription's member only).
DROP TRIGGER report_dirty_sub_upd;
CREATE TRIGGER report_dirty_sub_upd AFTER UPDATE ON subscriptions WHEN NEW.member_id IS NOT OLD.member_id OR NOT EXISTS (SELECT 1 FROM report_batch)
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) VALUES (NEW.member_id);
  INSERT OR IGNORE INTO report_dirty_members (member_id) VALUES (OLD.member_id);
END;

-- The flush sums the batch's invoices as they are when it runs; an invoice of the open batch keeps what its
-- insert wrote until the batch commits, so those sums are what the per-row triggers would have added.
CREATE TRIGGER report_batch_invoice_fixed BEFORE UPDATE OF status, issue_date, due_date, payer_id, subtotal, tax_total, total ON invoices
  WHEN NEW.id > (SELECT after_invoice FROM report_batch)
BEGIN
  SELECT RAISE(ABORT, 'an invoice of an open billing batch cannot change before the batch commits');
END;
