-- A member's photo (one per member), shown at the desk and in the check-in result so a card lent to
-- someone else is noticed. The renderer shrinks it to a small JPEG; it is kept as base64 text so it
-- crosses IPC and backups as it is. The CHECK is the last guard behind the contract's zod limit:
-- at most 60 KB of JPEG (81,920 base64 characters), and the bytes must start as a JPEG does.
CREATE TABLE member_photos (
  member_id  INTEGER PRIMARY KEY REFERENCES members (id),
  jpeg       TEXT NOT NULL CHECK (length(jpeg) BETWEEN 8 AND 81920 AND substr(jpeg, 1, 4) = '/9j/'),
  updated_at TEXT NOT NULL
) STRICT;

-- The member list's filters read stored dates through indexes: a membership's end, a pack's expiry.
CREATE INDEX subscriptions_end ON subscriptions (end_date, member_id) WHERE end_date IS NOT NULL;
CREATE INDEX member_packs_expires ON member_packs (expires_on, member_id);
