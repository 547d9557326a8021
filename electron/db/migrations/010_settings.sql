-- The business's rules (profile, currency, time zone, tax, number formats, payment terms, late
-- fee, overdue block, household discount, auto-lock, set-up done), one row per setting with its
-- value as JSON. They live here, not in the settings file, so they change in the same transaction
-- as their audit entry and travel with every backup. The app validates each value (zod) before it
-- writes it and reads a bad or missing value as its default; a new rule needs no migration.
-- This PC's choices (language, backup folder) stay in the settings file.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT, WITHOUT ROWID;
