/**
 * Tutoring enrolment (班级 / 课时): a student in a class (a schedule) for its term, burning a lesson
 * pack. Enrolling gives the student a place in every session still to come; each lesson attended
 * uses the class's units from the pack. Leave (请假) is the cancellation of one of those places:
 * before the cut-off nothing is used and the lesson may be made up once (补课) in a session of any
 * class; after it, the class type's late-cancel rule applies (a tutoring centre sets "deduct").
 * A make-up uses the missed lesson's units from the same pack when attended.
 */
import { AppError, found } from '../../../shared/errors';
import type { ClassBooking, Enrolment, LessonBalance } from '../../contract/classes';
import type { ServiceEnv } from '../../contract/env';
import type { BookingView, ClassesRepo, EnrolmentView } from '../../db/repos/classes';
import { createPacksRepo } from '../../db/repos/packs';
import type { ClassBookingRow, ClassSessionRow } from '../../db/rows';
import type { MembersService } from '../members/service';
import { cancelledFree, type Bookings } from './bookings';
import type { Timetable } from './timetable';
import { toEnrolment } from './views';

export interface EnrolmentDeps {
  repo: ClassesRepo;
  timetable: Timetable;
  bookings: Bookings;
  members: MembersService;
}

export function createEnrolment(env: ServiceEnv, deps: EnrolmentDeps) {
  const { repo, timetable, bookings, members } = deps;
  const packs = createPacksRepo(env.db);

  const get = (enrolmentId: number): Enrolment =>
    toEnrolment(
      found(
        repo.enrolmentById(enrolmentId),
        'class_enrolment',
        enrolmentId,
        `Enrolment ${enrolmentId} does not exist.`,
      ),
    );

  /**
   * Whether a member's row in a session leaves room for an enrolment's place: none, or one cancelled free of charge
   * that is not this enrolment's own leave (a plain booking cancelled in time, or a place an earlier enrolment gave up).
   */
  function roomFor(row: ClassBookingRow | undefined, enrolmentId: number | null): boolean {
    return !row || (cancelledFree(row, { late: false }) && (enrolmentId === null || row.enrolment_id !== enrolmentId));
  }

  /** Gives every active enrolment of the session's class a place in it (not already in it some other way). */
  function seatEnrolled(session: ClassSessionRow): void {
    for (const e of repo.activeEnrolments(session.schedule_id)) {
      const row = repo.bookingOf(session.id, e.member_id);
      if (e.start_date > session.date || !roomFor(row, e.id)) continue;
      const place = { kind: 'enrolment' as const, status: 'booked' as const, enrolment_id: e.id, pack_id: e.pack_id };
      // The schema keeps one row per member and session: a row cancelled free of charge becomes the place.
      if (row) bookings.save(row, { ...place, subscription_id: null, makeup_for: null, marked_on: null, queued_at: bookings.queueStamp(session.id) });
      else bookings.insert({ session_id: session.id, member_id: e.member_id, ...place });
    }
  }

  function enrol(input: {
    memberId: number;
    scheduleId: number;
    packId: number;
    startDate?: string | undefined;
  }): Enrolment {
    const m = members.active(input.memberId);
    const sched = timetable.scheduleRow(input.scheduleId);
    const today = env.today();
    const start = input.startDate ?? today;
    if (start > sched.term_end || start < today) {
      throw new AppError(
        'DATE_OUT_OF_RANGE',
        `Enrolment starts from today up to the term's end (${sched.term_end}).`,
        { field: 'startDate', date: start },
      );
    }
    if (repo.activeEnrolment(m.id, sched.id))
      throw new AppError(
        'CLASS_ALREADY_ENROLLED',
        `Member ${m.id} is already in class ${sched.id}.`,
        { memberId: m.id, scheduleId: sched.id },
      );
    const pack = packs.byId(input.packId);
    const allowed = repo.planIds(sched.class_type_id);
    // A lesson pack pays for the class only with at least one lesson's units left (a used-up pack is ended).
    const left = pack ? pack.sessions_total - (packs.sessionsUsed([pack.id]).get(pack.id) ?? 0) : 0;
    if (
      !pack ||
      pack.member_id !== m.id ||
      pack.expires_on <= start ||
      left < timetable.typeRow(sched.class_type_id).units ||
      (allowed.length > 0 && !allowed.includes(pack.plan_id))
    ) {
      throw new AppError(
        'CLASS_PACK_INVALID',
        `Pack ${input.packId} cannot pay for class ${sched.id}.`,
        { packId: input.packId, memberId: m.id },
      );
    }
    if (sched.enrolled >= sched.capacity)
      throw new AppError('CLASS_FULL', `Class ${sched.id} is full.`, {
        scheduleId: sched.id,
        capacity: sched.capacity,
      });
    const seats = repo
      .sessionsOfSchedule(sched.id)
      .filter(
        (s) =>
          s.status === 'scheduled' &&
          s.date >= start &&
          !bookings.started(timetable.sessionRow(s.id)) &&
          roomFor(repo.bookingOf(s.id, m.id), null),
      );
    // A session already full of drop-ins has no place for the student: refused, naming it.
    for (const s of seats) {
      if (repo.taken(s.id) >= s.capacity)
        throw new AppError('CLASS_FULL', `Session ${s.id} on ${s.date} is full.`, {
          scheduleId: sched.id,
          sessionId: s.id,
          date: s.date,
          capacity: s.capacity,
        });
    }
    const now = env.now().toISOString();
    const enrolmentId = repo.insertEnrolment({
      member_id: m.id,
      schedule_id: sched.id,
      pack_id: pack.id,
      start_date: start,
      status: 'active',
      withdrawn_on: null,
      created_at: now,
      updated_at: now,
    });
    const after = get(enrolmentId);
    env.audit('class_enrolment', enrolmentId, null, after);
    for (const s of seats) seatEnrolled(s);
    return after;
  }

  /** Leaves the class: places in sessions still to come are given up (and offered to their waitlists). */
  function withdraw(enrolmentId: number): Enrolment {
    const before = get(enrolmentId);
    if (before.status !== 'active')
      throw new AppError('CLASS_BOOKING_STATE', `Enrolment ${enrolmentId} has ended.`, {
        enrolmentId,
      });
    repo.withdraw(enrolmentId, env.today(), env.now().toISOString());
    for (const b of repo.bookingsOfEnrolment(enrolmentId)) {
      if (b.status !== 'booked' || bookings.started(timetable.sessionRow(b.session_id))) continue;
      bookings.save(bookings.row(b.id), { status: 'cancelled', marked_on: env.today() });
      bookings.promote(b.session_id);
    }
    const after = get(enrolmentId);
    env.audit('class_enrolment', enrolmentId, before, after);
    return after;
  }

  function makeUp(input: { bookingId: number; sessionId: number }): ClassBooking {
    const missed = bookings.row(input.bookingId);
    if (
      missed.kind !== 'enrolment' ||
      missed.status !== 'cancelled' ||
      missed.session_id === input.sessionId
    ) {
      throw new AppError(
        'CLASS_MAKEUP_NOT_ALLOWED',
        `Booking ${missed.id} is not a lesson missed with leave in time.`,
        { bookingId: missed.id, status: missed.status },
      );
    }
    const enrolment = get(missed.enrolment_id!);
    // A place given up by withdrawing is no leave: nothing is owed to make up.
    if (enrolment.status !== 'active')
      throw new AppError(
        'CLASS_MAKEUP_NOT_ALLOWED',
        `Enrolment ${enrolment.id} has ended; its lessons are not made up.`,
        { bookingId: missed.id, enrolmentId: enrolment.id },
      );
    if (repo.makeUpFor(missed.id))
      throw new AppError('CLASS_MAKEUP_NOT_ALLOWED', `Lesson ${missed.id} already has a make-up.`, {
        bookingId: missed.id,
      });
    const s = timetable.sessionRow(input.sessionId);
    if (s.status === 'cancelled')
      throw new AppError('CLASS_CANCELLED', `Session ${s.id} was cancelled.`, { sessionId: s.id });
    if (bookings.started(s))
      throw new AppError('CLASS_STARTED', `Session ${s.id} has started.`, { sessionId: s.id });
    const existing = bookings.earlierRow(s.id, missed.member_id);
    if (repo.taken(s.id) >= s.capacity)
      throw new AppError('CLASS_FULL', `Session ${s.id} is full.`, {
        sessionId: s.id,
        capacity: s.capacity,
      });
    const fields = {
      kind: 'makeup' as const,
      status: 'booked' as const,
      makeup_for: missed.id,
      enrolment_id: null,
      pack_id: enrolment.packId,
      subscription_id: null,
    };
    return existing
      ? bookings.save(existing, { ...fields, queued_at: bookings.queueStamp(s.id), marked_on: null })
      : bookings.insert({ session_id: s.id, member_id: missed.member_id, ...fields });
  }

  function lessons(memberId: number): LessonBalance[] {
    members.get(memberId);
    return repo.enrolmentsOfMember(memberId).map(balance);
  }

  /** The places a withdrawal gave up: not leave, not owed. */
  const givenUp = (b: BookingView, r: EnrolmentView) =>
    r.withdrawn_on !== null && b.marked_on === r.withdrawn_on && b.date >= r.withdrawn_on;

  /** Leave taken in time (请假): cancelled with nothing used, not by the centre cancelling the session, not given up by withdrawing. */
  function isLeave(b: BookingView, r: EnrolmentView): boolean {
    return (
      b.status === 'cancelled' &&
      b.units_used === 0 &&
      b.marked_on !== null &&
      b.session_status !== 'cancelled' &&
      !givenUp(b, r)
    );
  }

  /** A lesson the centre cancelled (the session cancelled, or a holiday took it off): owed, nothing used. */
  function isCentreCancelled(b: BookingView, r: EnrolmentView): boolean {
    return (
      b.status === 'cancelled' &&
      b.units_used === 0 &&
      b.session_status === 'cancelled' &&
      !givenUp(b, r)
    );
  }

  /** One enrolment's pack and what happened to each of its lessons. */
  function balance(r: EnrolmentView): LessonBalance {
    const today = env.today();
    const enrolment = toEnrolment(r);
    const pack = packs.byId(r.pack_id)!;
    const used = packs.sessionsUsed([pack.id]).get(pack.id) ?? 0;
    const list = repo.bookingsOfEnrolment(r.id);
    const count = (f: (b: (typeof list)[number]) => boolean) => list.filter(f).length;
    return {
      enrolment,
      packName: pack.plan_name,
      packTotal: pack.sessions_total,
      packUsed: used,
      packLeft: Math.max(0, pack.sessions_total - used),
      packExpiresOn: pack.expires_on,
      attended: count((b) => b.status === 'attended'),
      leave: count((b) => isLeave(b, r)),
      lateLeave: count((b) => b.status === 'late_cancelled'),
      noShow: count((b) => b.status === 'no_show'),
      centreCancelled: count((b) => isCentreCancelled(b, r)),
      makeUps: repo.makeUpsOf(r.id),
      upcoming: count((b) => b.status === 'booked' && b.date >= today),
    };
  }

  return { get, seatEnrolled, enrol, withdraw, makeUp, lessons, balance, isLeave };
}

export type EnrolmentService = ReturnType<typeof createEnrolment>;
