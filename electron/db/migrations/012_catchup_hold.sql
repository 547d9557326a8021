-- A catch-up held for the owner (the PC's clock jumped ahead): the last run's as-of date and the
-- number of invoices the run would have created. Widening the status CHECK would need a table
-- rebuild that the invoices' foreign key makes risky, so a held run is stored as a run that billed
-- nothing ('refused_clock_behind') with these two columns set; the app reports it as 'held'.
ALTER TABLE billing_runs ADD COLUMN held_after TEXT;
ALTER TABLE billing_runs ADD COLUMN held_count INTEGER;
