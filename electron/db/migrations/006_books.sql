-- The owner's books: expenses and their categories, and the summaries the reports read.
-- Report summaries are derived data, never edited by hand: triggers keep the running totals that plain SQL can keep
-- (money in and out by month, open invoice balances, check-ins by hour); electron/books/reports/facts.ts derives the rest
-- (MRR spans per member, revenue recognised over service months) for what changed since it last ran.
-- See docs/reports.md.

-- Expense categories: an editable list. The six defaults carry a code and both languages; a custom category has no code.
CREATE TABLE expense_categories (
  id         INTEGER PRIMARY KEY,
  code       TEXT UNIQUE CHECK (code IS NULL OR code IN ('rent', 'salaries', 'utilities', 'equipment', 'marketing', 'other')),
  name_en    TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
  name_zh    TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO expense_categories (code, name_en, name_zh, position, created_at, updated_at) VALUES
  ('rent', 'Rent', '房租', 1, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'),
  ('salaries', 'Salaries', '工资', 2, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'),
  ('utilities', 'Utilities', '水电杂费', 3, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'),
  ('equipment', 'Equipment', '器材设备', 4, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'),
  ('marketing', 'Marketing', '市场推广', 5, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'),
  ('other', 'Other', '其他', 6, '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z');

-- Money paid out of the business. A mistaken entry is deleted softly (who, when, why), so the audit trail,
-- past reports and exports can still explain it.
CREATE TABLE expenses (
  id            INTEGER PRIMARY KEY,
  date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount        INTEGER NOT NULL CHECK (amount > 0),
  category_id   INTEGER NOT NULL REFERENCES expense_categories (id),
  method        TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 40),
  note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  staff_id      INTEGER,
  staff_name    TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT,
  deleted_by    TEXT,
  delete_reason TEXT,
  CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))
) STRICT;
CREATE INDEX expenses_date ON expenses (date, category_id, amount) WHERE deleted_at IS NULL;
CREATE INDEX expenses_category ON expenses (category_id);

-- ---------------------------------------------------------------------------------------------------
-- Report summaries kept by triggers.

-- Money by month: measure 'paid' and 'refunded' (key = method), 'invoiced_net', 'invoiced_tax', 'credited_net' (key '').
-- The facts refresh adds 'recognised' (key = what it was for: 'plan:<id>', 'addons', 'late_fees', 'other').
CREATE TABLE report_monthly (
  month   TEXT NOT NULL,
  measure TEXT NOT NULL,
  key     TEXT NOT NULL,
  amount  INTEGER NOT NULL,
  PRIMARY KEY (month, measure, key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_payments_ins AFTER INSERT ON payments
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.date, 1, 7), 'paid', NEW.method, NEW.amount)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER report_payments_del AFTER DELETE ON payments
BEGIN
  UPDATE report_monthly SET amount = amount - OLD.amount WHERE month = substr(OLD.date, 1, 7) AND measure = 'paid' AND key = OLD.method;
END;
CREATE TRIGGER report_payments_upd AFTER UPDATE OF date, method, amount ON payments
BEGIN
  UPDATE report_monthly SET amount = amount - OLD.amount WHERE month = substr(OLD.date, 1, 7) AND measure = 'paid' AND key = OLD.method;
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.date, 1, 7), 'paid', NEW.method, NEW.amount)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER report_refunds_ins AFTER INSERT ON refunds
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.date, 1, 7), 'refunded', NEW.method, NEW.amount)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER report_refunds_del AFTER DELETE ON refunds
BEGIN
  UPDATE report_monthly SET amount = amount - OLD.amount WHERE month = substr(OLD.date, 1, 7) AND measure = 'refunded' AND key = OLD.method;
END;
CREATE TRIGGER report_refunds_upd AFTER UPDATE OF date, method, amount ON refunds
BEGIN
  UPDATE report_monthly SET amount = amount - OLD.amount WHERE month = substr(OLD.date, 1, 7) AND measure = 'refunded' AND key = OLD.method;
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.date, 1, 7), 'refunded', NEW.method, NEW.amount)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;

-- Issued invoices by issue month (a void takes its invoice back out).
CREATE TRIGGER report_invoices_ins AFTER INSERT ON invoices WHEN NEW.status = 'issued'
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_net', '', NEW.subtotal)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_tax', '', NEW.tax_total)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;
CREATE TRIGGER report_invoices_status AFTER UPDATE OF status ON invoices WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount)
    VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_net', '', CASE WHEN NEW.status = 'issued' THEN NEW.subtotal ELSE -NEW.subtotal END)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
  INSERT INTO report_monthly (month, measure, key, amount)
    VALUES (substr(NEW.issue_date, 1, 7), 'invoiced_tax', '', CASE WHEN NEW.status = 'issued' THEN NEW.tax_total ELSE -NEW.tax_total END)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;

