/**
 * Tutoring enrolment (班级 / 课时), Kill Bill style: a 48-课时 pack in a Saturday class over a term
 * with two holidays, one leave in time, one late leave and one make-up; the lessons left are
 * computed by hand below and checked exactly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { member, pack } from '../desk/fixtures';
import { classesHost, classType, local, mathsWithPack, weekly } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01'); // Monday
});
afterEach(() => th.close());

async function sessionsOf(host: Host, scheduleId: number, dates: string[]) {
  const out = [];
  for (const d of dates)
    out.push(
      ...(await host.invoke('classes.day', { date: d })).sessions.filter(
        (s) => s.scheduleId === scheduleId,
      ),
    );
  return out;
}

const SATURDAYS = [
  '03-06',
  '03-13',
  '03-20',
  '03-27',
  '04-03',
  '04-10',
  '04-17',
  '04-24',
  '05-01',
  '05-08',
  '05-15',
  '05-22',
  '05-29',
  '06-05',
  '06-12',
  '06-19',
  '06-26',
].map((d) => `2027-${d}`);

describe('tutoring lessons (课时)', () => {
  it('48 课时 over a Saturday term: two holidays, a leave in time, a late leave and a make-up leave 18', async () => {
    const { host, clock } = th;
    // A 数学 lesson is 2 课时; leave within 24 hours of the start is deducted.
    const { lessonPack, maths } = await mathsWithPack(host);
    const saturday = await weekly(host, maths.id, {
      name: '周六数学A班',
      holidays: ['2027-04-03', '2027-05-01'],
    });
    // The other class, where the make-up is taken: its own lessons are 1 课时, but a make-up uses what the missed lesson would have.
    const review = await classType(host, { name: '数学复习', units: 1, capacity: 12 });
    const sunday = await weekly(host, review.id, {
      name: '周日复习班',
      weekdays: [0],
      startTime: '10:00',
      termStart: '2027-03-07',
      termEnd: '2027-06-27',
    });
    expect(saturday.sessions).toBe(15); // 17 Saturdays, less 清明 04-03 and 劳动节 05-01

    const xm = await member(host, '王小明');
    const sold = await host.invoke('packs.sell', { memberId: xm.id, planId: lessonPack.id });
    const enrolment = await host.invoke('classes.enrol', {
      memberId: xm.id,
      scheduleId: saturday.id,
      packId: sold.pack.id,
    });
    expect(enrolment).toMatchObject({
      status: 'active',
      startDate: '2027-03-01',
      scheduleName: '周六数学A班',
    });
    const lessons = await sessionsOf(host, saturday.id, SATURDAYS);
    expect(lessons).toHaveLength(15);
    const roll = async (date: string) =>
      (await host.invoke('classes.memberBookings', { memberId: xm.id, from: '2027-03-01' })).find(
        (b) => b.date === date,
      )!;

    // Leave for 03-20, taken on Thursday 03-18 (48 hours before): kept, nothing used; a make-up on Sunday 03-28.
    clock.set(local('2027-03-18', '09:00'));
    const leave = await host.invoke('classes.cancelBooking', {
      bookingId: (await roll('2027-03-20')).id,
    });
    expect(leave.booking).toMatchObject({ kind: 'enrolment', status: 'cancelled', unitsUsed: 0 });
    const makeUpSession = (await sessionsOf(host, sunday.id, ['2027-03-28']))[0]!;
    const makeUp = await host.invoke('classes.makeUp', {
      bookingId: leave.booking.id,
      sessionId: makeUpSession.id,
    });
    expect(makeUp).toMatchObject({
      kind: 'makeup',
      status: 'booked',
      makeupFor: leave.booking.id,
      packId: sold.pack.id,
    });
    expect(
      await failure(
        host.invoke('classes.makeUp', { bookingId: leave.booking.id, sessionId: makeUpSession.id }),
      ),
    ).toMatchObject({ code: 'CLASS_MAKEUP_NOT_ALLOWED' });

    // Leave for 04-17 asked at 08:00 that morning, inside the 24-hour cut-off: deducted (2 课时).
    clock.set(local('2027-04-17', '08:00'));
    const late = await host.invoke('classes.cancelBooking', {
      bookingId: (await roll('2027-04-17')).id,
    });
    expect(late.booking).toMatchObject({
      status: 'late_cancelled',
      unitsUsed: 2,
      packId: sold.pack.id,
    });
    expect(
      await failure(
        host.invoke('classes.makeUp', { bookingId: late.booking.id, sessionId: makeUpSession.id }),
      ),
    ).toMatchObject({ code: 'CLASS_MAKEUP_NOT_ALLOWED' });

    // Every lesson he is booked into, he attends (the roll is taken at 09:30), and the make-up at 10:30 on 03-28.
    for (const s of [...lessons, makeUpSession].sort((a, b) => a.date.localeCompare(b.date))) {
      clock.set(local(s.date, s.scheduleId === sunday.id ? '10:30' : '09:30'));
      const b = await roll(s.date);
      if (b.status === 'booked')
        expect(
          (await host.invoke('classes.mark', { bookingId: b.id, present: true })).unitsUsed,
        ).toBe(2);
    }

    // By hand: 15 lessons − 2 leaves = 13 attended × 2 = 26; the late leave 2; the make-up 2 → 30 used; 48 − 30 = 18.
    clock.setDate('2027-06-28');
    const [balance] = await host.invoke('classes.lessons', { memberId: xm.id });
    expect(balance).toMatchObject({
      packTotal: 48,
      packUsed: 30,
      packLeft: 18,
      attended: 13,
      leave: 1,
      lateLeave: 1,
      noShow: 0,
      makeUps: 1,
      upcoming: 0,
    });
    expect((await host.invoke('packs.listByMember', { memberId: xm.id }))[0]).toMatchObject({
      sessionsTotal: 48,
      sessionsUsed: 30,
    });
  });

  it('refuses an enrolment with a pack that is not theirs, twice in one class, or in a full class, changing nothing', async () => {
    const { host } = th;
    const lessonPack = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const maths = await classType(host, { name: '数学', units: 2, planIds: [lessonPack.id] });
    const s = await weekly(host, maths.id, { capacity: 1 });
    const a = await member(host, 'A');
    const b = await member(host, 'B');
    const pa = (await host.invoke('packs.sell', { memberId: a.id, planId: lessonPack.id })).pack;
    const pb = (await host.invoke('packs.sell', { memberId: b.id, planId: lessonPack.id })).pack;
    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(
        host.invoke('classes.enrol', { memberId: a.id, scheduleId: s.id, packId: pb.id }),
      ),
    ).toMatchObject({ code: 'CLASS_PACK_INVALID' });
    expect(
      await failure(
        host.invoke('classes.enrol', {
          memberId: a.id,
          scheduleId: s.id,
          packId: pa.id,
          startDate: '2027-07-01',
        }),
      ),
    ).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);
    await host.invoke('classes.enrol', { memberId: a.id, scheduleId: s.id, packId: pa.id });
    const enrolled = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(
        host.invoke('classes.enrol', { memberId: a.id, scheduleId: s.id, packId: pa.id }),
      ),
    ).toMatchObject({ code: 'CLASS_ALREADY_ENROLLED' });
    expect(
      await failure(
        host.invoke('classes.enrol', { memberId: b.id, scheduleId: s.id, packId: pb.id }),
      ),
    ).toMatchObject({ code: 'CLASS_FULL' });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(enrolled);
  });

  it('withdrawing gives up the places still to come and promotes the waitlist', async () => {
    const { host, clock } = th;
    const lessonPack = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const maths = await classType(host, { name: '数学', planIds: [lessonPack.id] });
    const s = await weekly(host, maths.id, { capacity: 1, termEnd: '2027-03-13' });
    const a = await member(host, 'A');
    const b = await member(host, 'B');
    const pa = (await host.invoke('packs.sell', { memberId: a.id, planId: lessonPack.id })).pack;
    await host.invoke('packs.sell', { memberId: b.id, planId: lessonPack.id });
    const e = await host.invoke('classes.enrol', {
      memberId: a.id,
      scheduleId: s.id,
      packId: pa.id,
    });
    const first = (await host.invoke('classes.day', { date: '2027-03-06' })).sessions[0]!;
    const [wait] = await host.invoke('classes.book', {
      sessionId: first.id,
      memberIds: [b.id],
      waitlist: true,
    });
    expect(wait!.status).toBe('waitlisted');
    clock.setDate('2027-03-02');
    expect(await host.invoke('classes.withdraw', { enrolmentId: e.id })).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: '2027-03-02',
    });
    const rollCall = await host.invoke('classes.session', { sessionId: first.id });
    expect(rollCall.bookings.map((x) => [x.memberName, x.kind, x.status])).toEqual([
      ['B', 'booking', 'booked'],
      ['A', 'enrolment', 'cancelled'],
    ]);
    expect((await host.invoke('classes.schedules.list', {}))[0]).toMatchObject({
      enrolled: 0,
      sessions: 2,
    });
  });

  it('takes back a leave when the student comes after all, unless a make-up is booked for it', async () => {
    const { host, clock } = th;
    const lessonPack = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const maths = await classType(host, { name: '数学', units: 2, planIds: [lessonPack.id] });
    const s = await weekly(host, maths.id, { termEnd: '2027-03-13' });
    const a = await member(host, 'A');
    const pa = (await host.invoke('packs.sell', { memberId: a.id, planId: lessonPack.id })).pack;
    await host.invoke('classes.enrol', { memberId: a.id, scheduleId: s.id, packId: pa.id });
    const [first, second] = [
      (await host.invoke('classes.day', { date: '2027-03-06' })).sessions[0]!,
      (await host.invoke('classes.day', { date: '2027-03-13' })).sessions[0]!,
    ];
    const lesson = (await host.invoke('classes.session', { sessionId: first.id })).bookings[0]!;
    await host.invoke('classes.cancelBooking', { bookingId: lesson.id });
    const [back] = await host.invoke('classes.book', { sessionId: first.id, memberIds: [a.id] });
    expect(back).toMatchObject({
      id: lesson.id,
      kind: 'enrolment',
      status: 'booked',
      packId: pa.id,
    });
    expect((await host.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({
      leave: 0,
      upcoming: 2,
    });
    // On leave again, with a make-up in the next lesson's session: booking the first again is refused.
    clock.setDate('2027-03-02');
    await host.invoke('classes.cancelBooking', { bookingId: lesson.id });
    const other = await weekly(host, maths.id, {
      name: 'Sunday',
      weekdays: [0],
      termStart: '2027-03-07',
      termEnd: '2027-03-07',
    });
    const sunday = (await host.invoke('classes.day', { date: '2027-03-07' })).sessions.find(
      (x) => x.scheduleId === other.id,
    )!;
    await host.invoke('classes.makeUp', { bookingId: lesson.id, sessionId: sunday.id });
    expect(
      await failure(host.invoke('classes.book', { sessionId: first.id, memberIds: [a.id] })),
    ).toMatchObject({ code: 'CLASS_BOOKING_STATE' });
    clock.setDate('2027-03-06');
    expect(
      await failure(host.invoke('classes.walkIn', { sessionId: first.id, memberId: a.id })),
    ).toMatchObject({ code: 'CLASS_BOOKING_STATE' });
    // On leave for 03-13 too, but he walks in on the day: the lesson is taken back and the pack pays 2 课时.
    const lesson13 = (await host.invoke('classes.session', { sessionId: second.id })).bookings[0]!;
    await host.invoke('classes.cancelBooking', { bookingId: lesson13.id });
    clock.setDate('2027-03-13');
    expect(
      await host.invoke('classes.walkIn', { sessionId: second.id, memberId: a.id }),
    ).toMatchObject({
      id: lesson13.id,
      kind: 'enrolment',
      status: 'attended',
      unitsUsed: 2,
      packId: pa.id,
    });
  });

  it('a lesson the centre cancelled (a holiday added, a session cancelled) is owed, not leave: made up from the same pack', async () => {
    const { host, clock } = th;
    const lessonPack = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const maths = await classType(host, { name: '数学', units: 2, planIds: [lessonPack.id] });
    const sched = await weekly(host, maths.id, { termEnd: '2027-03-20' });
    const a = await member(host, 'A');
    const pa = (await host.invoke('packs.sell', { memberId: a.id, planId: lessonPack.id })).pack;
    await host.invoke('classes.enrol', { memberId: a.id, scheduleId: sched.id, packId: pa.id });
    const [s13, s20] = await sessionsOf(host, sched.id, ['2027-03-13', '2027-03-20']);
    await host.invoke('classes.schedules.update', { id: sched.id, holidays: ['2027-03-13'] });
    await host.invoke('classes.sessions.cancel', { sessionId: s20!.id, reason: 'Teacher ill' });

    expect((await host.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({
      packUsed: 0,
      packLeft: 48,
      attended: 0,
      leave: 0,
      lateLeave: 0,
      noShow: 0,
      centreCancelled: 2,
      makeUps: 0,
      upcoming: 1,
    });
    const ahead = await host.invoke('classes.memberBookings', { memberId: a.id });
    expect(ahead.map((b) => [b.date, b.status, b.sessionCancelled, b.unitsUsed])).toEqual([
      ['2027-03-06', 'booked', false, 0],
      ['2027-03-13', 'cancelled', true, 0],
      ['2027-03-20', 'cancelled', true, 0],
    ]);
    // The place cannot be taken back (the session is off); the lesson is made up in another class.
    const held = ahead[1]!;
    expect(
      await failure(host.invoke('classes.book', { sessionId: s13!.id, memberIds: [a.id] })),
    ).toMatchObject({ code: 'CLASS_CANCELLED' });
    const other = await weekly(host, maths.id, {
      name: 'Sunday',
      weekdays: [0],
      termStart: '2027-03-14',
      termEnd: '2027-03-14',
    });
    const [sunday] = await sessionsOf(host, other.id, ['2027-03-14']);
    const mk = await host.invoke('classes.makeUp', { bookingId: held.id, sessionId: sunday!.id });
    expect(mk).toMatchObject({
      kind: 'makeup',
      status: 'booked',
      makeupFor: held.id,
      packId: pa.id,
    });
    clock.set(local('2027-03-14', '09:10'));
    expect(await host.invoke('classes.mark', { bookingId: mk.id, present: true })).toMatchObject({
      status: 'attended',
      unitsUsed: 2,
      packId: pa.id,
    });
    expect((await host.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({
      packUsed: 2,
      packLeft: 46,
      leave: 0,
      centreCancelled: 2,
      makeUps: 1,
      upcoming: 0,
    });
  });
});
