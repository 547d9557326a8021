-- Promotions (促销活动): named campaigns with dates, for chosen recurring plans, giving a subscription
-- discount (the same kind/value/duration as the desk's one-off discount), optionally by a code.
CREATE TABLE promotions (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- A code the clerk may type; unique among promotions whatever its case. NULL: picked from the list only.
  code              TEXT COLLATE NOCASE CHECK (code IS NULL OR length(code) BETWEEN 1 AND 30),
  starts_on         TEXT NOT NULL,
  ends_on           TEXT NOT NULL,            -- inclusive, in the business time zone
  discount_kind     TEXT NOT NULL CHECK (discount_kind IN ('percent', 'fixed')),
  discount_value    INTEGER NOT NULL CHECK (discount_value >= 0),
  discount_duration TEXT NOT NULL CHECK (discount_duration IN ('once', 'repeating', 'forever')),
  discount_periods  INTEGER CHECK (discount_periods IS NULL OR discount_periods >= 1),
  archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK (ends_on >= starts_on),
  CHECK (discount_kind <> 'percent' OR discount_value <= 10000),
  CHECK ((discount_duration = 'repeating') = (discount_periods IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX promotions_code ON promotions (code) WHERE code IS NOT NULL;

-- The plans a promotion is for.
CREATE TABLE promotion_plans (
  promotion_id INTEGER NOT NULL REFERENCES promotions (id),
  plan_id      INTEGER NOT NULL REFERENCES plans (id),
  PRIMARY KEY (promotion_id, plan_id)
) STRICT;

-- Which sale used which promotion: one membership sold with it (its discount is on the subscription).
CREATE TABLE promotion_sales (
  id              INTEGER PRIMARY KEY,
  promotion_id    INTEGER NOT NULL REFERENCES promotions (id),
  subscription_id INTEGER NOT NULL UNIQUE REFERENCES subscriptions (id),
  member_id       INTEGER NOT NULL REFERENCES members (id),
  sold_on         TEXT NOT NULL,
  -- The checkout's invoice that billed the sale (NULL when the sale billed nothing today, e.g. a later start).
  invoice_id      INTEGER REFERENCES invoices (id),
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX promotion_sales_promotion ON promotion_sales (promotion_id);
