/**
 * The member list's keyset paging (members.list after a cursor) and the batched standing read
 * behind list rows, search hits and check-in: exact members per page, exact badges and amounts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { createStanding } from '../../../electron/desk/members/standing';
import { failure, type TestHost } from '../../support/host';
import { deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

type Sort = 'name' | 'card' | 'newest' | 'oldest';
type Cursor = { key: string | null; id: number };

async function page(h: Host, sort: Sort, limit: number, after?: Cursor, offset = 0) {
  const r = await h.invoke('members.list', { sort, limit, offset, count: after === undefined, ...(after ? { after } : {}) });
  return { total: r.total, names: r.rows.map((m) => m.name), next: r.next };
}

/** Every page of the list, read cursor after cursor. */
async function walk(h: Host, sort: Sort, limit: number): Promise<string[][]> {
  const out: string[][] = [];
  let after: Cursor | undefined;
  for (;;) {
    const p = await page(h, sort, limit, after);
    out.push(p.names);
    if (!p.next) return out;
    after = p.next;
  }
}

/** Three 张三 (one sort key, told apart by id), a 张伟, Ann and Bob; cards on some. */
async function people(h: Host) {
  const z1 = await member(h, '张三', { cardNo: 'C3' });
  const ann = await member(h, 'Ann');
  const z2 = await member(h, '张三');
  const bob = await member(h, 'Bob', { cardNo: 'C1' });
  const z3 = await member(h, '张三', { cardNo: 'C2' });
  const wei = await member(h, '张伟');
  return { z1, ann, z2, bob, z3, wei };
}

describe('members.list keyset paging', () => {
  it('reads exact pages after a cursor, ties in the sort key by id, and ends with no cursor', async () => {
    th = await deskHost();
    const h = th.host;
    const m = await people(h);
    const first = await page(h, 'name', 2);
    expect(first).toEqual({ total: 6, names: ['Ann', 'Bob'], next: { key: 'bob', id: m.bob.id } });
    const second = await page(h, 'name', 2, first.next!);
    // Three members share the key "zhangsan": the cursor's id splits them exactly.
    expect(second).toEqual({ total: null, names: ['张三', '张三'], next: { key: 'zhangsan', id: m.z2.id } });
    const ids = (await h.invoke('members.list', { sort: 'name', after: first.next!, limit: 2, count: false })).rows.map((r) => r.id);
    expect(ids).toEqual([m.z1.id, m.z2.id]);
    const last = await page(h, 'name', 2, second.next!);
    expect(last).toEqual({ total: null, names: ['张三', '张伟'], next: { key: 'zhangwei', id: m.wei.id } });
    expect(await page(h, 'name', 2, last.next!)).toEqual({ total: null, names: [], next: null });
    // A short last page has no cursor.
    expect(await page(h, 'name', 4, second.next!)).toEqual({ total: null, names: ['张三', '张伟'], next: null });
    // The same list by offset, and a jump: skip a page after the cursor.
    expect((await page(h, 'name', 6)).names).toEqual(['Ann', 'Bob', '张三', '张三', '张三', '张伟']);
    expect((await page(h, 'name', 2, first.next!, 2)).names).toEqual(['张三', '张伟']);
  });

  it('walks every sort to the same members as one long page', async () => {
    th = await deskHost();
    const h = th.host;
    await people(h);
    expect(await walk(h, 'name', 4)).toEqual([['Ann', 'Bob', '张三', '张三'], ['张三', '张伟']]);
    // Card holders by card number, then the members without a card, oldest first.
    expect(await walk(h, 'card', 2)).toEqual([['Bob', '张三'], ['张三', 'Ann'], ['张三', '张伟'], []]);
    expect((await page(h, 'card', 6)).names).toEqual(['Bob', '张三', '张三', 'Ann', '张三', '张伟']);
    expect(await walk(h, 'newest', 4)).toEqual([['张伟', '张三', 'Bob', '张三'], ['Ann', '张三']]);
    expect(await walk(h, 'oldest', 5)).toEqual([['张三', 'Ann', '张三', 'Bob', '张三'], ['张伟']]);
  });

  it('crosses from card holders to members without a card, with an offset after the cursor', async () => {
    th = await deskHost();
    const h = th.host;
    const m = await people(h);
    const first = await page(h, 'card', 1);
    expect(first).toEqual({ total: 6, names: ['Bob'], next: { key: 'C1', id: m.bob.id } });
    // After C1: skip C2 and C3 (2 rows), then the first two without a card.
    const jumped = await h.invoke('members.list', { sort: 'card', after: first.next!, offset: 2, limit: 2, count: false });
    expect(jumped.rows.map((r) => r.id)).toEqual([m.ann.id, m.z2.id]);
    expect(jumped.next).toEqual({ key: null, id: m.z2.id });
    // Skipping past every card holder: the offset goes on into the members without a card.
    const deep = await h.invoke('members.list', { sort: 'card', after: first.next!, offset: 3, limit: 5, count: false });
    expect(deep.rows.map((r) => r.id)).toEqual([m.z2.id, m.wei.id]);
    expect(deep.next).toBeNull();
    const fromNull = await h.invoke('members.list', { sort: 'card', after: jumped.next!, limit: 5, count: false });
    expect(fromNull.rows.map((r) => r.id)).toEqual([m.wei.id]);
  });

  it('continues after the cursor when members are added between calls', async () => {
    th = await deskHost();
    const h = th.host;
    const m = await people(h);
    const first = await page(h, 'name', 3);
    expect(first.names).toEqual(['Ann', 'Bob', '张三']);
    // One sorts before the cursor (not on the next page), one after it (on the next page).
    await member(h, '陈晨'); // chenchen < zhangsan
    const feng = await member(h, '张三丰'); // zhangsan < zhangsanfeng < zhangwei
    const second = await h.invoke('members.list', { sort: 'name', after: first.next!, limit: 3, count: false });
    expect(second.rows.map((r) => r.name)).toEqual(['张三', '张三', '张三丰']);
    expect(second.rows.map((r) => r.id)).toEqual([m.z2.id, m.z3.id, feng.id]);
    expect((await h.invoke('members.list', {})).total).toBe(8);
    // Newest first: a member added after page 1 was read is above the cursor, so not repeated.
    const newest = await page(h, 'newest', 2);
    await member(h, 'Zed');
    expect((await page(h, 'newest', 2, newest.next!)).names).toEqual(['张伟', '张三']);
  });

  it('leaves merged members out of every page', async () => {
    th = await deskHost();
    const h = th.host;
    const m = await people(h);
    await h.invoke('members.merge', { keepId: m.z1.id, mergeId: m.z2.id });
    expect(await walk(h, 'name', 2)).toEqual([['Ann', 'Bob'], ['张三', '张三'], ['张伟']]);
    expect((await page(h, 'name', 10)).total).toBe(5);
  });

  it('refuses a malformed cursor or count', async () => {
    th = await deskHost();
    const h = th.host;
    const bad = [
      { after: { key: 'a' } },
      { after: { key: 'a', id: 0 } },
      { after: { key: 'a'.repeat(201), id: 1 } },
      { after: { key: 'a', id: 1, extra: 1 } },
      { count: 'yes' },
    ];
    for (const input of bad) expect((await failure(h.invoke('members.list', input as never))).code).toBe('VALIDATION');
  });
});

