/**
 * A membership with a visit quota pays a class's units like a pack: with fewer visits left than the class needs, the
 * door does not mark the class (it counts an ordinary visit) and the quota never goes below zero (found by an
 * independent probe, session 13: "5 of 4 visits used", "-1 sessions left").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { failure, makeHost, type TestHost } from '../../support/host';
import { member, monthly, sell } from '../desk/fixtures';
import { classType, local, rules, weekly } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('a 2-unit class on a 4-visit membership', () => {
  it('is marked at the door while 2 visits are left; with 1 left the door counts one visit and the quota stops at 4 of 4', async () => {
    th = await makeHost({ startDate: '2027-03-01', setup: true });
    const h = th.host;
    const plan = await monthly(h, { name: 'Four', sessionQuota: 4 });
    const type = await classType(h, { units: 2 });
    await rules(h, type.id, { openDays: 30, cutoffHours: 12, lateCancelRule: 'count', noShowRule: 'count' });
    await weekly(h, type.id, { termEnd: '2027-03-27' });
    const a = await member(h, 'Ann', { cardNo: 'A1' });
    await sell(h, a.id, plan.id);
    await h.invoke('payments.record', { payerId: a.id, method: 'cash', amount: 30000 });
    const s6 = (await h.invoke('classes.day', { date: '2027-03-06' })).sessions[0]!;
    const s13 = (await h.invoke('classes.day', { date: '2027-03-13' })).sessions[0]!;
    await h.invoke('classes.book', { sessionId: s6.id, memberIds: [a.id] });
    await h.invoke('classes.book', { sessionId: s13.id, memberIds: [a.id] });
    th.clock.set(local('2027-03-06', '08:30'));
    expect(await h.invoke('checkin.checkIn', { query: 'A1' })).toMatchObject({ outcome: 'checked_in', classMark: { outcome: 'marked' }, entitlement: { sessionsLeft: 2 } });
    th.clock.set(local('2027-03-08', '08:30'));
    expect(await h.invoke('checkin.checkIn', { query: 'A1' })).toMatchObject({ outcome: 'checked_in', entitlement: { sessionsLeft: 1 } });
    th.clock.set(local('2027-03-13', '08:30'));
    const door = await h.invoke('checkin.checkIn', { query: 'A1' });
    expect(door).toMatchObject({ outcome: 'checked_in', classMark: { outcome: 'not_marked', code: 'CLASS_NO_ENTITLEMENT' }, entitlement: { sessionsLeft: 0 } });
    expect(door.warnings).toContainEqual({ code: 'sessions_left', count: 0 });
    expect((await h.invoke('classes.session', { sessionId: s13.id })).bookings.map((b) => b.status)).toEqual(['booked']);
    // The quota is used up: the next visit is refused, never "-1 left".
    th.clock.set(local('2027-03-14', '08:30'));
    expect(await h.invoke('checkin.evaluate', { memberId: a.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 4 }] });
    // A third 2-unit class cannot be booked with no visits left.
    const s20 = (await h.invoke('classes.day', { date: '2027-03-20' })).sessions[0]!;
    expect(await failure(h.invoke('classes.book', { sessionId: s20.id, memberIds: [a.id] }))).toMatchObject({ code: 'CLASS_NO_ENTITLEMENT' });
  });
});
