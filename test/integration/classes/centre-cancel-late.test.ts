/**
 * A late cancellation (late leave, 请假 after the cut-off) of a session the centre then cancels is the centre's
 * cancellation: the units come back, a late-cancel fee is undone, and the lesson is owed (a make-up may be booked).
 * Found by an independent probe, session 13: the 课时 stayed used and the make-up was refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { makeHost, signInAs, type TestHost } from '../../support/host';
import { member, monthly, pack, sell } from '../desk/fixtures';
import { classType, local, rules, weekly } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const sessionOn = async (h: Host, date: string) => (await h.invoke('classes.day', { date })).sessions[0]!;

/** Student A enrolled on weekly 数学 (2 课时 a lesson, 24 h cut-off, late leave and no-show deduct) with a 48 课时 pack; their 13 March lesson. */
async function enrolledStudent() {
  const opened = (th = await makeHost({ startDate: '2027-03-01', setup: true }));
  const h = opened.host;
  const lp = await pack(h, { name: '48 课时', packSessions: 48, packValidDays: 180 });
  const maths = await classType(h, { name: '数学', units: 2, capacity: 12, minutes: 120, planIds: [lp.id] });
  await rules(h, maths.id, { cutoffHours: 24, lateCancelRule: 'deduct', noShowRule: 'deduct' });
  const sched = await weekly(h, maths.id, { termEnd: '2027-03-27' });
  const a = await member(h, 'A');
  const pa = (await h.invoke('packs.sell', { memberId: a.id, planId: lp.id })).pack;
  await h.invoke('classes.enrol', { memberId: a.id, scheduleId: sched.id, packId: pa.id });
  const s13 = await sessionOn(h, '2027-03-13');
  const mine = (await h.invoke('classes.memberBookings', { memberId: a.id })).find((b) => b.date === '2027-03-13')!;
  return { clock: opened.clock, h, maths, a, s13, mine };
}

