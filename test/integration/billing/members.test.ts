import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, makeHost, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

describe('members (basic) and payers', () => {
  it('creates, reads and updates a member; fills search_text; audits', async () => {
    th = await makeHost({ setup: true });
    const m = await th.host.invoke('members.create', { name: 'Li Wei', phone: '+86 138-0013-8000', cardNo: 'A-100' });
    expect(m).toEqual({
      id: 1, name: 'Li Wei', phone: '+86 138-0013-8000', cardNo: 'A-100', birthday: null, payerId: null, notes: '', tags: [],
      mergedInto: null, createdAt: '2026-01-05T01:00:00.000Z', updatedAt: '2026-01-05T01:00:00.000Z',
    });
    expect(await th.host.invoke('members.get', { id: 1 })).toEqual(m);
    const text = th.host.db.prepare<[], { search_text: string }>('SELECT search_text FROM members WHERE id = 1').get()!.search_text;
    expect(text).toContain('8613800138000');
    expect(text).toContain('li wei');
    const u = await th.host.invoke('members.update', { id: 1, member: { name: 'Li Wei', phone: '139 0000 1111', tags: ['vip'] } });
    expect(u).toMatchObject({ phone: '139 0000 1111', cardNo: null, tags: ['vip'] });
    expect(th.host.db.prepare("SELECT channel FROM audit_log WHERE entity = 'member' ORDER BY id").all()).toEqual([
      { channel: 'members.create' },
      { channel: 'members.update' },
    ]);
  });

  it('payer rules: exists, not merged, not the member, one level only; card numbers are unique', async () => {
    th = await makeHost({ setup: true });
    const h = th.host;
    const mum = (await h.invoke('members.create', { name: 'Mum', cardNo: 'C1' })).id;
    const kid = (await h.invoke('members.create', { name: 'Kid', payerId: mum })).id;
    const other = (await h.invoke('members.create', { name: 'Other' })).id;
    const hash = databaseHash(h.db);
    const code = async (p: Promise<unknown>) => (await failure(p)).code;
    expect(await code(h.invoke('members.create', { name: 'X', payerId: 99 }))).toBe('PAYER_INVALID');
    expect(await code(h.invoke('members.create', { name: 'X', payerId: kid }))).toBe('PAYER_INVALID');
    expect(await code(h.invoke('members.update', { id: other, member: { name: 'Other', payerId: other } }))).toBe('PAYER_INVALID');
    expect(await code(h.invoke('members.update', { id: mum, member: { name: 'Mum', payerId: other } }))).toBe('PAYER_INVALID');
    expect(await code(h.invoke('members.create', { name: 'X', cardNo: 'C1' }))).toBe('DUPLICATE_CARD');
    expect(await code(h.invoke('members.update', { id: other, member: { name: 'Other', cardNo: 'C1' } }))).toBe('DUPLICATE_CARD');
    h.db.prepare('UPDATE members SET merged_into = ? WHERE id = ?').run(mum, other);
    const merged = databaseHash(h.db);
    expect(await code(h.invoke('members.create', { name: 'X', payerId: other }))).toBe('PAYER_INVALID');
    expect(await code(h.invoke('members.update', { id: other, member: { name: 'Other' } }))).toBe('MEMBER_MERGED');
    expect(databaseHash(h.db)).toBe(merged);
    expect(hash).not.toBe(merged);
    expect(await h.invoke('members.balance', { payerId: mum })).toEqual({
      payerId: mum, balance: 0, invoiced: 0, credited: 0, paid: 0, refunded: 0, bonusApplied: 0, paidCredit: 0, bonusCredit: 0, due: 0, owes: 0, credit: 0,
    });
  });
});
