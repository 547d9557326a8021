/**
 * The class and keep-members reports' SQL (docs/reports.md, "Classes and keeping members"). Read straight from
 * the class, subscription and follow-up tables through their date indexes — no summaries, no dirty marks.
 * Every statement prepared once; the arithmetic is in electron/books/reports/class-reports.ts.
 */
import type { Db } from '../open';

/** A session held, with what its bookings came to. */
export interface HeldSessionRow {
  id: number;
  class_type_id: number;
  date: string;
  start_time: string;
  minutes: number;
  capacity: number;
  teacher_id: number | null;
  taken: number;
  attended: number;
  no_shows: number;
  late_cancels: number;
}

export interface EndedMembershipRow {
  id: number;
  member_id: number;
  end_date: string;
  /** 1 when another membership of the member starts after this one started and within the grace after its end. */
  renewed: number;
}

export interface FollowUpRow {
  id: number;
  member_id: number;
  reason: string;
  outcome: string;
  staff_name: string;
  date: string;
}

/** The statements, exported so a test can check that each one reads through an index. */
export const SQL = {
  held: `SELECT s.id, s.class_type_id, s.date, s.start_time, s.minutes, s.capacity, s.teacher_id,
              COALESCE(SUM(b.status IN ('booked', 'attended')), 0) AS taken,
              COALESCE(SUM(b.status = 'attended'), 0) AS attended,
              COALESCE(SUM(b.status = 'no_show'), 0) AS no_shows,
              COALESCE(SUM(b.status = 'late_cancelled'), 0) AS late_cancels
         FROM class_sessions s INDEXED BY class_sessions_date LEFT JOIN class_bookings b ON b.session_id = s.id
        WHERE s.date BETWEEN @from AND @to AND s.status = 'scheduled'
          AND (s.date < @today OR (s.date = @today AND s.start_time <= @now))
        GROUP BY s.date, s.start_time, s.id
        ORDER BY s.date, s.start_time, s.id`,
  ended: `SELECT s.id, s.member_id, s.end_date,
              EXISTS (SELECT 1 FROM subscriptions o
                       WHERE o.member_id = s.member_id AND o.id <> s.id
                         AND o.start_date > s.start_date AND o.start_date <= date(s.end_date, @grace)
                         AND (o.end_date IS NULL OR o.end_date > o.start_date)) AS renewed
         FROM subscriptions s JOIN members m ON m.id = s.member_id AND m.merged_into IS NULL
        WHERE s.end_date BETWEEN @from AND @to AND s.end_date > s.start_date
        ORDER BY s.end_date, s.id`,
  churnReasons: `SELECT s.cancel_reason AS reason, COUNT(*) AS n
         FROM subscriptions s JOIN members m ON m.id = s.member_id AND m.merged_into IS NULL
        WHERE s.end_date BETWEEN @from AND @to AND s.cancel_at_period_end = 1
        GROUP BY s.cancel_reason`,
  followUps: 'SELECT id, member_id, reason, outcome, staff_name, date FROM renewal_followups WHERE date BETWEEN @from AND @to ORDER BY id',
  purchases: `WITH who AS (SELECT DISTINCT member_id FROM renewal_followups WHERE date BETWEEN @from AND @to)
       SELECT s.member_id, s.created_at FROM who CROSS JOIN subscriptions s ON s.member_id = who.member_id WHERE s.created_at >= @since
       UNION ALL
       SELECT p.member_id, p.created_at FROM who CROSS JOIN member_packs p ON p.member_id = who.member_id
         JOIN plans pl ON pl.id = p.plan_id AND pl.single_visit = 0
        WHERE p.created_at >= @since`,
};

export function classReportsRepo(db: Db) {
  const s = {
    // Not cancelled, dated in the range, and started by now (a session later today is not held yet); through the
    // date index, grouped in that index's own order (date, start time, rowid) so no sort of the bookings is needed.
    held: db.prepare<{ from: string; to: string; today: string; now: string }, HeldSessionRow>(SQL.held),
    types: db.prepare<[], { id: number; name: string; colour: string }>('SELECT id, name, colour FROM class_types'),
    teachers: db.prepare<[], { id: number; name: string }>('SELECT id, name FROM class_teachers'),
    // A membership that served at least a day and whose end (its first day without service) is in the range.
    ended: db.prepare<{ from: string; to: string; grace: string }, EndedMembershipRow>(SQL.ended),
    // Every desk cancellation sets cancel_at_period_end (both modes); a fixed term running out does not.
    churnReasons: db.prepare<{ from: string; to: string }, { reason: string | null; n: number }>(SQL.churnReasons),
    followUps: db.prepare<{ from: string; to: string }, FollowUpRow>(SQL.followUps),
    // Memberships and packs (not a one-visit drop-in) of those members bought since `since` (a UTC instant a day
    // before the range), looked up member by member (CROSS JOIN keeps the members as the outer loop).
    purchases: db.prepare<{ from: string; to: string; since: string }, { member_id: number; created_at: string }>(SQL.purchases),
  };
  return {
    held: (from: string, to: string, today: string, now: string) => s.held.all({ from, to, today, now }),
    types: () => s.types.all(),
    teachers: () => s.teachers.all(),
    ended: (from: string, to: string, graceDays: number) => s.ended.all({ from, to, grace: `+${graceDays} days` }),
    churnReasons: (from: string, to: string) => s.churnReasons.all({ from, to }),
    followUps: (from: string, to: string) => s.followUps.all({ from, to }),
    purchases: (from: string, to: string, since: string) => s.purchases.all({ from, to, since }),
  };
}
