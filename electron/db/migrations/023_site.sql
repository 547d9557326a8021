-- Several PCs on one site: the main desk keeps the list of connected desks it has paired, the
-- answers it gave to their changing calls (so a retried call returns its first answer and writes
-- nothing twice), and the audit log names the desk a change came from.

-- NULL: the main desk itself (or the system). The name as it was when the change was made.
ALTER TABLE audit_log ADD COLUMN device TEXT;

CREATE TABLE site_devices (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  token_hash       TEXT NOT NULL UNIQUE,     -- sha256 of the secret the desk presents; the secret is never stored here
  cert_fingerprint TEXT NOT NULL,            -- the main desk certificate it was paired under
  paired_at        TEXT NOT NULL,            -- UTC ISO instant
  last_seen_at     TEXT,
  revoked_at       TEXT                      -- NULL: still trusted
) STRICT;

CREATE TABLE site_requests (
  device_id INTEGER NOT NULL REFERENCES site_devices (id),
  key       TEXT NOT NULL CHECK (length(key) BETWEEN 8 AND 64),
  channel   TEXT NOT NULL,
  answer    TEXT NOT NULL,                   -- JSON of what the call returned
  at        TEXT NOT NULL,
  PRIMARY KEY (device_id, key)
) STRICT;

CREATE INDEX site_requests_at ON site_requests (at);
