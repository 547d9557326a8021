/**
 * Bookings and the roll call, Kill Bill style: set the clock, act, move the clock, check exact
 * statuses, places, pack sessions and fee invoices. Session: Saturday 2027-03-06 09:00–10:00
 * (Asia/Shanghai); the test clock starts Monday 2027-03-01 09:00.
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

async function firstSession(host: Host, date = '2027-03-06'): Promise<ClassSession> {
  return (await host.invoke('classes.day', { date })).sessions[0]!;
}

const packUsed = async (host: Host, memberId: number) =>
  (await host.invoke('packs.listByMember', { memberId }))[0]!.sessionsUsed;

/** A pack plan and the first session of a class whose no-show rule charges 30.00. */
async function noShowFeeClass(host: Host) {
  const plan = await pack(host);
  const type = await classType(host);
  await rules(host, type.id, { noShowRule: 'fee', noShowFee: 3000 });
  await weekly(host, type.id, { termEnd: '2027-03-13' });
  return { plan, s: await firstSession(host) };
}

/** A class of 2 places on its first Saturday and four members with a 10-session pack each: Ann, Bo, Cai, Dee. */
async function twoPlacesFourPeople(host: Host) {
  const plan = await pack(host);
  const type = await classType(host, { capacity: 2 });
  await weekly(host, type.id, { termEnd: '2027-03-13' });
  const s = await firstSession(host);
  const [a, b, c, d] = [
    await withPack(host, 'Ann', plan.id),
    await withPack(host, 'Bo', plan.id),
    await withPack(host, 'Cai', plan.id),
    await withPack(host, 'Dee', plan.id),
  ];
  return { s, a, b, c, d, plan };
}

/** Waitlists two members five minutes apart (09:00 then 09:05 on Monday), so their order is fixed. */
async function waitlistInTurn(host: Host, sessionId: number, first: number, second: number) {
  const [wFirst] = await host.invoke('classes.book', {
    sessionId,
    memberIds: [first],
    waitlist: true,
  });
  th.clock.set(local('2027-03-01', '09:05'));
  const [wSecond] = await host.invoke('classes.book', {
    sessionId,
    memberIds: [second],
    waitlist: true,
  });
  return [wFirst, wSecond] as const;
}

