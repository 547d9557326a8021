/**
 * The sample business's timetable and follow-up history (4 months, 60 members, built in Chinese):
 * sessions this week, past rolls with attendance and no-shows, a waitlist, door check-ins standing
 * for their class, and follow-up calls with their outcomes, all as the desk would have left them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBusiness, type DemoSummary } from '../../../electron/host/demo/generate';
import { addDays } from '../../../shared/dates';
import { makeHost, type TestHost } from '../../support/host';

let th: TestHost;
let demo: DemoSummary;
const one = <T>(sql: string, ...args: unknown[]) => th.host.db.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => th.host.db.prepare(sql).all(...args) as T[];

beforeAll(async () => {
  th = await makeHost({ startDate: '2026-01-05', signIn: false });
  demo = await generateDemoBusiness(th.host, th.clock, { seed: 7, months: 4, members: 60, locale: 'zh-CN' });
}, 600_000);
afterAll(() => th.close());

describe('the sample timetable', () => {
  it('has class types, coaches and rooms in the owner’s language, and sessions this week', async () => {
    const types = (await th.host.invoke('classes.types.list', {})).map((t) => t.name);
    expect(types.sort()).toEqual(['动感单车', '少儿体能', '燃脂训练', '瑜伽'].sort());
    expect((await th.host.invoke('classes.teachers.list', {})).map((t) => t.name)).toContain('李教练');
    const week = await th.host.invoke('classes.week', { date: demo.to });
    // Six weekly classes: Mon/Wed/Fri spinning, Sat spinning, Tue/Thu yoga, Sun yoga, Tue/Sat HIIT, Sat kids = 10 a week.
    expect(week.sessions.filter((s) => s.status === 'scheduled').length).toBe(10);
    const next = await th.host.invoke('classes.week', { date: addDays(demo.to, 7) });
    expect(next.sessions.length).toBe(10);
    // Booked five days ahead: the coming days have people in them, and the small HIIT class (twice a week) a waitlist.
    const ahead = [...week.sessions, ...next.sessions].filter((s) => s.date > demo.to && s.date <= addDays(demo.to, 5));
    expect(ahead.every((s) => s.booked > 0)).toBe(true);
    expect(ahead.some((s) => s.classTypeName === '燃脂训练' && s.booked === s.capacity && s.waitlisted > 0)).toBe(true);
  });

  it('has past rolls closed with attendance, no-shows, late cancellations, walk-ins and one substitute and one cancelled session', () => {
    const past = one<{ n: number; closed: number }>(
      "SELECT COUNT(*) AS n, SUM(roll_closed_at IS NOT NULL) AS closed FROM class_sessions WHERE date < ? AND status = 'scheduled'",
      demo.to,
    );
    expect(past.n).toBeGreaterThan(50);
    expect(past.closed).toBe(past.n);
    const by = Object.fromEntries(
      all<{ status: string; n: number }>(
        'SELECT b.status, COUNT(*) AS n FROM class_bookings b JOIN class_sessions s ON s.id = b.session_id WHERE s.date < ? GROUP BY b.status',
        demo.to,
      ).map((r) => [r.status, r.n]),
    );
    expect(by['attended']).toBeGreaterThan(100);
    expect(by['no_show']).toBeGreaterThan(0);
    expect(by['attended']).toBeGreaterThan(4 * by['no_show']!);
    expect(by['late_cancelled']).toBeGreaterThan(0);
    // A closed roll leaves nobody booked or waiting in a past session.
    expect(by['booked'] ?? 0).toBe(0);
    expect(by['waitlisted'] ?? 0).toBe(0);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM class_bookings WHERE kind = 'walk_in' AND status = 'attended'").n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM class_sessions WHERE status = 'cancelled'").n).toBe(1);
    expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM class_sessions WHERE note = '赵教练代课'").n).toBe(1);
    // A late cancellation's fee line reads in Chinese: the class, its day written 年月日 and its time, the member.
    const fees = all<{ description: string }>("SELECT description FROM invoice_lines WHERE description LIKE '逾时取消费%'").map((r) => r.description);
    expect(fees.length).toBeGreaterThan(0);
    for (const d of fees) expect(d).toMatch(/^逾时取消费 – 燃脂训练，\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d – \p{Script=Han}+$/u);
  });

  it('names its classes, coaches and rooms in Chinese only', () => {
    const names = all<{ name: string }>(
      'SELECT name FROM class_types UNION ALL SELECT name FROM class_teachers UNION ALL SELECT name FROM class_rooms UNION ALL SELECT name FROM class_schedules',
    ).map((r) => r.name);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);
  });

  it('marked most attendances at the door, and each such check-in stands for an attended booking of that member', () => {
    const linked = all<{ member_id: number; b_member: number; status: string; date: string; s_date: string }>(
      `SELECT c.member_id, b.member_id AS b_member, b.status, c.date, s.date AS s_date
         FROM checkins c JOIN class_bookings b ON b.id = c.class_booking_id JOIN class_sessions s ON s.id = b.session_id
        WHERE c.undone_at IS NULL`,
    );
    expect(linked.length).toBeGreaterThan(50);
    for (const l of linked) expect([l.b_member, l.status, l.s_date]).toEqual([l.member_id, 'attended', l.date]);
    // No pack has used more than it holds.
    const over = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM member_packs mp WHERE mp.sessions_total <
         (SELECT count(*) FROM checkins c WHERE c.pack_id = mp.id AND c.undone_at IS NULL AND c.class_booking_id IS NULL)
         + (SELECT COALESCE(SUM(b.units_used), 0) FROM class_bookings b WHERE b.pack_id = mp.id)`,
    ).n;
    expect(over).toBe(0);
  });
});

describe('the sample follow-up history', () => {
  it('has calls with every outcome, reasons for the lost ones, satisfaction, and a pack sold on each renewed call', () => {
    const outcomes = all<{ outcome: string }>('SELECT DISTINCT outcome FROM renewal_followups ORDER BY outcome').map((r) => r.outcome);
    expect(outcomes).toEqual(['no_answer', 'not_interested', 'reached', 'renewed', 'will_renew']);
    const reasons = th.host.settings.get().cancelReasons;
    for (const r of all<{ lost_reason: string | null }>("SELECT lost_reason FROM renewal_followups WHERE outcome = 'not_interested'"))
      expect(reasons).toContain(r.lost_reason);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM renewal_followups WHERE satisfaction IS NOT NULL').n).toBeGreaterThan(0);
    const renewed = all<{ member_id: number; date: string }>("SELECT member_id, date FROM renewal_followups WHERE outcome = 'renewed'");
    for (const f of renewed)
      expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM member_packs WHERE member_id = ? AND start_date = ?', f.member_id, f.date).n).toBeGreaterThan(0);
  });
});
