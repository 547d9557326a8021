-- Foundation: key/value facts about this database, and the append-only audit log.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Every mutation: who, when, which channel, which entity, before and after (JSON).
-- Each row's hash covers the previous row's hash, so an edit outside the app breaks the chain.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,               -- UTC ISO instant
  staff_id   INTEGER,                     -- NULL: the system (scheduler) or before any sign-in
  staff_name TEXT NOT NULL DEFAULT '',
  channel    TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL DEFAULT '',
  before     TEXT,                        -- JSON or NULL
  after      TEXT,                        -- JSON or NULL
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
