-- A bulk insert of members (the import's commit). While its one row exists — only ever inside the
-- import's own transaction, so no other connection sees it — the two per-row triggers on a new member
-- (its search-index row, the case-blind card check) stand aside; deleting the row does both for every
-- member above `after_id` in one statement each: the same card refusal (any new card another member
-- holds in any case, or two new rows with one card) and the same search-index rows. Every other
-- insert of a member, and every update, goes through the per-row triggers as before.
-- `uncommitted` refers to a row that can never exist, checked at COMMIT (as report_batch does): a
-- transaction that still holds the row cannot commit, so the skipped work can never be left undone.
CREATE TABLE member_bulk (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  after_id    INTEGER NOT NULL,
  uncommitted INTEGER NOT NULL DEFAULT 0 CHECK (uncommitted = 0) REFERENCES member_bulk (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

DROP TRIGGER member_search_insert;
CREATE TRIGGER member_search_insert AFTER INSERT ON members
WHEN NEW.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM member_bulk)
BEGIN
  INSERT INTO member_search (rowid, head, tail) VALUES (
    NEW.id,
    substr(NEW.search_text, 1, instr(NEW.search_text || '|', '|') - 1),
    substr(NEW.search_text, instr(NEW.search_text || '|', '|') + 1)
  );
END;

DROP TRIGGER members_card_nocase_ins;
CREATE TRIGGER members_card_nocase_ins BEFORE INSERT ON members
WHEN NEW.card_no IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM member_bulk)
  AND EXISTS (SELECT 1 FROM members WHERE card_no = NEW.card_no COLLATE NOCASE AND card_no IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'DUPLICATE_CARD: another member already has that card number');
END;

CREATE TRIGGER member_bulk_end BEFORE DELETE ON member_bulk
BEGIN
  SELECT RAISE(ABORT, 'DUPLICATE_CARD: another member already has that card number')
   WHERE EXISTS (
     SELECT 1 FROM members n JOIN members o ON o.card_no = n.card_no COLLATE NOCASE AND o.card_no IS NOT NULL AND o.id <> n.id
      WHERE n.id > OLD.after_id AND n.card_no IS NOT NULL
   );
  INSERT INTO member_search (rowid, head, tail)
    SELECT id,
           substr(search_text, 1, instr(search_text || '|', '|') - 1),
           substr(search_text, instr(search_text || '|', '|') + 1)
      FROM members WHERE id > OLD.after_id AND merged_into IS NULL ORDER BY id;
END;
