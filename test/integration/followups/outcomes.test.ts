/** Recording follow-up outcomes, the rule settings, and the cancel reasons. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, signInAs, type TestHost } from '../../support/host';
import { deskHost, member, monthly, sell } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const auditOf = (t: TestHost, entity: string) =>
  (t.host.db.prepare('SELECT entity_id, after FROM audit_log WHERE entity = ? ORDER BY id').all(entity) as { entity_id: string; after: string }[]).map((r) => ({
    id: r.entity_id,
    after: JSON.parse(r.after) as Record<string, unknown>,
  }));

describe('follow-up outcomes', () => {
  it('records outcomes and feedback with staff and time; the item shows as done today only; history newest first', async () => {
    th = await deskHost('2026-06-01');
    const plan = await monthly(th.host);
    const ann = (await member(th.host, 'Ann', { phone: '13800000001' })).id;
    await sell(th.host, ann, plan.id);
    await th.host.invoke('subscriptions.cancel', { id: (await th.host.invoke('subscriptions.listByMember', { memberId: ann }))[0]!.id, mode: 'period_end' });
    th.clock.set('2026-06-25T02:00:00.000Z'); // 10:00 in Shanghai; the membership's last day is 06-30
    const before = (await th.host.invoke('renewals.today', {})).items;
    // Ending in 5 days, never came in the 24 days since the start, and the first invoice (due 06-08) unpaid.
    expect(before.map((i) => [i.memberName, i.reason, i.date, i.days, i.planName, i.amount, i.done])).toEqual([
      ['Ann', 'membership_ending', '2026-06-30', 5, 'Monthly', null, null],
      ['Ann', 'no_visit', null, 24, 'Monthly', null, null],
      ['Ann', 'overdue', '2026-06-08', 17, null, 30000, null],
    ]);

    const first = await th.host.invoke('renewals.record', { memberId: ann, reason: 'membership_ending', outcome: 'no_answer' });
    expect(first).toEqual({ id: 1, memberId: ann, reason: 'membership_ending', outcome: 'no_answer', lostReason: null, satisfaction: null, comment: '', staffName: 'Owner', date: '2026-06-25', at: '2026-06-25T02:00:00.000Z' });
    th.clock.set('2026-06-25T07:30:00.000Z');
    const second = await th.host.invoke('renewals.record', {
      memberId: ann,
      reason: 'membership_ending',
      outcome: 'not_interested',
      lostReason: 'Moved away',
      satisfaction: 4,
      comment: '  搬到浦东了  ',
    });
    expect(second).toMatchObject({ id: 2, outcome: 'not_interested', lostReason: 'Moved away', satisfaction: 4, comment: '搬到浦东了' });
    const today = (await th.host.invoke('renewals.today', {})).items;
    // Worked today: shown as done with the latest outcome, after the open items.
    expect(today.map((i) => [i.reason, i.done?.outcome ?? null])).toEqual([
      ['no_visit', null],
      ['overdue', null],
      ['membership_ending', 'not_interested'],
    ]);
    expect((await th.host.invoke('renewals.history', { memberId: ann })).map((f) => f.outcome)).toEqual(['not_interested', 'no_answer']);
    expect(auditOf(th, 'renewal_follow_up').map((a) => [a.id, a.after['outcome'], a.after['lostReason']])).toEqual([
      ['1', 'no_answer', null],
      ['2', 'not_interested', 'Moved away'],
    ]);
    // The next day the item is open again (the membership still ends).
    th.clock.setDate('2026-06-26');
    expect((await th.host.invoke('renewals.today', {})).items.map((i) => [i.reason, i.days, i.done])).toEqual([
      ['membership_ending', 4, null],
      ['no_visit', 25, null],
      ['overdue', 18, null],
    ]);
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    th = await deskHost('2026-06-01');
    const ann = (await member(th.host, 'Ann')).id;
    const bob = (await member(th.host, 'Bob')).id;
    await th.host.invoke('members.merge', { keepId: ann, mergeId: bob });
    const before = databaseHash(th.host.db);
    const issue = async (input: Record<string, unknown>) => (await failure(th!.host.invoke('renewals.record', input as never))).details?.['issues'];
    expect(await issue({ memberId: ann, reason: 'membership_ending', outcome: 'not_interested' })).toEqual([expect.objectContaining({ path: 'lostReason', message: 'lost_reason' })]);
    expect(await issue({ memberId: ann, reason: 'membership_ending', outcome: 'reached', lostReason: 'Moved away' })).toEqual([expect.objectContaining({ path: 'lostReason', message: 'lost_reason' })]);
    expect(await issue({ memberId: ann, reason: 'membership_ending', outcome: 'reached', satisfaction: 6 })).toEqual([expect.objectContaining({ path: 'satisfaction', message: 'out_of_range' })]);
    expect(await issue({ memberId: ann, reason: 'membership_ending', outcome: 'reached', satisfaction: 2.5 })).toEqual([expect.objectContaining({ path: 'satisfaction', message: 'out_of_range' })]);
    expect(await issue({ memberId: ann, reason: 'anniversary', outcome: 'reached' })).toEqual([expect.objectContaining({ path: 'reason', message: 'invalid_choice' })]);
    expect(await issue({ memberId: ann, reason: 'birthday', outcome: 'maybe' })).toEqual([expect.objectContaining({ path: 'outcome', message: 'invalid_choice' })]);
    expect(await issue({ memberId: ann, reason: 'birthday', outcome: 'reached', comment: 'x'.repeat(1001) })).toEqual([expect.objectContaining({ path: 'comment', message: 'too_long' })]);
    expect(await failure(th.host.invoke('renewals.record', { memberId: 999, reason: 'birthday', outcome: 'reached' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(th.host.invoke('renewals.record', { memberId: bob, reason: 'birthday', outcome: 'reached' }))).toMatchObject({ code: 'MEMBER_MERGED' });
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('the rules are the owner’s: the desk may read them but not change them; bad values are refused', async () => {
    th = await deskHost('2026-06-01');
    const rules = (await th.host.invoke('settings.get', {})).followUpRules;
    expect(rules).toEqual({
      membershipEnding: { on: true, days: 14 },
      packEnding: { on: true, days: 14 },
      packLow: { on: true, sessions: 2 },
      noVisit: { on: true, days: 14 },
      newMember: { on: true },
      freezeEnding: { on: true, days: 3 },
      birthday: { on: true },
      overdue: { on: true },
    });
    const before = databaseHash(th.host.db, { ignoreSignIns: true });
    const issue = async (followUpRules: unknown) => (await failure(th!.host.invoke('settings.update', { followUpRules } as never))).details?.['issues'];
    expect(await issue({ ...rules, noVisit: { on: true, days: 0 } })).toEqual([expect.objectContaining({ path: 'followUpRules.noVisit.days', message: 'out_of_range' })]);
    expect(await issue({ ...rules, packLow: { on: true, sessions: -1 } })).toEqual([expect.objectContaining({ path: 'followUpRules.packLow.sessions', message: 'out_of_range' })]);
    expect(await issue({ ...rules, birthday: { on: 'yes' } })).toEqual([expect.objectContaining({ path: 'followUpRules.birthday.on', message: 'invalid_choice' })]);
    expect(await issue({ ...rules, extra: { on: true } })).toEqual([expect.objectContaining({ path: 'followUpRules' })]);
    const { birthday: _, ...missing } = rules;
    expect(await issue(missing)).toEqual([expect.objectContaining({ path: 'followUpRules.birthday' })]);
    const reasons = async (cancelReasons: unknown) => (await failure(th!.host.invoke('settings.update', { cancelReasons } as never))).details?.['issues'];
    expect(await reasons([])).toEqual([expect.objectContaining({ path: 'cancelReasons', message: 'too_short' })]);
    expect(await reasons(['Moved', 'moved'])).toEqual([expect.objectContaining({ path: 'cancelReasons', message: 'duplicate' })]);
    expect(databaseHash(th.host.db, { ignoreSignIns: true })).toBe(before);

    await signInAs(th.host, 'desk');
    expect(await failure(th.host.invoke('settings.update', { followUpRules: { ...rules, birthday: { on: false } } }))).toMatchObject({ code: 'FORBIDDEN' });
    await signInAs(th.host, 'owner');
    const after = await th.host.invoke('settings.update', { followUpRules: { ...rules, birthday: { on: false } }, cancelReasons: ['太贵', '搬家', 'Other'] });
    expect([after.followUpRules.birthday, after.cancelReasons]).toEqual([{ on: false }, ['太贵', '搬家', 'Other']]);
  });
});

describe('cancel reasons', () => {
  it('a cancel records the reason picked from the owner’s list (default "Other"); undo clears it; an unknown reason is refused', async () => {
    th = await deskHost('2026-06-01');
    const plan = await monthly(th.host);
    const ann = (await member(th.host, 'Ann')).id;
    const bob = (await member(th.host, 'Bob')).id;
    await sell(th.host, ann, plan.id);
    await sell(th.host, bob, plan.id);
    const [annSub] = await th.host.invoke('subscriptions.listByMember', { memberId: ann });
    const [bobSub] = await th.host.invoke('subscriptions.listByMember', { memberId: bob });
    expect((await th.host.invoke('settings.get', {})).cancelReasons).toEqual(['Moved away', 'Too expensive', 'No time', 'Health or injury', 'Unhappy with the service', 'Other']);

    const before = databaseHash(th.host.db);
    expect(await failure(th.host.invoke('subscriptions.cancel', { id: annSub!.id, mode: 'period_end', reason: 'Aliens' }))).toMatchObject({ code: 'CANCEL_REASON_UNKNOWN' });
    expect(databaseHash(th.host.db)).toBe(before);

    await th.host.invoke('subscriptions.cancel', { id: annSub!.id, mode: 'period_end', reason: 'Too expensive' });
    await th.host.invoke('subscriptions.cancel', { id: bobSub!.id, mode: 'now', effectiveDate: '2026-06-02' });
    const reason = (id: number) => (th!.host.db.prepare('SELECT cancel_reason FROM subscriptions WHERE id = ?').get(id) as { cancel_reason: string | null }).cancel_reason;
    expect([reason(annSub!.id), reason(bobSub!.id)]).toEqual(['Too expensive', 'Other']);
    expect(auditOf(th, 'subscription').filter((a) => 'cancel' in a.after).map((a) => [Number(a.id), a.after['cancel'], a.after['reason']])).toEqual([
      [annSub!.id, 'period_end', 'Too expensive'],
      [bobSub!.id, 'now', 'Other'],
    ]);
    await th.host.invoke('subscriptions.undoCancel', { id: annSub!.id });
    expect(reason(annSub!.id)).toBe(null);
  });

  it('a Chinese business records its own catch-all, 其他, when no reason is picked, and the report never reads "Other"', async () => {
    th = await deskHost('2026-06-01');
    await th.host.invoke('settings.update', { locale: 'zh-CN', cancelReasons: ['搬家了', '价格太贵', '其他'] });
    const plan = await monthly(th.host);
    const ids: number[] = [];
    for (const name of ['安', '博', '蔡']) {
      const id = (await member(th.host, name)).id;
      await sell(th.host, id, plan.id);
      ids.push((await th.host.invoke('subscriptions.listByMember', { memberId: id }))[0]!.id);
    }
    await th.host.invoke('subscriptions.cancel', { id: ids[0]!, mode: 'period_end' });
    await th.host.invoke('subscriptions.cancel', { id: ids[1]!, mode: 'period_end', reason: '价格太贵' });
    await th.host.invoke('subscriptions.cancel', { id: ids[2]!, mode: 'period_end' });
    const reason = (id: number) => (th!.host.db.prepare('SELECT cancel_reason FROM subscriptions WHERE id = ?').get(id) as { cancel_reason: string }).cancel_reason;
    expect(ids.map(reason)).toEqual(['其他', '价格太贵', '其他']);
    // One recorded before the catch-all followed the language still counts as 其他.
    th.host.db.prepare("UPDATE subscriptions SET cancel_reason = 'Other' WHERE id = ?").run(ids[2]!);
    th.clock.set('2026-07-15T02:00:00.000Z'); // after the three memberships ended on 07-01
    const report = await th.host.invoke('reports.churnReasons', { from: '2026-06-01', to: '2026-07-31' });
    expect(report.rows.map((r) => [r.reason, r.cancellations])).toEqual([
      ['其他', 2],
      ['价格太贵', 1],
    ]);
  });
});
