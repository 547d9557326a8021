/** Rows of the classes tables as the contract shows them. */
import type {
  ClassBooking,
  ClassRoom,
  ClassSchedule,
  ClassSession,
  ClassTeacher,
  ClassType,
  Enrolment,
} from '../../contract/classes';
import type { BookingView, EnrolmentView, ScheduleView, SessionView } from '../../db/repos/classes';
import type { ClassRoomRow, ClassTeacherRow, ClassTypeRow } from '../../db/rows';

/** 'HH:MM' plus minutes, on the same clock face (a session past midnight shows its end time of the next day). */
export function endTime(start: string, minutes: number): string {
  const [h = 0, m = 0] = start.split(':').map(Number);
  const total = (h * 60 + m + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function toClassType(r: ClassTypeRow, planIds: number[]): ClassType {
  return {
    id: r.id,
    name: r.name,
    colour: r.colour,
    minutes: r.minutes,
    capacity: r.capacity,
    units: r.units,
    planIds,
    openDays: r.open_days,
    cutoffHours: r.cutoff_hours,
    lateCancelRule: r.late_cancel_rule,
    lateCancelFee: r.late_cancel_fee,
    noShowRule: r.no_show_rule,
    noShowFee: r.no_show_fee,
    archived: r.archived === 1,
  };
}

export const toTeacher = (r: ClassTeacherRow): ClassTeacher => ({
  id: r.id,
  name: r.name,
  staffId: r.staff_id,
  phone: r.phone,
  active: r.active === 1,
});

export const toRoom = (r: ClassRoomRow): ClassRoom => ({
  id: r.id,
  name: r.name,
  capacity: r.capacity,
  active: r.active === 1,
});

export function toSchedule(r: ScheduleView): ClassSchedule {
  return {
    id: r.id,
    classTypeId: r.class_type_id,
    classTypeName: r.type_name,
    name: r.name,
    weekdays: JSON.parse(r.weekdays) as number[],
    startTime: r.start_time,
    minutes: r.minutes,
    teacherId: r.teacher_id,
    teacherName: r.teacher_name,
    roomId: r.room_id,
    roomName: r.room_name,
    capacity: r.capacity,
    termStart: r.term_start,
    termEnd: r.term_end,
    holidays: JSON.parse(r.holidays) as string[],
    sessions: r.sessions,
    enrolled: r.enrolled,
  };
}

export function toSession(r: SessionView): ClassSession {
  return {
    id: r.id,
    scheduleId: r.schedule_id,
    scheduleName: r.schedule_name,
    classTypeId: r.class_type_id,
    classTypeName: r.type_name,
    colour: r.colour,
    slotDate: r.slot_date,
    date: r.date,
    startTime: r.start_time,
    endTime: endTime(r.start_time, r.minutes),
    minutes: r.minutes,
    teacherId: r.teacher_id,
    teacherName: r.teacher_name,
    roomId: r.room_id,
    roomName: r.room_name,
    capacity: r.capacity,
    status: r.status,
    note: r.note,
    booked: r.booked,
    waitlisted: r.waitlisted,
    attended: r.attended,
    rollClosed: r.roll_closed_at !== null,
  };
}

export function toBooking(r: BookingView): ClassBooking {
  return {
    id: r.id,
    sessionId: r.session_id,
    memberId: r.member_id,
    memberName: r.member_name,
    kind: r.kind,
    status: r.status,
    enrolmentId: r.enrolment_id,
    makeupFor: r.makeup_for,
    waitlistPosition: r.wait_pos,
    packId: r.pack_id,
    subscriptionId: r.subscription_id,
    planName: r.plan_name,
    unitsUsed: r.units_used,
    feeInvoiceId: r.fee_invoice_id,
    markedOn: r.marked_on,
    date: r.date,
    startTime: r.start_time,
    classTypeName: r.type_name,
    sessionCancelled: r.session_status === 'cancelled',
  };
}

export function toEnrolment(r: EnrolmentView): Enrolment {
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    scheduleId: r.schedule_id,
    scheduleName: r.schedule_name,
    packId: r.pack_id,
    startDate: r.start_date,
    status: r.status,
    withdrawnOn: r.withdrawn_on,
  };
}
