-- A check-in at the door that stood for a class the member is in today (docs/classes.md, "At the door"):
-- while it points at an attended booking the visit uses nothing of its own (no pack session, no visit of a
-- membership's quota); the booking's units are what the visit cost. The link is cleared when the booking
-- stops being attended (its mark undone or changed to absent), and the check-in is then an ordinary visit.
ALTER TABLE checkins ADD COLUMN class_booking_id INTEGER REFERENCES class_bookings (id);
CREATE UNIQUE INDEX checkins_class_booking ON checkins (class_booking_id) WHERE class_booking_id IS NOT NULL AND undone_at IS NULL;

-- The timetable's counts per session (places taken, waitlist, attended) read from the index alone: the week
-- view counts them for ~300 sessions at once (test/bench: "timetable: week view").
CREATE INDEX class_bookings_session_status ON class_bookings (session_id, status);
