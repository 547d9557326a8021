/**
 * The timetable: class types, teachers, rooms, weekly schedules over a term and the sessions
 * they generate, and one-off changes to a session (cancel, move, substitute teacher).
 *
 * A schedule generates one session per matching weekday from the term's first day to its last,
 * skipping its holidays. Editing a schedule re-syncs only sessions that have not happened yet
 * (date on or after today): a new holiday or an earlier term end removes an empty session, or
 * cancels one that has bookings; a later term end adds sessions (with the enrolled students in
 * them). Sessions already held are never touched.
 */
import { addDays, daysBetween, dayOfWeek, startOfWeekMonday } from '../../../shared/dates';
import { AppError, found } from '../../../shared/errors';
import type { z } from 'zod';
import type {
  ClassSchedule,
  ClassWeek,
  SessionRoll,
  classRulesInput,
} from '../../contract/classes';
import type { ServiceEnv } from '../../contract/env';
import type { ClassesRepo, SessionView } from '../../db/repos/classes';
import type { ClassScheduleRow, ClassSessionRow, ClassTypeRow } from '../../db/rows';
import { toBooking, toClassType, toRoom, toSchedule, toSession, toTeacher } from './views';
import { wallMinutes, wallNow } from './clock';

/** A term runs at most this many days (a year and a day): it bounds how many sessions one schedule makes. */
export const MAX_TERM_DAYS = 366;

/** The days a schedule's pattern gives, holidays left out. */
export function slotDates(
  s: Pick<ClassScheduleRow, 'term_start' | 'term_end'> & { weekdays: number[]; holidays: string[] },
): string[] {
  const skip = new Set(s.holidays);
  const out: string[] = [];
  for (let d = s.term_start; d <= s.term_end; d = addDays(d, 1))
    if (s.weekdays.includes(dayOfWeek(d)) && !skip.has(d)) out.push(d);
  return out;
}

export interface TimetableDeps {
  repo: ClassesRepo;
  /** Cancels every open booking of a session (the session is off): no rule applies, nothing is charged. */
  cancelOpenBookings(sessionId: number): void;
  /** Gives each active enrolment of the schedule its place in a new session. */
  seatEnrolled(session: ClassSessionRow): void;
  /** Fills freed places from the waitlist, first in line first. */
  promote(sessionId: number): void;
}

