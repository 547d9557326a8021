-- What a member may use at the door is part of what they bought: a membership keeps its plan's visit
-- quota and visits per day from the sale (and takes the new plan's when its plan changes), a pack keeps
-- its plan's visits per day. Before, both were read from the plan at the door, so editing a plan changed
-- what earlier buyers could use. Rows already here take their plan's current values (only the rows whose
-- plan differs from the defaults are touched, so a large file is not rewritten for nothing).
ALTER TABLE subscriptions ADD COLUMN session_quota INTEGER CHECK (session_quota IS NULL OR session_quota > 0);
ALTER TABLE subscriptions ADD COLUMN checkins_per_day INTEGER NOT NULL DEFAULT 1 CHECK (checkins_per_day BETWEEN 1 AND 20);
ALTER TABLE member_packs ADD COLUMN checkins_per_day INTEGER NOT NULL DEFAULT 1 CHECK (checkins_per_day BETWEEN 1 AND 20);

UPDATE subscriptions SET
  session_quota = (SELECT p.session_quota FROM plans p WHERE p.id = subscriptions.plan_id),
  checkins_per_day = (SELECT p.checkins_per_day FROM plans p WHERE p.id = subscriptions.plan_id)
WHERE plan_id IN (SELECT id FROM plans WHERE session_quota IS NOT NULL OR checkins_per_day <> 1);
UPDATE member_packs SET checkins_per_day = (SELECT p.checkins_per_day FROM plans p WHERE p.id = member_packs.plan_id)
WHERE plan_id IN (SELECT id FROM plans WHERE checkins_per_day <> 1);
