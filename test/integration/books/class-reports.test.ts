/**
 * The class and keep-members reports over a seeded business (test/support/class-reports-seed.ts). Every figure
 * is checked twice: against numbers worked out by hand from the story of the seed, and against the same figure
 * computed here from the raw rows (plain loops over the tables, not the report's queries).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, todayInZone } from '../../../shared/dates';
import { failure, makeHost, signInAs, type TestHost } from '../../support/host';
import { SEED_TODAY, seedClassReports } from '../../support/class-reports-seed';
import { SQL } from '../../../electron/db/repos/class-reports';

let th: TestHost;
const range = { from: '2026-03-01', to: '2026-05-04' };

beforeAll(async () => {
  th = await makeHost({ startDate: '2026-03-02', setup: true });
  await seedClassReports(th.host, th.clock);
}, 60_000);
afterAll(() => th.close());

type Row = Record<string, unknown>;
const all = (sql: string) => th.host.db.prepare(sql).all() as Row[];
const bp = (num: number, den: number) => (den === 0 ? null : Math.floor((num * 10_000) / den + 0.5));

/** Sessions held in [from, to] (every seeded session is in the past), from the raw tables. */
function heldFromRows(from: string, to: string) {
  const bookings = all('SELECT session_id, status FROM class_bookings');
  return all('SELECT * FROM class_sessions')
    .filter((s) => s['status'] === 'scheduled' && String(s['date']) >= from && String(s['date']) <= to && String(s['date']) < SEED_TODAY)
    .map((s) => {
      const mine = bookings.filter((b) => b['session_id'] === s['id']).map((b) => String(b['status']));
      const n = (...st: string[]) => mine.filter((x) => st.includes(x)).length;
      return {
        type: Number(s['class_type_id']),
        weekday: (dayOfWeek(String(s['date'])) + 6) % 7,
        start: String(s['start_time']),
        teacher: s['teacher_id'] as number | null,
        minutes: Number(s['minutes']),
        places: Number(s['capacity']),
        taken: n('booked', 'attended'),
        attended: n('attended'),
        noShows: n('no_show'),
        late: n('late_cancelled'),
      };
    });
}

describe('class fill and no-shows', () => {
  it('counts sessions held, places offered and taken, fill, attendance, no-shows and late cancels by class and by time slot', async () => {
    const r = await th.host.invoke('reports.classFill', range);
    // By hand: Yoga held 03-02, 03-09, 03-23, 03-31 (03-16 cancelled): places 12, taken 2+1+3+2 = 8, attended 2+1+3+0,
    // 1 no-show (Cai 03-02), 1 late cancel (Bo 03-09). Spin 03-04, 03-11, 03-18, 03-25: places 8, taken 2+0+0+1.
    expect(r.byType).toEqual([
      { classTypeId: expect.any(Number), name: 'Spin', colour: '#3366cc', sessions: 4, places: 8, taken: 3, fillBp: 3750, attended: 3, noShows: 1, lateCancels: 0 },
      { classTypeId: expect.any(Number), name: 'Yoga', colour: '#22aa66', sessions: 4, places: 12, taken: 8, fillBp: 6667, attended: 6, noShows: 1, lateCancels: 1 },
    ]);
    expect(r.bySlot).toEqual([
      { weekday: 0, startTime: '18:00', sessions: 3, places: 9, taken: 6, fillBp: 6667, attended: 6, noShows: 1, lateCancels: 1 },
      { weekday: 1, startTime: '19:00', sessions: 1, places: 3, taken: 2, fillBp: 6667, attended: 0, noShows: 0, lateCancels: 0 },
      { weekday: 2, startTime: '07:00', sessions: 4, places: 8, taken: 3, fillBp: 3750, attended: 3, noShows: 1, lateCancels: 0 },
    ]);
    expect(r.totals).toEqual({ sessions: 8, places: 20, taken: 11, fillBp: 5500, attended: 9, noShows: 2, lateCancels: 1 });

    // The same from the rows.
    const rows = heldFromRows(range.from, range.to);
    for (const t of r.byType) {
      const mine = rows.filter((x) => x.type === t.classTypeId);
      const places = mine.reduce((s, x) => s + x.places, 0);
      const taken = mine.reduce((s, x) => s + x.taken, 0);
      expect(t).toMatchObject({ sessions: mine.length, places, taken, fillBp: bp(taken, places), attended: mine.reduce((s, x) => s + x.attended, 0), noShows: mine.reduce((s, x) => s + x.noShows, 0), lateCancels: mine.reduce((s, x) => s + x.late, 0) });
    }
    for (const slot of r.bySlot) {
      const mine = rows.filter((x) => x.weekday === slot.weekday && x.start === slot.startTime);
      expect(slot.sessions).toBe(mine.length);
      expect(slot.taken).toBe(mine.reduce((s, x) => s + x.taken, 0));
    }
    expect(r.totals.sessions).toBe(rows.length);
  });

  it('leaves out a session later today that has not started, and counts it once it has', async () => {
    // Spin 03-25 07:00 seen from 06:59 and 07:00 that day, on a copy of the range ending that day.
    const at = async (hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number) as [number, number];
      th.clock.set(new Date(Date.UTC(2026, 2, 25, h - 8, m)).toISOString());
      return (await th.host.invoke('reports.classFill', { from: '2026-03-25', to: '2026-03-25' })).totals.sessions;
    };
    expect(await at('06:59')).toBe(0);
    expect(await at('07:00')).toBe(1);
    th.clock.set(new Date(Date.UTC(2026, 4, 4, 1, 0)).toISOString());
  });
});

