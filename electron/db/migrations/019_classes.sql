-- Classes and lessons (课程 / 班级): class types with their booking rules, teachers, rooms, weekly schedules
-- over a term that generate sessions, bookings with a waitlist, attendance, and term enrolments that burn a
-- lesson pack (课时). A booking records what it used (units_used of a pack or a membership), so a pack's
-- sessions used are its check-ins plus the units its bookings used (electron/db/pack-usage.ts).

CREATE TABLE class_types (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  colour           TEXT NOT NULL DEFAULT '#3b82f6' CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),     -- default length of a session
  capacity         INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),   -- default places
  units            INTEGER NOT NULL DEFAULT 1 CHECK (units BETWEEN 1 AND 20), -- pack sessions (课时) one attendance uses
  open_days        INTEGER NOT NULL DEFAULT 7 CHECK (open_days BETWEEN 0 AND 366),    -- booking opens this many days before
  cutoff_hours     INTEGER NOT NULL DEFAULT 12 CHECK (cutoff_hours BETWEEN 0 AND 720), -- later cancellation or leave is late
  late_cancel_rule TEXT NOT NULL DEFAULT 'count' CHECK (late_cancel_rule IN ('count', 'fee', 'deduct')),
  late_cancel_fee  INTEGER NOT NULL DEFAULT 0 CHECK (late_cancel_fee >= 0),
  no_show_rule     TEXT NOT NULL DEFAULT 'count' CHECK (no_show_rule IN ('count', 'fee', 'deduct')),
  no_show_fee      INTEGER NOT NULL DEFAULT 0 CHECK (no_show_fee >= 0),
  archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

-- The plans (memberships and packs) that give access to a class type; none listed = any membership or pack.
CREATE TABLE class_type_plans (
  class_type_id INTEGER NOT NULL REFERENCES class_types (id),
  plan_id       INTEGER NOT NULL REFERENCES plans (id),
  PRIMARY KEY (class_type_id, plan_id)
) STRICT;

-- Teachers and coaches: a member of staff or someone from outside (staff_id NULL).
CREATE TABLE class_teachers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  staff_id   INTEGER REFERENCES staff (id),
  phone      TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE class_rooms (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  capacity   INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- A weekly pattern over a term: weekdays (JSON, 0 = Sunday … 6 = Saturday) at one start time, skipping holidays (JSON dates).
CREATE TABLE class_schedules (
  id            INTEGER PRIMARY KEY,
  class_type_id INTEGER NOT NULL REFERENCES class_types (id),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  weekdays      TEXT NOT NULL CHECK (json_valid(weekdays) AND json_array_length(weekdays) BETWEEN 1 AND 7),
  start_time    TEXT NOT NULL CHECK (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
  teacher_id    INTEGER REFERENCES class_teachers (id),
  room_id       INTEGER REFERENCES class_rooms (id),
  capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  term_start    TEXT NOT NULL,
  term_end      TEXT NOT NULL,                     -- last day a session may fall on
  holidays      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(holidays)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (term_end >= term_start)
) STRICT;

-- One meeting of a schedule. slot_date is the day the pattern gave it; date/start_time move with a one-off change.
CREATE TABLE class_sessions (
  id             INTEGER PRIMARY KEY,
  schedule_id    INTEGER NOT NULL REFERENCES class_schedules (id),
  class_type_id  INTEGER NOT NULL REFERENCES class_types (id),
  slot_date      TEXT NOT NULL,
  date           TEXT NOT NULL,
  start_time     TEXT NOT NULL CHECK (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
  teacher_id     INTEGER REFERENCES class_teachers (id),
  room_id        INTEGER REFERENCES class_rooms (id),
  capacity       INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  status         TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  note           TEXT NOT NULL DEFAULT '',
  roll_closed_at TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (schedule_id, slot_date)
) STRICT;
CREATE INDEX class_sessions_date ON class_sessions (date, start_time);

-- A student in a class (schedule) for a term, burning a lesson pack.
CREATE TABLE class_enrolments (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES members (id),
  schedule_id  INTEGER NOT NULL REFERENCES class_schedules (id),
  pack_id      INTEGER NOT NULL REFERENCES member_packs (id),
  start_date   TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  withdrawn_on TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX class_enrolments_once ON class_enrolments (member_id, schedule_id) WHERE status = 'active';
CREATE INDEX class_enrolments_schedule ON class_enrolments (schedule_id);

-- A member's place in a session. units_used of pack_id or subscription_id is what it cost (attended, late
-- cancel or no-show with the 'deduct' rule); fee_invoice_id is the fee invoice of a late cancel or no-show.
CREATE TABLE class_bookings (
  id              INTEGER PRIMARY KEY,
  session_id      INTEGER NOT NULL REFERENCES class_sessions (id),
  member_id       INTEGER NOT NULL REFERENCES members (id),
  kind            TEXT NOT NULL CHECK (kind IN ('booking', 'walk_in', 'enrolment', 'makeup')),
  status          TEXT NOT NULL CHECK (status IN ('booked', 'waitlisted', 'cancelled', 'late_cancelled', 'attended', 'no_show')),
  enrolment_id    INTEGER REFERENCES class_enrolments (id),
  makeup_for      INTEGER REFERENCES class_bookings (id),
  queued_at       TEXT NOT NULL,                    -- waitlist order: first in line first
  pack_id         INTEGER REFERENCES member_packs (id),
  subscription_id INTEGER REFERENCES subscriptions (id),
  units_used      INTEGER NOT NULL DEFAULT 0 CHECK (units_used BETWEEN 0 AND 20),
  fee_invoice_id  INTEGER UNIQUE REFERENCES invoices (id),
  marked_on       TEXT,                             -- business date of the last roll-call mark or cancellation
  staff_name      TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (session_id, member_id),
  CHECK (pack_id IS NULL OR subscription_id IS NULL),
  CHECK (units_used = 0 OR pack_id IS NOT NULL OR subscription_id IS NOT NULL),
  CHECK ((kind = 'enrolment') = (enrolment_id IS NOT NULL)),
  CHECK ((kind = 'makeup') = (makeup_for IS NOT NULL))
) STRICT;
CREATE INDEX class_bookings_member ON class_bookings (member_id);
CREATE INDEX class_bookings_pack ON class_bookings (pack_id) WHERE pack_id IS NOT NULL;
CREATE INDEX class_bookings_subscription ON class_bookings (subscription_id) WHERE subscription_id IS NOT NULL;
CREATE INDEX class_bookings_enrolment ON class_bookings (enrolment_id) WHERE enrolment_id IS NOT NULL;
CREATE UNIQUE INDEX class_bookings_one_makeup ON class_bookings (makeup_for) WHERE makeup_for IS NOT NULL AND status <> 'cancelled';

-- A fee, once invoiced, stays with its booking: it is never moved to another invoice (a fee charged once).
CREATE TRIGGER class_bookings_fee_once BEFORE UPDATE OF fee_invoice_id ON class_bookings
WHEN OLD.fee_invoice_id IS NOT NULL AND NEW.fee_invoice_id IS NOT NULL AND NEW.fee_invoice_id <> OLD.fee_invoice_id
BEGIN
  SELECT RAISE(ABORT, 'class booking fee already invoiced');
END;
