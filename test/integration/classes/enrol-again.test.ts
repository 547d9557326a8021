/**
 * Enrolment and its places, found by an independent probe (session 14): enrolling again after withdrawing (or after
 * a booking cancelled in time) gives the student their places; a withdrawn student's given-up place is not leave to
 * take back; a used-up lesson pack cannot pay for a class; a refused booking names the real reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { member, monthly, pack, sell } from '../desk/fixtures';
import { classesHost, classType, local, mathsWithPack, rules, weekly, withPack } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const sessionOn = async (date: string) => (await th!.host.invoke('classes.day', { date })).sessions[0]!;
const places = async (memberId: number) =>
  (await th!.host.invoke('classes.memberBookings', { memberId })).map((b) => [b.date, b.status, b.kind, b.enrolmentId]).sort();

describe('enrolment places', () => {
  it('enrolling again after withdrawing gives a place in every session still to come', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const { lessonPack, maths } = await mathsWithPack(h);
    const sched = await weekly(h, maths.id, { termEnd: '2027-03-27' });
    const { member: kid, packId } = await withPack(h, 'Kid', lessonPack.id);
    const first = await h.invoke('classes.enrol', { memberId: kid.id, scheduleId: sched.id, packId });
    await h.invoke('classes.withdraw', { enrolmentId: first.id });
    th.clock.setDate('2027-03-02');
    const again = await h.invoke('classes.enrol', { memberId: kid.id, scheduleId: sched.id, packId });
    expect(await places(kid.id)).toEqual(['2027-03-06', '2027-03-13', '2027-03-20', '2027-03-27'].map((d) => [d, 'booked', 'enrolment', again.id]));
    expect((await h.invoke('classes.lessons', { memberId: kid.id })).find((l) => l.enrolment.id === again.id)).toMatchObject({ upcoming: 4 });
  });

  it('a booking cancelled in time does not keep the student out of that session when they enrol; their own leave stays leave', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const { lessonPack, maths } = await mathsWithPack(h);
    const sched = await weekly(h, maths.id, { termEnd: '2027-03-20' });
    const { member: kid, packId } = await withPack(h, 'Kid', lessonPack.id);
    const [b] = await h.invoke('classes.book', { sessionId: (await sessionOn('2027-03-06')).id, memberIds: [kid.id] });
    await h.invoke('classes.cancelBooking', { bookingId: b!.id });
    const e = await h.invoke('classes.enrol', { memberId: kid.id, scheduleId: sched.id, packId });
    expect(await places(kid.id)).toEqual(['2027-03-06', '2027-03-13', '2027-03-20'].map((d) => [d, 'booked', 'enrolment', e.id]));
    // Leave on 03-13, then a term extended by a week: the leave is not given back as a place.
    const leave = (await h.invoke('classes.memberBookings', { memberId: kid.id })).find((x) => x.date === '2027-03-13')!;
    await h.invoke('classes.cancelBooking', { bookingId: leave.id });
    await h.invoke('classes.schedules.update', { id: sched.id, termEnd: '2027-03-27' });
    expect(await places(kid.id)).toEqual([
      ['2027-03-06', 'booked', 'enrolment', e.id],
      ['2027-03-13', 'cancelled', 'enrolment', e.id],
      ['2027-03-20', 'booked', 'enrolment', e.id],
      ['2027-03-27', 'booked', 'enrolment', e.id],
    ]);
  });

  it('a withdrawn student booking a lesson they gave up needs an entitlement like anyone, and books it as an ordinary booking', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const { lessonPack, maths } = await mathsWithPack(h);
    const sched = await weekly(h, maths.id, { termEnd: '2027-03-27' });
    const kid = await member(h, 'Kid');
    const sold = await h.invoke('packs.sell', { memberId: kid.id, planId: lessonPack.id });
    const e = await h.invoke('classes.enrol', { memberId: kid.id, scheduleId: sched.id, packId: sold.pack.id });
    await h.invoke('classes.withdraw', { enrolmentId: e.id });
    await h.invoke('invoices.void', { id: sold.invoices[0]!.id, reason: 'refund' });
    th.clock.set(local('2027-03-07', '10:00'));
    const s13 = await sessionOn('2027-03-13');
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('classes.book', { sessionId: s13.id, memberIds: [kid.id] }))).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT' });
    expect(databaseHash(h.db)).toBe(hash);
    // With a new pack: an ordinary booking, not the old enrolment's place back.
    await h.invoke('packs.sell', { memberId: kid.id, planId: lessonPack.id });
    expect((await h.invoke('classes.book', { sessionId: s13.id, memberIds: [kid.id] }))[0]).toMatchObject({ kind: 'booking', status: 'booked', enrolmentId: null });
  });
});

describe('what pays for a class', () => {
  it('a lesson pack without a lesson’s units left cannot pay for an enrolment (CLASS_PACK_INVALID), and changes nothing', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const three = await pack(h, { name: '3 课时', packSessions: 3, packValidDays: 180 });
    const maths = await classType(h, { name: '数学', units: 2, planIds: [three.id] });
    const sched = await weekly(h, maths.id, { termEnd: '2027-03-27' });
    const { member: kid, packId } = await withPack(h, 'Kid', three.id);
    // Two visits at the door use 2 of the 3: 1 left, a lesson takes 2.
    for (const d of ['2027-03-01', '2027-03-02']) {
      th.clock.setDate(d);
      await h.invoke('checkin.checkIn', { memberId: kid.id });
    }
    expect((await h.invoke('packs.listByMember', { memberId: kid.id }))[0]).toMatchObject({ sessionsUsed: 2 });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('classes.enrol', { memberId: kid.id, scheduleId: sched.id, packId }))).toMatchObject({ code: 'CLASS_PACK_INVALID' });
    expect(databaseHash(h.db)).toBe(hash);
  });

  it('a booking refused for want of the class’s units says so: no sessions left, or the visit quota used', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const one = await pack(h, { name: '1 session', packSessions: 1, packValidDays: 90 });
    const quota = await monthly(h, { name: 'One visit', sessionQuota: 1 });
    const big = await classType(h, { name: 'Double', units: 2 });
    await weekly(h, big.id, { termEnd: '2027-03-27' });
    const s = await sessionOn('2027-03-06');
    const { member: p } = await withPack(h, 'Pia', one.id);
    const q = await member(h, 'Quin');
    const sale = await sell(h, q.id, quota.id);
    await h.invoke('payments.record', { payerId: q.id, method: 'cash', amount: sale.invoices[0]!.total });
    expect(await failure(h.invoke('classes.book', { sessionId: s.id, memberIds: [p.id] }))).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT', details: { blocks: [{ code: 'no_sessions' }] } });
    expect(await failure(h.invoke('classes.book', { sessionId: s.id, memberIds: [q.id] }))).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT', details: { blocks: [{ code: 'quota_used', quota: 1 }] } });
  });
});

describe('booking again and moving a session', () => {
  it('a late cancellation that cost nothing (count rule) does not stop the member booking the session again', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const plan = await monthly(h);
    const type = await classType(h);
    await rules(h, type.id, { openDays: 14, cutoffHours: 12, lateCancelRule: 'count', noShowRule: 'count' });
    await weekly(h, type.id, { termEnd: '2027-03-27' });
    const ann = await member(h, 'Ann');
    const sale = await sell(h, ann.id, plan.id);
    await h.invoke('payments.record', { payerId: ann.id, method: 'cash', amount: sale.invoices[0]!.total });
    const s = await sessionOn('2027-03-06');
    const [b] = await h.invoke('classes.book', { sessionId: s.id, memberIds: [ann.id] });
    th.clock.set(local('2027-03-06', '07:00'));
    expect((await h.invoke('classes.cancelBooking', { bookingId: b!.id })).booking).toMatchObject({ status: 'late_cancelled', unitsUsed: 0, feeInvoiceId: null });
    expect((await h.invoke('classes.book', { sessionId: s.id, memberIds: [ann.id] }))[0]).toMatchObject({ id: b!.id, status: 'booked' });
  });

  it('a session cannot be moved to an hour already past today (DATE_OUT_OF_RANGE), and nothing changes', async () => {
    th = await classesHost('2027-03-01');
    const h = th.host;
    const type = await classType(h);
    await weekly(h, type.id, { weekdays: [3], termStart: '2027-03-03', termEnd: '2027-03-31', startTime: '18:00' });
    const s = await sessionOn('2027-03-03');
    th.clock.set(local('2027-03-03', '15:00'));
    await signInAs(h, 'manager');
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('classes.sessions.change', { sessionId: s.id, startTime: '08:00' }))).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'startTime' } });
    expect(databaseHash(h.db)).toBe(hash);
    expect((await h.invoke('classes.sessions.change', { sessionId: s.id, startTime: '19:30' })).session).toMatchObject({ startTime: '19:30' });
  });
});

