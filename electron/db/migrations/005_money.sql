-- Money at the desk: payment methods, top-up promotions, follow-ups of overdue payers, day closeouts (日结),
-- late fees, document settings, and the schema's own guards of the money ledger (002): no source or invoice
-- is ever over-applied, nothing is applied to a void invoice, and a closed day's records do not change.
-- Trigger messages start with the error code the services use for the same refusal.

-- The configurable list of payment methods. Built-in ones are translated by code; a custom one shows its name.
CREATE TABLE payment_methods (
  code     TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
  name     TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 40),
  is_cash  INTEGER NOT NULL DEFAULT 0 CHECK (is_cash IN (0, 1)),
  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  builtin  INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  CHECK (builtin = 1 OR length(name) >= 1)
) STRICT;
INSERT INTO payment_methods (code, is_cash, builtin, position) VALUES
  ('cash', 1, 1, 1), ('card', 0, 1, 2), ('bank_transfer', 0, 1, 3), ('wechat', 0, 1, 4), ('alipay', 0, 1, 5), ('other', 0, 1, 6);

-- Top-up promotions (充值赠送): a top-up of at least min_amount earns `bonus` as bonus credit.
CREATE TABLE topup_promotions (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  min_amount INTEGER NOT NULL CHECK (min_amount > 0),
  bonus      INTEGER NOT NULL CHECK (bonus > 0),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Who took the money (a snapshot of the name), and for cash what was handed over.
ALTER TABLE payments ADD COLUMN staff_name TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN tendered INTEGER CHECK (tendered IS NULL OR tendered >= amount);
ALTER TABLE payments ADD COLUMN promotion_id INTEGER REFERENCES topup_promotions (id);
ALTER TABLE refunds ADD COLUMN staff_name TEXT NOT NULL DEFAULT '';

-- A request id sent with a payment or refund: a repeated submit returns the first result instead of paying twice.
CREATE TABLE money_requests (
  request_id TEXT PRIMARY KEY CHECK (length(request_id) BETWEEN 8 AND 64),
  channel    TEXT NOT NULL,
  result     TEXT NOT NULL,        -- JSON: what the first call created
  created_at TEXT NOT NULL
) STRICT;

-- Follow-ups of overdue payers: called, message sent, or promised to pay on a date.
CREATE TABLE follow_ups (
  id            INTEGER PRIMARY KEY,
  payer_id      INTEGER NOT NULL REFERENCES members (id),
  kind          TEXT NOT NULL CHECK (kind IN ('called', 'message', 'promised')),
  promised_date TEXT,
  note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  staff_id      INTEGER,
  staff_name    TEXT NOT NULL DEFAULT '',
  date          TEXT NOT NULL,     -- business date
  at            TEXT NOT NULL,     -- UTC instant
  CHECK ((kind = 'promised') = (promised_date IS NOT NULL))
) STRICT;
CREATE INDEX follow_ups_payer ON follow_ups (payer_id, at);

-- Daily closeouts (日结). A day is closed while it has a closeout that was not reopened; reopening keeps the row.
CREATE TABLE day_closeouts (
  id               INTEGER PRIMARY KEY,
  date             TEXT NOT NULL,
  totals           TEXT NOT NULL,  -- JSON: [{ method, payments, received, refunds, refunded, net }]
  received_total   INTEGER NOT NULL CHECK (received_total >= 0),
  refunded_total   INTEGER NOT NULL CHECK (refunded_total >= 0),
  expected_cash    INTEGER NOT NULL,
  counted_cash     INTEGER NOT NULL CHECK (counted_cash >= 0),
  difference       INTEGER NOT NULL,
  note             TEXT NOT NULL DEFAULT '',
  closed_by        INTEGER,
  closed_by_name   TEXT NOT NULL DEFAULT '',
  closed_at        TEXT NOT NULL,
  reopened_by      INTEGER,
  reopened_by_name TEXT,
  reopened_at      TEXT,
  reopen_reason    TEXT,
  CHECK (difference = counted_cash - expected_cash),
  CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX day_closeouts_closed ON day_closeouts (date) WHERE reopened_at IS NULL;

CREATE TRIGGER day_closeouts_no_delete BEFORE DELETE ON day_closeouts
BEGIN
  SELECT RAISE(ABORT, 'CLOSEOUT_IMMUTABLE: closeouts are kept');
END;

-- Only the reopening may be written, once.
CREATE TRIGGER day_closeouts_reopen_only BEFORE UPDATE ON day_closeouts
WHEN OLD.reopened_at IS NOT NULL OR NEW.date IS NOT OLD.date OR NEW.totals IS NOT OLD.totals
  OR NEW.received_total IS NOT OLD.received_total OR NEW.refunded_total IS NOT OLD.refunded_total
  OR NEW.expected_cash IS NOT OLD.expected_cash OR NEW.counted_cash IS NOT OLD.counted_cash
  OR NEW.difference IS NOT OLD.difference OR NEW.note IS NOT OLD.note OR NEW.closed_at IS NOT OLD.closed_at
  OR NEW.closed_by IS NOT OLD.closed_by OR NEW.closed_by_name IS NOT OLD.closed_by_name
BEGIN
  SELECT RAISE(ABORT, 'CLOSEOUT_IMMUTABLE: a closeout is only reopened, once');
END;

-- Late fees: at most one per overdue invoice (the primary key), billed on an invoice of its own.
CREATE TABLE late_fees (
  invoice_id     INTEGER PRIMARY KEY REFERENCES invoices (id),
  fee_invoice_id INTEGER NOT NULL UNIQUE REFERENCES invoices (id),
  amount         INTEGER NOT NULL CHECK (amount > 0),
  date           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (fee_invoice_id <> invoice_id)
) STRICT;

CREATE TRIGGER late_fees_flag AFTER INSERT ON late_fees
BEGIN
  UPDATE invoices SET late_fee_invoiced = 1 WHERE id = NEW.invoice_id;
END;

CREATE TRIGGER invoices_late_fee_once BEFORE UPDATE OF late_fee_invoiced ON invoices
WHEN OLD.late_fee_invoiced = 1 AND NEW.late_fee_invoiced = 0
BEGIN
  SELECT RAISE(ABORT, 'LATE_FEE_ONCE: a late fee is never taken back by clearing the flag');
END;

-- Receipts and invoices as documents: logo, receipt paper width, receipt printer.
CREATE TABLE document_settings (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  logo            TEXT NOT NULL DEFAULT '' CHECK (logo = '' OR logo LIKE 'data:image/%'),
  receipt_width   INTEGER NOT NULL DEFAULT 80 CHECK (receipt_width IN (58, 80)),
  receipt_printer TEXT NOT NULL DEFAULT '' CHECK (length(receipt_printer) <= 200),
  silent_receipts INTEGER NOT NULL DEFAULT 0 CHECK (silent_receipts IN (0, 1)),
  receipt_footer  TEXT NOT NULL DEFAULT '' CHECK (length(receipt_footer) <= 200),
  updated_at      TEXT
) STRICT;
INSERT INTO document_settings (id) VALUES (1);

-- ---------------------------------------------------------------------------------------------------
-- The ledger's guards. AFTER triggers see the statement's result, so one check serves INSERT and UPDATE.

CREATE TRIGGER allocations_not_void BEFORE INSERT ON allocations
WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'void'
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_VOID: nothing is applied to a void invoice');
END;

CREATE TRIGGER allocations_invoice_cap_ins AFTER INSERT ON allocations
WHEN (SELECT SUM(amount) FROM allocations WHERE invoice_id = NEW.invoice_id) > (SELECT total FROM invoices WHERE id = NEW.invoice_id)
BEGIN
  SELECT RAISE(ABORT, 'ALLOCATION_EXCEEDS_BALANCE: an invoice is never settled beyond its total');
END;

CREATE TRIGGER allocations_invoice_cap_upd AFTER UPDATE ON allocations
WHEN (SELECT SUM(amount) FROM allocations WHERE invoice_id = NEW.invoice_id) > (SELECT total FROM invoices WHERE id = NEW.invoice_id)
BEGIN
  SELECT RAISE(ABORT, 'ALLOCATION_EXCEEDS_BALANCE: an invoice is never settled beyond its total');
END;

CREATE TRIGGER invoices_void_unsettled BEFORE UPDATE OF status ON invoices
WHEN NEW.status = 'void' AND OLD.status <> 'void' AND EXISTS (SELECT 1 FROM allocations WHERE invoice_id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'INVOICE_SETTLED: an invoice with payments or credits applied is not voided');
END;

-- A payment is used at most once: what it settles plus what is refunded never exceeds it.
CREATE TRIGGER allocations_payment_cap_ins AFTER INSERT ON allocations
WHEN NEW.payment_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
  > (SELECT amount FROM payments WHERE id = NEW.payment_id)
BEGIN
  SELECT RAISE(ABORT, 'PAYMENT_OVERAPPLIED: a payment is never applied beyond its amount');
END;

CREATE TRIGGER allocations_payment_cap_upd AFTER UPDATE ON allocations
WHEN NEW.payment_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
  > (SELECT amount FROM payments WHERE id = NEW.payment_id)
BEGIN
  SELECT RAISE(ABORT, 'PAYMENT_OVERAPPLIED: a payment is never applied beyond its amount');
END;

CREATE TRIGGER allocations_credit_note_cap_ins AFTER INSERT ON allocations
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

CREATE TRIGGER allocations_credit_note_cap_upd AFTER UPDATE ON allocations
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

CREATE TRIGGER allocations_bonus_cap_ins AFTER INSERT ON allocations
WHEN NEW.bonus_grant_id IS NOT NULL AND
  (SELECT SUM(amount) FROM allocations WHERE bonus_grant_id = NEW.bonus_grant_id)
  > (SELECT amount FROM bonus_grants WHERE id = NEW.bonus_grant_id)
BEGIN
  SELECT RAISE(ABORT, 'BONUS_OVERAPPLIED: a bonus grant is never applied beyond its amount');
END;

CREATE TRIGGER allocations_bonus_cap_upd AFTER UPDATE ON allocations
WHEN NEW.bonus_grant_id IS NOT NULL AND
  (SELECT SUM(amount) FROM allocations WHERE bonus_grant_id = NEW.bonus_grant_id)
  > (SELECT amount FROM bonus_grants WHERE id = NEW.bonus_grant_id)
BEGIN
  SELECT RAISE(ABORT, 'BONUS_OVERAPPLIED: a bonus grant is never applied beyond its amount');
END;

-- Nor is a source or an invoice shrunk below what was already taken from it.
CREATE TRIGGER payments_amount_cap AFTER UPDATE OF amount ON payments
WHEN (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.id)
   + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.id) > NEW.amount
BEGIN
  SELECT RAISE(ABORT, 'PAYMENT_OVERAPPLIED: a payment is never applied beyond its amount');
END;

CREATE TRIGGER credit_notes_total_cap AFTER UPDATE OF total ON credit_notes
WHEN (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.id)
   + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.id) > NEW.total
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

