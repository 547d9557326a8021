/** Check-ins at the desk and their attendance counts: every statement prepared once. */
import type { Db } from '../open';
import type { CheckinRow, MemberRow } from '../rows';

/** A check-in with its member's name and card and the plan it used (a subscription's or a pack's). */
export type CheckinWithNames = Omit<CheckinRow, 'staff_id' | 'blocked'> &
  Pick<MemberRow, 'card_no'> & { member_name: string; plan_name: string | null };
/** The member fields a check-in decides with. */
export type CheckinMember = Pick<MemberRow, 'id' | 'payer_id' | 'merged_into'>;
export type CheckinInsert = Omit<CheckinRow, 'id' | 'undone_at' | 'undone_by' | 'undo_reason'>;
/** Live visits in a date range; memberId null means every member. */
export interface VisitRange {
  from: string;
  to: string;
  memberId: number | null;
}
export interface VisitsOnDay {
  date: string;
  visits: number;
  members: number;
}
export interface VisitsOfMember {
  memberId: number;
  name: string;
  cardNo: string | null;
  visits: number;
  last: string;
}

const SELECT = `SELECT c.id, c.member_id, m.name AS member_name, m.card_no, c.date, c.at, c.subscription_id, c.pack_id,
    COALESCE((SELECT p.name FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.id = c.subscription_id),
             (SELECT p.name FROM member_packs mp JOIN plans p ON p.id = mp.plan_id WHERE mp.id = c.pack_id)) AS plan_name,
    c.staff_name, c.override_reason, c.undone_at, c.undone_by, c.undo_reason, c.class_booking_id, c.kept_device, c.kept_at
  FROM checkins c JOIN members m ON m.id = c.member_id`;

export function createCheckinsRepo(db: Db) {
  const one = db.prepare<[number], CheckinWithNames>(`${SELECT} WHERE c.id = ?`);
  const liveOfDay = db.prepare<[number, string], CheckinWithNames>(
    `${SELECT} WHERE c.member_id = ? AND c.date = ? AND c.undone_at IS NULL ORDER BY c.id`,
  );
  const member = db.prepare<[number], CheckinMember>('SELECT id, payer_id, merged_into FROM members WHERE id = ?');
  const insert = db.prepare<CheckinInsert>(
    `INSERT INTO checkins (member_id, date, at, subscription_id, pack_id, staff_id, staff_name, override_reason, blocked, class_booking_id, kept_device, kept_at)
     VALUES (@member_id, @date, @at, @subscription_id, @pack_id, @staff_id, @staff_name, @override_reason, @blocked, @class_booking_id, @kept_device, @kept_at)`,
  );
  const ofDay = db.prepare<[string], CheckinWithNames>(`${SELECT} WHERE c.date = ? ORDER BY c.at DESC, c.id DESC`);
  const ofDayLive = db.prepare<[string], CheckinWithNames>(`${SELECT} WHERE c.date = ? AND c.undone_at IS NULL ORDER BY c.at DESC, c.id DESC`);
  const ofMember = db.prepare<[number, number], CheckinWithNames>(
    `${SELECT} WHERE c.member_id = ? ORDER BY c.date DESC, c.at DESC, c.id DESC LIMIT ?`,
  );
  const bookingUse = db.prepare<[number], { pack_id: number | null; subscription_id: number | null; units_used: number }>(
    'SELECT pack_id, subscription_id, units_used FROM class_bookings WHERE id = ?',
  );
  const markUndone = db.prepare<[string, string, string, number]>('UPDATE checkins SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?');
  // One statement for both filters: a null memberId switches its condition off.
  const byDay = db.prepare<VisitRange, VisitsOnDay>(
    `SELECT date, count(*) AS visits, count(DISTINCT member_id) AS members FROM checkins
      WHERE date >= @from AND date <= @to AND undone_at IS NULL AND (@memberId IS NULL OR member_id = @memberId)
      GROUP BY date ORDER BY date`,
  );
  const byMember = db.prepare<VisitRange, VisitsOfMember>(
    `SELECT c.member_id AS memberId, m.name, m.card_no AS cardNo, count(*) AS visits, max(c.date) AS last
       FROM checkins c JOIN members m ON m.id = c.member_id
      WHERE c.date >= @from AND c.date <= @to AND c.undone_at IS NULL AND (@memberId IS NULL OR c.member_id = @memberId)
      GROUP BY c.member_id ORDER BY visits DESC, m.sort_key, c.member_id LIMIT 1000`,
  );

  return {
    byId: (id: number) => one.get(id),
    /** A member's live check-ins on a date, oldest first. */
    liveOfMemberOn: (memberId: number, date: string) => liveOfDay.all(memberId, date),
    member: (id: number) => member.get(id),
    /** Returns the new check-in's id. */
    insert: (row: CheckinInsert) => Number(insert.run(row).lastInsertRowid),
    /** A day's check-ins, newest first. */
    ofDay: (date: string, includeUndone: boolean) => (includeUndone ? ofDay : ofDayLive).all(date),
    /** A member's latest check-ins, newest first. */
    ofMember: (memberId: number, limit: number) => ofMember.all(memberId, limit),
    /** What a class booking used (the class a door check-in stands for). */
    bookingUse: (bookingId: number) => bookingUse.get(bookingId),
    markUndone: (id: number, at: string, by: string, reason: string) => void markUndone.run(at, by, reason, id),
    visitsByDay: (range: VisitRange) => byDay.all(range),
    /** The 1000 most frequent visitors of the range. */
    visitsByMember: (range: VisitRange) => byMember.all(range),
  };
}

export type CheckinsRepo = ReturnType<typeof createCheckinsRepo>;
