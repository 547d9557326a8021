/**
 * Classes and lessons: the timetable (class types, teachers, rooms, weekly schedules that
 * generate sessions, one-off changes), bookings with a waitlist, the roll call, and term
 * enrolments that burn a lesson pack (班级 / 课时). Rules in docs/classes.md.
 *
 * Access: the desk books, takes the roll and enrols; a manager edits the timetable; the owner
 * sets a class type's booking rules (window, cut-off, late-cancel and no-show rules and fees).
 */
import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, money, requiredLine, lineText, text } from './common';

export type ClassRule = 'count' | 'fee' | 'deduct';
export type ClassBookingKind = 'booking' | 'walk_in' | 'enrolment' | 'makeup';
export type ClassBookingStatus =
  'booked' | 'waitlisted' | 'cancelled' | 'late_cancelled' | 'attended' | 'no_show';

export interface ClassType {
  id: number;
  name: string;
  colour: string;
  /** Default length of a session, in minutes. */
  minutes: number;
  /** Default places in a session. */
  capacity: number;
  /** Pack sessions (课时) one attendance uses. */
  units: number;
  /** Plans (memberships and packs) that give access; empty = any membership or pack. */
  planIds: number[];
  /** Booking opens this many days before the session's date. */
  openDays: number;
  /** A cancellation or leave later than this many hours before the start is late. */
  cutoffHours: number;
  lateCancelRule: ClassRule;
  lateCancelFee: number;
  noShowRule: ClassRule;
  noShowFee: number;
  archived: boolean;
}

export interface ClassTeacher {
  id: number;
  name: string;
  /** The staff member this teacher is; null for someone from outside. */
  staffId: number | null;
  phone: string;
  active: boolean;
}

export interface ClassRoom {
  id: number;
  name: string;
  capacity: number | null;
  active: boolean;
}

export interface ClassSchedule {
  id: number;
  classTypeId: number;
  classTypeName: string;
  name: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  startTime: string;
  minutes: number;
  teacherId: number | null;
  teacherName: string | null;
  roomId: number | null;
  roomName: string | null;
  capacity: number;
  termStart: string;
  termEnd: string;
  holidays: string[];
  /** Sessions the term gives (cancelled ones not counted). */
  sessions: number;
  /** Students enrolled now. */
  enrolled: number;
}

export interface ClassSession {
  id: number;
  scheduleId: number;
  scheduleName: string;
  classTypeId: number;
  classTypeName: string;
  colour: string;
  /** The day the weekly pattern gave it; `date` differs when the session was moved. */
  slotDate: string;
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  teacherId: number | null;
  teacherName: string | null;
  roomId: number | null;
  roomName: string | null;
  capacity: number;
  status: 'scheduled' | 'cancelled';
  note: string;
  /** Places taken: booked and attended. */
  booked: number;
  waitlisted: number;
  attended: number;
  rollClosed: boolean;
}

export interface ClassBooking {
  id: number;
  sessionId: number;
  memberId: number;
  memberName: string;
  kind: ClassBookingKind;
  status: ClassBookingStatus;
  enrolmentId: number | null;
  /** For a make-up: the missed lesson it replaces. */
  makeupFor: number | null;
  /** 1 for the first in line; null when not waitlisted. */
  waitlistPosition: number | null;
  packId: number | null;
  subscriptionId: number | null;
  /** The membership or pack it used, when it used one. */
  planName: string | null;
  unitsUsed: number;
  feeInvoiceId: number | null;
  markedOn: string | null;
  date: string;
  startTime: string;
  classTypeName: string;
  /** The centre cancelled the session (cancelled it, or a holiday took it off): a lesson owed, not leave. */
  sessionCancelled: boolean;
}

/** A session and everyone in it: places first (in booking order), then the waitlist in line order. */
export interface SessionRoll {
  session: ClassSession;
  bookings: ClassBooking[];
}

export interface ClassWeek {
  from: string;
  to: string;
  sessions: ClassSession[];
}

export interface CancelResult {
  booking: ClassBooking;
  /** The first in line, now holding the freed place. */
  promoted: ClassBooking | null;
}

