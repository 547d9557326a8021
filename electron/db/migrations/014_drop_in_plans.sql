-- Drop-in plans (单次入场): one visit, today only, sold at the desk. Stored as a pack of one
-- session valid one day, marked single_visit, so a sold drop-in is a member_packs row that its
-- check-in uses like any pack session (attendance, undo and reports need nothing new).
ALTER TABLE plans ADD COLUMN single_visit INTEGER NOT NULL DEFAULT 0 CHECK (single_visit IN (0, 1));

CREATE TRIGGER plans_single_visit_ins BEFORE INSERT ON plans
WHEN NEW.single_visit = 1 AND (NEW.kind <> 'pack' OR NEW.pack_sessions <> 1 OR NEW.pack_valid_days <> 1)
BEGIN
  SELECT RAISE(ABORT, 'a drop-in plan is one session valid one day');
END;

CREATE TRIGGER plans_single_visit_upd BEFORE UPDATE ON plans
WHEN NEW.single_visit = 1 AND (NEW.kind <> 'pack' OR NEW.pack_sessions <> 1 OR NEW.pack_valid_days <> 1)
BEGIN
  SELECT RAISE(ABORT, 'a drop-in plan is one session valid one day');
END;
