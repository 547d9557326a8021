import type { classChannels } from '../../contract/classes';
import type { AreaHandlers } from '../../contract/handler';
import type { ClassesService } from './service';

export function classHandlers({
  timetable,
  bookings,
  enrolment,
  lessons,
}: ClassesService): AreaHandlers<keyof typeof classChannels> {
  return {
    'classes.types.list': (input) => timetable.listTypes(input.includeArchived),
    'classes.types.create': (input) => timetable.createType(input),
    'classes.types.update': (input) => timetable.updateType(input),
    'classes.types.setRules': (input) => timetable.setRules(input),
    'classes.teachers.list': () => timetable.listTeachers(),
    'classes.teachers.create': (input) => timetable.createTeacher(input),
    'classes.teachers.update': (input) => timetable.updateTeacher(input),
    'classes.rooms.list': () => timetable.listRooms(),
    'classes.rooms.create': (input) => timetable.createRoom(input),
    'classes.rooms.update': (input) => timetable.updateRoom(input),
    'classes.schedules.list': () => timetable.listSchedules(),
    'classes.schedules.create': (input) => timetable.createSchedule(input),
    'classes.schedules.update': (input) => timetable.updateSchedule(input),
    'classes.sessions.cancel': (input) => timetable.cancelSession(input),
    'classes.sessions.change': (input) => timetable.changeSession(input),
    'classes.week': (input) => timetable.week(input.date),
    'classes.day': (input) => timetable.day(input.date),
    'classes.session': (input) => timetable.roll(input.sessionId),
    'classes.book': (input) => bookings.book(input),
    'classes.cancelBooking': (input) => bookings.cancel(input.bookingId),
    'classes.memberBookings': (input) => bookings.ofMember(input.memberId, input.from),
    'classes.mark': (input) => bookings.mark(input),
    'classes.undoMark': (input) => bookings.undoMark(input.bookingId),
    'classes.walkIn': (input) => bookings.walkIn(input),
    'classes.closeRoll': (input) => bookings.closeRoll(input.sessionId),
    'classes.enrol': (input) => enrolment.enrol(input),
    'classes.withdraw': (input) => enrolment.withdraw(input.enrolmentId),
    'classes.makeUp': (input) => enrolment.makeUp(input),
    'classes.lessons': (input) => enrolment.lessons(input.memberId),
    'classes.cancelPreview': (input) => lessons.cancelPreview(input.bookingId),
    'classes.upcoming': (input) => lessons.upcoming(input.days),
    'classes.rollLessons': (input) => lessons.rollLessons(input.sessionId),
  };
}