describe('teachers', () => {
  it("counts each teacher's sessions held, minutes and attendances, a substitute for the session they taught", async () => {
    const r = await th.host.invoke('reports.teachers', range);
    // Lin: yoga 03-02, 03-09, 03-31 = 180 min. Wang: spin ×4 (45 min) + yoga 03-23 (substitute) = 240 min.
    expect(r.teachers.map(({ teacherId: _, ...x }) => x)).toEqual([
      { name: 'Lin', sessions: 3, minutes: 180, attended: 3, noShows: 1 },
      { name: 'Wang', sessions: 5, minutes: 240, attended: 6, noShows: 1 },
    ]);
    expect(r.months.map((x) => [x.name, x.month, x.start, x.end, x.sessions, x.minutes])).toEqual([
      ['Lin', '2026-03', '2026-03-01', '2026-03-31', 3, 180],
      ['Wang', '2026-03', '2026-03-01', '2026-03-31', 5, 240],
    ]);
    expect(r.totals).toEqual({ sessions: 8, minutes: 420, attended: 9, noShows: 2 });
    const rows = heldFromRows(range.from, range.to);
    for (const t of r.teachers) {
      const mine = rows.filter((x) => x.teacher === t.teacherId);
      expect([t.sessions, t.minutes, t.attended]).toEqual([mine.length, mine.reduce((s, x) => s + x.minutes, 0), mine.reduce((s, x) => s + x.attended, 0)]);
    }
  });

  it('gives one month alone for pay', async () => {
    const r = await th.host.invoke('reports.teachers', { from: '2026-04-01', to: '2026-04-30' });
    expect(r.teachers).toEqual([]);
    expect(r.totals).toEqual({ sessions: 0, minutes: 0, attended: 0, noShows: 0 });
  });
});

describe('renewal rate', () => {
  it('counts members whose membership ended in each month and those who started another within 30 days', async () => {
    const r = await th.host.invoke('reports.renewalRate', range);
    expect(r.graceDays).toBe(30);
    // March: Eve 03-10, Fay 03-12 (again 03-25), Gus 03-20 (again 04-15), Ivy 03-25. April: Hal and Jo 04-02
    // (Jo again 04-20), Kay 04-08 (grace to 05-08: still deciding on 05-04).
    expect(r.rows.map(({ month, ended, renewed, pending, lost, rateBp }) => ({ month, ended, renewed, pending, lost, rateBp }))).toEqual([
      { month: '2026-03', ended: 4, renewed: 2, pending: 0, lost: 2, rateBp: 5000 },
      { month: '2026-04', ended: 3, renewed: 1, pending: 1, lost: 1, rateBp: 3333 },
      { month: '2026-05', ended: 0, renewed: 0, pending: 0, lost: 0, rateBp: null },
    ]);
    expect(r.totals).toEqual({ ended: 7, renewed: 3, pending: 1, lost: 3, rateBp: 4286 });

    // From the rows: each month's members with an end in it; renewed when another membership starts after it
    // started and at most 30 days after its end.
    const subs = all('SELECT id, member_id, start_date, end_date FROM subscriptions');
    for (const row of r.rows) {
      const ended = subs.filter((x) => x['end_date'] !== null && String(x['end_date']).startsWith(row.month) && String(x['end_date']) > String(x['start_date']));
      const members = new Set(ended.map((x) => x['member_id']));
      const renewed = [...members].filter((m) =>
        ended.some((e) => e['member_id'] === m && subs.some((o) => o['member_id'] === m && o['id'] !== e['id'] && String(o['start_date']) > String(e['start_date']) && String(o['start_date']) <= addDays(String(e['end_date']), 30))),
      );
      expect([row.ended, row.renewed]).toEqual([members.size, renewed.length]);
    }
  });
});

