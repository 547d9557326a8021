-- Follow-ups that win renewals (回访): one row per outcome the desk records for a member and a reason
-- from the daily list. Rows are never changed; a second call the same day is a second row.
CREATE TABLE renewal_followups (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES members (id),
  reason       TEXT NOT NULL CHECK (reason IN ('membership_ending', 'pack_ending', 'pack_low', 'no_visit', 'new_member',
                                               'freeze_ending', 'birthday', 'overdue')),
  outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'will_renew', 'renewed', 'not_interested')),
  -- Why a member is not interested (required for that outcome only).
  lost_reason  TEXT CHECK (lost_reason IS NULL OR length(lost_reason) BETWEEN 1 AND 60),
  satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
  comment      TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  staff_id     INTEGER,
  staff_name   TEXT NOT NULL DEFAULT '',
  date         TEXT NOT NULL,     -- business date
  at           TEXT NOT NULL,     -- UTC instant
  CHECK ((outcome = 'not_interested') = (lost_reason IS NOT NULL))
) STRICT;
CREATE INDEX renewal_followups_member ON renewal_followups (member_id, at);
CREATE INDEX renewal_followups_date ON renewal_followups (date, member_id);

-- The reason picked at the desk when a membership was cancelled (NULL: cancelled before reasons were asked).
ALTER TABLE subscriptions ADD COLUMN cancel_reason TEXT CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 60);

-- What the daily list's rules look up by date (subscriptions.end_date and member_packs.expires_on are indexed by 018).
CREATE INDEX subscriptions_start ON subscriptions (start_date);
CREATE INDEX member_packs_start ON member_packs (start_date);
CREATE INDEX subscription_pauses_end ON subscription_pauses (end_date) WHERE end_date IS NOT NULL AND resumed_on IS NULL;
CREATE INDEX members_birthday_md ON members (substr(birthday, 6)) WHERE birthday IS NOT NULL AND merged_into IS NULL;
