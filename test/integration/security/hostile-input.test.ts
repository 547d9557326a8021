/**
 * Holes found by hostile input: control and bidi characters in names, impossible birthdays at
 * the form (the import's rule), and UTF-16 files without a byte-order mark. Each refusal names
 * its code and field and leaves the database byte-for-byte as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/host/host';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { b64, deskHost, member } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** Calls and expects VALIDATION with exactly these field issues, nothing changed. */
async function refused(h: Host, call: () => Promise<unknown>, issues: { path: string; message: string }[]) {
  const before = databaseHash(h.db);
  const e = await failure(call());
  expect(e.code).toBe('VALIDATION');
  expect((e.details?.issues as { path: string; message: string }[]).map((i) => ({ path: i.path, message: i.message }))).toEqual(issues);
  expect(databaseHash(h.db)).toBe(before);
}

const HOSTILE_IN_NAMES = ['Ann\u0000a', 'Ann\na', 'Ann\ta', 'Ann\u202Eas', 'Ann\u2066a', 'Ann\u2069a', 'Ann\u202Aa', 'Ann\u007fa', 'Ann\u2028a'];

describe('names refuse control and text-direction characters', () => {
  it('members.create and members.update: every control or bidi character in a name is refused; the name is trimmed', async () => {
    th = await deskHost();
    const h = th.host;
    for (const name of HOSTILE_IN_NAMES) await refused(h, () => h.invoke('members.create', { name }), [{ path: 'name', message: 'invalid_characters' }]);
    const m = await member(h, '  Anna Lee \n');
    expect(m.name).toBe('Anna Lee');
    await refused(h, () => h.invoke('members.update', { id: m.id, member: { name: 'Anna\u202ELee' } }), [{ path: 'member.name', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('members.create', { name: 'Bo', tags: ['vip\n'.repeat(1) + 'x'] }), [{ path: 'tags.0', message: 'invalid_characters' }]);
  });

  it('notes keep line breaks and tabs but refuse NUL and bidi overrides', async () => {
    th = await deskHost();
    const h = th.host;
    const m = await member(h, 'Chen Wei', { notes: 'line one\nline two\tend' });
    expect(m.notes).toBe('line one\nline two\tend');
    await refused(h, () => h.invoke('members.create', { name: 'Bo', notes: 'a\u0000b' }), [{ path: 'notes', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('members.create', { name: 'Bo', notes: 'paid \u202E001\u202C' }), [{ path: 'notes', message: 'invalid_characters' }]);
  });

  it('staff, plan, payment method and promotion names, and the business name, refuse them too', async () => {
    th = await deskHost();
    const h = th.host;
    await refused(h, () => h.invoke('staff.create', { name: 'Li\nNa', role: 'desk', pin: '5555' }), [{ path: 'name', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('plans.create', { kind: 'recurring', name: 'Gold\u202E', price: 100, interval: 'month', taxRateBp: 0 }), [
      { path: 'name', message: 'invalid_characters' },
    ]);
    await refused(h, () => h.invoke('paymentMethods.create', { name: 'Cash\u0000' }), [{ path: 'name', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('promotions.create', { name: 'Top\tup', minAmount: 100, bonus: 10 }), [{ path: 'name', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('settings.update', { businessName: 'Sunrise\u2067' }), [{ path: 'businessName', message: 'invalid_characters' }]);
    await refused(h, () => h.invoke('expenseCategories.create', { nameEn: 'Rent\r' + 'x' }), [{ path: 'nameEn', message: 'invalid_characters' }]);
  });

  it('the import marks a name with a NUL or a bidi override as an error row', async () => {
    th = await deskHost();
    const h = th.host;
    const p = await h.invoke('members.importPreview', { content: b64('Name,Phone\nAnn\u0000a,\nAnn\u202Eas,\nAnna,\n') });
    expect(p.rows.map((r) => r.errors)).toEqual([[{ field: 'name', code: 'invalid_characters' }], [{ field: 'name', code: 'invalid_characters' }], []]);
  });
});

describe('birthdays: one rule for the form and the import', () => {
  it('members.create and members.update refuse a birthday after today (and before 1900, not a valid date); today and 1900-01-01 pass', async () => {
    th = await deskHost('2026-03-02');
    const h = th.host;
    await refused(h, () => h.invoke('members.create', { name: 'Bo', birthday: '2100-01-01' }), [{ path: 'birthday', message: 'birthday_future' }]);
    await refused(h, () => h.invoke('members.create', { name: 'Bo', birthday: '2026-03-03' }), [{ path: 'birthday', message: 'birthday_future' }]);
    await refused(h, () => h.invoke('members.create', { name: 'Bo', birthday: '1899-12-31' }), [{ path: 'birthday', message: 'invalid_date' }]);
    const m = await member(h, 'Newborn', { birthday: '2026-03-02' });
    expect((await member(h, 'Eldest', { birthday: '1900-01-01' })).birthday).toBe('1900-01-01');
    await refused(h, () => h.invoke('members.update', { id: m.id, member: { name: 'Newborn', birthday: '2100-06-01' } }), [
      { path: 'member.birthday', message: 'birthday_future' },
    ]);
    await refused(h, () => h.invoke('members.update', { id: m.id, member: { name: 'Newborn', birthday: '1850-06-01' } }), [
      { path: 'member.birthday', message: 'invalid_date' },
    ]);
    // "Today" is the injected clock's: a day later the same date is accepted.
    th.clock.addDays(1);
    expect((await h.invoke('members.update', { id: m.id, member: { name: 'Newborn', birthday: '2026-03-03' } })).birthday).toBe('2026-03-03');
  });

  it('the import refuses the same birthdays with the same codes', async () => {
    th = await deskHost('2026-03-02');
    const p = await th.host.invoke('members.importPreview', { content: b64('Name,Birthday\nA,2100-01-01\nB,1899-12-31\nC,1900-01-01\nD,2026-03-02\n') });
    expect(p.rows.map((r) => r.errors)).toEqual([
      [{ field: 'birthday', code: 'birthday_future' }],
      [{ field: 'birthday', code: 'bad_date', params: { value: '1899-12-31' } }],
      [],
      [],
    ]);
  });
});

describe('UTF-16 without a byte-order mark', () => {
  const CSV = '姓名,电话,卡号\r\n张三,13800138000,G1\r\n欧阳娜娜,13700000001,G2\r\n';

  it('reads little-endian Chinese names as UTF-16LE, not GB18030', async () => {
    th = await deskHost();
    const le = Buffer.from(CSV, 'utf16le');
    expect([le[0], le[1]]).toEqual([0xd3, 0x59]); // 姓 = U+59D3, no BOM
    const p = await th.host.invoke('members.importPreview', { content: b64(le) });
    expect([p.encoding, p.headers, p.rows.map((r) => [r.values.name, r.values.phone, r.values.cardNo])]).toEqual([
      'utf-16le',
      ['姓名', '电话', '卡号'],
      [
        ['张三', '13800138000', 'G1'],
        ['欧阳娜娜', '13700000001', 'G2'],
      ],
    ]);
  });

  it('reads big-endian too, and commits the names as read', async () => {
    th = await deskHost();
    const h = th.host;
    const be = Buffer.from(CSV, 'utf16le').swap16();
    const p = await h.invoke('members.importPreview', { content: b64(be) });
    expect([p.encoding, p.rows.map((r) => r.values.name)]).toEqual(['utf-16be', ['张三', '欧阳娜娜']]);
    const done = await h.invoke('members.importCommit', { content: b64(be), rows: [1, 2] });
    expect((await h.invoke('members.get', { id: done.memberIds[1]! })).name).toBe('欧阳娜娜');
  });
});
