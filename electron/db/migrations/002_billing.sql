-- Billing: plans, members and households, subscriptions, invoices, credit notes, the money ledger, billing runs.
-- Money columns are integer minor units with CHECKs; dates are YYYY-MM-DD business dates; instants are UTC ISO.

CREATE TABLE plans (
  id                   INTEGER PRIMARY KEY,
  kind                 TEXT NOT NULL CHECK (kind IN ('recurring', 'pack')),
  name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description          TEXT NOT NULL DEFAULT '',
  price                INTEGER NOT NULL CHECK (price >= 0),
  tax_rate_bp          INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  -- recurring plans
  interval             TEXT CHECK (interval IN ('week', 'month', 'year')),
  interval_count       INTEGER CHECK (interval_count BETWEEN 1 AND 36),
  alignment            TEXT CHECK (alignment IN ('anniversary', 'calendar')),
  setup_fee            INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee >= 0),
  trial_days           INTEGER NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
  session_quota        INTEGER CHECK (session_quota IS NULL OR session_quota > 0),   -- check-ins per period
  term_periods         INTEGER CHECK (term_periods IS NULL OR term_periods > 0),     -- fixed term
  auto_renew           INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
  freeze_days_per_year INTEGER NOT NULL DEFAULT 0 CHECK (freeze_days_per_year BETWEEN 0 AND 366),
  freeze_fee           INTEGER NOT NULL DEFAULT 0 CHECK (freeze_fee >= 0),
  -- packs (次卡 / 课时包)
  pack_sessions        INTEGER CHECK (pack_sessions IS NULL OR pack_sessions > 0),
  pack_valid_days      INTEGER CHECK (pack_valid_days IS NULL OR pack_valid_days > 0),
  checkins_per_day     INTEGER NOT NULL DEFAULT 1 CHECK (checkins_per_day BETWEEN 1 AND 20),
  archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (kind <> 'recurring' OR (interval IS NOT NULL AND interval_count IS NOT NULL AND alignment IS NOT NULL)),
  CHECK (kind <> 'pack' OR (pack_sessions IS NOT NULL AND pack_valid_days IS NOT NULL))
) STRICT;

-- A member trains or studies; payer_id points at the household account that pays (NULL: pays for themself).
CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  phone        TEXT NOT NULL DEFAULT '',
  card_no      TEXT UNIQUE,
  birthday     TEXT,
  payer_id     INTEGER REFERENCES members (id),
  notes        TEXT NOT NULL DEFAULT '',
  tags         TEXT NOT NULL DEFAULT '[]',
  search_text  TEXT NOT NULL DEFAULT '',   -- name, pinyin, initials, phone digits, card: filled by the members service
  merged_into  INTEGER REFERENCES members (id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK (payer_id IS NULL OR payer_id <> id)
) STRICT;
CREATE INDEX members_payer ON members (payer_id);
CREATE INDEX members_phone ON members (phone);

-- Member × plan, with its own copy of the terms: a plan's later price change never rewrites it.
CREATE TABLE subscriptions (
  id                   INTEGER PRIMARY KEY,
  member_id            INTEGER NOT NULL REFERENCES members (id),
  plan_id              INTEGER NOT NULL REFERENCES plans (id),
  price                INTEGER NOT NULL CHECK (price >= 0),
  tax_rate_bp          INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  interval             TEXT NOT NULL CHECK (interval IN ('week', 'month', 'year')),
  interval_count       INTEGER NOT NULL CHECK (interval_count BETWEEN 1 AND 36),
  alignment            TEXT NOT NULL CHECK (alignment IN ('anniversary', 'calendar')),
  start_date           TEXT NOT NULL,          -- sign-up day
  anchor_date          TEXT NOT NULL,          -- first paid day (after the trial)
  status               TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'paused', 'cancelled', 'ended')),
  next_bill_date       TEXT,                   -- start of the next period not yet invoiced; NULL when nothing more is billed
  end_date             TEXT,                   -- service stops on this day (exclusive end); NULL = open
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
  term_periods         INTEGER CHECK (term_periods IS NULL OR term_periods > 0),
  auto_renew           INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
  periods_billed       INTEGER NOT NULL DEFAULT 0 CHECK (periods_billed >= 0),
  discount_kind        TEXT CHECK (discount_kind IN ('percent', 'fixed')),
  discount_value       INTEGER CHECK (discount_value IS NULL OR discount_value >= 0),
  discount_duration    TEXT CHECK (discount_duration IN ('once', 'repeating', 'forever')),
  discount_periods     INTEGER CHECK (discount_periods IS NULL OR discount_periods > 0),
  pending_plan_id      INTEGER REFERENCES plans (id),   -- a downgrade waiting for the period end
  pending_change_date  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (discount_kind IS NULL OR (discount_value IS NOT NULL AND discount_duration IS NOT NULL)),
  CHECK (discount_kind <> 'percent' OR discount_value <= 10000)
) STRICT;
CREATE INDEX subscriptions_member ON subscriptions (member_id);
CREATE INDEX subscriptions_due ON subscriptions (next_bill_date) WHERE next_bill_date IS NOT NULL;

