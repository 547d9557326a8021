-- Invoice lines carry their facts, so reports read them instead of working the engine's arithmetic
-- backwards: whom the line is for, the full-period price it was prorated from (before discounts;
-- for a discount line, the discount on the full period), the days it covers and the length of the
-- period it was prorated against. Invoices keep the tax mode they were issued in.
-- Old rows are filled once by the JS step of this migration (electron/db/backfill-line-facts.ts).
ALTER TABLE invoice_lines ADD COLUMN member_id INTEGER REFERENCES members (id);
ALTER TABLE invoice_lines ADD COLUMN list_price INTEGER;
ALTER TABLE invoice_lines ADD COLUMN days_in_period INTEGER CHECK (days_in_period IS NULL OR days_in_period > 0);
ALTER TABLE invoice_lines ADD COLUMN days_used INTEGER
  CHECK ((days_used IS NULL) = (days_in_period IS NULL) AND (days_used IS NULL OR days_used BETWEEN 0 AND days_in_period));
ALTER TABLE invoices ADD COLUMN tax_mode TEXT CHECK (tax_mode IN ('inclusive', 'exclusive'));

-- "Lines for more than one member" on a payer's invoice is read per invoice.
CREATE INDEX invoice_lines_member ON invoice_lines (member_id) WHERE member_id IS NOT NULL;
