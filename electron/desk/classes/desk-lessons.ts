/**
 * What the desk reads around lessons: what a cancellation (or leave, 请假) would do before it is
 * confirmed, the sessions still open ahead (to book, or to place a make-up), the lessons left of
 * each enrolled student in a session's roll, and a student's lessons over a date range (the
 * parent's statement).
 */
import { addDays, fromEpochDay } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type {
  CancelPreview,
  ClassSession,
  LessonBalance,
  RollLessons,
} from '../../contract/classes';
import type { ServiceEnv } from '../../contract/env';
import type { BookingView, ClassesRepo } from '../../db/repos/classes';
import type { Bookings } from './bookings';
import type { EnrolmentService } from './enrolment';
import type { Timetable } from './timetable';
import { toSession } from './views';

/** What one lesson was for the student, as the statement prints it. */
export type LessonMark =
  | 'present'
  | 'leave'
  | 'late_leave'
  | 'no_show'
  | 'makeup_present'
  | 'makeup_booked'
  | 'makeup_no_show'
  | 'booked'
  | 'late_cancel'
  | 'class_cancelled';

export interface LessonLine {
  date: string;
  startTime: string;
  className: string;
  mark: LessonMark;
  /** 课时 (pack units) the lesson used. */
  units: number;
  /** For a make-up: the date of the lesson it replaces. */
  makeupFor: string | null;
}

export interface DeskLessonsDeps {
  repo: ClassesRepo;
  timetable: Timetable;
  bookings: Bookings;
  enrolment: EnrolmentService;
}

/** A wall-clock minute count as 'YYYY-MM-DD HH:MM'. */
function wallText(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const m = minutes - day * 1440;
  return `${fromEpochDay(day)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function createDeskLessons(env: ServiceEnv, deps: DeskLessonsDeps) {
  const { repo, timetable, bookings, enrolment } = deps;

  function cancelPreview(bookingId: number): CancelPreview {
    const b = bookings.row(bookingId);
    const s = timetable.sessionRow(b.session_id);
    const type = timetable.typeRow(s.class_type_id);
    if (b.status !== 'booked' && b.status !== 'waitlisted')
      throw new AppError('CLASS_BOOKING_STATE', `Booking ${bookingId} is ${b.status}.`, {
        bookingId,
        status: b.status,
      });
    if (s.status === 'cancelled')
      throw new AppError('CLASS_CANCELLED', `Session ${s.id} was cancelled.`, { sessionId: s.id });
    if (b.status === 'booked' && bookings.started(s))
      throw new AppError('CLASS_STARTED', `Session ${s.id} has started; mark the roll instead.`, {
        sessionId: s.id,
      });
    return {
      bookingId,
      timing: b.status === 'waitlisted' ? 'line' : bookings.late(s, type) ? 'late' : 'in_time',
      cutoffAt: wallText(bookings.cutoffOf(s, type)),
      cutoffHours: type.cutoff_hours,
      rule: type.late_cancel_rule,
      fee: type.late_cancel_fee,
      units: bookings.unitsOf(b, s),
      leave: b.kind === 'enrolment',
    };
  }

  /** Scheduled sessions from today for `days` days that have not started, in time order. */
  function upcoming(days: number): ClassSession[] {
    const today = env.today();
    return repo
      .sessionsBetween(today, addDays(today, days - 1))
      .filter((s) => s.status === 'scheduled' && !bookings.started(s))
      .map(toSession);
  }

  /** The enrolment a booking belongs to: its own, or for a make-up the missed lesson's. */
  function enrolmentOf(b: BookingView): number | null {
    if (b.enrolment_id !== null) return b.enrolment_id;
    if (b.kind === 'makeup' && b.makeup_for !== null)
      return bookings.row(b.makeup_for).enrolment_id;
    return null;
  }

  function rollLessons(sessionId: number): RollLessons[] {
    timetable.sessionRow(sessionId);
    const seen = new Map<number, LessonBalance>();
    const out: RollLessons[] = [];
    for (const b of repo.bookingsOfSession(sessionId)) {
      const enrolmentId = enrolmentOf(b);
      if (enrolmentId === null) continue;
      let balance = seen.get(enrolmentId);
      if (!balance) {
        balance = enrolment.balance(repo.enrolmentById(enrolmentId)!);
        seen.set(enrolmentId, balance);
      }
      out.push({ bookingId: b.id, balance });
    }
    return out;
  }

  /** A student's lessons and classes dated `from`..`to`, each as the statement says it. */
  function lessonLines(memberId: number, from: string, to: string): LessonLine[] {
    const enrolments = new Map(repo.enrolmentsOfMember(memberId).map((e) => [e.id, e]));
    const out: LessonLine[] = [];
    for (const b of repo.bookingsOfMember(memberId, from)) {
      if (b.date > to) break;
      const s = timetable.sessionRow(b.session_id);
      const mark = markOf(b, s.status === 'cancelled', enrolments);
      if (!mark) continue;
      out.push({
        date: b.date,
        startTime: b.start_time,
        className: s.schedule_name,
        mark,
        units: b.units_used,
        makeupFor: b.makeup_for !== null ? (repo.bookingById(b.makeup_for)?.date ?? null) : null,
      });
    }
    return out;
  }

  function markOf(
    b: BookingView,
    sessionCancelled: boolean,
    enrolments: Map<number, Parameters<EnrolmentService['isLeave']>[1]>,
  ): LessonMark | null {
    if (sessionCancelled) return b.kind === 'enrolment' ? 'class_cancelled' : null;
    if (b.kind === 'makeup') {
      if (b.status === 'attended') return 'makeup_present';
      if (b.status === 'no_show') return 'makeup_no_show';
      if (b.status === 'booked') return 'makeup_booked';
      return null;
    }
    if (b.status === 'attended') return 'present';
    if (b.status === 'no_show') return 'no_show';
    if (b.status === 'booked') return 'booked';
    if (b.kind === 'enrolment') {
      if (b.status === 'late_cancelled') return 'late_leave';
      const e = b.enrolment_id !== null ? enrolments.get(b.enrolment_id) : undefined;
      return e && enrolment.isLeave(b, e) ? 'leave' : null;
    }
    return b.status === 'late_cancelled' ? 'late_cancel' : null;
  }

  return { cancelPreview, upcoming, rollLessons, lessonLines };
}

export type DeskLessons = ReturnType<typeof createDeskLessons>;
