-- Front desk: check-ins, member merges, and the member search index.

-- One row per check-in at the desk. A row is never deleted: undoing a mistake sets undone_at,
-- so the attendance history and the audit trail agree.
CREATE TABLE checkins (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES members (id),
  date            TEXT NOT NULL,                    -- business date of the visit
  at              TEXT NOT NULL,                    -- UTC instant
  subscription_id INTEGER REFERENCES subscriptions (id),
  pack_id         INTEGER REFERENCES member_packs (id),   -- a pack check-in uses one session
  staff_id        INTEGER,
  staff_name      TEXT NOT NULL DEFAULT '',
  override_reason TEXT,                             -- a manager let the member in despite a block
  blocked         TEXT,                             -- JSON: the block reasons that were overridden
  undone_at       TEXT,
  undone_by       TEXT,
  undo_reason     TEXT,
  CHECK (subscription_id IS NULL OR pack_id IS NULL),
  CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 300),
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;
CREATE INDEX checkins_member ON checkins (member_id, date);
CREATE INDEX checkins_date ON checkins (date);
CREATE INDEX checkins_pack ON checkins (pack_id) WHERE pack_id IS NOT NULL;
CREATE INDEX checkins_subscription ON checkins (subscription_id, date) WHERE subscription_id IS NOT NULL;

-- Two records of one person joined: every row that pointed at merged_id now points at kept_id.
CREATE TABLE member_merges (
  id            INTEGER PRIMARY KEY,
  kept_id       INTEGER NOT NULL REFERENCES members (id),
  merged_id     INTEGER NOT NULL UNIQUE REFERENCES members (id),
  moved         TEXT NOT NULL,                      -- JSON: { "table.column": [row ids] }
  kept_before   TEXT NOT NULL,                      -- JSON snapshots of both members before the merge
  merged_before TEXT NOT NULL,
  at            TEXT NOT NULL,
  staff_id      INTEGER,
  staff_name    TEXT NOT NULL DEFAULT '',
  CHECK (kept_id <> merged_id)
) STRICT;
CREATE INDEX member_merges_kept ON member_merges (kept_id);

-- The list sorts by the first token of search_text: full pinyin for Chinese names (see electron/desk/members/search-text.ts).
ALTER TABLE members ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (
  substr(search_text, 1, instr(search_text || ' ', ' ') - 1)
) VIRTUAL;
CREATE INDEX members_sort ON members (sort_key, id) WHERE merged_into IS NULL;
CREATE INDEX members_card_sort ON members ((card_no IS NULL), card_no, id) WHERE merged_into IS NULL;
CREATE INDEX members_name_birthday ON members (name, birthday);

-- Full-text index over search_text: "<head tokens> | <tail tokens>". Prefix indexes keep
-- one- to three-letter queries ("z", "zs", "138") fast at 100,000 members. Contentless:
-- the triggers below keep it in step with members; merged members leave it.
CREATE VIRTUAL TABLE member_search USING fts5(
  head, tail, content = '', contentless_delete = 1, detail = column, prefix = '1 2 3', tokenize = 'unicode61'
);

CREATE TRIGGER member_search_insert AFTER INSERT ON members WHEN NEW.merged_into IS NULL
BEGIN
  INSERT INTO member_search (rowid, head, tail) VALUES (
    NEW.id,
    substr(NEW.search_text, 1, instr(NEW.search_text || '|', '|') - 1),
    substr(NEW.search_text, instr(NEW.search_text || '|', '|') + 1)
  );
END;

CREATE TRIGGER member_search_update AFTER UPDATE OF search_text, merged_into ON members
BEGIN
  DELETE FROM member_search WHERE rowid = OLD.id;
  INSERT INTO member_search (rowid, head, tail)
    SELECT NEW.id,
           substr(NEW.search_text, 1, instr(NEW.search_text || '|', '|') - 1),
           substr(NEW.search_text, instr(NEW.search_text || '|', '|') + 1)
    WHERE NEW.merged_into IS NULL;
END;

CREATE TRIGGER member_search_delete AFTER DELETE ON members
BEGIN
  DELETE FROM member_search WHERE rowid = OLD.id;
END;

INSERT INTO member_search (rowid, head, tail)
  SELECT id,
         substr(search_text, 1, instr(search_text || '|', '|') - 1),
         substr(search_text, instr(search_text || '|', '|') + 1)
  FROM members WHERE merged_into IS NULL;
