/**
 * The sample gym's timetable (docs/classes.md), run through the host the way the desk runs it:
 * class types with their rules, coaches, rooms and a weekly schedule over a term (with a holiday),
 * members booking a few days ahead (a small HIIT class fills up and keeps a waitlist), some
 * cancelling in time and a few late, members checking in at the door before their class (which
 * marks them present), a walk-in now and then, and the roll closed each night (who did not come is
 * a no-show). One session gets a substitute coach and one is cancelled.
 */
import { addDays } from '../../../shared/dates';
import type { ClassSession } from '../../contract/classes';
import type { Host } from '../host';
import type { Random } from './random';
import type { DEMO_WORDS, DemoLocale } from './words';

export interface DemoTimetableDeps {
  host: Host;
  r: Random;
  w: (typeof DEMO_WORDS)[DemoLocale];
  /** The first and last day of the business's classes (the term runs on past the last, so next week has sessions). */
  from: string;
  to: string;
  /** Members who come now: a membership or a pack. */
  active(): number[];
  /** Runs a call the desk could be refused in real life (full, no entitlement…), returning null when refused. */
  attempt<T>(fn: () => Promise<T>): Promise<T | null>;
}

/** A term runs at most this long (the timetable's limit is a year and a day). */
const TERM_DAYS = 366;

