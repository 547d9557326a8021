/**
 * Classes and lessons (docs/classes.md): the timetable, bookings and the roll call, and tutoring
 * enrolment, built once over one repository. Everything runs inside the caller's transaction
 * (the host's, for a mutating channel) and audits what it changes.
 */
import type { ServiceEnv } from '../../contract/env';
import { createClassesRepo } from '../../db/repos/classes';
import type { MembersService } from '../members/service';
import { createStanding } from '../members/standing';
import { createBookings } from './bookings';
import { createDeskLessons } from './desk-lessons';
import { createDoor } from './door';
import { createEnrolment } from './enrolment';
import { createTimetable } from './timetable';

export function createClassesService(env: ServiceEnv, members: MembersService) {
  const repo = createClassesRepo(env.db);
  // The three parts call each other; the timetable reaches the others through these late-bound calls.
  const timetable = createTimetable(env, {
    repo,
    cancelOpenBookings: (sessionId) => bookings.cancelOpenBookings(sessionId),
    seatEnrolled: (session) => enrolment.seatEnrolled(session),
    promote: (sessionId) => void bookings.promote(sessionId),
  });
  const bookings = createBookings(env, {
    repo,
    timetable,
    members,
    standing: createStanding(env.db),
  });
  const enrolment = createEnrolment(env, { repo, timetable, bookings, members });
  const lessons = createDeskLessons(env, { repo, timetable, bookings, enrolment });
  return { timetable, bookings, enrolment, lessons, door: createDoor(env, bookings) };
}

export type ClassesService = ReturnType<typeof createClassesService>;