describe('churn by reason', () => {
  it('groups the desk cancellations whose service ended in the dates by the reason picked, none given apart', async () => {
    const r = await th.host.invoke('reports.churnReasons', range);
    expect(r.rows).toEqual([
      { reason: 'Moved away', cancellations: 2, shareBp: 2857 },
      { reason: 'No time', cancellations: 2, shareBp: 2857 },
      { reason: 'Too expensive', cancellations: 2, shareBp: 2857 },
      { reason: null, cancellations: 1, shareBp: 1429 },
    ]);
    expect(r.total).toBe(7);
    const march = await th.host.invoke('reports.churnReasons', { from: '2026-03-01', to: '2026-03-31' });
    expect(march.rows.map((x) => [x.reason, x.cancellations])).toEqual([['Too expensive', 2], ['Moved away', 1], [null, 1]]);
    // From the rows.
    const counts = new Map<unknown, number>();
    for (const x of all('SELECT cancel_reason, end_date, cancel_at_period_end FROM subscriptions')) {
      if (x['cancel_at_period_end'] === 1 && String(x['end_date']) >= range.from && String(x['end_date']) <= range.to) counts.set(x['cancel_reason'], (counts.get(x['cancel_reason']) ?? 0) + 1);
    }
    expect(new Map(r.rows.map((x) => [x.reason, x.cancellations]))).toEqual(counts);
  });
});

describe('follow-ups', () => {
  it('counts items worked by reason and by staff, their last outcome, and those followed by a purchase within 30 days', async () => {
    const r = await th.host.invoke('reports.followUps', range);
    const z = { reached: 0, no_answer: 0, will_renew: 0, renewed: 0, not_interested: 0 };
    expect(r.windowDays).toBe(30);
    expect(r.byReason).toEqual([
      { reason: 'membership_ending', items: 3, outcomes: { ...z, reached: 1, will_renew: 1, not_interested: 1 }, renewed: 1, renewedBp: 3333 },
      { reason: 'pack_low', items: 1, outcomes: { ...z, no_answer: 1 }, renewed: 0, renewedBp: 0 },
      { reason: 'no_visit', items: 1, outcomes: { ...z, reached: 1 }, renewed: 1, renewedBp: 10000 },
    ]);
    expect(r.byStaff).toEqual([
      { staffName: 'Desk', items: 3, outcomes: { ...z, will_renew: 1, reached: 1, no_answer: 1 }, renewed: 2, renewedBp: 6667 },
      { staffName: 'Owner', items: 2, outcomes: { ...z, reached: 1, not_interested: 1 }, renewed: 0, renewedBp: 0 },
    ]);
    expect(r.totals).toEqual({ items: 5, outcomes: { ...z, reached: 2, no_answer: 1, will_renew: 1, not_interested: 1 }, renewed: 2, renewedBp: 4000 });

    // From the rows: items by (member, reason, day), the last row wins; a membership or pack bought that day or up to 30 days after.
    const items = new Map<string, Row>();
    for (const f of all('SELECT * FROM renewal_followups ORDER BY id')) items.set(`${f['member_id']}|${f['reason']}|${f['date']}`, f);
    const bought = [...all('SELECT member_id, created_at FROM subscriptions'), ...all('SELECT mp.member_id, mp.created_at FROM member_packs mp, plans p WHERE p.id = mp.plan_id AND p.single_visit = 0')].map((x) => ({
      member: x['member_id'],
      day: todayInZone(new Date(String(x['created_at'])), 'Asia/Shanghai'),
    }));
    const led = [...items.values()].filter((i) => bought.some((b) => b.member === i['member_id'] && b.day >= String(i['date']) && b.day <= addDays(String(i['date']), 30)));
    expect(r.totals.items).toBe(items.size);
    expect(r.totals.renewed).toBe(led.length);
  });
});

