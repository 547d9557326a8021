/** Classes and lessons (migration 019): the timetable, enrolments and bookings. Every statement prepared once. */
import type { Db } from '../open';
import type {
  ClassBookingRow,
  ClassEnrolmentRow,
  ClassRoomRow,
  ClassScheduleRow,
  ClassSessionRow,
  ClassTeacherRow,
  ClassTypeRow,
} from '../rows';

/** A session with the names and counts the timetable shows. */
export type SessionView = ClassSessionRow & {
  schedule_name: string;
  type_name: string;
  colour: string;
  teacher_name: string | null;
  room_name: string | null;
  booked: number;
  waitlisted: number;
  attended: number;
};

/** A booking with its member, session and the plan it used. */
export type BookingView = ClassBookingRow & {
  member_name: string;
  date: string;
  start_time: string;
  type_name: string;
  plan_name: string | null;
  wait_pos: number | null;
  session_status: ClassSessionRow['status'];
};

export type ScheduleView = ClassScheduleRow & {
  type_name: string;
  teacher_name: string | null;
  room_name: string | null;
  sessions: number;
  enrolled: number;
};

export type EnrolmentView = ClassEnrolmentRow & { member_name: string; schedule_name: string };

type Insert<R> = Omit<R, 'id'>;

const SESSION = `SELECT s.*, sc.name AS schedule_name, t.name AS type_name, t.colour, te.name AS teacher_name, r.name AS room_name,
       (SELECT count(*) FROM class_bookings b WHERE b.session_id = s.id AND b.status IN ('booked', 'attended')) AS booked,
       (SELECT count(*) FROM class_bookings b WHERE b.session_id = s.id AND b.status = 'waitlisted') AS waitlisted,
       (SELECT count(*) FROM class_bookings b WHERE b.session_id = s.id AND b.status = 'attended') AS attended
  FROM class_sessions s JOIN class_schedules sc ON sc.id = s.schedule_id JOIN class_types t ON t.id = s.class_type_id
  LEFT JOIN class_teachers te ON te.id = s.teacher_id LEFT JOIN class_rooms r ON r.id = s.room_id`;

const BOOKING = `SELECT b.*, m.name AS member_name, s.date, s.start_time, s.status AS session_status, t.name AS type_name,
       COALESCE((SELECT p.name FROM member_packs mp JOIN plans p ON p.id = mp.plan_id WHERE mp.id = b.pack_id),
                (SELECT p.name FROM subscriptions su JOIN plans p ON p.id = su.plan_id WHERE su.id = b.subscription_id)) AS plan_name,
       CASE WHEN b.status = 'waitlisted' THEN
         (SELECT count(*) FROM class_bookings w WHERE w.session_id = b.session_id AND w.status = 'waitlisted'
             AND (w.queued_at < b.queued_at OR (w.queued_at = b.queued_at AND w.id <= b.id))) END AS wait_pos
  FROM class_bookings b JOIN members m ON m.id = b.member_id JOIN class_sessions s ON s.id = b.session_id
  JOIN class_types t ON t.id = s.class_type_id`;

const SCHEDULE = `SELECT sc.*, t.name AS type_name, te.name AS teacher_name, r.name AS room_name,
       (SELECT count(*) FROM class_sessions s WHERE s.schedule_id = sc.id AND s.status = 'scheduled') AS sessions,
       (SELECT count(*) FROM class_enrolments e WHERE e.schedule_id = sc.id AND e.status = 'active') AS enrolled
  FROM class_schedules sc JOIN class_types t ON t.id = sc.class_type_id
  LEFT JOIN class_teachers te ON te.id = sc.teacher_id LEFT JOIN class_rooms r ON r.id = sc.room_id`;

const ENROLMENT = `SELECT e.*, m.name AS member_name, sc.name AS schedule_name
  FROM class_enrolments e JOIN members m ON m.id = e.member_id JOIN class_schedules sc ON sc.id = e.schedule_id`;

