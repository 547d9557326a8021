-- MRR spans say why a member's MRR moved: their MRR before discounts (a discount ending is told
-- apart from a price rise) and how many of their subscriptions are frozen (a freeze is told apart
-- from a downgrade). Spans are derived data: every member with spans is worked out again by the
-- next facts refresh.
ALTER TABLE report_mrr_spans ADD COLUMN list_mrr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_mrr_spans ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT DISTINCT member_id FROM report_mrr_spans;
