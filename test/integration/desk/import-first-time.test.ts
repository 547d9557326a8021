/**
 * The import a new business does on day one: the GBK CSV Chinese Excel writes (header "下次扣费日"),
 * a plan named differently in the file, a pack with its sessions left, a bad birthday, a repeated
 * card, a member already here; and the same from an .xlsx workbook and from the template.
 */
import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { gb18030 } from '../../support/gbk';
import { b64, deskHost, member, monthly, pack } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** What Chinese Excel's "CSV (逗号分隔)" writes: GBK, CRLF, the desk's own column names. */
const GBK_FILE = [
  '姓名,手机,会员卡号,生日,会员卡类型,下次扣费日,剩余课时,有效期至',
  '张三,13800138000,A1001,1990/5/1,月卡,2026/3/15,,',
  '李四,13900139000,A1002,1985-13-40,月卡,2026-04-01,,',
  '王五,13700137000,A1003,,10次课时包,,7,2026/5/31',
  '赵六,13600136000,A1001,,月卡,2026-03-20,,',
  '钱七,135 0013 5000,,,,,,',
].join('\r\n');

async function business() {
  th = await deskHost('2026-03-02');
  const h = th.host;
  const month = await monthly(h);
  const classes = await pack(h, { name: '10次课时包' });
  const qian = await member(h, '钱七', { phone: '13500135000' });
  return { h, month, classes, qian };
}

