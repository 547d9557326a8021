-- Card numbers are one card whatever their case: search and check-in already read A0001 and
-- a0001 as the same card, so no two members may hold them. A unique index cannot be built while
-- an older database holds such a pair, and merging or renumbering someone's card is the owner's
-- call, not a migration's. So: an index for the lookup, and triggers that refuse a NEW clash
-- (a new card, or a changed one). Pairs that already exist stay as they are and the app lists
-- them (members.cardClashes) until the owner gives one of them another number.
CREATE INDEX members_card_nocase ON members (card_no COLLATE NOCASE) WHERE card_no IS NOT NULL;

CREATE TRIGGER members_card_nocase_ins BEFORE INSERT ON members
WHEN NEW.card_no IS NOT NULL
  AND EXISTS (SELECT 1 FROM members WHERE card_no = NEW.card_no COLLATE NOCASE AND card_no IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'DUPLICATE_CARD: another member already has that card number');
END;

CREATE TRIGGER members_card_nocase_upd BEFORE UPDATE OF card_no ON members
WHEN NEW.card_no IS NOT NULL AND NEW.card_no IS NOT OLD.card_no
  AND EXISTS (SELECT 1 FROM members WHERE card_no = NEW.card_no COLLATE NOCASE AND card_no IS NOT NULL AND id <> NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'DUPLICATE_CARD: another member already has that card number');
END;