-- Freezes (停卡): from start_date (first day without service) to end_date (resume day, exclusive); NULL = open-ended.
CREATE TABLE subscription_pauses (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  start_date      TEXT NOT NULL,
  end_date        TEXT,
  resumed_on      TEXT,
  created_at      TEXT NOT NULL,
  CHECK (end_date IS NULL OR end_date > start_date)
) STRICT;
CREATE INDEX subscription_pauses_sub ON subscription_pauses (subscription_id);

-- Add-ons (增值服务) billed on their subscription's periods and invoice.
CREATE TABLE subscription_addons (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  price           INTEGER NOT NULL CHECK (price >= 0),
  tax_rate_bp     INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  start_date      TEXT NOT NULL,
  end_date        TEXT,
  created_at      TEXT NOT NULL,
  CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX subscription_addons_sub ON subscription_addons (subscription_id);

-- Gapless document numbers: one counter per rendered prefix (e.g. 'invoice:INV-2026-{#}').
CREATE TABLE number_sequences (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;

CREATE TABLE invoices (
  id          INTEGER PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,
  payer_id    INTEGER NOT NULL REFERENCES members (id),
  issue_date  TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  currency    TEXT NOT NULL,
  subtotal    INTEGER NOT NULL,              -- sum of line nets (may be negative before credits)
  tax_total   INTEGER NOT NULL,
  total       INTEGER NOT NULL CHECK (total >= 0),
  status      TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'void')),
  void_reason TEXT,
  voided_at   TEXT,
  late_fee_invoiced INTEGER NOT NULL DEFAULT 0 CHECK (late_fee_invoiced IN (0, 1)),
  run_id      INTEGER REFERENCES billing_runs (id),
  created_at  TEXT NOT NULL,
  CHECK (due_date >= issue_date),
  CHECK (status <> 'void' OR (void_reason IS NOT NULL AND voided_at IS NOT NULL))
) STRICT;
CREATE INDEX invoices_payer ON invoices (payer_id, issue_date);
CREATE INDEX invoices_issue ON invoices (issue_date);
CREATE INDEX invoices_due ON invoices (due_date) WHERE status = 'issued';

-- Lines: period charges (kind 'period', exactly once per subscription and period start), fees, credits, discounts.
CREATE TABLE invoice_lines (
  id              INTEGER PRIMARY KEY,
  invoice_id      INTEGER NOT NULL REFERENCES invoices (id),
  position        INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('period', 'addon', 'setup_fee', 'freeze_fee', 'pack', 'proration_charge',
                                               'proration_credit', 'discount', 'household_discount', 'late_fee', 'adjustment')),
  description     TEXT NOT NULL,
  subscription_id INTEGER REFERENCES subscriptions (id),
  addon_id        INTEGER REFERENCES subscription_addons (id),
  plan_id         INTEGER REFERENCES plans (id),
  period_start    TEXT,
  period_end      TEXT,
  amount          INTEGER NOT NULL,          -- before tax treatment: the price or prorated price (negative for credits/discounts)
  tax_rate_bp     INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  net             INTEGER NOT NULL,
  tax             INTEGER NOT NULL,
  gross           INTEGER NOT NULL,
  CHECK (net + tax = gross),
  CHECK (period_end IS NULL OR period_end > period_start),
  UNIQUE (invoice_id, position)
) STRICT;
CREATE UNIQUE INDEX invoice_lines_once_per_period ON invoice_lines (subscription_id, period_start) WHERE kind = 'period';
CREATE UNIQUE INDEX invoice_lines_addon_once ON invoice_lines (addon_id, period_start) WHERE kind = 'addon';
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);
CREATE INDEX invoice_lines_sub ON invoice_lines (subscription_id);

