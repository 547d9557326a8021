import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** A paid-up member on ¥300/month from 2026-03-02 (invoice paid in cash). */
async function paidUp(name = '张三', card = 'A1001') {
  th = await deskHost('2026-03-02');
  const h = th.host;
  const m = await member(h, name, { phone: '13800138000', cardNo: card });
  const plan = await monthly(h);
  const sale = await sell(h, m.id, plan.id);
  await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: sale.invoices[0]!.total });
  return { h, m, plan, sale };
}

describe('checkin.checkIn', () => {
  it('checks in a paid-up member by card number, then counts no second visit that day', async () => {
    const { h, m, sale } = await paidUp();
    const first = await h.invoke('checkin.checkIn', { query: 'A1001' });
    expect(first).toMatchObject({
      outcome: 'checked_in',
      member: { id: m.id, name: '张三', badges: ['active'] },
      entitlement: { kind: 'subscription', id: sale.subscription.id, planName: 'Monthly', sessionsLeft: null, endsOn: null, trialEndsOn: null, visitsPerDay: 1 },
      blocks: [],
      warnings: [],
      candidates: [],
      visitsToday: 1,
    });
    expect(first.checkin).toEqual({
      id: 1,
      memberId: m.id,
      memberName: '张三',
      cardNo: 'A1001',
      date: '2026-03-02',
      at: '2026-03-02T01:00:00.000Z',
      subscriptionId: sale.subscription.id,
      packId: null,
      planName: 'Monthly',
      staffName: 'Owner',
      overrideReason: null,
      undoneAt: null,
      undoneBy: null,
      undoReason: null,
      classBookingId: null,
      kept: null,
    });
    th!.clock.set('2026-03-02T03:30:00.000Z');
    const again = await h.invoke('checkin.checkIn', { memberId: m.id });
    expect(again).toMatchObject({ outcome: 'already', checkin: { id: 1, at: '2026-03-02T01:00:00.000Z' }, visitsToday: 1 });
    expect(await h.invoke('checkin.today', {})).toHaveLength(1);
    th!.clock.setDate('2026-03-03');
    expect(await h.invoke('checkin.checkIn', { query: '13800138000' })).toMatchObject({ outcome: 'checked_in', checkin: { id: 2, date: '2026-03-03' } });
    // Each recorded visit is audited.
    const audit = h.db.prepare("SELECT entity_id FROM audit_log WHERE entity = 'checkin' ORDER BY id").all();
    expect(audit).toEqual([{ entity_id: '1' }, { entity_id: '2' }]);
  });

  it('counts a second visit the same day when the plan allows two', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const m = await member(h, '李四');
    const plan = await monthly(h, { checkinsPerDay: 2 });
    const sale = await sell(h, m.id, plan.id);
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: sale.invoices[0]!.total });
    expect((await h.invoke('checkin.checkIn', { memberId: m.id })).visitsToday).toBe(1);
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'checked_in', visitsToday: 2 });
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'already', visitsToday: 2, checkin: { id: 2 } });
  });

  it('uses one pack session per visit, warns of the sessions left, and blocks when none are left', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const m = await member(h, '王五', { cardNo: 'P-7' });
    const plan = await pack(h, { packSessions: 2, packValidDays: 30 });
    const sold = await h.invoke('packs.sell', { memberId: m.id, planId: plan.id });
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 80000 });
    const first = await h.invoke('checkin.checkIn', { query: 'P-7' });
    expect(first).toMatchObject({
      outcome: 'checked_in',
      entitlement: { kind: 'pack', id: sold.pack.id, planName: '10 classes', sessionsLeft: 1, endsOn: '2026-04-01' },
      warnings: [{ code: 'sessions_left', count: 1 }],
      checkin: { packId: sold.pack.id, subscriptionId: null },
    });
    expect((await h.invoke('packs.listByMember', { memberId: m.id }))[0]).toMatchObject({ sessionsUsed: 1, status: 'active' });
    th!.clock.setDate('2026-03-20');
    expect(await h.invoke('checkin.checkIn', { query: 'P-7' })).toMatchObject({
      outcome: 'checked_in',
      entitlement: { sessionsLeft: 0 },
      warnings: [
        { code: 'expires', days: 11, on: '2026-03-31' },
        { code: 'sessions_left', count: 0 },
      ],
    });
    expect((await h.invoke('packs.listByMember', { memberId: m.id }))[0]).toMatchObject({ sessionsUsed: 2, status: 'used_up' });
    th!.clock.setDate('2026-03-21');
    const before = databaseHash(h.db);
    expect(await h.invoke('checkin.checkIn', { query: 'P-7' })).toMatchObject({
      outcome: 'blocked',
      checkin: null,
      entitlement: null,
      blocks: [{ code: 'no_sessions' }],
      member: { badges: ['ended'] },
    });
    expect(databaseHash(h.db)).toBe(before);
  });

  it('blocks a paused membership, and a manager override lets the member in with the reason audited', async () => {
    const { h, m, sale } = await paidUp();
    await h.invoke('subscriptions.pause', { id: sale.subscription.id, effectiveDate: '2026-03-10', resumeDate: '2026-04-10' });
    th!.clock.setDate('2026-03-12');
    await h.invoke('billing.run', {});
    const blocked = await h.invoke('checkin.checkIn', { query: 'A1001' });
    expect(blocked).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'paused', until: '2026-04-10' }], checkin: null, member: { badges: ['paused'] } });
    const over = await h.invoke('checkin.override', { memberId: m.id, reason: '来取储物柜的东西' });
    expect(over).toMatchObject({
      outcome: 'checked_in',
      entitlement: null,
      blocks: [{ code: 'paused', until: '2026-04-10' }],
      checkin: { overrideReason: '来取储物柜的东西', subscriptionId: null, packId: null, staffName: 'Owner', date: '2026-03-12' },
    });
    const row = h.db.prepare("SELECT after FROM audit_log WHERE entity = 'checkin' ORDER BY id DESC LIMIT 1").get() as { after: string };
    expect(JSON.parse(row.after)).toMatchObject({ overrideReason: '来取储物柜的东西', blocks: [{ code: 'paused', until: '2026-04-10' }] });
    // Only a manager may override; the desk is refused and nothing changes.
    th!.clock.setDate('2026-03-13');
    await signInAs(h, 'desk');
    const before = databaseHash(h.db);
    expect((await failure(h.invoke('checkin.override', { memberId: m.id, reason: 'x' }))).code).toBe('FORBIDDEN');
    expect(databaseHash(h.db)).toBe(before);
  });

  it('warns of an overdue invoice with amount and days, and blocks once it is more than 14 days overdue', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const m = await member(h, '赵六', { cardNo: 'Z6' });
    const plan = await monthly(h);
    await sell(h, m.id, plan.id); // invoice 2026-03-02, due 2026-03-09, unpaid
    th.clock.setDate('2026-03-09');
    expect(await h.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({ outcome: 'checked_in', warnings: [], member: { badges: ['active'] } });
    th.clock.setDate('2026-03-16');
    expect(await h.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({
      outcome: 'checked_in',
      warnings: [{ code: 'overdue', amount: 30000, days: 7 }],
      member: { badges: ['active', 'overdue'] },
    });
    th.clock.setDate('2026-03-23'); // 14 days: still allowed
    expect((await h.invoke('checkin.checkIn', { query: 'Z6' })).outcome).toBe('checked_in');
    th.clock.setDate('2026-03-24'); // 15 days: blocked
    const blocked = await h.invoke('checkin.checkIn', { query: 'Z6' });
    expect(blocked).toMatchObject({
      outcome: 'blocked',
      blocks: [{ code: 'overdue', amount: 30000, days: 15, limit: 14 }],
      entitlement: { kind: 'subscription', planName: 'Monthly' },
    });
    const over = await h.invoke('checkin.override', { memberId: m.id, reason: 'Promised to pay tomorrow' });
    expect(over).toMatchObject({ outcome: 'checked_in', checkin: { overrideReason: 'Promised to pay tomorrow', subscriptionId: 1 } });
    th.clock.setDate('2026-03-25');
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 30000 });
    expect(await h.invoke('checkin.checkIn', { query: 'Z6' })).toMatchObject({ outcome: 'checked_in', warnings: [] });
  });

  it('blocks an ended membership, and warns when it is about to end', async () => {
    const { h, sale } = await paidUp();
    await h.invoke('subscriptions.cancel', { id: sale.subscription.id, mode: 'period_end' });
    th!.clock.setDate('2026-03-25');
    expect(await h.invoke('checkin.checkIn', { query: 'A1001' })).toMatchObject({
      outcome: 'checked_in',
      entitlement: { endsOn: '2026-04-02' },
      warnings: [{ code: 'expires', days: 7, on: '2026-04-01' }],
      member: { badges: ['active', 'expiring'] },
    });
    // The warning names the last day of service (Apr 1), so on it the desk says "today is the last day" (days 0).
    th!.clock.setDate('2026-04-01');
    expect(await h.invoke('checkin.evaluate', { memberId: sale.subscription.memberId })).toMatchObject({ warnings: [{ code: 'expires', days: 0, on: '2026-04-01' }] });
    th!.clock.setDate('2026-04-02');
    expect(await h.invoke('checkin.checkIn', { query: 'A1001' })).toMatchObject({
      outcome: 'blocked',
      blocks: [{ code: 'ended', on: '2026-04-02' }],
      member: { badges: ['ended'] },
    });
  });

  it('blocks a member who never had a membership, and one whose plan quota is used', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const none = await member(h, '钱七');
    expect(await h.invoke('checkin.checkIn', { memberId: none.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'no_membership' }], member: { badges: [] } });
    const m = await member(h, '孙八');
    const plan = await monthly(h, { sessionQuota: 2 });
    const sale = await sell(h, m.id, plan.id);
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: sale.invoices[0]!.total });
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'checked_in', warnings: [{ code: 'sessions_left', count: 1 }] });
    th.clock.setDate('2026-03-03');
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'checked_in', warnings: [{ code: 'sessions_left', count: 0 }] });
    th.clock.setDate('2026-03-04');
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'quota_used', quota: 2 }] });
    th.clock.setDate('2026-04-02'); // a new period: the quota starts again
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: 30000 });
    expect(await h.invoke('checkin.checkIn', { memberId: m.id })).toMatchObject({ outcome: 'checked_in', warnings: [{ code: 'sessions_left', count: 1 }] });
  });

  it('says how many sessions are left only when 2 or fewer remain', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const m = await member(h, '周九');
    const plan = await monthly(h, { sessionQuota: 4 });
    const sale = await sell(h, m.id, plan.id);
    await h.invoke('payments.record', { payerId: m.id, method: 'cash', amount: sale.invoices[0]!.total });
    const left: (number | null)[] = [];
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) {
      th.clock.setDate(d);
      const r = await h.invoke('checkin.checkIn', { memberId: m.id });
      expect(r.outcome).toBe('checked_in');
      left.push((r.warnings.find((w) => w.code === 'sessions_left') as { count: number } | undefined)?.count ?? null);
    }
    // 3 left after the first visit: nothing said; then 2, 1, 0.
    expect(left).toEqual([null, 2, 1, 0]);
  });

  it('asks which member when the box matches several, and says when it matches nobody', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const a = await member(h, '张伟', { phone: '13900000001' });
    const b = await member(h, '张伟', { phone: '13900000002' });
    const choose = await h.invoke('checkin.checkIn', { query: 'zw' });
    expect(choose.outcome).toBe('choose');
    expect(choose.candidates.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(await h.invoke('checkin.checkIn', { query: 'nobody' })).toEqual({
      outcome: 'no_match',
      member: null,
      checkin: null,
      entitlement: null,
      blocks: [],
      warnings: [],
      candidates: [],
      visitsToday: 0,
      classMark: null,
    });
    expect((await h.invoke('checkin.checkIn', { query: '13900000002' })).member?.id).toBe(b.id);
  });

  it('refuses bad input: unknown or merged member, both or neither of id and query', async () => {
    const { h, m } = await paidUp();
    const before = databaseHash(h.db);
    expect(await failure(h.invoke('checkin.checkIn', { memberId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await failure(h.invoke('checkin.checkIn', {}))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('checkin.checkIn', { memberId: m.id, query: 'A1001' }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('checkin.override', { memberId: m.id, reason: '  ' }))).code).toBe('VALIDATION');
    expect(databaseHash(h.db)).toBe(before);
    const dup = await member(h, '张三 (dup)');
    await h.invoke('members.merge', { keepId: m.id, mergeId: dup.id });
    expect(await failure(h.invoke('checkin.checkIn', { memberId: dup.id }))).toMatchObject({ code: 'MEMBER_MERGED' });
  });
});