export function createTimetable(env: ServiceEnv, deps: TimetableDeps) {
  const { repo } = deps;
  const at = () => env.now().toISOString();

  // ── class types ──
  function typeRow(typeId: number): ClassTypeRow {
    return found(
      repo.typeById(typeId),
      'class_type',
      typeId,
      `Class type ${typeId} does not exist.`,
    );
  }
  const getType = (typeId: number) => toClassType(typeRow(typeId), repo.planIds(typeId));

  function checkPlans(planIds: number[]): void {
    for (const p of planIds)
      if (!repo.planExists(p))
        throw new AppError('NOT_FOUND', `Plan ${p} does not exist.`, { entity: 'plan', id: p });
  }

  function createType(input: {
    name: string;
    colour?: string | undefined;
    minutes: number;
    capacity: number;
    units: number;
    planIds: number[];
  }) {
    checkPlans(input.planIds);
    const now = at();
    const typeId = repo.insertType({
      name: input.name,
      colour: input.colour ?? '#3b82f6',
      minutes: input.minutes,
      capacity: input.capacity,
      units: input.units,
      open_days: 7,
      cutoff_hours: 12,
      late_cancel_rule: 'count',
      late_cancel_fee: 0,
      no_show_rule: 'count',
      no_show_fee: 0,
      archived: 0,
      created_at: now,
      updated_at: now,
    });
    repo.setPlans(typeId, input.planIds);
    const after = getType(typeId);
    env.audit('class_type', typeId, null, after);
    return after;
  }

  function updateType(input: {
    id: number;
    name?: string | undefined;
    colour?: string | undefined;
    minutes?: number | undefined;
    capacity?: number | undefined;
    units?: number | undefined;
    planIds?: number[] | undefined;
    archived?: boolean | undefined;
  }) {
    const row = typeRow(input.id);
    const before = getType(input.id);
    if (input.planIds) checkPlans(input.planIds);
    repo.updateType({
      ...row,
      name: input.name ?? row.name,
      colour: input.colour ?? row.colour,
      minutes: input.minutes ?? row.minutes,
      capacity: input.capacity ?? row.capacity,
      units: input.units ?? row.units,
      archived: input.archived === undefined ? row.archived : input.archived ? 1 : 0,
      updated_at: at(),
    });
    if (input.planIds) repo.setPlans(input.id, input.planIds);
    const after = getType(input.id);
    env.audit('class_type', input.id, before, after);
    return after;
  }

  function setRules(input: z.output<typeof classRulesInput>) {
    const row = typeRow(input.id);
    const before = getType(input.id);
    repo.updateType({
      ...row,
      open_days: input.openDays,
      cutoff_hours: input.cutoffHours,
      late_cancel_rule: input.lateCancelRule,
      late_cancel_fee: input.lateCancelRule === 'fee' ? input.lateCancelFee : 0,
      no_show_rule: input.noShowRule,
      no_show_fee: input.noShowRule === 'fee' ? input.noShowFee : 0,
      updated_at: at(),
    });
    const after = getType(input.id);
    env.audit('class_type', input.id, before, after);
    return after;
  }

  const listTypes = (includeArchived: boolean) =>
    repo.types(includeArchived).map((r) => toClassType(r, repo.planIds(r.id)));

  // ── teachers and rooms ──
  function checkStaff(staffId: number | null | undefined): void {
    if (staffId != null && !repo.staffExists(staffId))
      throw new AppError('NOT_FOUND', `Staff ${staffId} does not exist.`, {
        entity: 'staff',
        id: staffId,
      });
  }
  const teacherRow = (teacherId: number) =>
    found(
      repo.teacherById(teacherId),
      'class_teacher',
      teacherId,
      `Teacher ${teacherId} does not exist.`,
    );
  const roomRow = (roomId: number) =>
    found(repo.roomById(roomId), 'class_room', roomId, `Room ${roomId} does not exist.`);

  function createTeacher(input: { name: string; staffId: number | null; phone: string }) {
    checkStaff(input.staffId);
    const now = at();
    const teacherId = repo.insertTeacher({
      name: input.name,
      staff_id: input.staffId,
      phone: input.phone,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    const after = toTeacher(teacherRow(teacherId));
    env.audit('class_teacher', teacherId, null, after);
    return after;
  }

  function updateTeacher(input: {
    id: number;
    name?: string | undefined;
    staffId?: number | null | undefined;
    phone?: string | undefined;
    active?: boolean | undefined;
  }) {
    const row = teacherRow(input.id);
    checkStaff(input.staffId);
    repo.updateTeacher({
      ...row,
      name: input.name ?? row.name,
      staff_id: input.staffId === undefined ? row.staff_id : input.staffId,
      phone: input.phone ?? row.phone,
      active: input.active === undefined ? row.active : input.active ? 1 : 0,
      updated_at: at(),
    });
    const after = toTeacher(teacherRow(input.id));
    env.audit('class_teacher', input.id, toTeacher(row), after);
    return after;
  }

  function uniqueRoomName(name: string, except: number | null): void {
    const other = repo.roomByName(name);
    if (other && other.id !== except)
      throw new AppError('CONFLICT', `A room named ${name} already exists.`, { field: 'name' });
  }

  function createRoom(input: { name: string; capacity: number | null }) {
    uniqueRoomName(input.name, null);
    const now = at();
    const roomId = repo.insertRoom({
      name: input.name,
      capacity: input.capacity,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    const after = toRoom(roomRow(roomId));
    env.audit('class_room', roomId, null, after);
    return after;
  }

  function updateRoom(input: {
    id: number;
    name?: string | undefined;
    capacity?: number | null | undefined;
    active?: boolean | undefined;
  }) {
    const row = roomRow(input.id);
    if (input.name) uniqueRoomName(input.name, input.id);
    repo.updateRoom({
      ...row,
      name: input.name ?? row.name,
      capacity: input.capacity === undefined ? row.capacity : input.capacity,
      active: input.active === undefined ? row.active : input.active ? 1 : 0,
      updated_at: at(),
    });
    const after = toRoom(roomRow(input.id));
    env.audit('class_room', input.id, toRoom(row), after);
    return after;
  }

  /** A teacher or room a session can be given: it exists and is in use. */
  function usable(teacherId: number | null | undefined, roomId: number | null | undefined): void {
    if (teacherId != null && teacherRow(teacherId).active !== 1) {
      throw new AppError('CONFLICT', `Teacher ${teacherId} is no longer active.`, {
        field: 'teacherId',
        id: teacherId,
      });
    }
    if (roomId != null && roomRow(roomId).active !== 1)
      throw new AppError('CONFLICT', `Room ${roomId} is no longer in use.`, {
        field: 'roomId',
        id: roomId,
      });
  }

  // ── schedules and sessions ──
  const scheduleRow = (scheduleId: number) =>
    found(
      repo.scheduleById(scheduleId),
      'class_schedule',
      scheduleId,
      `Class ${scheduleId} does not exist.`,
    );
  const getSchedule = (scheduleId: number): ClassSchedule => toSchedule(scheduleRow(scheduleId));

  function sessionRow(sessionId: number) {
    return found(
      repo.sessionById(sessionId),
      'class_session',
      sessionId,
      `Session ${sessionId} does not exist.`,
    );
  }

  function roll(sessionId: number): SessionRoll {
    return {
      session: toSession(sessionRow(sessionId)),
      bookings: repo.bookingsOfSession(sessionId).map(toBooking),
    };
  }

  function addSession(s: ClassScheduleRow, slot: string): void {
    const now = at();
    const sessionId = repo.insertSession({
      schedule_id: s.id,
      class_type_id: s.class_type_id,
      slot_date: slot,
      date: slot,
      start_time: s.start_time,
      minutes: s.minutes,
      teacher_id: s.teacher_id,
      room_id: s.room_id,
      capacity: s.capacity,
      status: 'scheduled',
      note: '',
      roll_closed_at: null,
      created_at: now,
      updated_at: now,
    });
    deps.seatEnrolled(repo.sessionsOfSchedule(s.id).find((r) => r.id === sessionId)!);
  }

  function checkTerm(termStart: string, termEnd: string): void {
    if (daysBetween(termStart, termEnd) > MAX_TERM_DAYS) {
      throw new AppError('DATE_OUT_OF_RANGE', `A term runs at most ${MAX_TERM_DAYS} days.`, {
        field: 'termEnd',
        date: termEnd,
      });
    }
  }

  function createSchedule(input: {
    classTypeId: number;
    name: string;
    weekdays: number[];
    startTime: string;
    minutes?: number | undefined;
    teacherId: number | null;
    roomId: number | null;
    capacity?: number | undefined;
    termStart: string;
    termEnd: string;
    holidays: string[];
  }): ClassSchedule {
    const type = typeRow(input.classTypeId);
    if (type.archived)
      throw new AppError('CONFLICT', `Class type ${type.name} is archived.`, {
        field: 'classTypeId',
      });
    usable(input.teacherId, input.roomId);
    checkTerm(input.termStart, input.termEnd);
    const room = input.roomId === null ? null : roomRow(input.roomId);
    const now = at();
    const holidays = [...new Set(input.holidays)].sort();
    const scheduleId = repo.insertSchedule({
      class_type_id: type.id,
      name: input.name,
      weekdays: JSON.stringify([...input.weekdays].sort()),
      start_time: input.startTime,
      minutes: input.minutes ?? type.minutes,
      teacher_id: input.teacherId,
      room_id: input.roomId,
      capacity: input.capacity ?? Math.min(type.capacity, room?.capacity ?? type.capacity),
      term_start: input.termStart,
      term_end: input.termEnd,
      holidays: JSON.stringify(holidays),
      created_at: now,
      updated_at: now,
    });
    const row = scheduleRow(scheduleId);
    for (const slot of slotDates({ ...row, weekdays: input.weekdays, holidays }))
      addSession(row, slot);
    const after = getSchedule(scheduleId);
    env.audit('class_schedule', scheduleId, null, after);
    return after;
  }

  function cancelSessionRow(s: ClassSessionRow, reason: string): void {
    if (repo.deleteSession(s.id)) return;
    repo.updateSession({ ...s, status: 'cancelled', note: reason, updated_at: at() });
    deps.cancelOpenBookings(s.id);
  }

  function updateSchedule(input: {
    id: number;
    name?: string | undefined;
    teacherId?: number | null | undefined;
    roomId?: number | null | undefined;
    capacity?: number | undefined;
    termEnd?: string | undefined;
    holidays?: string[] | undefined;
  }): ClassSchedule {
    const before = scheduleRow(input.id);
    usable(input.teacherId, input.roomId);
    const termEnd = input.termEnd ?? before.term_end;
    if (termEnd < before.term_start)
      throw new AppError('VALIDATION', 'The term ends before it starts.', {
        issues: [{ path: 'termEnd', code: 'custom', message: 'date_range' }],
      });
    checkTerm(before.term_start, termEnd);
    const holidays = input.holidays
      ? [...new Set(input.holidays)].sort()
      : (JSON.parse(before.holidays) as string[]);
    const row: ClassScheduleRow = {
      ...before,
      name: input.name ?? before.name,
      teacher_id: input.teacherId === undefined ? before.teacher_id : input.teacherId,
      room_id: input.roomId === undefined ? before.room_id : input.roomId,
      capacity: input.capacity ?? before.capacity,
      term_end: termEnd,
      holidays: JSON.stringify(holidays),
      updated_at: at(),
    };
    if (row.capacity < before.enrolled) {
      throw new AppError('CLASS_FULL', `${before.enrolled} students are enrolled.`, {
        field: 'capacity',
        taken: before.enrolled,
        capacity: row.capacity,
      });
    }
    repo.updateSchedule(row);
    const today = env.today();
    const wanted = new Set(
      slotDates({ ...row, weekdays: JSON.parse(row.weekdays) as number[], holidays }),
    );
    const existing = repo.sessionsOfSchedule(row.id);
    const have = new Set(existing.map((s) => s.slot_date));
    for (const s of existing) {
      // Only what has not happened yet follows the schedule; a session moved or changed by hand keeps its change.
      if (s.date < today || s.status !== 'scheduled' || held(sessionRow(s.id))) continue;
      if (!wanted.has(s.slot_date)) {
        cancelSessionRow(s, holidays.includes(s.slot_date) ? 'holiday' : 'term');
        continue;
      }
      const next = {
        ...s,
        teacher_id: s.teacher_id === before.teacher_id ? row.teacher_id : s.teacher_id,
        room_id: s.room_id === before.room_id ? row.room_id : s.room_id,
        capacity: s.capacity === before.capacity ? row.capacity : s.capacity,
      };
      const taken = repo.taken(s.id);
      if (next.capacity < taken) {
        throw new AppError('CLASS_FULL', `${taken} places are already taken on ${s.date}.`, {
          field: 'capacity',
          taken,
          capacity: next.capacity,
          sessionId: s.id,
        });
      }
      if (
        next.teacher_id !== s.teacher_id ||
        next.room_id !== s.room_id ||
        next.capacity !== s.capacity
      ) {
        repo.updateSession({ ...next, updated_at: at() });
        if (next.capacity > s.capacity) deps.promote(s.id);
      }
    }
    for (const slot of wanted) if (!have.has(slot) && slot >= today) addSession(row, slot);
    const after = getSchedule(row.id);
    env.audit('class_schedule', row.id, toSchedule(before), after);
    return after;
  }

  /** Held: someone was marked present, or the roll was closed; it no longer changes. */
  const held = (s: SessionView) => s.attended > 0 || s.roll_closed_at !== null;

  /** A session that can still be changed: scheduled, and nobody marked present yet. */
  function changeable(sessionId: number) {
    const s = sessionRow(sessionId);
    if (s.status === 'cancelled')
      throw new AppError('CLASS_CANCELLED', `Session ${sessionId} was cancelled.`, { sessionId });
    if (held(s))
      throw new AppError('CLASS_STARTED', `Session ${sessionId} has been held.`, { sessionId });
    return s;
  }

  function cancelSession(input: { sessionId: number; reason: string }): SessionRoll {
    const s = changeable(input.sessionId);
    const before = roll(s.id);
    repo.updateSession({ ...s, status: 'cancelled', note: input.reason, updated_at: at() });
    deps.cancelOpenBookings(s.id);
    const after = roll(s.id);
    env.audit('class_session', s.id, before.session, after.session);
    return after;
  }

  function changeSession(input: {
    sessionId: number;
    date?: string | undefined;
    startTime?: string | undefined;
    minutes?: number | undefined;
    teacherId?: number | null | undefined;
    roomId?: number | null | undefined;
    capacity?: number | undefined;
    note?: string | undefined;
  }): SessionRoll {
    const s = changeable(input.sessionId);
    usable(input.teacherId, input.roomId);
    const date = input.date ?? s.date;
    const moved = input.date !== undefined || input.startTime !== undefined;
    if (moved && date < env.today()) {
      throw new AppError('DATE_OUT_OF_RANGE', 'A session can be moved to today or a later day.', {
        field: 'date',
        date,
      });
    }
    // Moved to today: not to an hour already past (that would be a move into the past too).
    const startTime = input.startTime ?? s.start_time;
    if (moved && wallMinutes(date, startTime) < wallNow(env.now(), env.settings.get().timeZone)) {
      throw new AppError('DATE_OUT_OF_RANGE', 'A session can be moved to a time still to come.', {
        field: 'startTime',
        date,
        startTime,
      });
    }
    const capacity = input.capacity ?? s.capacity;
    if (capacity < s.booked)
      throw new AppError('CLASS_FULL', `${s.booked} places are already taken.`, {
        field: 'capacity',
        taken: s.booked,
        capacity,
      });
    const before = roll(s.id);
    repo.updateSession({
      ...s,
      date,
      start_time: input.startTime ?? s.start_time,
      minutes: input.minutes ?? s.minutes,
      teacher_id: input.teacherId === undefined ? s.teacher_id : input.teacherId,
      room_id: input.roomId === undefined ? s.room_id : input.roomId,
      capacity,
      note: input.note ?? s.note,
      updated_at: at(),
    });
    if (capacity > s.capacity) deps.promote(s.id);
    const after = roll(s.id);
    env.audit('class_session', s.id, before.session, after.session);
    return after;
  }

  function week(date: string): ClassWeek {
    const from = startOfWeekMonday(date);
    const to = addDays(from, 6);
    return { from, to, sessions: repo.sessionsBetween(from, to).map(toSession) };
  }

  const day = (date: string): ClassWeek => ({
    from: date,
    to: date,
    sessions: repo.sessionsBetween(date, date).map(toSession),
  });

  return {
    typeRow,
    getType,
    listTypes,
    createType,
    updateType,
    setRules,
    listTeachers: () => repo.teachers().map(toTeacher),
    createTeacher,
    updateTeacher,
    listRooms: () => repo.rooms().map(toRoom),
    createRoom,
    updateRoom,
    scheduleRow,
    listSchedules: () => repo.schedules().map(toSchedule),
    createSchedule,
    updateSchedule,
    sessionRow,
    roll,
    cancelSession,
    changeSession,
    week,
    day,
  };
}

export type Timetable = ReturnType<typeof createTimetable>;
