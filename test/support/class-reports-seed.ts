/**
 * A small business for the class and keep-members reports (docs/reports.md, "Classes and keeping members"),
 * built through the host from Monday 2026-03-02 09:00 (Asia/Shanghai) to Monday 2026-05-04 09:00. The
 * integration test and the e2e spec both use it; the figures it should give are worked out in the test.
 *
 * Classes (March): Yoga (3 places, 60 min, Mondays 18:00, Lin) and Spin (2 places, 45 min, Wednesdays 07:00,
 * Wang). Yoga 03-16 cancelled, 03-23 taught by Wang (substitute), 03-30 moved to Tuesday 03-31 19:00.
 * Memberships (¥300 a month): Eve, Fay, Gus, Ivy cancelled "now" in March, Hal and Jo at the period end
 * (04-02), Kay (bought 03-10) "now" on 04-08; Fay, Gus and Jo buy again on 03-25, 04-15 and 04-20. Ivy's
 * cancellation is made to look like one recorded before the desk was asked for a reason (no reason stored).
 * Follow-ups: Eve 03-09 (desk, then the owner the same day), Fay 03-20, Gus 03-30, Cai and Hal 04-01 (Hal then
 * buys a one-visit drop-in, which is not a renewal).
 */
import type { Host } from '../../electron/host/host';
import { signInAs, type TestClock } from './host';

/** HH:MM Shanghai time (UTC+8) on `date` as an ISO instant. */
export function shanghai(date: string, hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h - 8, m)).toISOString();
}

export const SEED_TODAY = '2026-05-04';

