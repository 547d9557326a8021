/**
 * What a member may use at the door is part of what they bought: a membership keeps the visit quota
 * and visits a day of its plan as sold (a plan switch brings the new plan's), a pack keeps its visits
 * a day. Editing the plan afterwards changes only later sales. Migration 029 gave rows already there
 * their plan's values.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import type { Plan } from '../../../electron/contract';
import { makeHost, type TestHost } from '../../support/host';
import { b64, deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** The plan form's whole input for an edit, from the plan as it is, with some terms changed. */
async function editPlan(h: Host, plan: Plan, change: Partial<{ sessionQuota: number | null; checkinsPerDay: number; price: number }>) {
  const base =
    plan.kind === 'recurring'
      ? { kind: 'recurring' as const, name: plan.name, price: plan.price, interval: plan.interval!, taxRateBp: plan.taxRateBp, sessionQuota: plan.sessionQuota, checkinsPerDay: plan.checkinsPerDay }
      : { kind: 'pack' as const, name: plan.name, price: plan.price, packSessions: plan.packSessions!, packValidDays: plan.packValidDays!, taxRateBp: plan.taxRateBp, checkinsPerDay: plan.checkinsPerDay };
  return h.invoke('plans.update', { id: plan.id, plan: { ...base, ...change } });
}

async function paidMember(h: Host, name: string, planId: number) {
  const m = await member(h, name);
  const sale = await sell(h, m.id, planId);
  await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: sale.invoices[0]!.total });
  return { member: m, subscriptionId: sale.subscription!.id };
}

const entitlement = async (h: Host, memberId: number) => (await h.invoke('checkin.evaluate', { memberId })).entitlement;

