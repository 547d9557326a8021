-- The import's search-index rows are written after its commit answers (docs/decisions.md, "The search index
-- after an import"). The bulk insert of members (migration 025) no longer writes them at its end: it leaves
-- one row here, committed with the members, naming the ids (after_id, upto_id] whose rows the index still
-- owes. The host writes them a part at a time once the commit has answered (and on the next start after a
-- crash); every question to the index (a search, an import's phone lookup) first writes what is still owed,
-- so no answer ever misses a member. While a member's id is owed, the per-row triggers leave the index
-- alone for it: catching up reads the member as it is by then (an edit, a merge) and writes its row once.
CREATE TABLE member_search_pending (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  after_id INTEGER NOT NULL,
  upto_id  INTEGER NOT NULL,
  CHECK (upto_id > after_id)
) STRICT;

DROP TRIGGER member_bulk_end;
CREATE TRIGGER member_bulk_end BEFORE DELETE ON member_bulk
BEGIN
  SELECT RAISE(ABORT, 'DUPLICATE_CARD: another member already has that card number')
   WHERE EXISTS (
     SELECT 1 FROM members n JOIN members o ON o.card_no = n.card_no COLLATE NOCASE AND o.card_no IS NOT NULL AND o.id <> n.id
      WHERE n.id > OLD.after_id AND n.card_no IS NOT NULL
   );
  -- One owed range: an import's next part (or the next import) joins the range still owed only when it
  -- follows straight on; otherwise the code writes what is owed first (electron/db/member-bulk.ts).
  SELECT RAISE(ABORT, 'member_search_pending: an owed range must end where the bulk insert began')
   WHERE EXISTS (SELECT 1 FROM member_search_pending WHERE upto_id <> OLD.after_id);
  INSERT INTO member_search_pending (id, after_id, upto_id)
    SELECT 1, OLD.after_id, MAX(id) FROM members WHERE id > OLD.after_id HAVING COUNT(*) > 0
    ON CONFLICT (id) DO UPDATE SET upto_id = excluded.upto_id;
END;

DROP TRIGGER member_search_insert;
CREATE TRIGGER member_search_insert AFTER INSERT ON members
WHEN NEW.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM member_bulk)
  AND NOT EXISTS (SELECT 1 FROM member_search_pending p WHERE NEW.id > p.after_id AND NEW.id <= p.upto_id)
BEGIN
  INSERT INTO member_search (rowid, head, tail) VALUES (
    NEW.id,
    substr(NEW.search_text, 1, instr(NEW.search_text || '|', '|') - 1),
    substr(NEW.search_text, instr(NEW.search_text || '|', '|') + 1)
  );
END;

DROP TRIGGER member_search_update;
CREATE TRIGGER member_search_update AFTER UPDATE OF search_text, merged_into ON members
WHEN NOT EXISTS (SELECT 1 FROM member_search_pending p WHERE OLD.id > p.after_id AND OLD.id <= p.upto_id)
BEGIN
  DELETE FROM member_search WHERE rowid = OLD.id;
  INSERT INTO member_search (rowid, head, tail)
    SELECT NEW.id,
           substr(NEW.search_text, 1, instr(NEW.search_text || '|', '|') - 1),
           substr(NEW.search_text, instr(NEW.search_text || '|', '|') + 1)
    WHERE NEW.merged_into IS NULL;
END;

DROP TRIGGER member_search_delete;
CREATE TRIGGER member_search_delete AFTER DELETE ON members
WHEN NOT EXISTS (SELECT 1 FROM member_search_pending p WHERE OLD.id > p.after_id AND OLD.id <= p.upto_id)
BEGIN
  DELETE FROM member_search WHERE rowid = OLD.id;
END;
