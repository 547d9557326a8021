-- Staff who sign in at the desk with a PIN. The PIN is stored only as an scrypt hash
-- (scrypt$N$r$p$salt$hash); failed_attempts and locked_until implement the lockout.
CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
  role            TEXT NOT NULL CHECK (role IN ('desk', 'manager', 'owner')),
  pin_hash        TEXT NOT NULL CHECK (pin_hash LIKE 'scrypt$%'),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    TEXT,                       -- UTC ISO instant; NULL = not locked
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_staff ON audit_log (staff_id);