CREATE TRIGGER report_credit_notes_ins AFTER INSERT ON credit_notes
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'credited_net', '', NEW.subtotal)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;

-- Open invoice balances (AR): an issued invoice while anything is left to settle.
CREATE TABLE report_open_invoices (
  invoice_id INTEGER PRIMARY KEY,
  payer_id   INTEGER NOT NULL,
  issue_date TEXT NOT NULL,
  due_date   TEXT NOT NULL,
  balance    INTEGER NOT NULL
) STRICT;
CREATE INDEX report_open_invoices_payer ON report_open_invoices (payer_id);
CREATE INDEX report_open_invoices_due ON report_open_invoices (due_date);

CREATE TRIGGER report_open_ins AFTER INSERT ON invoices WHEN NEW.status = 'issued' AND NEW.total > 0
BEGIN
  INSERT INTO report_open_invoices (invoice_id, payer_id, issue_date, due_date, balance)
    VALUES (NEW.id, NEW.payer_id, NEW.issue_date, NEW.due_date, NEW.total);
END;
CREATE TRIGGER report_open_void AFTER UPDATE OF status ON invoices WHEN NEW.status <> 'issued'
BEGIN
  DELETE FROM report_open_invoices WHERE invoice_id = NEW.id;
END;
CREATE TRIGGER report_open_moved AFTER UPDATE OF payer_id, due_date ON invoices
BEGIN
  UPDATE report_open_invoices SET payer_id = NEW.payer_id, due_date = NEW.due_date WHERE invoice_id = NEW.id;
END;
CREATE TRIGGER report_open_alloc_ins AFTER INSERT ON allocations
BEGIN
  UPDATE report_open_invoices SET balance = balance - NEW.amount WHERE invoice_id = NEW.invoice_id;
  DELETE FROM report_open_invoices WHERE invoice_id = NEW.invoice_id AND balance <= 0;
END;
CREATE TRIGGER report_open_alloc_del AFTER DELETE ON allocations
BEGIN
  INSERT INTO report_open_invoices (invoice_id, payer_id, issue_date, due_date, balance)
    SELECT id, payer_id, issue_date, due_date, OLD.amount FROM invoices WHERE id = OLD.invoice_id AND status = 'issued'
    ON CONFLICT (invoice_id) DO UPDATE SET balance = balance + excluded.balance;
END;