describe('the centre cancels a session someone had left late', () => {
  it('late leave deducted 2 课时: they come back, the lesson counts as cancelled by the centre, and a make-up is allowed', async () => {
    const { h, maths, a, s13, mine, clock } = await enrolledStudent();
    clock.set(local('2027-03-12', '20:00'));
    await h.invoke('classes.cancelBooking', { bookingId: mine.id });
    expect((await h.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({ packUsed: 2, packLeft: 46, lateLeave: 1, centreCancelled: 0 });
    await signInAs(h, 'manager');
    await h.invoke('classes.sessions.cancel', { sessionId: s13.id, reason: 'Teacher ill' });
    expect((await h.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({ packUsed: 0, packLeft: 48, lateLeave: 0, centreCancelled: 1 });
    const extra = await weekly(h, maths.id, { name: 'Sun', weekdays: [0], termStart: '2027-03-14', termEnd: '2027-03-14' });
    const sunday = (await h.invoke('classes.day', { date: '2027-03-14' })).sessions.find((x) => x.scheduleId === extra.id)!;
    expect(await h.invoke('classes.makeUp', { bookingId: mine.id, sessionId: sunday.id })).toMatchObject({ status: 'booked' });
  });

  it('a late-cancel fee is voided if unpaid, credited to the account if paid', async () => {
    th = await makeHost({ startDate: '2027-03-01', setup: true });
    const h = th.host;
    const plan = await monthly(h);
    const type = await classType(h);
    await rules(h, type.id, { openDays: 14, cutoffHours: 12, lateCancelRule: 'fee', lateCancelFee: 2000, noShowRule: 'count' });
    await weekly(h, type.id, { termEnd: '2027-03-27' });
    const unpaid = await member(h, 'Una');
    const paid = await member(h, 'Pau');
    for (const m of [unpaid, paid]) {
      await sell(h, m.id, plan.id);
      await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 30000 });
    }
    const s13 = await sessionOn(h, '2027-03-13');
    await h.invoke('classes.book', { sessionId: s13.id, memberIds: [unpaid.id] });
    await h.invoke('classes.book', { sessionId: s13.id, memberIds: [paid.id] });
    th.clock.set(local('2027-03-13', '08:00'));
    const roll = await h.invoke('classes.session', { sessionId: s13.id });
    const fees: number[] = [];
    for (const b of roll.bookings) fees.push((await h.invoke('classes.cancelBooking', { bookingId: b.id })).booking.feeInvoiceId!);
    await h.invoke('payments.record', { payerId: paid.id, method: 'cash', amount: 2000 });
    await signInAs(h, 'manager');
    await h.invoke('classes.sessions.cancel', { sessionId: s13.id, reason: 'Flooded' });
    expect(await h.invoke('invoices.get', { id: fees[0]! })).toMatchObject({ status: 'void' });
    const credited = await h.invoke('invoices.get', { id: fees[1]! });
    expect(credited).toMatchObject({ status: 'paid', creditNotes: [{ total: 2000, settlement: 'credit' }] });
    expect(await h.invoke('members.balance', { payerId: paid.id })).toMatchObject({ paidCredit: 2000, owes: 0 });
    expect((await h.invoke('classes.session', { sessionId: s13.id })).bookings.map((b) => b.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('the centre cancels a session after someone was marked absent (roll still open, nobody present)', () => {
  it('an enrolled student’s 2 课时 come back and the lesson is owed; a no-show fee is voided', async () => {
    const { h, a, s13, mine, clock } = await enrolledStudent();
    clock.set(local('2027-03-13', '23:00'));
    expect(await h.invoke('classes.mark', { bookingId: mine.id, present: false })).toMatchObject({ status: 'no_show', unitsUsed: 2 });
    expect((await h.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({ packUsed: 2, noShow: 1, centreCancelled: 0 });
    await signInAs(h, 'manager');
    await h.invoke('classes.sessions.cancel', { sessionId: s13.id, reason: 'Teacher ill' });
    expect((await h.invoke('classes.lessons', { memberId: a.id }))[0]).toMatchObject({ packUsed: 0, packLeft: 48, noShow: 0, centreCancelled: 1 });
    expect((await h.invoke('classes.memberBookings', { memberId: a.id })).find((b) => b.date === '2027-03-13')).toMatchObject({ status: 'cancelled', unitsUsed: 0 });
  });

  it('a no-show fee is voided if unpaid; a holiday added over the session does the same', async () => {
    th = await makeHost({ startDate: '2027-03-01', setup: true });
    const h = th.host;
    const plan = await monthly(h);
    const type = await classType(h);
    await rules(h, type.id, { openDays: 14, cutoffHours: 12, lateCancelRule: 'count', noShowRule: 'fee', noShowFee: 5000 });
    const sched = await weekly(h, type.id, { termEnd: '2027-03-27' });
    const ann = await member(h, 'Ann');
    await sell(h, ann.id, plan.id);
    await h.invoke('payments.record', { payerId: ann.id, method: 'cash', amount: 30000 });
    const s13 = await sessionOn(h, '2027-03-13');
    const [booking] = await h.invoke('classes.book', { sessionId: s13.id, memberIds: [ann.id] });
    th.clock.set(local('2027-03-13', '23:00'));
    const marked = await h.invoke('classes.mark', { bookingId: booking!.id, present: false });
    expect(marked).toMatchObject({ status: 'no_show' });
    expect(await h.invoke('invoices.get', { id: marked.feeInvoiceId! })).toMatchObject({ status: 'open', total: 5000 });
    await signInAs(h, 'manager');
    await h.invoke('classes.schedules.update', { id: sched.id, holidays: ['2027-03-13'] });
    expect(await h.invoke('invoices.get', { id: marked.feeInvoiceId! })).toMatchObject({ status: 'void' });
    expect((await h.invoke('classes.memberBookings', { memberId: ann.id })).find((b) => b.date === '2027-03-13')).toMatchObject({ status: 'cancelled', feeInvoiceId: null });
  });
});