export async function seedClassReports(host: Host, clock: TestClock) {
  clock.set(shanghai('2026-03-02', '09:00'));
  const monthly = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly', price: 30000, interval: 'month', taxRateBp: 0 });
  const pack = await host.invoke('plans.create', { kind: 'pack', name: '10 classes', price: 80000, packSessions: 10, packValidDays: 90, taxRateBp: 0 });
  const person = (name: string) => host.invoke('members.create', { name });
  const [ann, bo, cai, dee] = [await person('Ann'), await person('Bo'), await person('Cai'), await person('Dee')];
  for (const m of [ann, bo, cai, dee]) await host.invoke('packs.sell', { memberId: m.id, planId: pack.id });

  const yoga = await host.invoke('classes.types.create', { name: 'Yoga', colour: '#22aa66', minutes: 60, capacity: 3 });
  const spin = await host.invoke('classes.types.create', { name: 'Spin', colour: '#3366cc', minutes: 45, capacity: 2 });
  for (const t of [yoga, spin]) await host.invoke('classes.types.setRules', { id: t.id, openDays: 30, cutoffHours: 12, lateCancelRule: 'count', noShowRule: 'count' });
  const lin = await host.invoke('classes.teachers.create', { name: 'Lin' });
  const wang = await host.invoke('classes.teachers.create', { name: 'Wang' });
  await host.invoke('classes.schedules.create', { classTypeId: yoga.id, name: 'Monday yoga', weekdays: [1], startTime: '18:00', teacherId: lin.id, termStart: '2026-03-02', termEnd: '2026-03-30' });
  await host.invoke('classes.schedules.create', { classTypeId: spin.id, name: 'Wednesday spin', weekdays: [3], startTime: '07:00', teacherId: wang.id, termStart: '2026-03-04', termEnd: '2026-03-25' });
  const session = async (date: string) => {
    const day = await host.invoke('classes.day', { date });
    return day.sessions[0]!.id;
  };
  const y = { d02: await session('2026-03-02'), d09: await session('2026-03-09'), d16: await session('2026-03-16'), d23: await session('2026-03-23'), d30: await session('2026-03-30') };
  const s = { d04: await session('2026-03-04'), d11: await session('2026-03-11'), d18: await session('2026-03-18'), d25: await session('2026-03-25') };
  const book = async (sessionId: number, ...members: { id: number }[]) => {
    const out: Record<number, number> = {};
    for (const m of members) out[m.id] = (await host.invoke('classes.book', { sessionId, memberIds: [m.id] }))[0]!.id;
    return out;
  };
  const b02 = await book(y.d02, ann, bo, cai);
  const b09 = await book(y.d09, ann, bo);
  await book(y.d16, dee);
  const b23 = await book(y.d23, ann, bo, cai);
  await book(y.d30, ann, dee);
  const b04 = await book(s.d04, ann, dee);
  await book(s.d11, cai);
  const b25 = await book(s.d25, bo);
  await host.invoke('classes.sessions.cancel', { sessionId: y.d16, reason: 'Teacher ill' });
  await host.invoke('classes.sessions.change', { sessionId: y.d23, teacherId: wang.id });
  await host.invoke('classes.sessions.change', { sessionId: y.d30, date: '2026-03-31', startTime: '19:00' });

  const sell = (memberId: number) => host.invoke('subscriptions.create', { memberId, planId: monthly.id });
  const subOf = async (memberId: number) => (await host.invoke('subscriptions.listByMember', { memberId })).find((x) => x.endDate === null)!.id;
  const [eve, fay, gus, hal, ivy, jo] = [await person('Eve'), await person('Fay'), await person('Gus'), await person('Hal'), await person('Ivy'), await person('Jo')];
  for (const m of [eve, fay, gus, hal, ivy, jo]) await sell(m.id);
  const cancelNow = async (memberId: number, effectiveDate: string, reason?: string) =>
    host.invoke('subscriptions.cancel', { id: await subOf(memberId), mode: 'now', effectiveDate, ...(reason ? { reason } : {}) });
  await cancelNow(eve.id, '2026-03-10', 'Moved away');
  await cancelNow(fay.id, '2026-03-12', 'Too expensive');
  await cancelNow(gus.id, '2026-03-20', 'Too expensive');
  const ivySub = await subOf(ivy.id);
  await cancelNow(ivy.id, '2026-03-25');
  host.db.prepare('UPDATE subscriptions SET cancel_reason = NULL WHERE id = ?').run(ivySub);
  for (const m of [hal, jo]) await host.invoke('subscriptions.cancel', { id: await subOf(m.id), mode: 'period_end', reason: 'No time' });

  const follow = (role: 'desk' | 'owner', memberId: number, reason: 'membership_ending' | 'no_visit' | 'pack_low', outcome: 'reached' | 'no_answer' | 'will_renew' | 'not_interested') =>
    signInAs(host, role).then(() => host.invoke('renewals.record', { memberId, reason, outcome, ...(outcome === 'not_interested' ? { lostReason: 'No time' } : {}) }));

  clock.set(shanghai('2026-03-09', '10:00'));
  await host.invoke('classes.cancelBooking', { bookingId: b09[bo.id]! }); // after the 06:00 cut-off: late
  await follow('desk', eve.id, 'membership_ending', 'no_answer');
  await follow('owner', eve.id, 'membership_ending', 'reached');

  clock.set(shanghai('2026-03-10', '09:00'));
  const kay = await person('Kay');
  await sell(kay.id);
  await cancelNow(kay.id, '2026-04-08', 'Moved away');

  clock.set(shanghai('2026-03-20', '09:00'));
  await follow('desk', fay.id, 'membership_ending', 'will_renew');
  clock.set(shanghai('2026-03-25', '09:00'));
  await signInAs(host, 'owner');
  await sell(fay.id);
  clock.set(shanghai('2026-03-30', '09:00'));
  await follow('desk', gus.id, 'no_visit', 'reached');
  clock.set(shanghai('2026-04-01', '09:00'));
  await follow('owner', hal.id, 'membership_ending', 'not_interested');
  // A one-visit drop-in is not a renewal: Hal's follow-up did not lead to one.
  const dayPass = await host.invoke('plans.create', { kind: 'dropin', name: 'Day pass', price: 5000, taxRateBp: 0 });
  await host.invoke('checkout.sell', { payerId: hal.id, items: [{ kind: 'dropin', memberId: hal.id, planId: dayPass.id }], payment: { method: 'cash', amount: 5000 } });
  await follow('desk', cai.id, 'pack_low', 'no_answer');
  await signInAs(host, 'owner');
  clock.set(shanghai('2026-04-15', '09:00'));
  await sell(gus.id);
  clock.set(shanghai('2026-04-20', '09:00'));
  await sell(jo.id);

  // The roll calls, taken afterwards.
  clock.set(shanghai(SEED_TODAY, '09:00'));
  const mark = (bookingId: number, present: boolean) => host.invoke('classes.mark', { bookingId, present });
  await mark(b02[ann.id]!, true);
  await mark(b02[bo.id]!, true);
  await mark(b02[cai.id]!, false);
  await mark(b09[ann.id]!, true);
  for (const m of [ann, bo, cai]) await mark(b23[m.id]!, true);
  await mark(b04[ann.id]!, true);
  await mark(b04[dee.id]!, true);
  await host.invoke('classes.closeRoll', { sessionId: s.d11 });
  await mark(b25[bo.id]!, true);
  return { yoga, spin, lin, wang };
}
