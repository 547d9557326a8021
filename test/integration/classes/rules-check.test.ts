/**
 * An independent check of the classes rules: places never above capacity whatever the order of
 * marks and walk-ins, enrolment into a session already full, a make-up only for a lesson missed
 * with leave, the booking window and the cut-off at the exact minute, a no-show fee charged once,
 * an undo refused once the fee is paid, a household booked all or none, and who may call what.
 * Session: Saturday 2027-03-06 09:00 (Asia/Shanghai); the clock starts Monday 2027-03-01 09:00.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import type { ClassSession } from '../../../electron/contract';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { member, monthly, pack, sell } from '../desk/fixtures';
import { as, classesHost, classType, local, rules, weekly, withPack } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01');
});
afterEach(() => th.close());

async function sessionOn(host: Host, date: string, scheduleId?: number): Promise<ClassSession> {
  const all = (await host.invoke('classes.day', { date })).sessions;
  return (scheduleId === undefined ? all : all.filter((s) => s.scheduleId === scheduleId))[0]!;
}

const taken = async (host: Host, sessionId: number) =>
  (await host.invoke('classes.session', { sessionId })).session.booked;

const unchanged = (host: Host) => databaseHash(host.db, { ignoreSignIns: true });

describe('places never above capacity', () => {
  it('refuses to turn a no-show into present (or undo it) when a walk-in took the place', async () => {
    const { host, clock } = th;
    const plan = await pack(host);
    const type = await classType(host, { capacity: 2 });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const a = await withPack(host, 'Ann', plan.id);
    const b = await withPack(host, 'Bo', plan.id);
    const c = await withPack(host, 'Cai', plan.id);
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] });
    await host.invoke('classes.book', { sessionId: s.id, memberIds: [b.member.id] });
    clock.set(local('2027-03-06', '09:10'));
    await host.invoke('classes.mark', { bookingId: ba!.id, present: false });
    expect(await taken(host, s.id)).toBe(1);
    await host.invoke('classes.walkIn', { sessionId: s.id, memberId: c.member.id });
    expect(await taken(host, s.id)).toBe(2);

    const before = unchanged(host);
    expect(
      await failure(host.invoke('classes.mark', { bookingId: ba!.id, present: true })),
    ).toMatchObject({ code: 'CLASS_FULL', details: { sessionId: s.id, capacity: 2 } });
    expect(await failure(host.invoke('classes.undoMark', { bookingId: ba!.id }))).toMatchObject({
      code: 'CLASS_FULL',
    });
    expect(unchanged(host)).toBe(before);
    expect(await taken(host, s.id)).toBe(2);
  });

  it('refuses an enrolment while one of its sessions is already full of drop-ins, changing nothing', async () => {
    const { host, clock } = th;
    const plan = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const type = await classType(host, { capacity: 2 });
    const sched = await weekly(host, type.id, { termEnd: '2027-03-20' });
    const s13 = await sessionOn(host, '2027-03-13');
    const a = await withPack(host, 'Ann', plan.id);
    const b = await withPack(host, 'Bo', plan.id);
    const student = await withPack(host, 'Dee', plan.id);
    clock.set(local('2027-03-06', '10:00'));
    await host.invoke('classes.book', { sessionId: s13.id, memberIds: [a.member.id, b.member.id] });
    const before = unchanged(host);
    expect(
      await failure(
        host.invoke('classes.enrol', {
          memberId: student.member.id,
          scheduleId: sched.id,
          packId: student.packId,
        }),
      ),
    ).toMatchObject({ code: 'CLASS_FULL', details: { sessionId: s13.id, capacity: 2 } });
    expect(unchanged(host)).toBe(before);
    expect(await taken(host, s13.id)).toBe(2);
  });
});

describe('make-up (补课)', () => {
  it('is refused for a lesson given up by withdrawing from the class', async () => {
    const { host } = th;
    const plan = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const type = await classType(host, { capacity: 5, planIds: [plan.id] });
    const sched = await weekly(host, type.id, { termEnd: '2027-03-20' });
    const other = await weekly(host, type.id, {
      name: 'Sunday',
      weekdays: [0],
      termStart: '2027-03-07',
      termEnd: '2027-03-21',
    });
    const student = await withPack(host, 'Dee', plan.id);
    const e = await host.invoke('classes.enrol', {
      memberId: student.member.id,
      scheduleId: sched.id,
      packId: student.packId,
    });
    await host.invoke('classes.withdraw', { enrolmentId: e.id });
    const s13 = await sessionOn(host, '2027-03-13', sched.id);
    const given = (await host.invoke('classes.session', { sessionId: s13.id })).bookings.find(
      (x) => x.memberId === student.member.id,
    )!;
    expect(given.status).toBe('cancelled');
    const sunday = await sessionOn(host, '2027-03-14', other.id);
    const before = unchanged(host);
    expect(
      await failure(host.invoke('classes.makeUp', { bookingId: given.id, sessionId: sunday.id })),
    ).toMatchObject({ code: 'CLASS_MAKEUP_NOT_ALLOWED' });
    expect(unchanged(host)).toBe(before);
  });
});

describe('window and cut-off at the minute (Asia/Shanghai)', () => {
  it('opens at midnight openDays before, closes at the start minute', async () => {
    const { host, clock } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await rules(host, type.id, { openDays: 2 });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const a = await withPack(host, 'Ann', plan.id);
    const b = await withPack(host, 'Bo', plan.id);
    clock.set(local('2027-03-03', '23:59'));
    expect(
      await failure(host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] })),
    ).toMatchObject({ code: 'CLASS_OUTSIDE_WINDOW', details: { opensOn: '2027-03-04' } });
    clock.set(local('2027-03-04', '00:00'));
    expect(
      (await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] }))[0]!.status,
    ).toBe('booked');
    clock.set(local('2027-03-06', '08:59'));
    expect(
      (await host.invoke('classes.book', { sessionId: s.id, memberIds: [b.member.id] }))[0]!.status,
    ).toBe('booked');
    const c = await withPack(host, 'Cai', plan.id);
    clock.set(local('2027-03-06', '09:00'));
    expect(
      await failure(host.invoke('classes.book', { sessionId: s.id, memberIds: [c.member.id] })),
    ).toMatchObject({ code: 'CLASS_OUTSIDE_WINDOW' });
  });

  it('a cancellation exactly at the cut-off is free, one minute later it is late and charged', async () => {
    const { host, clock } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await rules(host, type.id, { cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 2500 });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const a = await withPack(host, 'Ann', plan.id);
    const b = await withPack(host, 'Bo', plan.id);
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] });
    const [bb] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [b.member.id] });
    clock.set(local('2027-03-05', '21:00'));
    const free = await host.invoke('classes.cancelBooking', { bookingId: ba!.id });
    expect(free.booking).toMatchObject({ status: 'cancelled', feeInvoiceId: null });
    clock.set(local('2027-03-05', '21:01'));
    const late = await host.invoke('classes.cancelBooking', { bookingId: bb!.id });
    expect(late.booking.status).toBe('late_cancelled');
    const inv = await host.invoke('invoices.get', { id: late.booking.feeInvoiceId! });
    expect(inv.total).toBe(2500);
  });
});

describe('no-show fee', () => {
  it('is charged once through absent, close roll, close again; an undo of a paid fee is refused', async () => {
    const { host, clock } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await rules(host, type.id, { noShowRule: 'fee', noShowFee: 3000 });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const a = await withPack(host, 'Ann', plan.id);
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] });
    clock.set(local('2027-03-06', '10:05'));
    const invoicesBefore = (await host.invoke('invoices.list', {})).total;
    const absent = await host.invoke('classes.mark', { bookingId: ba!.id, present: false });
    await host.invoke('classes.mark', { bookingId: ba!.id, present: false });
    const first = await host.invoke('classes.closeRoll', { sessionId: s.id });
    const second = await host.invoke('classes.closeRoll', { sessionId: s.id });
    expect(first).toEqual({ noShows: [], feeInvoiceIds: [] });
    expect(second).toEqual({ noShows: [], feeInvoiceIds: [] });
    expect((await host.invoke('invoices.list', {})).total).toBe(invoicesBefore + 1);

    const due = (await host.invoke('payments.payer', { memberId: a.member.id })).due;
    await host.invoke('payments.record', { payerId: a.member.id, method: 'cash', amount: due });
    expect((await host.invoke('invoices.get', { id: absent.feeInvoiceId! })).status).toBe('paid');
    const before = unchanged(host);
    const err = await failure(host.invoke('classes.undoMark', { bookingId: ba!.id }));
    expect(err.code).toMatch(/^INVOICE_/);
    expect(unchanged(host)).toBe(before);
  });
});

describe('entitlement on the session date and households', () => {
  it('a membership starting after the session refuses; a household is booked all or none', async () => {
    const { host } = th;
    const plan = await pack(host);
    const month = await monthly(host);
    const type = await classType(host);
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const later = await member(host, 'Later');
    await sell(host, later.id, month.id, '2027-03-07');
    expect(
      await failure(host.invoke('classes.book', { sessionId: s.id, memberIds: [later.id] })),
    ).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT', details: { date: '2027-03-06' } });

    const payer = await member(host, 'Parent');
    const kid1 = await withPack(host, 'Kid one', plan.id, payer.id);
    const kid2 = await member(host, 'Kid two', { payerId: payer.id });
    const before = unchanged(host);
    expect(
      await failure(
        host.invoke('classes.book', {
          sessionId: s.id,
          memberIds: [kid1.member.id, kid2.id],
          payerId: payer.id,
        }),
      ),
    ).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT', details: { memberId: kid2.id } });
    expect(unchanged(host)).toBe(before);
  });
});

describe('access', () => {
  it('desk books but cannot edit the timetable or the rules; manager cannot set rules', async () => {
    const { host } = th;
    const type = await classType(host);
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await sessionOn(host, '2027-03-06');
    const types = await host.invoke('classes.types.list', {});
    const week = await host.invoke('classes.week', { date: '2027-03-06' });
    await as(host, 'desk', async () => {
      for (const [ch, input] of [
        ['classes.types.create', { name: 'Spin', colour: '#112233', minutes: 45, capacity: 8 }],
        [
          'classes.types.setRules',
          {
            id: type.id,
            openDays: 1,
            cutoffHours: 1,
            lateCancelRule: 'count',
            noShowRule: 'count',
          },
        ],
        ['classes.sessions.cancel', { sessionId: s.id, reason: 'x' }],
        ['classes.sessions.change', { sessionId: s.id, capacity: 3 }],
        ['classes.schedules.update', { id: s.scheduleId!, capacity: 3 }],
        ['classes.rooms.create', { name: 'Hall', capacity: null }],
        ['classes.teachers.create', { name: 'Lee', staffId: null }],
      ] as const) {
        expect(
          await failure(host.invoke(ch as 'classes.types.create', input as never)),
          ch,
        ).toMatchObject({ code: 'FORBIDDEN' });
      }
      expect((await host.invoke('classes.week', { date: '2027-03-06' })).sessions).toHaveLength(1);
    });
    await as(host, 'manager', async () => {
      expect(
        await failure(
          host.invoke('classes.types.setRules', {
            id: type.id,
            openDays: 1,
            cutoffHours: 1,
            lateCancelRule: 'count',
            noShowRule: 'count',
          }),
        ),
      ).toMatchObject({ code: 'FORBIDDEN', details: { required: 'owner' } });
    });
    expect(await host.invoke('classes.types.list', {})).toEqual(types);
    expect(await host.invoke('classes.week', { date: '2027-03-06' })).toEqual(week);
  });
});

describe('schedule edits and withdrawal on the lesson day', () => {
  it('withdrawing on a lesson day before it starts gives up that place without counting it as leave', async () => {
    const { host, clock } = th;
    const plan = await pack(host, { name: '48 课时', packSessions: 48, packValidDays: 180 });
    const type = await classType(host, { units: 2, planIds: [plan.id] });
    const sched = await weekly(host, type.id, { termEnd: '2027-03-20' });
    const student = await withPack(host, 'Dee', plan.id);
    const e = await host.invoke('classes.enrol', {
      memberId: student.member.id,
      scheduleId: sched.id,
      packId: student.packId,
    });
    clock.set(local('2027-03-06', '08:00'));
    await host.invoke('classes.withdraw', { enrolmentId: e.id });
    const [bal] = await host.invoke('classes.lessons', { memberId: student.member.id });
    expect(bal).toMatchObject({
      packUsed: 0,
      packLeft: 48,
      attended: 0,
      leave: 0,
      lateLeave: 0,
      noShow: 0,
      makeUps: 0,
      upcoming: 0,
    });
  });

  it('a holiday added for today leaves a session already held alone', async () => {
    const { host, clock } = th;
    const plan = await pack(host);
    const type = await classType(host);
    const sched = await weekly(host, type.id, { termEnd: '2027-03-20' });
    const s = await sessionOn(host, '2027-03-06');
    const a = await withPack(host, 'Ann', plan.id);
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] });
    clock.set(local('2027-03-06', '09:30'));
    await host.invoke('classes.mark', { bookingId: ba!.id, present: true });
    await host.invoke('classes.schedules.update', { id: sched.id, holidays: ['2027-03-06'] });
    const r = await host.invoke('classes.session', { sessionId: s.id });
    expect(r.session.status).toBe('scheduled');
    expect(r.bookings.map((b) => b.status)).toEqual(['attended']);
    expect(
      (await host.invoke('packs.listByMember', { memberId: a.member.id }))[0]!.sessionsUsed,
    ).toBe(1);
  });
});