CREATE TABLE credit_notes (
  id          INTEGER PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,
  payer_id    INTEGER NOT NULL REFERENCES members (id),
  invoice_id  INTEGER REFERENCES invoices (id),
  issue_date  TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  subtotal    INTEGER NOT NULL CHECK (subtotal >= 0),
  tax_total   INTEGER NOT NULL CHECK (tax_total >= 0),
  total       INTEGER NOT NULL CHECK (total > 0),
  settlement  TEXT NOT NULL CHECK (settlement IN ('credit', 'refund')),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX credit_notes_payer ON credit_notes (payer_id);

CREATE TABLE credit_note_lines (
  id              INTEGER PRIMARY KEY,
  credit_note_id  INTEGER NOT NULL REFERENCES credit_notes (id),
  position        INTEGER NOT NULL,
  invoice_line_id INTEGER REFERENCES invoice_lines (id),
  subscription_id INTEGER REFERENCES subscriptions (id),
  description     TEXT NOT NULL,
  period_start    TEXT,
  period_end      TEXT,
  tax_rate_bp     INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  net             INTEGER NOT NULL CHECK (net >= 0),
  tax             INTEGER NOT NULL CHECK (tax >= 0),
  gross           INTEGER NOT NULL CHECK (gross > 0),
  CHECK (net + tax = gross),
  UNIQUE (credit_note_id, position)
) STRICT;

-- Money received at the desk. Never edited: mistakes are corrected with refunds.
CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  payer_id    INTEGER NOT NULL REFERENCES members (id),
  date        TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 40),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  reference   TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  staff_id    INTEGER,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payments_payer ON payments (payer_id);
CREATE INDEX payments_date ON payments (date);

-- Bonus credit from top-up promotions (充值赠送): a discount, not revenue, never refundable.
CREATE TABLE bonus_grants (
  id          INTEGER PRIMARY KEY,
  payer_id    INTEGER NOT NULL REFERENCES members (id),
  payment_id  INTEGER REFERENCES payments (id),
  date        TEXT NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount > 0),
  reason      TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX bonus_grants_payer ON bonus_grants (payer_id);

-- Every amount that settles an invoice, from exactly one source: a payment, a credit note or a bonus grant.
CREATE TABLE allocations (
  id              INTEGER PRIMARY KEY,
  invoice_id      INTEGER NOT NULL REFERENCES invoices (id),
  payment_id      INTEGER REFERENCES payments (id),
  credit_note_id  INTEGER REFERENCES credit_notes (id),
  bonus_grant_id  INTEGER REFERENCES bonus_grants (id),
  amount          INTEGER NOT NULL CHECK (amount > 0),
  date            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  CHECK ((payment_id IS NOT NULL) + (credit_note_id IS NOT NULL) + (bonus_grant_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX allocations_invoice ON allocations (invoice_id);
CREATE INDEX allocations_payment ON allocations (payment_id);
CREATE INDEX allocations_credit_note ON allocations (credit_note_id);
CREATE INDEX allocations_bonus ON allocations (bonus_grant_id);

-- Money paid back, against a payment or from a credit note's credit.
CREATE TABLE refunds (
  id              INTEGER PRIMARY KEY,
  payer_id        INTEGER NOT NULL REFERENCES members (id),
  payment_id      INTEGER REFERENCES payments (id),
  credit_note_id  INTEGER REFERENCES credit_notes (id),
  date            TEXT NOT NULL,
  method          TEXT NOT NULL,
  amount          INTEGER NOT NULL CHECK (amount > 0),
  reason          TEXT NOT NULL DEFAULT '',
  staff_id        INTEGER,
  created_at      TEXT NOT NULL,
  CHECK ((payment_id IS NOT NULL) + (credit_note_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX refunds_payer ON refunds (payer_id);

-- Session packs sold: N sessions valid until expires_on (exclusive).
CREATE TABLE member_packs (
  id             INTEGER PRIMARY KEY,
  member_id      INTEGER NOT NULL REFERENCES members (id),
  plan_id        INTEGER NOT NULL REFERENCES plans (id),
  invoice_id     INTEGER REFERENCES invoices (id),
  sessions_total INTEGER NOT NULL CHECK (sessions_total > 0),
  start_date     TEXT NOT NULL,
  expires_on     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (expires_on > start_date)
) STRICT;
CREATE INDEX member_packs_member ON member_packs (member_id);

CREATE TABLE billing_runs (
  id               INTEGER PRIMARY KEY,
  trigger          TEXT NOT NULL CHECK (trigger IN ('startup', 'hourly', 'midnight', 'manual')),
  as_of            TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  status           TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'refused_clock_behind')),
  invoices_created INTEGER NOT NULL DEFAULT 0 CHECK (invoices_created >= 0),
  amount_total     INTEGER NOT NULL DEFAULT 0 CHECK (amount_total >= 0),
  errors           TEXT NOT NULL DEFAULT '[]',
  message          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX billing_runs_as_of ON billing_runs (as_of);
