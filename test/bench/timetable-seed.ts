/**
 * The timetable at bench size (the classes issue: 300 sessions a week): 50 weekly classes meeting
 * six days a week over a 24-week term around BENCH_TODAY, made through the host (the real service
 * makes every session), then booked with direct SQL (seeding only) by the size's members: past
 * sessions 60–95 % full and rolled (a tenth no-shows), this week's and next week's booked, a few
 * full with a waitlist.
 */
import { addDays } from '../../shared/dates';
import type { Db } from '../../electron/db/open';
import type { Host } from '../../electron/host/host';
import type { Random } from '../../electron/host/demo/random';
import { BENCH_TODAY } from './seed';

/** Weekly classes; each meets Monday to Saturday: 50 × 6 = 300 sessions a week. */
export const TIMETABLE_CLASSES = 50;
const TERM_WEEKS = 12; // before and after BENCH_TODAY

/** Through the host, before the members are cloned: class types, coaches, rooms and the schedules. */
export async function seedTimetableShape(host: Host): Promise<void> {
  const types: number[] = [];
  for (const [name, minutes] of [['Spinning', 45], ['Yoga', 60], ['HIIT', 30], ['Pilates', 55], ['Boxing', 60]] as const)
    types.push((await host.invoke('classes.types.create', { name, minutes, capacity: 20 })).id);
  const teachers: number[] = [];
  for (let i = 1; i <= 10; i++) teachers.push((await host.invoke('classes.teachers.create', { name: `Coach ${i}` })).id);
  const rooms: number[] = [];
  for (let i = 1; i <= 5; i++) rooms.push((await host.invoke('classes.rooms.create', { name: `Room ${i}`, capacity: 24 })).id);
  for (let i = 0; i < TIMETABLE_CLASSES; i++) {
    const hour = 7 + (i % 14);
    await host.invoke('classes.schedules.create', {
      classTypeId: types[i % types.length]!,
      name: `Class ${i + 1}`,
      weekdays: [1, 2, 3, 4, 5, 6],
      startTime: `${String(hour).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      teacherId: teachers[i % teachers.length]!,
      roomId: rooms[i % rooms.length]!,
      termStart: addDays(BENCH_TODAY, -7 * TERM_WEEKS),
      termEnd: addDays(BENCH_TODAY, 7 * TERM_WEEKS),
    });
  }
}

/** With direct SQL, after the members: bookings of past sessions (rolled) and of the next two weeks. Returns how many. */
export function seedTimetableBookings(raw: Db, r: Random, staffName: string): number {
  const subs = raw
    .prepare<[], { member_id: number; id: number }>("SELECT member_id, id FROM subscriptions WHERE status = 'active' ORDER BY member_id")
    .all();
  const sessions = raw
    .prepare<[string], { id: number; date: string; capacity: number }>('SELECT id, date, capacity FROM class_sessions WHERE date < ? ORDER BY date, start_time')
    .all(addDays(BENCH_TODAY, 14));
  const ins = raw.prepare(
    `INSERT INTO class_bookings (session_id, member_id, kind, status, queued_at, subscription_id, units_used, marked_on, staff_name, created_at, updated_at)
     VALUES (?, ?, 'booking', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const closeRoll = raw.prepare('UPDATE class_sessions SET roll_closed_at = ? WHERE id = ?');
  let n = 0;
  raw.transaction(() => {
    for (const s of sessions) {
      const past = s.date < BENCH_TODAY;
      const at = `${addDays(s.date, -2)}T02:00:00.000Z`;
      // Future sessions: one in eight is full with a short waitlist.
      const full = !past && r.chance(0.125);
      const places = full ? s.capacity : Math.round(s.capacity * (0.6 + r.next() * 0.35));
      const waiting = full ? r.int(1, 4) : 0;
      const from = r.int(0, subs.length - places - waiting - 1);
      for (let k = 0; k < places + waiting; k++) {
        const m = subs[from + k]!;
        const status = k >= places ? 'waitlisted' : past ? (r.chance(0.1) ? 'no_show' : 'attended') : 'booked';
        const used = status === 'attended' ? 1 : 0;
        ins.run(s.id, m.member_id, status, at, used ? m.id : null, used, past ? s.date : null, staffName, at, at);
        n++;
      }
      if (past) closeRoll.run(`${s.date}T14:00:00.000Z`, s.id);
    }
  })();
  return n;
}
