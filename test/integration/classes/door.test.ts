/**
 * A check-in at the door marks the class booked for now (docs/classes.md, "At the door"). The class:
 * Saturday 2027-03-06 09:00–10:00 (Asia/Shanghai), so its door window is 08:00 to 10:00. Each
 * scenario sets the clock, acts and checks the pack's sessions used exactly: one visit, one use.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { failure, type TestHost } from '../../support/host';
import { member, monthly, pack, sell } from '../desk/fixtures';
import { as, classesHost, classType, local, weekly } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01');
});
afterEach(() => th.close());

const SAT = '2027-03-06';
const at = (hhmm: string) => th.clock.set(local(SAT, hhmm));

const packUsed = async (host: Host, memberId: number) =>
  (await host.invoke('packs.listByMember', { memberId }))[0]!.sessionsUsed;
const bookingOf = async (host: Host, sessionId: number, memberId: number) =>
  (await host.invoke('classes.session', { sessionId })).bookings.find((b) => b.memberId === memberId)!;

/** A yoga class on Saturdays (units per attendance as given) and Ann with a 10-session pack, booked in on Monday. */
async function bookedAnn(host: Host, units = 1, packSessions = 10) {
  const plan = await pack(host, { packSessions });
  const type = await classType(host, { units });
  await weekly(host, type.id, { termEnd: '2027-03-13' });
  const ann = await member(host, 'Ann', { cardNo: 'A1' });
  await host.invoke('packs.sell', { memberId: ann.id, planId: plan.id });
  const session = (await host.invoke('classes.day', { date: SAT })).sessions[0]!;
  await host.invoke('classes.book', { sessionId: session.id, memberIds: [ann.id] });
  return { ann, session, plan };
}