export function createClassesRepo(db: Db) {
  const s = {
    typeById: db.prepare<[number], ClassTypeRow>('SELECT * FROM class_types WHERE id = ?'),
    types: db.prepare<[number], ClassTypeRow>(
      'SELECT * FROM class_types WHERE archived = 0 OR ? = 1 ORDER BY archived, name, id',
    ),
    insertType: db.prepare<Insert<ClassTypeRow>>(
      `INSERT INTO class_types (name, colour, minutes, capacity, units, open_days, cutoff_hours, late_cancel_rule, late_cancel_fee,
         no_show_rule, no_show_fee, archived, created_at, updated_at)
       VALUES (@name, @colour, @minutes, @capacity, @units, @open_days, @cutoff_hours, @late_cancel_rule, @late_cancel_fee,
         @no_show_rule, @no_show_fee, @archived, @created_at, @updated_at)`,
    ),
    updateType: db.prepare<ClassTypeRow>(
      `UPDATE class_types SET name = @name, colour = @colour, minutes = @minutes, capacity = @capacity, units = @units,
         open_days = @open_days, cutoff_hours = @cutoff_hours, late_cancel_rule = @late_cancel_rule, late_cancel_fee = @late_cancel_fee,
         no_show_rule = @no_show_rule, no_show_fee = @no_show_fee, archived = @archived, updated_at = @updated_at WHERE id = @id`,
    ),
    planIds: db.prepare<[number], { plan_id: number }>(
      'SELECT plan_id FROM class_type_plans WHERE class_type_id = ? ORDER BY plan_id',
    ),
    clearPlans: db.prepare<[number]>('DELETE FROM class_type_plans WHERE class_type_id = ?'),
    addPlan: db.prepare<[number, number]>(
      'INSERT INTO class_type_plans (class_type_id, plan_id) VALUES (?, ?)',
    ),
    planExists: db.prepare<[number], { id: number }>('SELECT id FROM plans WHERE id = ?'),

    teacherById: db.prepare<[number], ClassTeacherRow>('SELECT * FROM class_teachers WHERE id = ?'),
    teachers: db.prepare<[], ClassTeacherRow>(
      'SELECT * FROM class_teachers ORDER BY active DESC, name, id',
    ),
    insertTeacher: db.prepare<Insert<ClassTeacherRow>>(
      'INSERT INTO class_teachers (name, staff_id, phone, active, created_at, updated_at) VALUES (@name, @staff_id, @phone, @active, @created_at, @updated_at)',
    ),
    updateTeacher: db.prepare<ClassTeacherRow>(
      'UPDATE class_teachers SET name = @name, staff_id = @staff_id, phone = @phone, active = @active, updated_at = @updated_at WHERE id = @id',
    ),
    staffExists: db.prepare<[number], { id: number }>('SELECT id FROM staff WHERE id = ?'),

    roomById: db.prepare<[number], ClassRoomRow>('SELECT * FROM class_rooms WHERE id = ?'),
    roomByName: db.prepare<[string], ClassRoomRow>('SELECT * FROM class_rooms WHERE name = ?'),
    rooms: db.prepare<[], ClassRoomRow>('SELECT * FROM class_rooms ORDER BY active DESC, name, id'),
    insertRoom: db.prepare<Insert<ClassRoomRow>>(
      'INSERT INTO class_rooms (name, capacity, active, created_at, updated_at) VALUES (@name, @capacity, @active, @created_at, @updated_at)',
    ),
    updateRoom: db.prepare<ClassRoomRow>(
      'UPDATE class_rooms SET name = @name, capacity = @capacity, active = @active, updated_at = @updated_at WHERE id = @id',
    ),

    scheduleById: db.prepare<[number], ScheduleView>(`${SCHEDULE} WHERE sc.id = ?`),
    schedules: db.prepare<[], ScheduleView>(
      `${SCHEDULE} ORDER BY sc.term_end DESC, sc.name, sc.id`,
    ),
    insertSchedule: db.prepare<Insert<ClassScheduleRow>>(
      `INSERT INTO class_schedules (class_type_id, name, weekdays, start_time, minutes, teacher_id, room_id, capacity, term_start, term_end,
         holidays, created_at, updated_at)
       VALUES (@class_type_id, @name, @weekdays, @start_time, @minutes, @teacher_id, @room_id, @capacity, @term_start, @term_end,
         @holidays, @created_at, @updated_at)`,
    ),
    updateSchedule: db.prepare<ClassScheduleRow>(
      `UPDATE class_schedules SET name = @name, teacher_id = @teacher_id, room_id = @room_id, capacity = @capacity, term_end = @term_end,
         holidays = @holidays, updated_at = @updated_at WHERE id = @id`,
    ),

    sessionById: db.prepare<[number], SessionView>(`${SESSION} WHERE s.id = ?`),
    sessionsBetween: db.prepare<[string, string], SessionView>(
      `${SESSION} WHERE s.date >= ? AND s.date <= ? ORDER BY s.date, s.start_time, s.id`,
    ),
    sessionsOfSchedule: db.prepare<[number], ClassSessionRow>(
      'SELECT * FROM class_sessions WHERE schedule_id = ? ORDER BY slot_date',
    ),
    insertSession: db.prepare<Insert<ClassSessionRow>>(
      `INSERT INTO class_sessions (schedule_id, class_type_id, slot_date, date, start_time, minutes, teacher_id, room_id, capacity, status,
         note, roll_closed_at, created_at, updated_at)
       VALUES (@schedule_id, @class_type_id, @slot_date, @date, @start_time, @minutes, @teacher_id, @room_id, @capacity, @status,
         @note, @roll_closed_at, @created_at, @updated_at)`,
    ),
    updateSession: db.prepare<ClassSessionRow>(
      `UPDATE class_sessions SET date = @date, start_time = @start_time, minutes = @minutes, teacher_id = @teacher_id, room_id = @room_id,
         capacity = @capacity, status = @status, note = @note, roll_closed_at = @roll_closed_at, updated_at = @updated_at WHERE id = @id`,
    ),
    deleteSession: db.prepare<[number]>(
      'DELETE FROM class_sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM class_bookings b WHERE b.session_id = class_sessions.id)',
    ),

    enrolmentById: db.prepare<[number], EnrolmentView>(`${ENROLMENT} WHERE e.id = ?`),
    enrolmentsOfMember: db.prepare<[number], EnrolmentView>(
      `${ENROLMENT} WHERE e.member_id = ? ORDER BY e.status, e.start_date DESC, e.id DESC`,
    ),
    activeEnrolments: db.prepare<[number], ClassEnrolmentRow>(
      "SELECT * FROM class_enrolments WHERE schedule_id = ? AND status = 'active' ORDER BY id",
    ),
    activeEnrolment: db.prepare<[number, number], ClassEnrolmentRow>(
      "SELECT * FROM class_enrolments WHERE member_id = ? AND schedule_id = ? AND status = 'active'",
    ),
    insertEnrolment: db.prepare<Insert<ClassEnrolmentRow>>(
      `INSERT INTO class_enrolments (member_id, schedule_id, pack_id, start_date, status, withdrawn_on, created_at, updated_at)
       VALUES (@member_id, @schedule_id, @pack_id, @start_date, @status, @withdrawn_on, @created_at, @updated_at)`,
    ),
    withdraw: db.prepare<[string, string, number]>(
      "UPDATE class_enrolments SET status = 'withdrawn', withdrawn_on = ?, updated_at = ? WHERE id = ?",
    ),

    bookingById: db.prepare<[number], BookingView>(`${BOOKING} WHERE b.id = ?`),
    bookingRow: db.prepare<[number], ClassBookingRow>('SELECT * FROM class_bookings WHERE id = ?'),
    bookingOf: db.prepare<[number, number], ClassBookingRow>(
      'SELECT * FROM class_bookings WHERE session_id = ? AND member_id = ?',
    ),
    bookingsOfSession: db.prepare<[number], BookingView>(
      `${BOOKING} WHERE b.session_id = ?
        ORDER BY CASE b.status WHEN 'attended' THEN 0 WHEN 'booked' THEN 0 WHEN 'no_show' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                 b.queued_at, b.id`,
    ),
    bookingsOfMember: db.prepare<[number, string], BookingView>(
      `${BOOKING} WHERE b.member_id = ? AND s.date >= ? ORDER BY s.date, s.start_time, b.id`,
    ),
    bookingsOfEnrolment: db.prepare<[number], BookingView>(
      `${BOOKING} WHERE b.enrolment_id = ? ORDER BY s.date, s.start_time`,
    ),
    makeUpFor: db.prepare<[number], { id: number }>(
      "SELECT id FROM class_bookings WHERE makeup_for = ? AND status <> 'cancelled'",
    ),
    makeUpsOf: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM class_bookings mk JOIN class_bookings missed ON missed.id = mk.makeup_for
        WHERE missed.enrolment_id = ? AND mk.status <> 'cancelled'`,
    ),
    openBookingsOfSession: db.prepare<[number], ClassBookingRow>(
      "SELECT * FROM class_bookings WHERE session_id = ? AND status IN ('booked', 'waitlisted') ORDER BY queued_at, id",
    ),
    chargedOfSession: db.prepare<[number], ClassBookingRow>(
      "SELECT * FROM class_bookings WHERE session_id = ? AND status IN ('late_cancelled', 'no_show') ORDER BY id",
    ),
    taken: db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM class_bookings WHERE session_id = ? AND status IN ('booked', 'attended')",
    ),
    lastQueued: db.prepare<[number], string | null>('SELECT MAX(queued_at) FROM class_bookings WHERE session_id = ?').pluck(),
    firstWaiting: db.prepare<[number], ClassBookingRow>(
      "SELECT * FROM class_bookings WHERE session_id = ? AND status = 'waitlisted' ORDER BY queued_at, id LIMIT 1",
    ),
    insertBooking: db.prepare<Insert<ClassBookingRow>>(
      `INSERT INTO class_bookings (session_id, member_id, kind, status, enrolment_id, makeup_for, queued_at, pack_id, subscription_id,
         units_used, fee_invoice_id, marked_on, staff_name, created_at, updated_at)
       VALUES (@session_id, @member_id, @kind, @status, @enrolment_id, @makeup_for, @queued_at, @pack_id, @subscription_id,
         @units_used, @fee_invoice_id, @marked_on, @staff_name, @created_at, @updated_at)`,
    ),
    updateBooking: db.prepare<ClassBookingRow>(
      `UPDATE class_bookings SET kind = @kind, status = @status, enrolment_id = @enrolment_id, makeup_for = @makeup_for, queued_at = @queued_at,
         pack_id = @pack_id, subscription_id = @subscription_id, units_used = @units_used, fee_invoice_id = @fee_invoice_id,
         marked_on = @marked_on, staff_name = @staff_name, updated_at = @updated_at WHERE id = @id`,
    ),
    // Which of a member's subscriptions and packs are of these plans (a class type's access list).
    subsOfPlans: db.prepare<[number, string], { id: number }>(
      'SELECT id FROM subscriptions WHERE member_id = ? AND plan_id IN (SELECT value FROM json_each(?))',
    ),
    packsOfPlans: db.prepare<[number, string], { id: number }>(
      'SELECT id FROM member_packs WHERE member_id = ? AND plan_id IN (SELECT value FROM json_each(?))',
    ),
  };
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);

  return {
    typeById: (typeId: number) => s.typeById.get(typeId),
    types: (includeArchived: boolean) => s.types.all(includeArchived ? 1 : 0),
    insertType: (row: Insert<ClassTypeRow>) => id(s.insertType.run(row)),
    updateType: (row: ClassTypeRow) => void s.updateType.run(row),
    planIds: (typeId: number) => s.planIds.all(typeId).map((r) => r.plan_id),
    setPlans(typeId: number, planIds: number[]) {
      s.clearPlans.run(typeId);
      for (const p of planIds) s.addPlan.run(typeId, p);
    },
    planExists: (planId: number) => s.planExists.get(planId) !== undefined,

    teacherById: (teacherId: number) => s.teacherById.get(teacherId),
    teachers: () => s.teachers.all(),
    insertTeacher: (row: Insert<ClassTeacherRow>) => id(s.insertTeacher.run(row)),
    updateTeacher: (row: ClassTeacherRow) => void s.updateTeacher.run(row),
    staffExists: (staffId: number) => s.staffExists.get(staffId) !== undefined,

    roomById: (roomId: number) => s.roomById.get(roomId),
    roomByName: (name: string) => s.roomByName.get(name),
    rooms: () => s.rooms.all(),
    insertRoom: (row: Insert<ClassRoomRow>) => id(s.insertRoom.run(row)),
    updateRoom: (row: ClassRoomRow) => void s.updateRoom.run(row),

    scheduleById: (scheduleId: number) => s.scheduleById.get(scheduleId),
    schedules: () => s.schedules.all(),
    insertSchedule: (row: Insert<ClassScheduleRow>) => id(s.insertSchedule.run(row)),
    updateSchedule: (row: ClassScheduleRow) => void s.updateSchedule.run(row),

    sessionById: (sessionId: number) => s.sessionById.get(sessionId),
    sessionsBetween: (from: string, to: string) => s.sessionsBetween.all(from, to),
    sessionsOfSchedule: (scheduleId: number) => s.sessionsOfSchedule.all(scheduleId),
    insertSession: (row: Insert<ClassSessionRow>) => id(s.insertSession.run(row)),
    /** Writes a session's changeable columns (a SessionView may be passed: only its row columns are read). */
    updateSession: (row: ClassSessionRow) => void s.updateSession.run(row),
    /** Deletes a session nobody was ever booked into; false when it has bookings. */
    deleteSession: (sessionId: number) => s.deleteSession.run(sessionId).changes > 0,

    enrolmentById: (enrolmentId: number) => s.enrolmentById.get(enrolmentId),
    enrolmentsOfMember: (memberId: number) => s.enrolmentsOfMember.all(memberId),
    activeEnrolments: (scheduleId: number) => s.activeEnrolments.all(scheduleId),
    activeEnrolment: (memberId: number, scheduleId: number) =>
      s.activeEnrolment.get(memberId, scheduleId),
    insertEnrolment: (row: Insert<ClassEnrolmentRow>) => id(s.insertEnrolment.run(row)),
    withdraw: (enrolmentId: number, on: string, at: string) =>
      void s.withdraw.run(on, at, enrolmentId),

    bookingById: (bookingId: number) => s.bookingById.get(bookingId),
    bookingRow: (bookingId: number) => s.bookingRow.get(bookingId),
    bookingOf: (sessionId: number, memberId: number) => s.bookingOf.get(sessionId, memberId),
    bookingsOfSession: (sessionId: number) => s.bookingsOfSession.all(sessionId),
    bookingsOfMember: (memberId: number, from: string) => s.bookingsOfMember.all(memberId, from),
    bookingsOfEnrolment: (enrolmentId: number) => s.bookingsOfEnrolment.all(enrolmentId),
    /** The live make-up of a missed lesson, if one is booked. */
    makeUpFor: (bookingId: number) => s.makeUpFor.get(bookingId)?.id ?? null,
    makeUpsOf: (enrolmentId: number) => s.makeUpsOf.get(enrolmentId)?.n ?? 0,
    openBookingsOfSession: (sessionId: number) => s.openBookingsOfSession.all(sessionId),
    /** A session's late cancellations and no-shows: what its rules may have charged or used. */
    chargedOfSession: (sessionId: number) => s.chargedOfSession.all(sessionId),
    /** Places taken in a session: booked and attended. */
    taken: (sessionId: number) => s.taken.get(sessionId)?.n ?? 0,
    firstWaiting: (sessionId: number) => s.firstWaiting.get(sessionId),
    /** The latest moment a booking joined the session's line (null: none ever did). */
    lastQueued: (sessionId: number) => s.lastQueued.get(sessionId) ?? null,
    insertBooking: (row: Insert<ClassBookingRow>) => id(s.insertBooking.run(row)),
    updateBooking: (row: ClassBookingRow) => void s.updateBooking.run(row),
    subsOfPlans: (memberId: number, planIds: number[]) =>
      new Set(s.subsOfPlans.all(memberId, JSON.stringify(planIds)).map((r) => r.id)),
    packsOfPlans: (memberId: number, planIds: number[]) =>
      new Set(s.packsOfPlans.all(memberId, JSON.stringify(planIds)).map((r) => r.id)),
  };
}

export type ClassesRepo = ReturnType<typeof createClassesRepo>;
