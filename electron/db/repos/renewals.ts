/** The daily renewal follow-up list (回访): one query per rule, every statement prepared once. */
import type { Db } from '../open';
import { packUsedSql } from '../pack-usage';
import type { RenewalFollowUpRow } from '../rows';

/** One member a rule selected, with the facts the list shows (query-shaped). */
export interface RuleHitRow {
  member_id: number;
  name: string;
  phone: string;
  date: string | null;
  plan_name: string | null;
  sessions_left: number | null;
  /** no_visit only: the first day of the running membership. */
  since?: string;
}

const LIVE = `s.status IN ('trialing', 'active', 'paused')`;
const MEMBER = `JOIN members m ON m.id = s.member_id AND m.merged_into IS NULL`;

// A membership whose service stops within the window (end_date is exclusive), unless the member already has
// another live membership that runs on past it (renewed). The earliest such end per member.
const MEMBERSHIP_ENDING = `
  SELECT s.member_id, m.name, m.phone, MIN(s.end_date) AS date, p.name AS plan_name, NULL AS sessions_left
  FROM subscriptions s ${MEMBER} JOIN plans p ON p.id = s.plan_id
  WHERE s.end_date > @today AND s.end_date <= @until AND ${LIVE}
    AND NOT EXISTS (SELECT 1 FROM subscriptions o WHERE o.member_id = s.member_id AND o.id <> s.id
                    AND o.status IN ('trialing', 'active', 'paused') AND (o.end_date IS NULL OR o.end_date > s.end_date))
  GROUP BY s.member_id`;

const PACK_LEFT = `p.sessions_total - ${packUsedSql('p.id')}`;

// A pack with sessions left that expires within the window, unless a pack bought later is still valid.
const PACK_ENDING = `
  SELECT p.member_id, m.name, m.phone, MIN(p.expires_on) AS date, pl.name AS plan_name, ${PACK_LEFT} AS sessions_left
  FROM member_packs p JOIN members m ON m.id = p.member_id AND m.merged_into IS NULL JOIN plans pl ON pl.id = p.plan_id
  WHERE p.expires_on > @today AND p.expires_on <= @until AND p.start_date <= @today AND ${PACK_LEFT} > 0
    AND NOT EXISTS (SELECT 1 FROM member_packs o WHERE o.member_id = p.member_id AND o.id > p.id AND o.expires_on > @today)
  GROUP BY p.member_id`;

// A valid pack with at most @sessions left, unless a pack bought later is still valid. The lowest per member.
const PACK_LOW = `
  SELECT p.member_id, m.name, m.phone, p.expires_on AS date, pl.name AS plan_name, MIN(${PACK_LEFT}) AS sessions_left
  FROM member_packs p JOIN members m ON m.id = p.member_id AND m.merged_into IS NULL JOIN plans pl ON pl.id = p.plan_id
  WHERE p.expires_on > @today AND p.start_date <= @today AND ${PACK_LEFT} <= @sessions
    AND NOT EXISTS (SELECT 1 FROM member_packs o WHERE o.member_id = p.member_id AND o.id > p.id AND o.expires_on > @today)
  GROUP BY p.member_id`;

// A member with a running (not frozen) membership whose last visit, or whose membership start when they
// never came, is on or before @cutoff. date = the last visit (NULL: never).
const NO_VISIT = `
  SELECT member_id, name, phone, last_visit AS date, plan_name, NULL AS sessions_left, since FROM (
    SELECT s.member_id, m.name, m.phone, MIN(s.start_date) AS since, p.name AS plan_name,
           (SELECT MAX(c.date) FROM checkins c WHERE c.member_id = s.member_id AND c.undone_at IS NULL) AS last_visit
    FROM subscriptions s ${MEMBER} JOIN plans p ON p.id = s.plan_id
    WHERE s.status IN ('trialing', 'active') AND s.start_date <= @today AND (s.end_date IS NULL OR s.end_date > @today)
      -- A visit after the cutoff rules the member out at once (a seek in the check-ins' (member, date) index).
      AND NOT EXISTS (SELECT 1 FROM checkins r WHERE r.member_id = s.member_id AND r.date > @cutoff AND r.undone_at IS NULL)
    GROUP BY s.member_id)
  WHERE COALESCE(last_visit, since) <= @cutoff`;

