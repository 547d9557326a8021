-- Placeholder so the numbering has no gap on this branch: another branch owns migration 008.
-- Delete this file when that branch's 008 migration is merged.
SELECT 1;