export interface RollResult {
  /** Bookings this call marked as no-show. */
  noShows: ClassBooking[];
  /** Fee invoices it issued. */
  feeInvoiceIds: number[];
}

export interface Enrolment {
  id: number;
  memberId: number;
  memberName: string;
  scheduleId: number;
  scheduleName: string;
  packId: number;
  startDate: string;
  status: 'active' | 'withdrawn';
  withdrawnOn: string | null;
}

/** A student's lessons in one class: the pack and what happened to each lesson. */
export interface LessonBalance {
  enrolment: Enrolment;
  /** The lesson pack's plan ("48 课时"). */
  packName: string;
  packTotal: number;
  /** Everything the pack has used: lessons, late leave, make-ups and any check-in with it. */
  packUsed: number;
  packLeft: number;
  packExpiresOn: string;
  attended: number;
  /** 请假 before the cut-off: kept, not deducted. */
  leave: number;
  /** 请假 after the cut-off (the class type's late rule applies). */
  lateLeave: number;
  noShow: number;
  /** Lessons the centre cancelled (the session cancelled or a holiday added): nothing used, a make-up owed. */
  centreCancelled: number;
  makeUps: number;
  /** Lessons still to come (booked, from today). */
  upcoming: number;
}

/** What cancelling a booking (or taking leave, 请假) would do now: said to the desk before it confirms. */
export interface CancelPreview {
  bookingId: number;
  /** 'line': leaving the waitlist; 'in_time': at or before the cut-off, free; 'late': after it, the rule applies. */
  timing: 'line' | 'in_time' | 'late';
  /** The last wall-clock minute a cancellation is free, 'YYYY-MM-DD HH:MM' in the business's time zone. */
  cutoffAt: string;
  cutoffHours: number;
  /** The class type's late-cancel rule and fee (what a late cancellation or late leave costs). */
  rule: ClassRule;
  fee: number;
  /** The 课时 a late 'deduct' uses. */
  units: number;
  /** A lesson of an enrolment: cancelling it is leave, and in time it may be made up. */
  leave: boolean;
}

/** A student's lessons in a session's roll, for each booking that belongs to an enrolment (a lesson or a make-up). */
export interface RollLessons {
  bookingId: number;
  balance: LessonBalance;
}

const HEX = /^#[0-9a-f]{6}$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const colour = z
  .string('invalid_text')
  .transform((s) => s.toLowerCase())
  .refine((s) => HEX.test(s), 'invalid_colour');
const time = z.string('invalid_time').regex(TIME, 'invalid_time');
const minutes = z
  .number('out_of_range')
  .int('out_of_range')
  .min(5, 'out_of_range')
  .max(720, 'out_of_range');
const capacity = z
  .number('out_of_range')
  .int('out_of_range')
  .min(1, 'out_of_range')
  .max(1000, 'out_of_range');
const units = z
  .number('out_of_range')
  .int('out_of_range')
  .min(1, 'out_of_range')
  .max(20, 'out_of_range');
const rule = z.enum(['count', 'fee', 'deduct'], 'invalid_choice');
const planIds = z
  .array(id)
  .max(100, 'too_many')
  .refine((a) => new Set(a).size === a.length, 'duplicate');
const weekdays = z
  .array(z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(6, 'out_of_range'))
  .min(1, 'required')
  .max(7, 'too_many')
  .refine((a) => new Set(a).size === a.length, 'duplicate');
const holidays = z.array(isoDate).max(200, 'too_many');

const classTypeFields = {
  name: requiredLine(100),
  colour: colour.optional(),
  minutes,
  capacity,
  units: units.default(1),
  planIds: planIds.default([]),
};