describe('import of a GBK file from Chinese Excel', () => {
  it('maps 下次扣费日, asks once for the plan 月卡, and names each problem on the line the clerk sees', async () => {
    const { h, month, classes, qian } = await business();
    const before = databaseHash(h.db);
    const p = await h.invoke('members.importPreview', { content: b64(gb18030(GBK_FILE)) });
    expect(databaseHash(h.db)).toBe(before);
    expect(p.encoding).toBe('gb18030');
    expect(p.mapping).toEqual({ name: 0, phone: 1, cardNo: 2, birthday: 3, plan: 4, nextBillDate: 5, packSessions: 6, packExpiry: 7, notes: null, tags: null, price: null });
    expect(p.planValues).toEqual([
      { value: '月卡', rows: 3, planId: null, source: 'none', suggestion: month.id },
      { value: '10次课时包', rows: 1, planId: classes.id, source: 'name', suggestion: classes.id },
    ]);
    expect(p.rows.map((r) => [r.line, r.errors, r.existing])).toEqual([
      [2, [{ field: 'plan', code: 'unknown_plan', params: { value: '月卡' } }], null],
      [3, [{ field: 'birthday', code: 'bad_date', params: { value: '1985-13-40' } }, { field: 'plan', code: 'unknown_plan', params: { value: '月卡' } }], null],
      [4, [], null],
      [5, [{ field: 'plan', code: 'unknown_plan', params: { value: '月卡' } }, { field: 'cardNo', code: 'card_repeated', params: { row: 2 } }], null],
      [6, [], { id: qian.id, name: '钱七' }],
    ]);
    // The pack row is never asked for a next billing date.
    expect(p.rows[2]!.values).toMatchObject({ planId: classes.id, planName: '10次课时包', nextBillDate: null, packSessions: 7, packExpiry: '2026-05-31' });
    expect(p.counts).toEqual({ total: 5, valid: 1, invalid: 3, withWarnings: 0, existing: 1 });
  });

  it('imports after one plan choice and one skipped birthday: memberships billed from their dates, the pack with 7 sessions, line 6 already here', async () => {
    const { h, month, classes, qian } = await business();
    const choices = { planMap: [{ value: '月卡', planId: month.id }], skipValues: [{ row: 2, field: 'birthday' as const }] };
    const content = b64(gb18030(GBK_FILE));
    const p = await h.invoke('members.importPreview', { content, ...choices });
    expect(p.planValues[0]).toEqual({ value: '月卡', rows: 3, planId: month.id, source: 'chosen', suggestion: month.id });
    expect(p.rows.map((r) => [r.line, r.errors, r.warnings])).toEqual([
      [2, [], []],
      [3, [], [{ field: 'birthday', code: 'value_skipped', params: { value: '1985-13-40' } }]],
      [4, [], []],
      [5, [{ field: 'cardNo', code: 'card_repeated', params: { row: 2 } }], []],
      [6, [], []],
    ]);
    expect(p.rows[1]!.values).toMatchObject({ name: '李四', birthday: null, planId: month.id, nextBillDate: '2026-04-01' });

    const r = await h.invoke('members.importCommit', { content, ...choices, rows: [1, 2, 3, 5] });
    expect(r).toEqual({ created: 3, subscriptions: 2, packs: 1, memberIds: [qian.id + 1, qian.id + 2, qian.id + 3], alreadyHere: [6] });
    const [zhang, li, wang] = r.memberIds as [number, number, number];
    expect(await h.invoke('members.get', { id: li })).toMatchObject({ name: '李四', birthday: null, cardNo: 'A1002', phone: '13900139000' });
    expect((await h.invoke('members.list', {})).total).toBe(4);
    expect((await h.invoke('subscriptions.listByMember', { memberId: zhang })).map((s) => [s.planId, s.price, s.nextBillDate, s.status])).toEqual([[month.id, 30000, '2026-03-15', 'active']]);
    expect(await h.invoke('subscriptions.listByMember', { memberId: wang })).toEqual([]);
    const [wangPack] = await h.invoke('packs.listByMember', { memberId: wang });
    expect(wangPack).toMatchObject({ planId: classes.id, invoiceId: null, sessionsTotal: 7, sessionsUsed: 0, startDate: '2026-03-02', expiresOn: '2026-06-01', status: 'active' });
    // The pack counts at check-in, and nothing was invoiced for it (paid before Subdesk).
    expect(await h.invoke('checkin.checkIn', { query: 'A1003' })).toMatchObject({ outcome: 'checked_in' });
    expect((await h.invoke('packs.listByMember', { memberId: wang }))[0]).toMatchObject({ sessionsUsed: 1, status: 'active' });
    expect((await h.invoke('invoices.list', {})).total).toBe(0);

    th!.clock.setDate('2026-04-01');
    await h.invoke('billing.run', {});
    const invoices = await h.invoke('invoices.list', {});
    expect(invoices.rows.map((i) => [i.payerName, i.issueDate, i.total]).sort()).toEqual([
      ['张三', '2026-03-15', 30000],
      ['李四', '2026-04-01', 30000],
    ]);
    await h.invoke('billing.run', {});
    expect((await h.invoke('invoices.list', {})).total).toBe(2);
  });

  it('refuses, writing nothing: a plan name left unmapped, a plan that does not exist, a skip of a required value, a bad column', async () => {
    const { h, month } = await business();
    const content = b64(gb18030(GBK_FILE));
    const before = databaseHash(h.db);
    expect(await failure(h.invoke('members.importCommit', { content, rows: [1, 3] }))).toMatchObject({ code: 'IMPORT_ROW_INVALID', message: expect.stringContaining('Lines 2 of the file') as string, details: { rows: [1] } });
    expect(await failure(h.invoke('members.importCommit', { content, planMap: [{ value: '月卡', planId: 999 }], rows: [3] }))).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'planMap.0.planId', message: 'not_found' }] },
    });
    // Only an optional value can be left out: the plan of line 2 is not, its row stays refused.
    const skipPlan = { skipValues: [{ row: 1, field: 'plan' as const }] };
    expect(await failure(h.invoke('members.importCommit', { content, ...skipPlan, rows: [1] }))).toMatchObject({ code: 'IMPORT_ROW_INVALID', details: { rows: [1] } });
    // The repeated card of line 5 is an error until the clerk leaves that card out.
    const mapped = { planMap: [{ value: '月卡', planId: month.id }] };
    expect(await failure(h.invoke('members.importCommit', { content, ...mapped, rows: [4] }))).toMatchObject({ code: 'IMPORT_ROW_INVALID', message: expect.stringContaining('Lines 5 of the file') as string, details: { rows: [4] } });
    expect((await failure(h.invoke('members.importCommit', { content, skipValues: [{ row: 1, field: 'nickname' }], rows: [3] } as never))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.importPreview', { content, mapping: { name: 0, packExpiry: 8 } }))).code).toBe('VALIDATION');
    expect(databaseHash(h.db)).toBe(before);
    // Leaving the card out lets line 5 in, without a card.
    const r = await h.invoke('members.importCommit', { content, ...mapped, skipValues: [{ row: 4, field: 'cardNo' }], rows: [4] });
    expect(await h.invoke('members.get', { id: r.memberIds[0]! })).toMatchObject({ name: '赵六', cardNo: null });
  });

  it('checks pack rows: sessions left and a last day are required, an expired pack is refused', async () => {
    const { h } = await business();
    const file = ['姓名,套餐,剩余次数,到期日期', '甲,10次课时包,,2026-05-01', '乙,10次课时包,3,', '丙,10次课时包,3,2026-03-01', '丁,10次课时包,0,2026-05-01', '戊,10次课时包,3,2026-03-02'].join('\n');
    const p = await h.invoke('members.importPreview', { content: b64(file) });
    expect(p.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, [{ field: 'packSessions', code: 'sessions_required' }]],
      [3, [{ field: 'packExpiry', code: 'expiry_required' }]],
      [4, [{ field: 'packExpiry', code: 'pack_expired' }]],
      [5, [{ field: 'packSessions', code: 'bad_sessions', params: { value: '0' } }]],
      [6, []],
    ]);
  });
});