export async function createDemoTimetable(deps: DemoTimetableDeps) {
  const { host, r, w, attempt } = deps;
  const c = w.classes;
  const type = async (name: string, colour: string, minutes: number, capacity: number) =>
    (await host.invoke('classes.types.create', { name, colour, minutes, capacity })).id;
  const spinning = await type(c.types.spinning, '#ef4444', 45, 14);
  const yoga = await type(c.types.yoga, '#22c55e', 60, 16);
  const hiit = await type(c.types.hiit, '#f97316', 30, 8);
  const kids = await type(c.types.kids, '#3b82f6', 60, 10);
  // Spinning uses the session of a member who does not come; HIIT charges a late cancellation.
  await host.invoke('classes.types.setRules', { id: spinning, openDays: 7, cutoffHours: 4, lateCancelRule: 'count', noShowRule: 'deduct' });
  await host.invoke('classes.types.setRules', {
    id: hiit,
    openDays: 7,
    cutoffHours: 12,
    lateCancelRule: 'fee',
    lateCancelFee: 2000,
    noShowRule: 'count',
  });
  const teachers: number[] = [];
  for (const name of c.teachers) teachers.push((await host.invoke('classes.teachers.create', { name })).id);
  const [spinRoom, studio] = [
    (await host.invoke('classes.rooms.create', { name: c.rooms[0]!, capacity: 14 })).id,
    (await host.invoke('classes.rooms.create', { name: c.rooms[1]!, capacity: 20 })).id,
  ];
  const termEnd = [addDays(deps.to, 56), addDays(deps.from, TERM_DAYS)].sort()[0]!;
  const holiday = addDays(deps.from, 22);
  const schedule = async (classTypeId: number, name: string, weekdays: number[], startTime: string, teacher: number, room: number) =>
    host.invoke('classes.schedules.create', {
      classTypeId,
      name,
      weekdays,
      startTime,
      teacherId: teachers[teacher]!,
      roomId: room,
      termStart: deps.from,
      termEnd,
      holidays: [holiday],
    });
  await schedule(spinning, c.types.spinning, [1, 3, 5], '19:00', 0, spinRoom);
  await schedule(spinning, c.types.spinning, [6], '10:00', 1, spinRoom);
  await schedule(yoga, c.types.yoga, [2, 4], '19:30', 2, studio);
  await schedule(yoga, c.types.yoga, [0], '10:00', 2, studio);
  await schedule(hiit, c.types.hiit, [2, 6], '18:30', 1, studio);
  await schedule(kids, c.types.kids, [6], '15:00', 0, studio);

  const day = async (date: string): Promise<ClassSession[]> =>
    (await host.invoke('classes.day', { date })).sessions.filter((s) => s.status === 'scheduled');
  const changedOn = addDays(deps.from, 10);

  /**
   * Late morning: bookings for sessions five days ahead, a few cancellations, and on one day the
   * manager's one-off changes. Returns the late-cancellation fee invoices (the desk takes them at once).
   */
  async function book(today: string): Promise<number[]> {
    const fees: number[] = [];
    if (today < deps.from || today > deps.to) return fees;
    const people = deps.active();
    for (const s of await day(addDays(today, 5))) {
      const demand = Math.round(s.capacity * (s.classTypeId === hiit ? 1.6 + r.next() * 0.6 : 0.45 + r.next() * 0.5));
      for (let i = 0; i < demand && people.length; i++) {
        const memberId = r.pick(people);
        await attempt(() => host.invoke('classes.book', { sessionId: s.id, memberIds: [memberId], waitlist: true }));
      }
    }
    // Cancellations: in good time for sessions two days ahead; late (after the cut-off) for today's.
    for (const [date, p] of [
      [addDays(today, 2), 0.05],
      [today, 0.03],
    ] as const) {
      for (const s of await day(date)) {
        for (const b of (await host.invoke('classes.session', { sessionId: s.id })).bookings) {
          if ((b.status !== 'booked' && b.status !== 'waitlisted') || !r.chance(p)) continue;
          const done = await attempt(() => host.invoke('classes.cancelBooking', { bookingId: b.id }));
          if (done?.booking.feeInvoiceId) fees.push(done.booking.feeInvoiceId);
        }
      }
    }
    if (today === changedOn) {
      const ahead = [...(await day(addDays(today, 1))), ...(await day(addDays(today, 2))), ...(await day(addDays(today, 3)))];
      const sub = ahead.find((s) => s.teacherId === teachers[0]);
      if (sub) await host.invoke('classes.sessions.change', { sessionId: sub.id, teacherId: teachers[1]!, note: c.substitute });
      const off = (await day(addDays(today, 4)))[0];
      if (off) await host.invoke('classes.sessions.cancel', { sessionId: off.id, reason: c.cancelled });
    }
    return fees;
  }

  /** Who comes to the door today for a class: most of those booked, 5 to 40 minutes before it starts. */
  async function arrivals(today: string): Promise<{ memberId: number; h: number; m: number }[]> {
    if (today < deps.from || today > deps.to) return [];
    const out: { memberId: number; h: number; m: number }[] = [];
    for (const s of await day(today)) {
      const [h = 0, m = 0] = s.startTime.split(':').map(Number);
      for (const b of (await host.invoke('classes.session', { sessionId: s.id })).bookings) {
        if (b.status !== 'booked' || !r.chance(0.92)) continue;
        const at = h * 60 + m - r.int(5, 40);
        out.push({ memberId: b.memberId, h: Math.floor(at / 60), m: at % 60 });
      }
    }
    return out;
  }

  /**
   * Night: the coach's ticks for some who came in without a check-in that counted for the class (turned
   * away at the door for money owed, say, then let in), a walk-in now and then, and the roll closed.
   */
  async function closeDay(today: string): Promise<void> {
    if (today < deps.from || today > deps.to) return;
    const people = deps.active();
    for (const s of await day(today)) {
      for (const b of (await host.invoke('classes.session', { sessionId: s.id })).bookings) {
        if (b.status === 'booked' && r.chance(0.4))
          await attempt(() => host.invoke('classes.mark', { bookingId: b.id, present: true }));
      }
      if (people.length && r.chance(0.15))
        await attempt(() => host.invoke('classes.walkIn', { sessionId: s.id, memberId: r.pick(people) }));
      await attempt(() => host.invoke('classes.closeRoll', { sessionId: s.id }));
    }
  }

  return { book, arrivals, closeDay };
}

/** The refusals the timetable meets in real life (full, no entitlement, already in, window closed): skipped. */
export const CLASS_REFUSALS = [
  'CLASS_FULL',
  'CLASS_NO_ENTITLEMENT',
  'CLASS_ALREADY_BOOKED',
  'CLASS_OUTSIDE_WINDOW',
  'CLASS_STARTED',
  'CLASS_CANCELLED',
  'CLASS_BOOKING_STATE',
  'CLASS_NOT_STARTED',
];