// A member whose first day (the earliest start of any membership or pack) is one of @days (JSON list).
const NEW_MEMBER = `
  SELECT member_id, name, phone, first_day AS date, NULL AS plan_name, NULL AS sessions_left FROM (
    SELECT c.member_id, m.name, m.phone,
           MIN(COALESCE((SELECT MIN(start_date) FROM subscriptions WHERE member_id = c.member_id), '9999-12-31'),
               COALESCE((SELECT MIN(start_date) FROM member_packs WHERE member_id = c.member_id), '9999-12-31')) AS first_day
    FROM (SELECT member_id FROM subscriptions WHERE start_date IN (SELECT value FROM json_each(@days))
          UNION SELECT member_id FROM member_packs WHERE start_date IN (SELECT value FROM json_each(@days))) c
    JOIN members m ON m.id = c.member_id AND m.merged_into IS NULL)
  WHERE first_day IN (SELECT value FROM json_each(@days))`;

// A freeze in progress (not resumed early) whose resume day is within the window. The earliest per member.
const FREEZE_ENDING = `
  SELECT s.member_id, m.name, m.phone, MIN(z.end_date) AS date, p.name AS plan_name, NULL AS sessions_left
  FROM subscription_pauses z JOIN subscriptions s ON s.id = z.subscription_id ${MEMBER} JOIN plans p ON p.id = s.plan_id
  WHERE z.end_date IS NOT NULL AND z.resumed_on IS NULL AND z.end_date > @today AND z.end_date <= @until AND z.start_date <= @today
    AND s.status = 'paused'
  GROUP BY s.member_id`;

// A member whose birthday's month and day (MM-DD) is one of @days (JSON list).
const BIRTHDAY = `
  SELECT m.id AS member_id, m.name, m.phone, m.birthday AS date, NULL AS plan_name, NULL AS sessions_left
  FROM members m
  WHERE m.birthday IS NOT NULL AND m.merged_into IS NULL AND substr(m.birthday, 6) IN (SELECT value FROM json_each(@days))`;

export function createRenewalsRepo(db: Db) {
  const q = {
    membershipEnding: db.prepare<[{ today: string; until: string }], RuleHitRow>(MEMBERSHIP_ENDING),
    packEnding: db.prepare<[{ today: string; until: string }], RuleHitRow>(PACK_ENDING),
    packLow: db.prepare<[{ today: string; sessions: number }], RuleHitRow>(PACK_LOW),
    noVisit: db.prepare<[{ today: string; cutoff: string }], RuleHitRow>(NO_VISIT),
    newMember: db.prepare<[{ days: string }], RuleHitRow>(NEW_MEMBER),
    freezeEnding: db.prepare<[{ today: string; until: string }], RuleHitRow>(FREEZE_ENDING),
    birthday: db.prepare<[{ days: string }], RuleHitRow>(BIRTHDAY),
  };
  const ofDay = db.prepare<[string], RenewalFollowUpRow>('SELECT * FROM renewal_followups WHERE date = ? ORDER BY at, id');
  const ofMember = db.prepare<[number], RenewalFollowUpRow>('SELECT * FROM renewal_followups WHERE member_id = ? ORDER BY at DESC, id DESC');
  const byId = db.prepare<[number], RenewalFollowUpRow>('SELECT * FROM renewal_followups WHERE id = ?');
  const member = db.prepare<[number], { id: number; merged_into: number | null }>('SELECT id, merged_into FROM members WHERE id = ?');
  const insert = db.prepare<Omit<RenewalFollowUpRow, 'id'>>(
    `INSERT INTO renewal_followups (member_id, reason, outcome, lost_reason, satisfaction, comment, staff_id, staff_name, date, at)
     VALUES (@member_id, @reason, @outcome, @lost_reason, @satisfaction, @comment, @staff_id, @staff_name, @date, @at)`,
  );

  return {
    membershipEnding: (today: string, until: string) => q.membershipEnding.all({ today, until }),
    packEnding: (today: string, until: string) => q.packEnding.all({ today, until }),
    packLow: (today: string, sessions: number) => q.packLow.all({ today, sessions }),
    noVisit: (today: string, cutoff: string) => q.noVisit.all({ today, cutoff }),
    newMember: (firstDays: string[]) => q.newMember.all({ days: JSON.stringify(firstDays) }),
    freezeEnding: (today: string, until: string) => q.freezeEnding.all({ today, until }),
    birthday: (monthDays: string[]) => q.birthday.all({ days: JSON.stringify(monthDays) }),
    ofDay: (date: string) => ofDay.all(date),
    ofMember: (memberId: number) => ofMember.all(memberId),
    byId: (id: number) => byId.get(id),
    member: (id: number) => member.get(id),
    /** Returns the new row's id. */
    insert: (row: Omit<RenewalFollowUpRow, 'id'>) => Number(insert.run(row).lastInsertRowid),
  };
}
