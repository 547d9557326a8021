-- When each subscription next needs the billing engine, as the subscription state machine's
-- wake() computes it: stored on every save so the due scan is an index range instead of an
-- expression over every subscription. NULL means "not computed since the last save": the run
-- and the desk actions fill those in (with the machine) before they look for due work, which
-- also backfills the rows that existed before this column.
ALTER TABLE subscriptions ADD COLUMN wake_date TEXT;
CREATE INDEX subscriptions_wake ON subscriptions (wake_date);