describe('checkin.undo and the lists', () => {
  it('undoes a mistaken check-in of today, gives the pack session back, and refuses twice or too late', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const m = await member(h, '周九');
    const plan = await pack(h);
    await h.invoke('packs.sell', { memberId: m.id, planId: plan.id });
    const { checkin } = await h.invoke('checkin.checkIn', { memberId: m.id });
    th.clock.set('2026-03-02T02:00:00.000Z');
    const undone = await h.invoke('checkin.undo', { id: checkin!.id, reason: 'Wrong member' });
    expect(undone).toMatchObject({ id: checkin!.id, undoneAt: '2026-03-02T02:00:00.000Z', undoneBy: 'Owner', undoReason: 'Wrong member' });
    expect((await h.invoke('packs.listByMember', { memberId: m.id }))[0]!.sessionsUsed).toBe(0);
    expect(await failure(h.invoke('checkin.undo', { id: checkin!.id }))).toMatchObject({ code: 'CHECKIN_UNDONE' });
    // After an undo the member can check in again the same day.
    const again = await h.invoke('checkin.checkIn', { memberId: m.id });
    expect(again.outcome).toBe('checked_in');
    th.clock.setDate('2026-03-03');
    expect(await failure(h.invoke('checkin.undo', { id: again.checkin!.id }))).toMatchObject({ code: 'CHECKIN_UNDO_TOO_LATE', details: { date: '2026-03-02' } });
    expect(await failure(h.invoke('checkin.undo', { id: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    const log = h.db.prepare("SELECT before, after FROM audit_log WHERE entity = 'checkin' AND channel = 'checkin.undo'").get() as { before: string; after: string };
    expect([JSON.parse(log.before).undoneAt, JSON.parse(log.after).undoneAt]).toEqual([null, '2026-03-02T02:00:00.000Z']);
  });

  it('lists today, a member history, and attendance per day and per member', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await pack(h, { packSessions: 20 });
    const a = await member(h, 'Alice');
    const b = await member(h, 'Bob');
    for (const x of [a, b]) await h.invoke('packs.sell', { memberId: x.id, planId: plan.id });
    await h.invoke('checkin.checkIn', { memberId: a.id });
    th.clock.set('2026-03-02T02:00:00.000Z');
    await h.invoke('checkin.checkIn', { memberId: b.id });
    th.clock.setDate('2026-03-04');
    await h.invoke('checkin.checkIn', { memberId: a.id });
    const mistake = await h.invoke('checkin.checkIn', { memberId: b.id });
    await h.invoke('checkin.undo', { id: mistake.checkin!.id });
    expect((await h.invoke('checkin.today', {})).map((c) => [c.memberName, c.undoneAt !== null])).toEqual([
      ['Bob', true],
      ['Alice', false],
    ]);
    expect((await h.invoke('checkin.today', { includeUndone: false })).map((c) => c.memberName)).toEqual(['Alice']);
    expect((await h.invoke('checkin.history', { memberId: a.id })).map((c) => c.date)).toEqual(['2026-03-04', '2026-03-02']);
    expect(await h.invoke('checkin.attendance', { from: '2026-03-01', to: '2026-03-05' })).toEqual({
      by: 'day',
      days: [
        { date: '2026-03-01', visits: 0, members: 0 },
        { date: '2026-03-02', visits: 2, members: 2 },
        { date: '2026-03-03', visits: 0, members: 0 },
        { date: '2026-03-04', visits: 1, members: 1 },
        { date: '2026-03-05', visits: 0, members: 0 },
      ],
      total: 3,
    });
    expect(await h.invoke('checkin.attendance', { from: '2026-03-01', to: '2026-03-31', by: 'member' })).toEqual({
      by: 'member',
      members: [
        { memberId: a.id, name: 'Alice', cardNo: null, visits: 2, last: '2026-03-04' },
        { memberId: b.id, name: 'Bob', cardNo: null, visits: 1, last: '2026-03-02' },
      ],
      total: 3,
    });
    expect((await h.invoke('checkin.attendance', { from: '2026-03-01', to: '2026-03-31', memberId: b.id })).total).toBe(1);
    expect((await failure(h.invoke('checkin.attendance', { from: '2026-03-05', to: '2026-03-01' }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('checkin.history', { memberId: 999 }))).code).toBe('NOT_FOUND');
  });
});
