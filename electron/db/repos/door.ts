/**
 * A door check-in that stands for a class (migration 022): the member's sessions of a day they hold a
 * place in, their live check-ins of that day, and the link between a check-in and a booking.
 */
import type { Db } from '../open';

/** A session of the day the member is booked in or marked present at, with the live check-in linked to it. */
export interface DoorBooking {
  booking_id: number;
  status: 'booked' | 'attended';
  session_id: number;
  date: string;
  start_time: string;
  minutes: number;
  type_name: string;
  checkin_id: number | null;
}

export function createDoorRepo(db: Db) {
  const between = db.prepare<[number, string, string], DoorBooking>(
    `SELECT b.id AS booking_id, b.status, s.id AS session_id, s.date, s.start_time, s.minutes, t.name AS type_name,
            (SELECT c.id FROM checkins c WHERE c.class_booking_id = b.id AND c.undone_at IS NULL) AS checkin_id
       FROM class_bookings b JOIN class_sessions s ON s.id = b.session_id JOIN class_types t ON t.id = s.class_type_id
      WHERE b.member_id = ? AND s.date BETWEEN ? AND ? AND s.status = 'scheduled' AND b.status IN ('booked', 'attended')
      ORDER BY s.date, s.start_time, s.id`,
  );
  const freeCheckins = db.prepare<[number, string, string], { id: number; at: string }>(
    `SELECT id, at FROM checkins WHERE member_id = ? AND date BETWEEN ? AND ? AND undone_at IS NULL AND class_booking_id IS NULL
      ORDER BY at, id`,
  );
  const link = db.prepare<[number, number]>('UPDATE checkins SET class_booking_id = ? WHERE id = ?');
  const unlink = db.prepare<[number]>(
    'UPDATE checkins SET class_booking_id = NULL WHERE class_booking_id = ? AND undone_at IS NULL',
  );
  const linked = db.prepare<[number], { id: number }>(
    'SELECT id FROM checkins WHERE class_booking_id = ? AND undone_at IS NULL',
  );
  return {
    /** The member's places (booked or attended) in sessions from `from` to `to` that are not cancelled, earliest first. */
    bookingsBetween: (memberId: number, from: string, to: string) => between.all(memberId, from, to),
    /** The member's live check-ins dated from `from` to `to` that stand for no class, oldest first. */
    freeCheckinsBetween: (memberId: number, from: string, to: string) => freeCheckins.all(memberId, from, to),
    link: (checkinId: number, bookingId: number) => void link.run(bookingId, checkinId),
    /** Lets the live check-in linked to a booking go back to being an ordinary visit. */
    unlink: (bookingId: number) => void unlink.run(bookingId),
    /** The live check-in linked to a booking, if any. */
    linkedTo: (bookingId: number) => linked.get(bookingId)?.id ?? null,
  };
}

export type DoorRepo = ReturnType<typeof createDoorRepo>;