export const classTypeCreateInput = z.strictObject(classTypeFields);
export const classTypeUpdateInput = z.strictObject({
  id,
  name: requiredLine(100).optional(),
  colour: colour.optional(),
  minutes: minutes.optional(),
  capacity: capacity.optional(),
  units: units.optional(),
  planIds: planIds.optional(),
  archived: z.boolean('invalid_choice').optional(),
});
export const classRulesInput = z
  .strictObject({
    id,
    openDays: z
      .number('out_of_range')
      .int('out_of_range')
      .min(0, 'out_of_range')
      .max(366, 'out_of_range'),
    cutoffHours: z
      .number('out_of_range')
      .int('out_of_range')
      .min(0, 'out_of_range')
      .max(720, 'out_of_range'),
    lateCancelRule: rule,
    lateCancelFee: money.default(0),
    noShowRule: rule,
    noShowFee: money.default(0),
  })
  .refine((r) => r.lateCancelRule !== 'fee' || r.lateCancelFee > 0, {
    message: 'fee_required',
    path: ['lateCancelFee'],
  })
  .refine((r) => r.noShowRule !== 'fee' || r.noShowFee > 0, {
    message: 'fee_required',
    path: ['noShowFee'],
  });

const teacherFields = {
  name: requiredLine(100),
  staffId: id.nullable().default(null),
  phone: lineText(40).default(''),
};
const roomFields = { name: requiredLine(100), capacity: capacity.nullable().default(null) };

export const scheduleCreateInput = z
  .strictObject({
    classTypeId: id,
    name: requiredLine(100),
    weekdays,
    startTime: time,
    minutes: minutes.optional(),
    teacherId: id.nullable().default(null),
    roomId: id.nullable().default(null),
    capacity: capacity.optional(),
    termStart: isoDate,
    termEnd: isoDate,
    holidays: holidays.default([]),
  })
  .refine((s) => s.termEnd >= s.termStart, { message: 'date_range', path: ['termEnd'] });

export const scheduleUpdateInput = z.strictObject({
  id,
  name: requiredLine(100).optional(),
  teacherId: id.nullable().optional(),
  roomId: id.nullable().optional(),
  capacity: capacity.optional(),
  termEnd: isoDate.optional(),
  holidays: holidays.optional(),
});

export const sessionChangeInput = z.strictObject({
  sessionId: id,
  date: isoDate.optional(),
  startTime: time.optional(),
  minutes: minutes.optional(),
  teacherId: id.nullable().optional(),
  roomId: id.nullable().optional(),
  capacity: capacity.optional(),
  note: text(300).optional(),
});

export const bookInput = z.strictObject({
  sessionId: id,
  /** One member, or each child of a household (all booked or none). */
  memberIds: z
    .array(id)
    .min(1, 'required')
    .max(10, 'too_many')
    .refine((a) => new Set(a).size === a.length, 'duplicate'),
  /** When a payer books for their household: every member must be theirs. */
  payerId: id.optional(),
  /** A full session puts them on the waitlist instead of refusing. */
  waitlist: z.boolean('invalid_choice').default(false),
});

const bookingRef = z.strictObject({ bookingId: id });
const sessionRef = z.strictObject({ sessionId: id });