describe('door terms stay with what was sold', () => {
  it('a plan edit changes the visit quota and visits a day of later buyers only', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await monthly(h, { sessionQuota: 4, checkinsPerDay: 1 });
    const early = await paidMember(h, 'Early', plan.id);
    const edited = await editPlan(h, plan, { sessionQuota: 2, checkinsPerDay: 3 });
    expect([edited.sessionQuota, edited.checkinsPerDay]).toEqual([2, 3]);
    const late = await paidMember(h, 'Late', plan.id);

    // Before any visit: the quota left after this visit, and the visits a day, as each bought them.
    expect(await entitlement(h, early.member.id)).toMatchObject({ sessionsLeft: 3, visitsPerDay: 1 });
    expect(await entitlement(h, late.member.id)).toMatchObject({ sessionsLeft: 1, visitsPerDay: 3 });

    // The early buyer: one visit counted a day, four in the period.
    expect(await h.invoke('checkin.checkIn', { memberId: early.member.id })).toMatchObject({ outcome: 'checked_in', visitsToday: 1 });
    expect(await h.invoke('checkin.checkIn', { memberId: early.member.id })).toMatchObject({ outcome: 'already', visitsToday: 1 });
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      th.clock.setDate(day);
      expect((await h.invoke('checkin.checkIn', { memberId: early.member.id })).outcome).toBe('checked_in');
    }
    th.clock.setDate('2026-03-06');
    expect(await h.invoke('checkin.checkIn', { memberId: early.member.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 4 }] });

    // The later buyer: two visits on one day use the whole quota of 2.
    expect(await h.invoke('checkin.checkIn', { memberId: late.member.id })).toMatchObject({ outcome: 'checked_in', visitsToday: 1 });
    expect(await h.invoke('checkin.checkIn', { memberId: late.member.id })).toMatchObject({ outcome: 'checked_in', visitsToday: 2 });
    // A third scan that day finds them already in; the next day the quota is used.
    expect(await h.invoke('checkin.checkIn', { memberId: late.member.id })).toMatchObject({ outcome: 'already', visitsToday: 2 });
    th.clock.setDate('2026-03-07');
    expect(await h.invoke('checkin.checkIn', { memberId: late.member.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 2 }] });

    expect(h.db.prepare('SELECT session_quota, checkins_per_day FROM subscriptions ORDER BY id').all()).toEqual([
      { session_quota: 4, checkins_per_day: 1 },
      { session_quota: 2, checkins_per_day: 3 },
    ]);
  });

  it('removing the quota from the plan leaves earlier buyers limited, and adding one leaves them free', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const limited = await monthly(h, { name: 'Eight visits', sessionQuota: 8 });
    const open = await monthly(h, { name: 'Open gym', sessionQuota: null });
    const a = await paidMember(h, 'A', limited.id);
    const b = await paidMember(h, 'B', open.id);
    await editPlan(h, limited, { sessionQuota: null });
    await editPlan(h, open, { sessionQuota: 1 });
    expect(await entitlement(h, a.member.id)).toMatchObject({ sessionsLeft: 7 });
    expect(await entitlement(h, b.member.id)).toMatchObject({ sessionsLeft: null });
  });

  it('a pack keeps the visits a day of its sale', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await pack(h, { packSessions: 10, checkinsPerDay: 1 });
    const m = await member(h, 'Pack holder');
    const sold = await h.invoke('packs.sell', { memberId: m.id, planId: plan.id });
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 80000 });
    await editPlan(h, plan, { checkinsPerDay: 2 });
    const later = await member(h, 'Later holder');
    await h.invoke('packs.sell', { memberId: later.id, planId: plan.id });
    await h.invoke('payments.record', { payerId: later.id, method: 'cash', amount: 80000 });

    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'checked_in', entitlement: { kind: 'pack', sessionsLeft: 9, visitsPerDay: 1 } });
    // A second visit the same day is the same visit: no second session used.
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'already', visitsToday: 1 });
    expect(await h.invoke('checkin.checkIn', { memberId: later.id })).toMatchObject({ entitlement: { sessionsLeft: 9, visitsPerDay: 2 } });
    expect(await h.invoke('checkin.checkIn', { memberId: later.id })).toMatchObject({ outcome: 'checked_in', visitsToday: 2, entitlement: { sessionsLeft: 8 } });
    expect(h.db.prepare('SELECT id, checkins_per_day FROM member_packs ORDER BY id').all()).toEqual([
      { id: sold.pack.id, checkins_per_day: 1 },
      { id: sold.pack.id + 1, checkins_per_day: 2 },
    ]);
  });

  it('a plan switch brings the new plan’s terms as they are on the day of the switch, now or at the period end', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const basic = await monthly(h, { name: 'Basic', price: 20000, sessionQuota: 4 });
    const gold = await monthly(h, { name: 'Gold', price: 50000, sessionQuota: 12, checkinsPerDay: 2 });
    const lite = await monthly(h, { name: 'Lite', price: 10000, sessionQuota: 2 });
    const { member: m, subscriptionId } = await paidMember(h, 'Switcher', basic.id);

    // Gold is edited before the upgrade: the upgrade takes Gold's terms of that day.
    await editPlan(h, gold, { sessionQuota: 10 });
    th.clock.setDate('2026-03-10');
    await h.invoke('subscriptions.changePlan', { id: subscriptionId, planId: gold.id, when: 'now' });
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 100000 });
    expect(await entitlement(h, m.id)).toMatchObject({ planName: 'Gold', sessionsLeft: 9, visitsPerDay: 2 });

    // A downgrade at the period end: Gold's terms until then, Lite's from the switch day, even before the run makes it.
    await h.invoke('subscriptions.changePlan', { id: subscriptionId, planId: lite.id, when: 'period_end' });
    await editPlan(h, gold, { sessionQuota: 30, checkinsPerDay: 5 });
    expect(await entitlement(h, m.id)).toMatchObject({ planName: 'Gold', sessionsLeft: 9, visitsPerDay: 2 });
    const switchDay = (h.db.prepare('SELECT pending_change_date FROM subscriptions WHERE id = ?').pluck().get(subscriptionId)) as string;
    expect(switchDay).toBe('2026-04-02');
    th.clock.setDate(switchDay);
    expect(await entitlement(h, m.id)).toMatchObject({ planName: 'Lite', sessionsLeft: 1, visitsPerDay: 1 });
    await h.invoke('billing.run', {});
    expect(h.db.prepare('SELECT plan_id, session_quota, checkins_per_day FROM subscriptions WHERE id = ?').get(subscriptionId)).toEqual({
      plan_id: lite.id, session_quota: 2, checkins_per_day: 1,
    });
    // Lite edited after the switch: the member keeps what the switch gave.
    await editPlan(h, lite, { sessionQuota: 6 });
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 100000 });
    expect(await entitlement(h, m.id)).toMatchObject({ planName: 'Lite', sessionsLeft: 1, visitsPerDay: 1 });
  });

  it('an imported membership and pack take their plan’s terms at the import', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await monthly(h, { sessionQuota: 5, checkinsPerDay: 2 });
    const classes = await pack(h, { checkinsPerDay: 3 });
    const file = ['Name,Plan,Next billing date,Sessions left,Valid until', 'Ivy,Monthly,2026-03-20,,', 'Jon,10 classes,,4,2026-05-31'].join('\n');
    const p = await h.invoke('members.importPreview', { content: b64(file) });
    await h.invoke('members.importCommit', { token: p.token, skip: [] });
    await editPlan(h, plan, { sessionQuota: 1, checkinsPerDay: 1 });
    await editPlan(h, classes, { checkinsPerDay: 1 });
    expect(h.db.prepare('SELECT session_quota, checkins_per_day FROM subscriptions').all()).toEqual([{ session_quota: 5, checkins_per_day: 2 }]);
    expect(h.db.prepare('SELECT checkins_per_day FROM member_packs').all()).toEqual([{ checkins_per_day: 3 }]);
    const [ivy, jon] = h.db.prepare("SELECT id FROM members WHERE name IN ('Ivy', 'Jon') ORDER BY name").pluck().all() as number[];
    expect(await entitlement(h, ivy!)).toMatchObject({ sessionsLeft: 4, visitsPerDay: 2 });
    expect(await entitlement(h, jon!)).toMatchObject({ sessionsLeft: 3, visitsPerDay: 3 });
  });

  it('the database refuses door terms outside the plan form’s limits', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await monthly(h);
    const { subscriptionId } = await paidMember(h, 'Kim', plan.id);
    expect(() => h.db.prepare('UPDATE subscriptions SET checkins_per_day = 0 WHERE id = ?').run(subscriptionId)).toThrow(/CHECK constraint failed/);
    expect(() => h.db.prepare('UPDATE subscriptions SET session_quota = 0 WHERE id = ?').run(subscriptionId)).toThrow(/CHECK constraint failed/);
    const classes = await pack(h);
    const sold = await h.invoke('packs.sell', { memberId: (await member(h, 'Lee')).id, planId: classes.id });
    expect(() => h.db.prepare('UPDATE member_packs SET checkins_per_day = 21 WHERE id = ?').run(sold.pack.id)).toThrow(/CHECK constraint failed/);
  });
});

