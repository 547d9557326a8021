/**
 * A door window that crosses midnight (found by the desk probe of session 13): a class at 00:30 opens its door
 * at 23:30 the evening before, and one at 23:30 runs into the next day. The check-in and the class then fall on
 * two business dates; the visit must still stand for the class, so the pack is used once, not twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { failure, type TestHost } from '../../support/host';
import { member, pack } from '../desk/fixtures';
import { classesHost, classType, local, weekly } from './fixtures';

let th: TestHost;
beforeEach(async () => {
  th = await classesHost('2027-03-01');
});
afterEach(() => th.close());

const packUsed = async (host: Host, memberId: number) => (await host.invoke('packs.listByMember', { memberId }))[0]!.sessionsUsed;
const bookingOf = async (host: Host, sessionId: number, memberId: number) =>
  (await host.invoke('classes.session', { sessionId })).bookings.find((b) => b.memberId === memberId)!;

/** A class on `weekday` at `start` for `minutes`, and `names` each with a 10-session pack. */
async function lateClass(host: Host, weekday: number, start: string, minutes: number, date: string, names: string[]) {
  const plan = await pack(host, { packSessions: 10 });
  const type = await classType(host, { name: 'Night ride', minutes });
  await weekly(host, type.id, { weekdays: [weekday], startTime: start, termStart: '2027-03-01', termEnd: '2027-03-13' });
  const people = [];
  for (const name of names) {
    const m = await member(host, name);
    await host.invoke('packs.sell', { memberId: m.id, planId: plan.id });
    people.push(m);
  }
  const session = (await host.invoke('classes.day', { date })).sessions[0]!;
  return { session, people };
}

describe('a door window across midnight', () => {
  it('a scan at 23:45 marks the 00:30 class of the next day; the roll then finds it marked; one use of the pack', async () => {
    const { host } = th;
    const { session, people: [ann] } = await lateClass(host, 6, '00:30', 60, '2027-03-06', ['Ann']);
    await host.invoke('classes.book', { sessionId: session.id, memberIds: [ann!.id] });
    th.clock.set(local('2027-03-05', '23:45'));
    const r = await host.invoke('checkin.checkIn', { memberId: ann!.id });
    expect(r).toMatchObject({ classMark: { outcome: 'marked', date: '2027-03-06', startTime: '00:30' }, checkin: { date: '2027-03-05' } });
    th.clock.set(local('2027-03-06', '00:40'));
    const b = await bookingOf(host, session.id, ann!.id);
    expect(b).toMatchObject({ status: 'attended', unitsUsed: 1 });
    expect(await packUsed(host, ann!.id)).toBe(1);
    // The mark made at 23:45 the day before can still be put right at the roll on the class's own day.
    expect(await host.invoke('classes.undoMark', { bookingId: b.id })).toMatchObject({ status: 'booked', unitsUsed: 0 });
    expect(await host.invoke('classes.mark', { bookingId: b.id, present: true })).toMatchObject({ status: 'attended', unitsUsed: 1 });
    // The next day it is final, as any mark.
    th.clock.set(local('2027-03-07', '10:00'));
    expect(await failure(host.invoke('classes.undoMark', { bookingId: b.id }))).toMatchObject({ code: 'CLASS_UNDO_TOO_LATE' });
  });

  it('a scan at 00:15 marks the 23:30 class of the evening before, still running', async () => {
    const { host } = th;
    const { session, people: [bo] } = await lateClass(host, 5, '23:30', 90, '2027-03-05', ['Bo']);
    await host.invoke('classes.book', { sessionId: session.id, memberIds: [bo!.id] });
    th.clock.set(local('2027-03-06', '00:15'));
    const r = await host.invoke('checkin.checkIn', { memberId: bo!.id });
    expect(r).toMatchObject({ classMark: { outcome: 'marked', date: '2027-03-05', startTime: '23:30' }, checkin: { date: '2027-03-06' } });
    expect(await packUsed(host, bo!.id)).toBe(1);
    // At the class's end (01:00) the window has closed: nothing is marked.
    th.clock.set(local('2027-03-06', '01:00'));
    expect((await host.invoke('checkin.checkIn', { memberId: bo!.id })).classMark).toBeNull();
  });

  it('marked present at the roll after midnight, the member’s check-in of the evening before stands for the class', async () => {
    const { host } = th;
    const { session, people: [dee, eve] } = await lateClass(host, 6, '00:30', 60, '2027-03-06', ['Dee', 'Eve']);
    // Dee checks in at 23:40 before her place is booked (an ordinary visit), then is booked and marked at the roll.
    th.clock.set(local('2027-03-05', '23:40'));
    const visit = await host.invoke('checkin.checkIn', { memberId: dee!.id });
    expect(visit).toMatchObject({ classMark: null, checkin: { date: '2027-03-05', classBookingId: null } });
    expect(await packUsed(host, dee!.id)).toBe(1);
    await host.invoke('classes.book', { sessionId: session.id, memberIds: [dee!.id, eve!.id] });
    th.clock.set(local('2027-03-06', '00:40'));
    const b = await bookingOf(host, session.id, dee!.id);
    await host.invoke('classes.mark', { bookingId: b.id, present: true });
    expect(await packUsed(host, dee!.id)).toBe(1);
    expect((await host.invoke('checkin.history', { memberId: dee!.id }))[0]).toMatchObject({ id: visit.checkin!.id, classBookingId: b.id });
    // A visit from before the window (22:00, outside 23:30–01:30) is not the class's: both count.
    th.clock.set(local('2027-03-05', '22:00'));
    await host.invoke('checkin.checkIn', { memberId: eve!.id });
    th.clock.set(local('2027-03-06', '00:45'));
    await host.invoke('classes.mark', { bookingId: (await bookingOf(host, session.id, eve!.id)).id, present: true });
    expect(await packUsed(host, eve!.id)).toBe(2);
  });
});
