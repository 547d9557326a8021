/**
 * A member who owes on their own account cannot be put in a household until that is paid: a member with a payer
 * pays through the payer, so their own invoices would drop out of sight at the door and become unpayable (found
 * by an independent probe, session 13: the overdue block disappeared with the debt still open).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, type TestHost } from '../../support/host';
import { member, monthly, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('setting a payer for a member who owes', () => {
  it('is refused (MEMBER_OWES) and changes nothing; once paid, the member joins the household', async () => {
    th = await makeHost({ startDate: '2026-03-02', setup: true });
    const h = th.host;
    const kid = await member(h, 'Kid');
    const parent = await member(h, 'Parent');
    const plan = await monthly(h);
    await sell(h, kid.id, plan.id);
    th.clock.setDate('2026-03-30');
    expect(await h.invoke('checkin.evaluate', { memberId: kid.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'overdue', amount: 30000, days: 21, limit: 14 }] });
    const hash = databaseHash(h.db);
    expect(await failure(h.invoke('members.update', { id: kid.id, member: { name: 'Kid', payerId: parent.id } })))
      .toMatchObject({ code: 'MEMBER_OWES', details: { memberId: kid.id, owes: 30000 } });
    expect(databaseHash(h.db)).toBe(hash);
    expect(await h.invoke('checkin.evaluate', { memberId: kid.id })).toMatchObject({ outcome: 'blocked', blocks: [{ code: 'overdue' }] });
    await h.invoke('payments.record', { payerId: kid.id, method: 'cash', amount: 30000 });
    expect(await h.invoke('members.update', { id: kid.id, member: { name: 'Kid', payerId: parent.id } })).toMatchObject({ payerId: parent.id });
    expect((await h.invoke('checkin.evaluate', { memberId: kid.id })).blocks).toEqual([]);
  });

  it('a member who owes nothing (or holds credit) joins at once', async () => {
    th = await makeHost({ startDate: '2026-03-02', setup: true });
    const h = th.host;
    const kid = await member(h, 'Kid');
    const parent = await member(h, 'Parent');
    await h.invoke('payments.record', { payerId: kid.id, kind: 'topup', method: 'cash', amount: 5000 });
    expect(await h.invoke('members.update', { id: kid.id, member: { name: 'Kid', payerId: parent.id } })).toMatchObject({ payerId: parent.id });
  });
});