describe('batched standing', () => {
  it('gives every search hit and list row the badges and amounts read one member at a time', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    const plan = await monthly(h);
    const quota = await monthly(h, { name: 'Twice a month', sessionQuota: 2 });
    const classes = await pack(h, { packSessions: 3 });
    const pay = (id: number) => h.invoke('payments.record', { payerId: id, method: 'cash', amount: 100000 });
    const paid = await member(h, '王一');
    await sell(h, paid.id, plan.id);
    await pay(paid.id);
    const owing = await member(h, '王二');
    await sell(h, owing.id, plan.id);
    const kid = await member(h, '王三', { payerId: owing.id });
    await sell(h, kid.id, plan.id);
    const counted = await member(h, '王四');
    await sell(h, counted.id, quota.id);
    await pay(counted.id);
    const packer = await member(h, '王五');
    await h.invoke('packs.sell', { memberId: packer.id, planId: classes.id });
    await pay(packer.id);
    const nobody = await member(h, '王六');
    th.clock.setDate('2026-03-10');
    await h.invoke('checkin.checkIn', { memberId: counted.id });
    await h.invoke('checkin.checkIn', { memberId: packer.id });

    const today = '2026-03-10';
    const standing = createStanding(h.db);
    const ids = [paid.id, owing.id, kid.id, counted.id, packer.id, nobody.id];
    const payers = [paid.id, owing.id, counted.id, packer.id, nobody.id];
    // The batch equals the member-by-member answer, exactly.
    const all = standing.of(ids, today);
    for (const id of ids) expect(all.get(id)).toEqual(standing.of([id], today).get(id));
    const owed = standing.overdueOf(payers, today);
    for (const id of payers) expect(owed.get(id)).toEqual(standing.overdueOf([id], today).get(id));
    // Both monthly invoices (王二's and 王三's, paid by 王二) were due on Mar 9.
    expect([...owed]).toEqual([[owing.id, { amount: 60000, days: 1 }]]);
    expect(all.get(counted.id)).toMatchObject([{ kind: 'subscription', quota: 2, periodVisits: 1, state: 'in_service' }]);
    expect(all.get(packer.id)).toMatchObject([{ kind: 'pack', sessionsLeft: 2, state: 'in_service' }]);

    const hits = await h.invoke('members.search', { query: 'wang' });
    expect(hits.map((x) => [x.name, x.badges])).toEqual([
      ['王二', ['active', 'overdue']],
      ['王六', []],
      ['王三', ['active', 'overdue']], // paid for by 王二, who owes
      ['王四', ['active']],
      ['王五', ['active', 'expiring']], // 2 sessions left
      ['王一', ['active']],
    ]);
    for (const hit of hits) expect(hit.badges).toEqual((await h.invoke('members.search', { query: hit.name }))[0]!.badges);
    const listed = (await h.invoke('members.list', { sort: 'name' })).rows;
    expect(listed.map((r) => [r.name, r.badges])).toEqual(hits.map((x) => [x.name, x.badges]));
    // Check-in decides from the same read: the quota's visit count and the payer's overdue amount.
    expect(await h.invoke('checkin.evaluate', { memberId: counted.id })).toMatchObject({
      outcome: 'already',
      entitlement: { kind: 'subscription', sessionsLeft: 0 },
    });
    expect(await h.invoke('checkin.evaluate', { memberId: kid.id })).toMatchObject({
      outcome: 'allowed',
      warnings: [{ code: 'overdue', amount: 60000, days: 1 }],
    });
  });
});