describe('bookings', () => {
  it('fills a class to capacity, waitlists in order and promotes the first in line when a place frees', async () => {
    const { host } = th;
    const { s, a, b, c, d } = await twoPlacesFourPeople(host);
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.member.id] });
    await host.invoke('classes.book', { sessionId: s.id, memberIds: [b.member.id] });
    expect(ba).toMatchObject({
      status: 'booked',
      kind: 'booking',
      waitlistPosition: null,
      unitsUsed: 0,
    });

    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(host.invoke('classes.book', { sessionId: s.id, memberIds: [c.member.id] })),
    ).toMatchObject({ code: 'CLASS_FULL', details: { capacity: 2 } });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);

    const [wc, wd] = await waitlistInTurn(host, s.id, c.member.id, d.member.id);
    expect([wc!.status, wc!.waitlistPosition, wd!.status, wd!.waitlistPosition]).toEqual([
      'waitlisted',
      1,
      'waitlisted',
      2,
    ]);
    expect(
      await failure(
        host.invoke('classes.book', { sessionId: s.id, memberIds: [c.member.id], waitlist: true }),
      ),
    ).toMatchObject({ code: 'CLASS_ALREADY_BOOKED' });

    // Ann cancels on Thursday, well before the 12-hour cut-off: no charge, Cai takes her place.
    th.clock.setDate('2027-03-04');
    const out = await host.invoke('classes.cancelBooking', { bookingId: ba!.id });
    expect(out.booking).toMatchObject({ status: 'cancelled', unitsUsed: 0, feeInvoiceId: null });
    expect(out.promoted).toMatchObject({
      memberId: c.member.id,
      status: 'booked',
      waitlistPosition: null,
    });
    const roll = await host.invoke('classes.session', { sessionId: s.id });
    expect(roll.session).toMatchObject({ booked: 2, waitlisted: 1 });
    expect(roll.bookings.map((x) => [x.memberName, x.status, x.waitlistPosition])).toEqual([
      ['Bo', 'booked', null],
      ['Cai', 'booked', null],
      ['Dee', 'waitlisted', 1],
      ['Ann', 'cancelled', null],
    ]);
    expect(await packUsed(host, a.member.id)).toBe(0);
  });

  it('puts a member who cancelled and books again at the back of the line, within one millisecond and after the clock goes back', async () => {
    const { host } = th;
    const { s, plan, ...people } = await twoPlacesFourPeople(host);
    const [a, b, c, d] = [people.a.member, people.b.member, people.c.member, people.d.member];
    const e = (await withPack(host, 'Eve', plan.id)).member;
    const line = async () =>
      (await host.invoke('classes.session', { sessionId: s.id })).bookings
        .filter((x) => x.status === 'waitlisted')
        .sort((x, y) => x.waitlistPosition! - y.waitlistPosition!)
        .map((x) => [x.memberName, x.waitlistPosition]);
    // The clock never moves: every step happens at 09:00:00.000 on Monday.
    const [ba] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.id, b.id] });
    await host.invoke('classes.book', { sessionId: s.id, memberIds: [c.id], waitlist: true });
    const out = await host.invoke('classes.cancelBooking', { bookingId: ba!.id });
    expect(out.promoted?.memberId).toBe(c.id);
    await host.invoke('classes.book', { sessionId: s.id, memberIds: [d.id], waitlist: true });
    // Ann's booking is her old row (a smaller id than Dee's), yet she joined after Dee.
    const [again] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [a.id], waitlist: true });
    expect(again!.id).toBe(ba!.id);
    expect(await line()).toEqual([['Dee', 1], ['Ann', 2]]);
    // The PC's clock set back an hour: Eve still joins behind them.
    th.clock.set(local('2027-03-01', '08:00'));
    await host.invoke('classes.book', { sessionId: s.id, memberIds: [e.id], waitlist: true });
    expect(await line()).toEqual([['Dee', 1], ['Ann', 2], ['Eve', 3]]);
    // A freed place goes to the first in line.
    const bo = (await host.invoke('classes.session', { sessionId: s.id })).bookings.find((x) => x.memberId === b.id)!;
    expect((await host.invoke('classes.cancelBooking', { bookingId: bo.id })).promoted?.memberId).toBe(d.id);
    expect(await line()).toEqual([['Ann', 1], ['Eve', 2]]);
  });

  it('refuses bookings outside the window, without entitlement, or for another payer, changing nothing', async () => {
    const { host } = th;
    const yogaPack = await pack(host, { name: 'Yoga 10' });
    const spinPack = await pack(host, { name: 'Spin 10' });
    const type = await classType(host, { planIds: [yogaPack.id] });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s6 = await firstSession(host, '2027-03-06');
    const s13 = await firstSession(host, '2027-03-13');
    const yogi = await withPack(host, 'Yogi', yogaPack.id);
    const spinner = await withPack(host, 'Spinner', spinPack.id);
    const nobody = await member(host, 'Nobody');
    const parent = await member(host, 'Parent');
    const before = databaseHash(host.db, { ignoreSignIns: true });

    // Bookings for 03-13 open 7 days before, on 03-06.
    expect(
      await failure(
        host.invoke('classes.book', { sessionId: s13.id, memberIds: [yogi.member.id] }),
      ),
    ).toMatchObject({
      code: 'CLASS_OUTSIDE_WINDOW',
      details: { opensOn: '2027-03-06', startsAt: '2027-03-13 09:00' },
    });
    expect(
      await failure(host.invoke('classes.book', { sessionId: s6.id, memberIds: [nobody.id] })),
    ).toMatchObject({
      code: 'CLASS_NO_ENTITLEMENT',
      details: { blocks: [{ code: 'no_membership' }] },
    });
    // A spin pack does not give access to yoga.
    expect(
      await failure(
        host.invoke('classes.book', { sessionId: s6.id, memberIds: [spinner.member.id] }),
      ),
    ).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT' });
    // All or nothing: Yogi could be booked, the other is not the parent's child.
    expect(
      await failure(
        host.invoke('classes.book', {
          sessionId: s6.id,
          memberIds: [yogi.member.id, nobody.id],
          payerId: parent.id,
        }),
      ),
    ).toMatchObject({ code: 'PAYER_INVALID' });
    expect(
      await failure(
        host.invoke('classes.book', {
          sessionId: s6.id,
          memberIds: [yogi.member.id, spinner.member.id],
        }),
      ),
    ).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT' });
    expect(
      await failure(host.invoke('classes.book', { sessionId: s6.id, memberIds: [] })),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);

    // Once the session has started, booking is closed too.
    th.clock.set(local('2027-03-06', '09:00'));
    expect(
      await failure(host.invoke('classes.book', { sessionId: s6.id, memberIds: [yogi.member.id] })),
    ).toMatchObject({ code: 'CLASS_OUTSIDE_WINDOW' });
  });

  it('lets a household payer book each child, and the desk book and take the roll', async () => {
    const { host } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await firstSession(host);
    const parent = await member(host, '张妈妈');
    const k1 = await withPack(host, '张小明', plan.id, parent.id);
    const k2 = await withPack(host, '张小红', plan.id, parent.id);
    const both = await as(host, 'desk', () =>
      host.invoke('classes.book', {
        sessionId: s.id,
        memberIds: [k1.member.id, k2.member.id],
        payerId: parent.id,
      }),
    );
    expect(both.map((x) => [x.memberName, x.status])).toEqual([
      ['张小明', 'booked'],
      ['张小红', 'booked'],
    ]);
    th.clock.set(local('2027-03-06', '09:10'));
    const marked = await as(host, 'desk', () =>
      host.invoke('classes.mark', { bookingId: both[0]!.id, present: true }),
    );
    expect(marked).toMatchObject({
      status: 'attended',
      packId: k1.packId,
      unitsUsed: 1,
      planName: '10 classes',
      markedOn: '2027-03-06',
    });
    expect(await packUsed(host, k1.member.id)).toBe(1);
  });
});

