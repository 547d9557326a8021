/**
 * At the door (docs/classes.md): a check-in while a class the member is in is about to start or is
 * running marks that booking present through the roll call, and the check-in then stands for the
 * class: it uses nothing of its own, so a pack goes down by the class's units only, once.
 *
 * - The door window of a session runs from DOOR_EARLY_MINUTES before its start to its end.
 * - Of the member's sessions whose window holds the moment (today's, or a neighbouring day's when the
 *   window crosses midnight), the one starting nearest to it (on a tie, the earlier) is the class.
 * - A booked place is marked present (the roll call's own mark); a place already marked present
 *   at the roll is joined; a place the roll call refuses to mark is left for the roll, and the
 *   check-in is an ordinary visit.
 * - A live check-in points at an attended booking only: undoing the mark or marking absent lets
 *   the check-in go back to an ordinary visit; marking present at the roll joins a check-in made
 *   within the window; undoing the check-in undoes the class mark it stands for.
 */
import { addDays } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { DoorClass } from '../../contract/desk-types';
import type { ServiceEnv } from '../../contract/env';
import { createDoorRepo, type DoorBooking, type DoorRepo } from '../../db/repos/door';
import type { Bookings } from './bookings';
import { wallMinutes, wallNow } from './clock';

/** A session's door window opens this many minutes before it starts (and closes when it ends). */
export const DOOR_EARLY_MINUTES = 60;

/** Whether the wall-clock minute `wall` falls in the door window of a session. */
export function inDoorWindow(s: { date: string; start_time: string; minutes: number }, wall: number): boolean {
  const start = wallMinutes(s.date, s.start_time);
  return wall >= start - DOOR_EARLY_MINUTES && wall < start + s.minutes;
}

/**
 * Joins a check-in made within the session's window to a booking just marked present (the
 * roll call after the door): the oldest of the member's live check-ins that day standing for no class.
 */
export function joinDoorVisit(
  env: ServiceEnv,
  repo: DoorRepo,
  b: { id: number; member_id: number },
  s: { date: string; start_time: string; minutes: number },
): void {
  if (repo.linkedTo(b.id) !== null) return;
  const tz = env.settings.get().timeZone;
  const visit = repo.freeCheckinsBetween(b.member_id, ...aroundDate(s.date)).find((c) => inDoorWindow(s, wallNow(new Date(c.at), tz)));
  if (visit) repo.link(visit.id, b.id);
}

/**
 * From the day before to the day after: a door window can cross midnight (a class at 00:30 opens at 23:30
 * the evening before; one at 23:30 runs into the next day), so a check-in and its class may fall on two
 * business dates.
 */
function aroundDate(date: string): [from: string, to: string] {
  return [addDays(date, -1), addDays(date, 1)];
}

export function createDoor(env: ServiceEnv, bookings: Bookings) {
  const repo = createDoorRepo(env.db);

  /** The member's class at the door now, or null. */
  function classNow(memberId: number): DoorBooking | null {
    const wall = wallNow(env.now(), env.settings.get().timeZone);
    const dist = (b: DoorBooking) => Math.abs(wallMinutes(b.date, b.start_time) - wall);
    const open = repo.bookingsBetween(memberId, ...aroundDate(env.today())).filter((b) => inDoorWindow(b, wall));
    return open.reduce<DoorBooking | null>((best, b) => (best === null || dist(b) < dist(best) ? b : best), null);
  }

  const shown = (b: DoorBooking, outcome: DoorClass['outcome'], code: string | null = null): DoorClass => ({
    outcome,
    bookingId: b.booking_id,
    sessionId: b.session_id,
    className: b.type_name,
    date: b.date,
    startTime: b.start_time,
    code,
  });

  /** Marks a booked place present in a savepoint: a refusal of the roll call is rolled back and shown, not thrown. */
  function markNow(b: DoorBooking): DoorClass {
    try {
      env.db.transaction(() => bookings.mark({ bookingId: b.booking_id, present: true }))();
    } catch (e) {
      if (e instanceof AppError) return shown(b, 'not_marked', e.code);
      throw e;
    }
    return shown(b, 'marked');
  }

  /** Before a check-in is recorded: marks the member's class now. `link`: the booking the new check-in is to stand for. */
  function atCheckin(memberId: number): { link: number | null; mark: DoorClass | null } {
    const b = classNow(memberId);
    if (!b) return { link: null, mark: null };
    if (b.status === 'attended') return { link: b.checkin_id === null ? b.booking_id : null, mark: shown(b, 'already') };
    const mark = markNow(b);
    if (mark.outcome !== 'marked') return { link: null, mark };
    // The mark may have joined an earlier check-in of today within the window: that one stands for the class.
    return { link: repo.linkedTo(b.booking_id) === null ? b.booking_id : null, mark };
  }

  /**
   * A scan that counts no new visit (the day's visits are used): a booked class now is still marked
   * present, and joins a check-in of today made within its window.
   */
  function atRepeatScan(memberId: number): DoorClass | null {
    const b = classNow(memberId);
    if (!b) return null;
    return b.status === 'attended' ? shown(b, 'already') : markNow(b);
  }

  /** A check-in standing for a class was undone: the member was not here, so the class mark is undone too. */
  function checkinUndone(bookingId: number): void {
    if (bookings.row(bookingId).status === 'attended') bookings.undoMark(bookingId);
  }

  return { atCheckin, atRepeatScan, checkinUndone };
}

export type Door = ReturnType<typeof createDoor>;
