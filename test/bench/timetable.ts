/**
 * (10) The timetable through the host (the classes issue; target 20 ms p95 at L): the week view of
 * 300 sessions (this week and the ones around it), and booking a member into a session of the coming
 * week (one transaction, entitlement read, audited), each a different member and session.
 */
import type { Host } from '../../electron/host/host';
import { addDays } from '../../shared/dates';
import { BENCH_TODAY } from './seed';
import { figure, time, type Figure } from './stats';

const RUNS = 100;

export async function benchTimetable(host: Host, at: string): Promise<Figure[]> {
  const weeks = [-14, -7, 0, 7].map((d) => addDays(BENCH_TODAY, d));
  let sessions = 0;
  const week = await time(async (i) => {
    sessions = (await host.invoke('classes.week', { date: weeks[i % weeks.length]! })).sessions.length;
  }, RUNS);

  // Sessions of the coming days with a free place, and members not in them: one booking each.
  const open = host.db
    .prepare<[string, string], { id: number; free: number }>(
      `SELECT s.id, s.capacity - (SELECT count(*) FROM class_bookings b WHERE b.session_id = s.id AND b.status IN ('booked', 'attended')) AS free
         FROM class_sessions s WHERE s.date > ? AND s.date <= ? AND s.status = 'scheduled' ORDER BY s.date, s.start_time`,
    )
    .all(BENCH_TODAY, addDays(BENCH_TODAY, 6))
    .filter((s) => s.free > 0);
  const notIn = host.db.prepare<[number, number], number>(
    `SELECT member_id FROM subscriptions su WHERE status = 'active'
        AND NOT EXISTS (SELECT 1 FROM class_bookings b WHERE b.session_id = ? AND b.member_id = su.member_id)
      ORDER BY member_id DESC LIMIT 1 OFFSET ?`,
  ).pluck();
  const pairs = Array.from({ length: RUNS + 5 }, (_, i) => {
    const s = open[i % open.length]!;
    return { sessionId: s.id, memberId: notIn.get(s.id, i)! };
  });
  let booked = 0;
  const book = await time(async (i) => {
    const { sessionId, memberId } = pairs[i]!;
    const r = await host.invoke('classes.book', { sessionId, memberIds: [memberId], waitlist: true });
    if (r[0]?.status === 'booked' || r[0]?.status === 'waitlisted') booked++;
  }, RUNS);
  return [
    figure('timetable: week view', at, week, 20, `${sessions} sessions in the week`),
    figure('timetable: booking', at, book, 20, `${booked} of ${RUNS + 5} booked`),
  ];
}