export const classChannels = {
  // Timetable: the desk reads it; a manager changes it; the owner sets the rules.
  'classes.types.list': channel<ClassType[]>()(
    z.strictObject({ includeArchived: z.boolean('invalid_choice').default(false) }),
    { access: 'desk', mutates: false },
  ),
  'classes.types.create': channel<ClassType>()(classTypeCreateInput, {
    access: 'manager',
    mutates: true,
  }),
  'classes.types.update': channel<ClassType>()(classTypeUpdateInput, {
    access: 'manager',
    mutates: true,
  }),
  'classes.types.setRules': channel<ClassType>()(classRulesInput, {
    access: 'owner',
    mutates: true,
  }),
  'classes.teachers.list': channel<ClassTeacher[]>()(z.strictObject({}), {
    access: 'desk',
    mutates: false,
  }),
  'classes.teachers.create': channel<ClassTeacher>()(z.strictObject(teacherFields), {
    access: 'manager',
    mutates: true,
  }),
  'classes.teachers.update': channel<ClassTeacher>()(
    z.strictObject({
      id,
      name: teacherFields.name.optional(),
      staffId: id.nullable().optional(),
      phone: lineText(40).optional(),
      active: z.boolean('invalid_choice').optional(),
    }),
    { access: 'manager', mutates: true },
  ),
  'classes.rooms.list': channel<ClassRoom[]>()(z.strictObject({}), {
    access: 'desk',
    mutates: false,
  }),
  'classes.rooms.create': channel<ClassRoom>()(z.strictObject(roomFields), {
    access: 'manager',
    mutates: true,
  }),
  'classes.rooms.update': channel<ClassRoom>()(
    z.strictObject({
      id,
      name: roomFields.name.optional(),
      capacity: capacity.nullable().optional(),
      active: z.boolean('invalid_choice').optional(),
    }),
    { access: 'manager', mutates: true },
  ),
  'classes.schedules.list': channel<ClassSchedule[]>()(z.strictObject({}), {
    access: 'desk',
    mutates: false,
  }),
  'classes.schedules.create': channel<ClassSchedule>()(scheduleCreateInput, {
    access: 'manager',
    mutates: true,
  }),
  'classes.schedules.update': channel<ClassSchedule>()(scheduleUpdateInput, {
    access: 'manager',
    mutates: true,
  }),
  'classes.sessions.cancel': channel<SessionRoll>()(
    z.strictObject({ sessionId: id, reason: requiredLine(300) }),
    { access: 'manager', mutates: true },
  ),
  'classes.sessions.change': channel<SessionRoll>()(sessionChangeInput, {
    access: 'manager',
    mutates: true,
  }),
  'classes.week': channel<ClassWeek>()(z.strictObject({ date: isoDate }), {
    access: 'desk',
    mutates: false,
  }),
  'classes.day': channel<ClassWeek>()(z.strictObject({ date: isoDate }), {
    access: 'desk',
    mutates: false,
  }),
  'classes.session': channel<SessionRoll>()(sessionRef, { access: 'desk', mutates: false }),
  // Bookings and the roll call: the desk.
  'classes.book': channel<ClassBooking[]>()(bookInput, { access: 'desk', mutates: true }),
  'classes.cancelBooking': channel<CancelResult>()(bookingRef, { access: 'desk', mutates: true }),
  'classes.memberBookings': channel<ClassBooking[]>()(
    z.strictObject({ memberId: id, from: isoDate.optional() }),
    { access: 'desk', mutates: false },
  ),
  'classes.mark': channel<ClassBooking>()(
    z.strictObject({ bookingId: id, present: z.boolean('invalid_choice') }),
    { access: 'desk', mutates: true },
  ),
  'classes.undoMark': channel<ClassBooking>()(bookingRef, { access: 'desk', mutates: true }),
  'classes.walkIn': channel<ClassBooking>()(z.strictObject({ sessionId: id, memberId: id }), {
    access: 'desk',
    mutates: true,
  }),
  'classes.closeRoll': channel<RollResult>()(sessionRef, { access: 'desk', mutates: true }),
  // Tutoring enrolment (班级 / 课时): the desk.
  'classes.enrol': channel<Enrolment>()(
    z.strictObject({ memberId: id, scheduleId: id, packId: id, startDate: isoDate.optional() }),
    { access: 'desk', mutates: true },
  ),
  'classes.withdraw': channel<Enrolment>()(z.strictObject({ enrolmentId: id }), {
    access: 'desk',
    mutates: true,
  }),
  'classes.makeUp': channel<ClassBooking>()(z.strictObject({ bookingId: id, sessionId: id }), {
    access: 'desk',
    mutates: true,
  }),
  'classes.lessons': channel<LessonBalance[]>()(z.strictObject({ memberId: id }), {
    access: 'desk',
    mutates: false,
  }),
  // The desk's lesson views: what a cancellation would do, sessions open ahead, lessons left in a roll.
  'classes.cancelPreview': channel<CancelPreview>()(bookingRef, { access: 'desk', mutates: false }),
  'classes.upcoming': channel<ClassSession[]>()(
    z.strictObject({
      days: z
        .number('out_of_range')
        .int('out_of_range')
        .min(1, 'out_of_range')
        .max(62, 'out_of_range')
        .default(14),
    }),
    { access: 'desk', mutates: false },
  ),
  'classes.rollLessons': channel<RollLessons[]>()(sessionRef, { access: 'desk', mutates: false }),
};