-- Check-ins by business date and UTC hour (the report turns the hour into local time with the business time zone).
CREATE TABLE report_checkin_hours (
  date     TEXT NOT NULL,
  utc_hour INTEGER NOT NULL,
  visits   INTEGER NOT NULL,
  PRIMARY KEY (date, utc_hour)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_checkins_ins AFTER INSERT ON checkins WHEN NEW.undone_at IS NULL
BEGIN
  INSERT INTO report_checkin_hours (date, utc_hour, visits) VALUES (NEW.date, CAST(substr(NEW.at, 12, 2) AS INTEGER), 1)
    ON CONFLICT (date, utc_hour) DO UPDATE SET visits = visits + 1;
END;
CREATE TRIGGER report_checkins_undo AFTER UPDATE OF undone_at ON checkins WHEN (OLD.undone_at IS NULL) <> (NEW.undone_at IS NULL)
BEGIN
  INSERT INTO report_checkin_hours (date, utc_hour, visits)
    VALUES (NEW.date, CAST(substr(NEW.at, 12, 2) AS INTEGER), CASE WHEN NEW.undone_at IS NULL THEN 1 ELSE -1 END)
    ON CONFLICT (date, utc_hour) DO UPDATE SET visits = visits + excluded.visits;
END;

-- ---------------------------------------------------------------------------------------------------
-- Report summaries kept by the facts refresh (electron/books/reports/facts.ts).

-- Watermarks: the last row id of each append-only table the refresh has taken in.
CREATE TABLE report_state (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

-- Each member's MRR as a step function of the business date: [start, end) while they are a customer
-- (mrr = 0 while frozen). Consecutive days with the same MRR are one row.
CREATE TABLE report_mrr_spans (
  member_id INTEGER NOT NULL,
  start     TEXT NOT NULL,
  end       TEXT NOT NULL,
  mrr       INTEGER NOT NULL,
  PRIMARY KEY (member_id, start)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_mrr_spans_end ON report_mrr_spans (end, start, mrr);

-- Invoices whose void the refresh has already taken out of the recognised revenue.
CREATE TABLE report_seen_void (invoice_id INTEGER PRIMARY KEY) STRICT;

-- Revenue recognised per business day and what it was for (the monthly rows are its sums): a range
-- that cuts a month is summed from these days.
CREATE TABLE report_recognised_daily (
  day    TEXT NOT NULL,
  key    TEXT NOT NULL,
  amount INTEGER NOT NULL,
  PRIMARY KEY (day, key)
) STRICT, WITHOUT ROWID;

-- Members whose MRR spans must be worked out again: anything about their subscriptions changed.
CREATE TABLE report_dirty_members (member_id INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER report_dirty_sub_ins AFTER INSERT ON subscriptions
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) VALUES (NEW.member_id);
END;
CREATE TRIGGER report_dirty_sub_upd AFTER UPDATE ON subscriptions
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) VALUES (NEW.member_id);
  INSERT OR IGNORE INTO report_dirty_members (member_id) VALUES (OLD.member_id);
END;
CREATE TRIGGER report_dirty_pause_ins AFTER INSERT ON subscription_pauses
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_pause_upd AFTER UPDATE ON subscription_pauses
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_pause_del AFTER DELETE ON subscription_pauses
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = OLD.subscription_id;
END;
CREATE TRIGGER report_dirty_addon_ins AFTER INSERT ON subscription_addons
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_addon_upd AFTER UPDATE ON subscription_addons
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_line_ins AFTER INSERT ON invoice_lines WHEN NEW.subscription_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_credit_line_ins AFTER INSERT ON credit_note_lines WHEN NEW.subscription_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT member_id FROM subscriptions WHERE id = NEW.subscription_id;
END;
CREATE TRIGGER report_dirty_void AFTER UPDATE OF status ON invoices WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT OR IGNORE INTO report_dirty_members (member_id)
    SELECT DISTINCT s.member_id FROM invoice_lines l JOIN subscriptions s ON s.id = l.subscription_id WHERE l.invoice_id = NEW.id;
END;

-- ---------------------------------------------------------------------------------------------------
-- Indexes the reports read through: the sums of part months come from the indexes alone.
CREATE INDEX report_invoices_void ON invoices (id) WHERE status = 'void';
CREATE INDEX report_invoices_issued ON invoices (issue_date, subtotal, tax_total) WHERE status = 'issued';
CREATE INDEX report_payments_day ON payments (date, method, amount);
CREATE INDEX report_refunds_day ON refunds (date, method, amount);
CREATE INDEX report_credit_notes_issue ON credit_notes (issue_date, subtotal);
CREATE INDEX report_allocations_bonus ON allocations (date, amount) WHERE bonus_grant_id IS NOT NULL;
-- A member's last visit in one seek (undone check-ins left out).
CREATE INDEX report_checkins_last ON checkins (member_id, date) WHERE undone_at IS NULL;
-- Who came in a stretch of days.
CREATE INDEX report_checkins_day ON checkins (date, member_id) WHERE undone_at IS NULL;

-- ---------------------------------------------------------------------------------------------------
-- Backfill from what the file already holds (the refresh rebuilds its own tables from watermark 0).
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(date, 1, 7), 'paid', method, SUM(amount) FROM payments GROUP BY 1, 3;
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(date, 1, 7), 'refunded', method, SUM(amount) FROM refunds GROUP BY 1, 3;
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(issue_date, 1, 7), 'invoiced_net', '', SUM(subtotal) FROM invoices WHERE status = 'issued' GROUP BY 1;
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(issue_date, 1, 7), 'invoiced_tax', '', SUM(tax_total) FROM invoices WHERE status = 'issued' GROUP BY 1;
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(issue_date, 1, 7), 'credited_net', '', SUM(subtotal) FROM credit_notes GROUP BY 1;
INSERT INTO report_open_invoices (invoice_id, payer_id, issue_date, due_date, balance)
  SELECT i.id, i.payer_id, i.issue_date, i.due_date, i.total - COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0)
    FROM invoices i
   WHERE i.status = 'issued' AND i.total > COALESCE((SELECT SUM(amount) FROM allocations a WHERE a.invoice_id = i.id), 0);
INSERT INTO report_checkin_hours (date, utc_hour, visits)
  SELECT date, CAST(substr(at, 12, 2) AS INTEGER), COUNT(*) FROM checkins WHERE undone_at IS NULL GROUP BY 1, 2;
INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT DISTINCT member_id FROM subscriptions;