CREATE TRIGGER bonus_grants_amount_cap AFTER UPDATE OF amount ON bonus_grants
WHEN (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE bonus_grant_id = NEW.id) > NEW.amount
BEGIN
  SELECT RAISE(ABORT, 'BONUS_OVERAPPLIED: a bonus grant is never applied beyond its amount');
END;

CREATE TRIGGER invoices_total_cap AFTER UPDATE OF total ON invoices
WHEN (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE invoice_id = NEW.id) > NEW.total
BEGIN
  SELECT RAISE(ABORT, 'ALLOCATION_EXCEEDS_BALANCE: an invoice is never settled beyond its total');
END;

-- A refund never exceeds what is left of its payment or credit note.
CREATE TRIGGER refunds_cap_ins AFTER INSERT ON refunds
WHEN (NEW.payment_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
       > (SELECT amount FROM payments WHERE id = NEW.payment_id))
  OR (NEW.credit_note_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
       > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id))
BEGIN
  SELECT RAISE(ABORT, 'REFUND_EXCEEDS_REFUNDABLE: a refund never exceeds what is left to refund');
END;

CREATE TRIGGER refunds_cap_upd AFTER UPDATE ON refunds
WHEN (NEW.payment_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
       > (SELECT amount FROM payments WHERE id = NEW.payment_id))
  OR (NEW.credit_note_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
       > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id))