describe('exports', () => {
  it('writes each report as CSV and Excel with the figures on screen', async () => {
    const csv = async (report: 'classFill' | 'teachers' | 'renewalRate' | 'churnReasons' | 'followUps', locale: 'en' | 'zh-CN' = 'en') =>
      (await th.host.invoke('exports.report', { report, ...range, locale })).content.split('\r\n');
    expect((await csv('classFill'))[0]).toBe('\uFEFFGrouped by,Class / Time slot,Sessions held,Places offered,Places taken,Fill %,Attended,No-shows,Late cancels');
    expect(await csv('classFill')).toContain('Class,Yoga,4,12,8,66.67,6,1,1');
    expect(await csv('classFill')).toContain('Time slot,Tuesday 19:00,1,3,2,66.67,0,0,0');
    expect(await csv('classFill')).toContain('Total,,8,20,11,55.00,9,2,1');
    expect(await csv('teachers')).toContain('Wang,2026-03,2026-03-01,2026-03-31,5,240,4,6,1');
    expect(await csv('teachers')).toContain('Lin,Total,2026-03-01,2026-05-04,3,180,3,3,1');
    expect(await csv('renewalRate')).toContain('2026-04,2026-04-01,2026-04-30,3,1,1,1,33.33');
    expect(await csv('churnReasons')).toContain('No reason given,1,14.29');
    expect((await csv('churnReasons', 'zh-CN'))).toContain('未说明原因,1,14.29');
    expect(await csv('followUps')).toContain('Why on the list,Membership ending,3,1,0,1,0,1,1,33.33');
    expect(await csv('followUps', 'zh-CN')).toContain('经办人,Desk,3,1,1,1,0,0,2,66.67');
    const xlsx = await th.host.invoke('exports.report', { report: 'teachers', ...range, format: 'xlsx' });
    expect(xlsx.fileName).toBe('teachers-hours-2026-03-01_2026-05-04.xlsx');
    expect(Buffer.from(xlsx.content, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('bad input and access', () => {
  it('refuses a reversed range, a bad date and extra fields, and the desk', async () => {
    expect(await failure(th.host.invoke('reports.classFill', { from: '2026-04-01', to: '2026-03-01' }))).toMatchObject({ code: 'VALIDATION', details: { issues: [{ message: 'date_range', path: 'to' }] } });
    expect(await failure(th.host.invoke('reports.teachers', { from: '2026-02-30', to: '2026-03-01' }))).toMatchObject({ code: 'VALIDATION' });
    expect(await failure(th.host.invoke('reports.renewalRate', { from: '2000-01-01', to: '2026-03-01' }))).toMatchObject({ code: 'VALIDATION', details: { issues: [{ message: 'out_of_range', path: 'from' }] } });
    expect(await failure(th.host.invoke('reports.followUps', { ...range, staff: 'Desk' } as never))).toMatchObject({ code: 'VALIDATION' });
    expect(await failure(th.host.invoke('exports.report', { report: 'nope', ...range } as never))).toMatchObject({ code: 'VALIDATION', details: { issues: [{ message: 'invalid_choice', path: 'report' }] } });
    await signInAs(th.host, 'desk');
    try {
      expect(await failure(th.host.invoke('reports.churnReasons', range))).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await signInAs(th.host, 'owner');
    }
  });

  it('answers an empty report for dates after today', async () => {
    const r = await th.host.invoke('reports.classFill', { from: '2026-06-01', to: '2026-06-30' });
    expect(r.totals.sessions).toBe(0);
    expect((await th.host.invoke('reports.renewalRate', { from: '2026-06-01', to: '2026-06-30' })).rows).toEqual([]);
  });
});

describe('speed', () => {
  it('reads every table through an index: sessions by date, subscriptions by end date and member, follow-ups by date, bookings, packs and memberships by session or member', async () => {
    const scans: string[] = [];
    for (const [name, sql] of Object.entries(SQL)) {
      const plan = th.host.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: '2026-03-01', to: '2026-05-04', today: SEED_TODAY, now: '09:00', grace: '+30 days', since: '2026-02-28T00:00:00.000Z' }) as { detail: string }[];
      for (const step of plan) if (/^SCAN (?!who\b)/.test(step.detail)) scans.push(`${name}: ${step.detail}`);
    }
    expect(scans).toEqual([]);
  });
});
