import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('members.merge', () => {
  it('moves every record of the duplicate to the kept member and fills what the kept one lacks', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const keep = await member(h, '张三', { cardNo: 'A1001', tags: ['VIP'], notes: 'Prefers mornings' });
    const dup = await member(h, '张三', { phone: '13800138000', cardNo: 'OLD-9', birthday: '1990-05-01', tags: ['VIP', '晨练'], notes: 'Knee injury' });
    const kid = await member(h, '张小明', { payerId: dup.id });
    const plan = await monthly(h);
    const sale = await sell(h, dup.id, plan.id);
    await h.invoke('payments.record', { payerId: dup.id, method: 'cash', amount: 30000 });
    await h.invoke('packs.sell', { memberId: dup.id, planId: (await pack(h)).id });
    await h.invoke('checkin.checkIn', { memberId: dup.id });

    const result = await h.invoke('members.merge', { keepId: keep.id, mergeId: dup.id });
    expect(result.moved).toEqual({
      'members.payer_id': 1,
      'subscriptions.member_id': 1,
      'invoices.payer_id': 2,
      // The lines of the duplicate's two invoices name whom they are for: they follow the member too.
      'invoice_lines.member_id': 2,
      'payments.payer_id': 1,
      'member_packs.member_id': 1,
      'checkins.member_id': 1,
    });
    expect(result.kept).toMatchObject({ id: keep.id, name: '张三', phone: '13800138000', cardNo: 'A1001', birthday: '1990-05-01', tags: ['VIP', '晨练'], notes: 'Prefers mornings\nKnee injury', mergedInto: null });
    expect(result.merged).toMatchObject({ id: dup.id, mergedInto: keep.id, cardNo: 'OLD-9' });

    expect((await h.invoke('subscriptions.listByMember', { memberId: keep.id })).map((s) => s.id)).toEqual([sale.subscription.id]);
    expect((await h.invoke('members.get', { id: kid.id })).payerId).toBe(keep.id);
    expect((await h.invoke('members.balance', { payerId: keep.id })).balance).toBe(80000);
    expect((await h.invoke('checkin.history', { memberId: keep.id })).map((c) => c.memberId)).toEqual([keep.id]);
    const profile = await h.invoke('members.profile', { id: keep.id });
    expect(profile.mergedFrom).toEqual([{ id: dup.id, name: '张三', at: '2026-03-02T01:00:00.000Z' }]);
    expect(profile.dependants.map((d) => d.name)).toEqual(['张小明']);
    expect(profile.visits).toEqual({ total: 1, last: '2026-03-02' });

    // The duplicate leaves the search; its old card still finds the kept member.
    expect((await h.invoke('members.search', { query: 'zs' })).map((m) => m.id)).toEqual([keep.id]);
    expect((await h.invoke('members.search', { query: 'OLD-9' })).map((m) => [m.id, m.match])).toEqual([[keep.id, 'card']]);
    expect((await h.invoke('members.list', {})).total).toBe(2);
    // One audit entry per record, and the merge log.
    const audit = h.db.prepare("SELECT entity_id FROM audit_log WHERE channel = 'members.merge' ORDER BY id").all();
    expect(audit).toEqual([{ entity_id: String(keep.id) }, { entity_id: String(dup.id) }]);
    const log = h.db.prepare('SELECT kept_id, merged_id, moved FROM member_merges').get() as { kept_id: number; merged_id: number; moved: string };
    expect([log.kept_id, log.merged_id, JSON.parse(log.moved)['subscriptions.member_id']]).toEqual([keep.id, dup.id, [sale.subscription.id]]);
  });

  it('takes over the duplicate’s card when the kept member has none', async () => {
    th = await deskHost();
    const h = th.host;
    const keep = await member(h, 'Anna');
    const dup = await member(h, 'Anna Lee', { cardNo: 'C-3' });
    const { kept, merged } = await h.invoke('members.merge', { keepId: keep.id, mergeId: dup.id });
    expect([kept.cardNo, merged.cardNo]).toEqual(['C-3', null]);
    expect((await h.invoke('members.search', { query: 'C-3' })).map((m) => m.id)).toEqual([keep.id]);
  });

  it('refuses impossible merges and changes nothing', async () => {
    th = await deskHost();
    const h = th.host;
    const parent = await member(h, '王芳');
    const child = await member(h, '王小芳', { payerId: parent.id });
    const other = await member(h, '王芳 2');
    const before = databaseHash(h.db);
    expect(await failure(h.invoke('members.merge', { keepId: parent.id, mergeId: parent.id }))).toMatchObject({ code: 'MERGE_INVALID' });
    expect(await failure(h.invoke('members.merge', { keepId: parent.id, mergeId: child.id }))).toMatchObject({ code: 'MERGE_INVALID' });
    expect(await failure(h.invoke('members.merge', { keepId: parent.id, mergeId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(h.invoke('members.merge', { keepId: child.id, mergeId: parent.id }))).toMatchObject({ code: 'MERGE_INVALID' });
    expect((await failure(h.invoke('members.merge', { keepId: 0, mergeId: 1 }))).code).toBe('VALIDATION');
    expect(databaseHash(h.db)).toBe(before);
    await h.invoke('members.merge', { keepId: parent.id, mergeId: other.id });
    expect(await failure(h.invoke('members.merge', { keepId: child.id, mergeId: other.id }))).toMatchObject({ code: 'MEMBER_MERGED' });
    expect(await failure(h.invoke('members.update', { id: other.id, member: { name: 'x' } }))).toMatchObject({ code: 'MEMBER_MERGED' });
  });
});