describe('a check-in at the door', () => {
  it('marks the booked class present and uses the pack once, not twice; undoing the check-in undoes the mark', async () => {
    const { host } = th;
    const { ann, session } = await bookedAnn(host);
    at('08:10');
    const r = await host.invoke('checkin.checkIn', { query: 'A1' });
    expect(r).toMatchObject({
      outcome: 'checked_in',
      classMark: { outcome: 'marked', className: 'Yoga', date: SAT, startTime: '09:00', sessionId: session.id, code: null },
      entitlement: { kind: 'pack', sessionsLeft: 9 },
    });
    const b = await bookingOf(host, session.id, ann.id);
    expect(b).toMatchObject({ status: 'attended', unitsUsed: 1 });
    expect(r.checkin!.classBookingId).toBe(b.id);
    expect(r.classMark!.bookingId).toBe(b.id);
    expect(await packUsed(host, ann.id)).toBe(1);
    expect((await host.invoke('classes.day', { date: SAT })).sessions[0]).toMatchObject({ attended: 1 });

    await host.invoke('checkin.undo', { id: r.checkin!.id, reason: 'wrong card' });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'booked', unitsUsed: 0 });
    expect(await packUsed(host, ann.id)).toBe(0);

    at('08:20');
    const again = await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(again).toMatchObject({ outcome: 'checked_in', classMark: { outcome: 'marked' } });
    expect(await packUsed(host, ann.id)).toBe(1);
  });

  it('outside the window (before 08:00, or after the class ends) marks nothing and the visit uses one session', async () => {
    const { host } = th;
    const { ann, session, plan } = await bookedAnn(host);
    at('07:59');
    const early = await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(early).toMatchObject({ outcome: 'checked_in', classMark: null, checkin: { classBookingId: null } });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'booked' });
    expect(await packUsed(host, ann.id)).toBe(1);
    // Marked present at the roll: the 07:59 visit was not for the class, so both count.
    at('09:05');
    await host.invoke('classes.mark', { bookingId: (await bookingOf(host, session.id, ann.id)).id, present: true });
    expect(await packUsed(host, ann.id)).toBe(2);

    const bo = await member(host, 'Bo');
    await host.invoke('packs.sell', { memberId: bo.id, planId: plan.id });
    th.clock.set(local('2027-03-01', '12:00'));
    // Booking opens 7 days ahead: Monday is inside it.
    await host.invoke('classes.book', { sessionId: session.id, memberIds: [bo.id] });
    at('10:00');
    expect(await host.invoke('checkin.checkIn', { memberId: bo.id })).toMatchObject({ classMark: null });
    expect(await bookingOf(host, session.id, bo.id)).toMatchObject({ status: 'booked' });
  });

  it('a class using 2 units takes 2 from the pack and the check-in nothing; the screen says 8 left', async () => {
    const { host } = th;
    const { ann } = await bookedAnn(host, 2);
    at('08:59');
    const r = await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(r).toMatchObject({ classMark: { outcome: 'marked' }, entitlement: { kind: 'pack', sessionsLeft: 8 } });
    expect(await packUsed(host, ann.id)).toBe(2);
  });

  it('undoing the mark at the roll makes the check-in an ordinary visit; marking present again joins it back', async () => {
    const { host } = th;
    const { ann, session } = await bookedAnn(host, 2);
    at('08:30');
    const r = await host.invoke('checkin.checkIn', { memberId: ann.id });
    const bookingId = r.classMark!.bookingId;
    expect(await packUsed(host, ann.id)).toBe(2);

    at('09:10');
    await host.invoke('classes.undoMark', { bookingId });
    expect(await packUsed(host, ann.id)).toBe(1);
    expect((await host.invoke('checkin.history', { memberId: ann.id }))[0]).toMatchObject({ classBookingId: null });

    await host.invoke('classes.mark', { bookingId, present: true });
    expect(await packUsed(host, ann.id)).toBe(2);
    expect((await host.invoke('checkin.history', { memberId: ann.id }))[0]).toMatchObject({ classBookingId: bookingId });

    // Absent after all (the no-show rule counts it): the visit was a gym visit and uses its own session.
    await host.invoke('classes.mark', { bookingId, present: false });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'no_show', unitsUsed: 0 });
    expect(await packUsed(host, ann.id)).toBe(1);

    // Undoing that check-in now leaves the roll as it is.
    await host.invoke('checkin.undo', { id: r.checkin!.id, reason: '' });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'no_show' });
    expect(await packUsed(host, ann.id)).toBe(0);
  });

  it('marked present at the roll before the member reaches the door: the check-in joins the class and uses nothing', async () => {
    const { host } = th;
    const { ann, session } = await bookedAnn(host);
    at('09:02');
    await host.invoke('classes.mark', { bookingId: (await bookingOf(host, session.id, ann.id)).id, present: true });
    at('09:06');
    const r = await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(r).toMatchObject({ outcome: 'checked_in', classMark: { outcome: 'already', startTime: '09:00' } });
    expect(await packUsed(host, ann.id)).toBe(1);
    // Undoing the check-in says she was not here: the roll's mark goes too.
    await host.invoke('checkin.undo', { id: r.checkin!.id, reason: '' });
    expect(await packUsed(host, ann.id)).toBe(0);
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'booked' });
  });

  it('a class the roll call cannot mark is shown and left; the check-in is an ordinary visit', async () => {
    const { host } = th;
    // Two sessions, a class needing 2: booked on Monday, then a visit on Monday leaves one.
    const { ann, session } = await bookedAnn(host, 2, 2);
    await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(await packUsed(host, ann.id)).toBe(1);
    at('08:30');
    const r = await host.invoke('checkin.checkIn', { memberId: ann.id });
    expect(r).toMatchObject({
      outcome: 'checked_in',
      classMark: { outcome: 'not_marked', code: 'CLASS_NO_ENTITLEMENT', startTime: '09:00' },
      checkin: { classBookingId: null },
      entitlement: { kind: 'pack', sessionsLeft: 0 },
    });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'booked', unitsUsed: 0 });
    expect(await packUsed(host, ann.id)).toBe(2);
  });

  it('a membership member: the class counts against the quota once, the linked check-in not again', async () => {
    const { host } = th;
    const plan = await monthly(host, { sessionQuota: 4 });
    const type = await classType(host);
    await weekly(host, type.id, { termEnd: '2027-03-13' });
    const cai = await member(host, 'Cai');
    await sell(host, cai.id, plan.id);
    const session = (await host.invoke('classes.day', { date: SAT })).sessions[0]!;
    await host.invoke('classes.book', { sessionId: session.id, memberIds: [cai.id] });
    at('08:45');
    const r = await host.invoke('checkin.checkIn', { memberId: cai.id });
    expect(r).toMatchObject({ classMark: { outcome: 'marked' }, entitlement: { kind: 'subscription', sessionsLeft: 3 } });
    const ev = await host.invoke('checkin.evaluate', { memberId: cai.id });
    // Visits left after one more: 4 − 1 used − 1.
    expect(ev.entitlement).toMatchObject({ sessionsLeft: 2 });
  });

  it('a second scan that counts no new visit still marks the class; a desk clerk may check in', async () => {
    const { host } = th;
    const { ann, session } = await bookedAnn(host);
    at('07:00');
    expect(await host.invoke('checkin.checkIn', { memberId: ann.id })).toMatchObject({ outcome: 'checked_in', classMark: null });
    at('08:40');
    const again = await as(host, 'desk', () => host.invoke('checkin.checkIn', { memberId: ann.id }));
    expect(again).toMatchObject({ outcome: 'already', classMark: { outcome: 'marked', startTime: '09:00' } });
    expect(await bookingOf(host, session.id, ann.id)).toMatchObject({ status: 'attended', unitsUsed: 1 });
    // The 07:00 gym visit and the class: two uses.
    expect(await packUsed(host, ann.id)).toBe(2);
    expect(await failure(host.invoke('checkin.undo', { id: 999, reason: '' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