describe('roll call', () => {
  it('charges a no-show fee exactly once: closing the roll again charges nothing', async () => {
    const { host } = th;
    const { plan, s } = await noShowFeeClass(host);
    const came = await withPack(host, 'Came', plan.id);
    const missed = await withPack(host, 'Missed', plan.id);
    await host.invoke('classes.book', {
      sessionId: s.id,
      memberIds: [came.member.id, missed.member.id],
    });

    expect(await failure(host.invoke('classes.closeRoll', { sessionId: s.id }))).toMatchObject({
      code: 'CLASS_NOT_STARTED',
    });
    th.clock.set(local('2027-03-06', '10:05'));
    const roll = await host.invoke('classes.session', { sessionId: s.id });
    await host.invoke('classes.mark', {
      bookingId: roll.bookings.find((b) => b.memberId === came.member.id)!.id,
      present: true,
    });
    const invoicesBefore = (await host.invoke('invoices.list', {})).total;
    const closed = await host.invoke('classes.closeRoll', { sessionId: s.id });
    expect(closed.noShows.map((b) => [b.memberName, b.status, b.unitsUsed])).toEqual([
      ['Missed', 'no_show', 0],
    ]);
    expect(closed.feeInvoiceIds).toHaveLength(1);
    const fee = await host.invoke('invoices.get', { id: closed.feeInvoiceIds[0]! });
    expect(fee).toMatchObject({ payerId: missed.member.id, issueDate: '2027-03-06', total: 3000 });
    expect(fee.lines.map((l) => [l.kind, l.description, l.amount, l.memberId])).toEqual([
      ['adjustment', 'No-show fee – Yoga, Mar 6, 2027 09:00 – Missed', 3000, missed.member.id],
    ]);

    // The log names the session it closed, so the entry reads as a sentence.
    const closedEntry = host.db.prepare("SELECT after FROM audit_log WHERE entity = 'class_session' AND entity_id = ? ORDER BY id DESC").get(String(s.id)) as { after: string };
    expect(JSON.parse(closedEntry.after)).toMatchObject({ rollClosed: true, noShows: 1, date: '2027-03-06', startTime: '09:00', scheduleName: s.scheduleName });
    const again = await host.invoke('classes.closeRoll', { sessionId: s.id });
    expect(again).toEqual({ noShows: [], feeInvoiceIds: [] });
    const marked = await host.invoke('classes.mark', {
      bookingId: closed.noShows[0]!.id,
      present: false,
    });
    expect(marked.feeInvoiceId).toBe(fee.id);
    expect((await host.invoke('invoices.list', {})).total).toBe(invoicesBefore + 1);
    expect(await packUsed(host, came.member.id)).toBe(1);
    expect(await packUsed(host, missed.member.id)).toBe(0);
    expect((await host.invoke('classes.session', { sessionId: s.id })).session).toMatchObject({
      attended: 1,
      booked: 1,
      rollClosed: true,
    });
  });

  it('undoes a mark on the same business day only (units back, an unpaid fee voided)', async () => {
    const { host } = th;
    const { plan, s } = await noShowFeeClass(host);
    const m = await withPack(host, 'Mia', plan.id);
    const [b] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [m.member.id] });
    expect(
      await failure(host.invoke('classes.mark', { bookingId: b!.id, present: true })),
    ).toMatchObject({ code: 'CLASS_NOT_STARTED' });
    th.clock.set(local('2027-03-06', '09:30'));
    const absent = await host.invoke('classes.mark', { bookingId: b!.id, present: false });
    expect(absent.feeInvoiceId).not.toBeNull();
    // Marked absent by mistake: she came. The fee invoice is voided and the visit uses one session.
    const present = await host.invoke('classes.mark', { bookingId: b!.id, present: true });
    expect(present).toMatchObject({ status: 'attended', unitsUsed: 1, feeInvoiceId: null });
    expect((await host.invoke('invoices.get', { id: absent.feeInvoiceId! })).status).toBe('void');
    const undone = await host.invoke('classes.undoMark', { bookingId: b!.id });
    expect(undone).toMatchObject({ status: 'booked', unitsUsed: 0, packId: null });
    expect(await packUsed(host, m.member.id)).toBe(0);
    await host.invoke('classes.mark', { bookingId: b!.id, present: true });
    th.clock.setDate('2027-03-07');
    expect(await failure(host.invoke('classes.undoMark', { bookingId: b!.id }))).toMatchObject({
      code: 'CLASS_UNDO_TOO_LATE',
    });
    expect(await packUsed(host, m.member.id)).toBe(1);
  });

  it('adds a walk-in with a membership, which counts against its visit quota like a check-in', async () => {
    const { host } = th;
    const plan = await monthly(host, { sessionQuota: 2 });
    const type = await classType(host);
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await firstSession(host);
    const m = await member(host, 'Walker');
    await sell(host, m.id, plan.id);
    await host.invoke('checkin.checkIn', { memberId: m.id }); // visit 1 of 2 this period
    th.clock.set(local('2027-03-06', '09:02'));
    const w = await host.invoke('classes.walkIn', { sessionId: s.id, memberId: m.id });
    expect(w).toMatchObject({
      kind: 'walk_in',
      status: 'attended',
      unitsUsed: 1,
      planName: 'Monthly',
      packId: null,
    });
    // Two visits used: the door now says the quota is used.
    const door = await host.invoke('checkin.evaluate', { memberId: m.id });
    expect(door.blocks).toEqual([{ code: 'quota_used', quota: 2 }]);
  });

  it('adds a waitlisted member who turns up to the roll when a place is free, and refuses when none is', async () => {
    const { host } = th;
    const { s, a, b, c, d } = await twoPlacesFourPeople(host);
    const [ba, bb] = await host.invoke('classes.book', {
      sessionId: s.id,
      memberIds: [a.member.id, b.member.id],
    });
    const [wc, wd] = await waitlistInTurn(host, s.id, c.member.id, d.member.id);
    th.clock.set(local('2027-03-06', '09:03'));
    await host.invoke('classes.mark', { bookingId: ba!.id, present: true });

    // Both places held (Ann attended, Bo booked): Dee, second in line, is refused and nothing changes.
    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(host.invoke('classes.walkIn', { sessionId: s.id, memberId: d.member.id })),
    ).toMatchObject({ code: 'CLASS_FULL', details: { capacity: 2, memberId: d.member.id } });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);

    // Bo is absent (a no-show holds no place): Dee came, and takes it ahead of Cai, who is not here.
    await host.invoke('classes.mark', { bookingId: bb!.id, present: false });
    const came = await host.invoke('classes.walkIn', { sessionId: s.id, memberId: d.member.id });
    expect(came).toMatchObject({
      id: wd!.id,
      kind: 'booking',
      status: 'attended',
      unitsUsed: 1,
      packId: d.packId,
      waitlistPosition: null,
      markedOn: '2027-03-06',
    });
    expect(await packUsed(host, d.member.id)).toBe(1);
    const roll = await host.invoke('classes.session', { sessionId: s.id });
    expect(roll.session).toMatchObject({ booked: 2, attended: 2, waitlisted: 1 });
    expect(roll.bookings.map((x) => [x.memberName, x.status, x.waitlistPosition])).toEqual([
      ['Ann', 'attended', null],
      ['Bo', 'no_show', null],
      ['Dee', 'attended', null],
      ['Cai', 'waitlisted', 1],
    ]);
    // Adding her again is refused and uses nothing more; Cai, with no place left, is refused.
    expect(
      await failure(host.invoke('classes.walkIn', { sessionId: s.id, memberId: d.member.id })),
    ).toMatchObject({ code: 'CLASS_ALREADY_BOOKED', details: { status: 'attended' } });
    expect(await packUsed(host, d.member.id)).toBe(1);
    expect(
      await failure(host.invoke('classes.walkIn', { sessionId: s.id, memberId: c.member.id })),
    ).toMatchObject({ code: 'CLASS_FULL' });
    expect(
      (await host.invoke('classes.session', { sessionId: s.id })).bookings.find(
        (x) => x.id === wc!.id,
      ),
    ).toMatchObject({ status: 'waitlisted' });

    // Undone the same day: Dee keeps the place she took, booked (not back in line), and the unit comes back.
    const undone = await host.invoke('classes.undoMark', { bookingId: wd!.id });
    expect(undone).toMatchObject({
      status: 'booked',
      unitsUsed: 0,
      packId: null,
      waitlistPosition: null,
    });
    expect(await packUsed(host, d.member.id)).toBe(0);
    expect((await host.invoke('classes.session', { sessionId: s.id })).session).toMatchObject({
      booked: 2,
      attended: 1,
      waitlisted: 1,
    });
  });

  it('applies the late-cancel fee after the cut-off', async () => {
    const { host } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await rules(host, type.id, { cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 5000 });
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const s = await firstSession(host);
    const m = await withPack(host, 'Late', plan.id);
    const [b] = await host.invoke('classes.book', { sessionId: s.id, memberIds: [m.member.id] });
    th.clock.set(local('2027-03-05', '21:01')); // 11 h 59 min before the start
    const out = await host.invoke('classes.cancelBooking', { bookingId: b!.id });
    expect(out.booking).toMatchObject({ status: 'late_cancelled', unitsUsed: 0 });
    const fee = await host.invoke('invoices.get', { id: out.booking.feeInvoiceId! });
    expect(fee.lines.map((l) => [l.description, l.amount])).toEqual([
      ['Late cancellation fee – Yoga, Mar 6, 2027 09:00 – Late', 5000],
    ]);
  });

  it('merges a member with their bookings, but not two records booked into the same session', async () => {
    const { host } = th;
    const plan = await pack(host);
    const type = await classType(host);
    await weekly(host, type.id, { weekdays: [0, 6], termEnd: '2027-03-13' });
    const s6 = await firstSession(host, '2027-03-06');
    const s7 = await firstSession(host, '2027-03-07');
    const a = await withPack(host, 'Li Lei', plan.id);
    const b = await withPack(host, 'Li Lei (old card)', plan.id);
    await host.invoke('classes.book', { sessionId: s6.id, memberIds: [a.member.id, b.member.id] });
    const before = databaseHash(host.db, { ignoreSignIns: true });
    expect(
      await failure(host.invoke('members.merge', { keepId: a.member.id, mergeId: b.member.id })),
    ).toMatchObject({
      code: 'MERGE_INVALID',
      details: { sessionId: s6.id },
    });
    expect(databaseHash(host.db, { ignoreSignIns: true })).toBe(before);
    const c = await withPack(host, 'Han Meimei', plan.id);
    const [booking] = await host.invoke('classes.book', {
      sessionId: s7.id,
      memberIds: [c.member.id],
    });
    await host.invoke('members.merge', { keepId: a.member.id, mergeId: c.member.id });
    expect(
      (await host.invoke('classes.memberBookings', { memberId: a.member.id })).map((x) => [
        x.id === booking!.id,
        x.date,
      ]),
    ).toEqual([
      [false, '2027-03-06'],
      [true, '2027-03-07'],
    ]);
  });
});