BEGIN
  SELECT RAISE(ABORT, 'REFUND_EXCEEDS_REFUNDABLE: a refund never exceeds what is left to refund');
END;

-- ---------------------------------------------------------------------------------------------------
-- A closed day is locked: its payments, refunds, allocations, bonus grants, credit notes and invoices are
-- neither added, changed nor removed. Corrections go on an open day (a refund or a credit note).
-- Only the money columns are locked: merging two members still moves records to the kept member,
-- and invoices.late_fee_invoiced stays writable (the late-fee job marks old invoices).

CREATE TRIGGER payments_closed_ins BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER payments_closed_upd BEFORE UPDATE OF date, method, amount, tendered ON payments
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.date, NEW.date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER payments_closed_del BEFORE DELETE ON payments
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER refunds_closed_ins BEFORE INSERT ON refunds
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER refunds_closed_upd BEFORE UPDATE OF date, method, amount, payment_id, credit_note_id ON refunds
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.date, NEW.date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER refunds_closed_del BEFORE DELETE ON refunds
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER allocations_closed_ins BEFORE INSERT ON allocations
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER allocations_closed_upd BEFORE UPDATE OF invoice_id, payment_id, credit_note_id, bonus_grant_id, amount, date ON allocations
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.date, NEW.date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER allocations_closed_del BEFORE DELETE ON allocations
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER bonus_grants_closed_ins BEFORE INSERT ON bonus_grants
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER bonus_grants_closed_upd BEFORE UPDATE OF date, amount, payment_id ON bonus_grants
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.date, NEW.date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER bonus_grants_closed_del BEFORE DELETE ON bonus_grants
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER credit_notes_closed_ins BEFORE INSERT ON credit_notes
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.issue_date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER credit_notes_closed_upd BEFORE UPDATE OF number, invoice_id, issue_date, subtotal, tax_total, total, settlement ON credit_notes
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.issue_date, NEW.issue_date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER credit_notes_closed_del BEFORE DELETE ON credit_notes
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.issue_date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER invoices_closed_ins BEFORE INSERT ON invoices
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = NEW.issue_date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER invoices_closed_upd BEFORE UPDATE OF number, issue_date, due_date, currency, subtotal, tax_total, total,
  status, void_reason, voided_at ON invoices
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date IN (OLD.issue_date, NEW.issue_date) AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER invoices_closed_del BEFORE DELETE ON invoices
WHEN EXISTS (SELECT 1 FROM day_closeouts WHERE date = OLD.issue_date AND reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER invoice_lines_closed_ins BEFORE INSERT ON invoice_lines
WHEN EXISTS (SELECT 1 FROM day_closeouts c JOIN invoices i ON i.issue_date = c.date
             WHERE i.id = NEW.invoice_id AND c.reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER invoice_lines_closed_upd BEFORE UPDATE OF invoice_id, kind, amount, tax_rate_bp, net, tax, gross, period_start, period_end ON invoice_lines
WHEN EXISTS (SELECT 1 FROM day_closeouts c JOIN invoices i ON i.issue_date = c.date
             WHERE i.id IN (OLD.invoice_id, NEW.invoice_id) AND c.reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
CREATE TRIGGER invoice_lines_closed_del BEFORE DELETE ON invoice_lines
WHEN EXISTS (SELECT 1 FROM day_closeouts c JOIN invoices i ON i.issue_date = c.date
             WHERE i.id = OLD.invoice_id AND c.reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;

CREATE TRIGGER credit_note_lines_closed_ins BEFORE INSERT ON credit_note_lines
WHEN EXISTS (SELECT 1 FROM day_closeouts c JOIN credit_notes n ON n.issue_date = c.date
             WHERE n.id = NEW.credit_note_id AND c.reopened_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed');
END;
