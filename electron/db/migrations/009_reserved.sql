-- Placeholder so the numbering has no gap on this branch: another branch owns migration 009.
-- Delete this file when that branch's 009 migration is merged.
SELECT 1;
