-- A membership brought in by the member import was paid for outside Subdesk until its first bill here: the
-- member is a paying customer from the import, as the desk already shows, though no invoice line covers those
-- days. The flag lets the reports count them (MRR) from the import instead of from their first invoice.
-- Memberships imported before this migration are found by their audit entry.
ALTER TABLE subscriptions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));

UPDATE subscriptions SET imported = 1
 WHERE id IN (SELECT CAST(entity_id AS INTEGER) FROM audit_log WHERE channel = 'members.importCommit' AND entity = 'subscription');
