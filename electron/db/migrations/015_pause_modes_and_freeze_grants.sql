-- Two pause modes per plan: 'extend' (the frozen days are added to the card) and 'credit' (unused
-- days become account credit). Plans and pauses that exist keep the behaviour they were sold with:
-- the column default is 'credit'; the app proposes 'extend' for a new plan.
ALTER TABLE plans ADD COLUMN pause_mode TEXT NOT NULL DEFAULT 'credit' CHECK (pause_mode IN ('extend', 'credit'));
-- The mode a pause was taken under: changing the plan later does not rewrite history.
ALTER TABLE subscription_pauses ADD COLUMN mode TEXT NOT NULL DEFAULT 'credit' CHECK (mode IN ('extend', 'credit'));

-- Extra freeze days a manager or the owner granted one member for one calendar year, with the reason.
CREATE TABLE freeze_grants (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  days INTEGER NOT NULL CHECK (days > 0),
  reason TEXT NOT NULL,
  staff_id INTEGER,
  staff_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX freeze_grants_member_year ON freeze_grants(member_id, year);