describe('import of an Excel workbook', () => {
  it('reads the first sheet of an .xlsx: dates and numbers as typed, English headers', async () => {
    const { h, month, classes } = await business();
    const head = ['Name', 'Mobile', 'Card No.', 'Date of birth', 'Membership', 'Next bill date', 'Remaining sessions', 'Expiry date'].map((value) => ({ value }));
    const date = (d: string) => ({ value: new Date(`${d}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' });
    const book = await writeXlsxFile(
      [
        head,
        [{ value: 'Anna Lee' }, { value: 13811112222, type: Number }, { value: 'X1' }, date('1992-07-08'), { value: 'monthly' }, date('2026-03-20'), null, null],
        [{ value: 'Ben Wu' }, { value: '13833334444' }, { value: 'X2' }, null, { value: '10次课时包' }, null, { value: 5, type: Number }, date('2026-04-30')],
      ],
      { buffer: true },
    );
    const content = b64(new Uint8Array(book));
    const p = await h.invoke('members.importPreview', { content });
    expect([p.encoding, p.headers.length, p.counts]).toEqual(['xlsx', 8, { total: 2, valid: 2, invalid: 0, withWarnings: 0, existing: 0 }]);
    expect(p.rows.map((r) => [r.line, r.values])).toEqual([
      [2, { name: 'Anna Lee', phone: '13811112222', cardNo: 'X1', birthday: '1992-07-08', notes: '', tags: [], planId: month.id, planName: 'Monthly', nextBillDate: '2026-03-20', price: null, packSessions: null, packExpiry: null }],
      [3, { name: 'Ben Wu', phone: '13833334444', cardNo: 'X2', birthday: null, notes: '', tags: [], planId: classes.id, planName: '10次课时包', nextBillDate: null, price: null, packSessions: 5, packExpiry: '2026-04-30' }],
    ]);
    expect(await h.invoke('members.importCommit', { content, rows: [1, 2] })).toMatchObject({ created: 2, subscriptions: 1, packs: 1 });
  });

  it('refuses a damaged workbook with a clear error', async () => {
    const { h } = await business();
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await failure(h.invoke('members.importPreview', { content: b64(broken) }))).toMatchObject({ code: 'IMPORT_ENCODING', details: { format: 'xlsx' } });
  });
});

describe('the import template', () => {
  it('is a file the importer reads in both languages and both formats, one membership and one pack row', async () => {
    const { h, month, classes } = await business();
    for (const [locale, format, planName, packName] of [
      ['zh-CN', 'csv', '月卡', '10 次课时包'],
      ['en', 'xlsx', 'Monthly', '10-session pack'],
    ] as const) {
      const file = await h.invoke('members.importTemplate', { locale, format });
      expect([file.format, file.rows]).toEqual([format, 2]);
      const content = format === 'csv' ? b64(file.content) : file.content;
      const planMap = [{ value: packName, planId: classes.id }, ...(planName === 'Monthly' ? [] : [{ value: planName, planId: month.id }])];
      const p = await h.invoke('members.importPreview', { content, planMap });
      expect(Object.values(p.mapping)).toEqual([0, 1, 2, 3, 10, 9, 4, 5, 6, 7, 8]);
      expect(p.rows.map((r) => [r.errors, r.values.planId, r.values.nextBillDate, r.values.packSessions, r.values.packExpiry])).toEqual([
        [[], month.id, '2026-03-16', null, null],
        [[], classes.id, null, 7, '2026-05-31'],
      ]);
    }
    expect((await h.invoke('members.importTemplate', { locale: 'en', format: 'csv' })).fileName).toBe('member-import-template.csv');
  });
});