describe('the visit quota’s period after an extend-mode freeze (顺延)', () => {
  it('counts the visits of the period the freeze stretched, not every visit since the sale', async () => {
    th = await deskHost('2026-01-05');
    const h = th.host;
    const plan = await monthly(h, { name: 'Three a month', price: 31000, sessionQuota: 3 });
    await h.invoke('plans.update', { id: plan.id, plan: { kind: 'recurring', name: 'Three a month', price: 31000, interval: 'month', taxRateBp: 0, sessionQuota: 3, freezeDaysPerYear: 60, pauseMode: 'extend' } });
    const { member: bea, subscriptionId } = await paidMember(h, 'Bea', plan.id);
    for (const d of ['2026-01-06', '2026-01-07', '2026-01-08']) {
      th.clock.setDate(d);
      expect((await h.invoke('checkin.checkIn', { memberId: bea.id })).outcome).toBe('checked_in');
    }
    th.clock.setDate('2026-01-09');
    expect(await h.invoke('checkin.evaluate', { memberId: bea.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 3 }] });
    th.clock.setDate('2026-02-05');
    await h.invoke('billing.run', {});
    await h.invoke('payments.record', { payerId: bea.id, method: 'cash', amount: 31000 });
    // Frozen Feb 6 – Feb 16: the February period runs Feb 5 → Mar 15 with its own 3 visits.
    await h.invoke('subscriptions.pause', { id: subscriptionId, effectiveDate: '2026-02-06', resumeDate: '2026-02-16' });
    for (const d of ['2026-02-17', '2026-02-18', '2026-03-10']) {
      th.clock.setDate(d);
      await h.invoke('billing.run', {});
      expect(await h.invoke('checkin.checkIn', { memberId: bea.id }), d).toMatchObject({ outcome: 'checked_in' });
    }
    th.clock.setDate('2026-03-11');
    expect(await h.invoke('checkin.evaluate', { memberId: bea.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 3 }] });
    // The moved anchor starts the next period with 3 again.
    th.clock.setDate('2026-03-15');
    await h.invoke('billing.run', {});
    await h.invoke('payments.record', { payerId: bea.id, method: 'cash', amount: 31000 });
    expect(await h.invoke('checkin.evaluate', { memberId: bea.id })).toMatchObject({ outcome: 'allowed', entitlement: { sessionsLeft: 2 } });
  });
});

describe('migration 029', () => {
  it('gives memberships and packs already in the file their plan’s current terms', async () => {
    const first = await deskHost('2026-03-02');
    const h = first.host;
    const quota = await monthly(h, { sessionQuota: 6, checkinsPerDay: 2 });
    const plain = await monthly(h, { name: 'Plain' });
    const twice = await pack(h, { checkinsPerDay: 2 });
    const a = await member(h, 'A');
    const b = await member(h, 'B');
    await sell(h, a.id, quota.id);
    await sell(h, b.id, plain.id);
    await h.invoke('packs.sell', { memberId: b.id, planId: twice.id });
    first.close();
    // The file as it was before the migration: no door-term columns.
    const db = new Database(path.join(first.dataDir, 'subdesk.sqlite'));
    db.exec('ALTER TABLE subscriptions DROP COLUMN session_quota; ALTER TABLE subscriptions DROP COLUMN checkins_per_day; ALTER TABLE member_packs DROP COLUMN checkins_per_day;');
    db.exec('ALTER TABLE subscriptions DROP COLUMN imported;'); // migration 030 comes after
    db.exec('DROP TABLE member_search_pending;'); // and 031 (its triggers it drops and writes again)
    db.pragma('user_version = 28');
    db.close();
    th = await makeHost({ dataDir: first.dataDir, startDate: '2026-03-02' });
    expect(th.host.db.prepare('SELECT plan_id, session_quota, checkins_per_day FROM subscriptions ORDER BY id').all()).toEqual([
      { plan_id: quota.id, session_quota: 6, checkins_per_day: 2 },
      { plan_id: plain.id, session_quota: null, checkins_per_day: 1 },
    ]);
    expect(th.host.db.prepare('SELECT checkins_per_day FROM member_packs').pluck().all()).toEqual([2]);
  });
});
