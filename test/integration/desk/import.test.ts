import { afterEach, describe, expect, it } from 'vitest';
import { databaseHash, failure, type TestHost } from '../../support/host';
import { gb18030 } from '../../support/gbk';
import { b64, deskHost, monthly } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const BOM = '\uFEFF';
/** Chinese column names, as a Chinese Excel "CSV UTF-8" export writes them (CRLF, BOM). */
const FILE = [
  '姓名,手机号,会员卡号,生日,套餐,下次扣费日期,价格,标签,备注',
  '张三,138 0013 8000,A1001,1990/5/1,Monthly,2026-03-15,280,VIP、晨练,老会员',
  '李四,13900001111,,1985-13-01,,,,,',
  '王五,1.39E+10,A1001,,Gold,2026/2/1,abc,,',
  '赵六,,B2,,Monthly,,,,',
  ',13700000000,,,,,,,',
  '钱七,13800138000,C3,,,,,,',
].join('\r\n');

async function setupWithPlan() {
  th = await deskHost('2026-03-02');
  const plan = await monthly(th.host);
  return { h: th.host, plan };
}

describe('members.importPreview', () => {
  it('reads a UTF-8 file with a BOM, maps the Chinese column names, and checks every row', async () => {
    const { h, plan } = await setupWithPlan();
    const before = databaseHash(h.db);
    const p = await h.invoke('members.importPreview', { content: b64(BOM + FILE) });
    expect(databaseHash(h.db)).toBe(before);
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.delimiter).toBe(',');
    expect(p.headers).toEqual(['姓名', '手机号', '会员卡号', '生日', '套餐', '下次扣费日期', '价格', '标签', '备注']);
    expect(p.mapping).toEqual({ name: 0, phone: 1, cardNo: 2, birthday: 3, plan: 4, nextBillDate: 5, price: 6, tags: 7, notes: 8, packSessions: null, packExpiry: null });
    expect(p.counts).toEqual({ total: 6, valid: 2, invalid: 4, withWarnings: 1, existing: 0 });
    expect(p.rows[0]).toEqual({
      row: 1,
      line: 2,
      raw: ['张三', '138 0013 8000', 'A1001', '1990/5/1', 'Monthly', '2026-03-15', '280', 'VIP、晨练', '老会员'],
      values: {
        name: '张三',
        phone: '138 0013 8000',
        cardNo: 'A1001',
        birthday: '1990-05-01',
        notes: '老会员',
        tags: ['VIP', '晨练'],
        planId: plan.id,
        planName: 'Monthly',
        nextBillDate: '2026-03-15',
        price: 28000,
        packSessions: null,
        packExpiry: null,
      },
      errors: [],
      warnings: [],
      existing: null,
    });
    expect(p.rows.map((r) => [r.row, r.errors, r.warnings])).toEqual([
      [1, [], []],
      [2, [{ field: 'birthday', code: 'bad_date', params: { value: '1985-13-01' } }], []],
      [
        3,
        [
          { field: 'phone', code: 'phone_scientific' },
          { field: 'plan', code: 'unknown_plan', params: { value: 'Gold' } },
          { field: 'nextBillDate', code: 'next_date_past' },
          { field: 'price', code: 'bad_amount', params: { value: 'abc' } },
          { field: 'cardNo', code: 'card_repeated', params: { row: 2 } },
        ],
        [],
      ],
      [4, [{ field: 'nextBillDate', code: 'next_date_required' }], []],
      [5, [{ field: 'name', code: 'required' }], []],
      [6, [], [{ field: 'phone', code: 'phone_repeated', params: { row: 2 } }]],
    ]);
  });

  it('decodes GB18030 from Chinese Excel and UTF-16 "Unicode text", and reads English column names', async () => {
    const { h } = await setupWithPlan();
    // 姓名,电话,卡号 / 张三,13800138000,G1 — the bytes written out by hand (GB2312 codes).
    const handMade = Buffer.from('d0d5c3fb2cb5e7bbb02cbfa8bac50d0ad5c5c8fd2c31333830303133383030302c4731', 'hex');
    const a = await h.invoke('members.importPreview', { content: b64(handMade) });
    expect([a.encoding, a.headers, a.rows[0]!.values.name, a.rows[0]!.values.cardNo]).toEqual(['gb18030', ['姓名', '电话', '卡号'], '张三', 'G1']);
    const gbk = gb18030('会员姓名,联系电话,出生日期,备注\r\n欧阳娜娜,13700000001,2001年6月15日,周末上课\r\n');
    const b = await h.invoke('members.importPreview', { content: b64(gbk) });
    expect(b.encoding).toBe('gb18030');
    expect(b.rows[0]!.values).toMatchObject({ name: '欧阳娜娜', phone: '13700000001', birthday: '2001-06-15', notes: '周末上课' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tMobile\tCard No.\r\nJohn Smith\t5550100\tJ-1\r\n', 'utf16le')]);
    const c = await h.invoke('members.importPreview', { content: b64(utf16) });
    expect([c.encoding, c.delimiter, c.mapping.name, c.mapping.phone, c.mapping.cardNo, c.rows[0]!.values.name]).toEqual(['utf-16le', '\t', 0, 1, 2, 'John Smith']);
    const plain = 'Full name;Date of birth;Membership;Next billing date;Monthly fee\nAnna Lee;1999.12.31;monthly;20260401;¥1,299.50\n';
    const d = await h.invoke('members.importPreview', { content: b64(plain) });
    expect([d.encoding, d.delimiter]).toEqual(['utf-8', ';']);
    expect(d.rows[0]!.values).toMatchObject({ name: 'Anna Lee', birthday: '1999-12-31', planName: 'Monthly', nextBillDate: '2026-04-01', price: 129950 });
  });

  it('uses the clerk’s column mapping and a file without a header row', async () => {
    const { h } = await setupWithPlan();
    const p = await h.invoke('members.importPreview', {
      content: b64('13800000001,王小二\n13800000002,李小三\n'),
      hasHeader: false,
      mapping: { name: 1, phone: 0 },
    });
    expect(p.headers).toEqual(['#1', '#2']);
    expect(p.rows.map((r) => [r.line, r.values.name, r.values.phone])).toEqual([
      [1, '王小二', '13800000001'],
      [2, '李小三', '13800000002'],
    ]);
    expect(await failure(h.invoke('members.importPreview', { content: b64('a,b\n1,2\n'), mapping: { name: 0, phone: 5 } }))).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'mapping.phone', code: 'custom', message: 'out_of_range' }] },
    });
  });

  it('refuses what is not a readable file: bad base64, no rows, unknown bytes', async () => {
    const { h } = await setupWithPlan();
    expect((await failure(h.invoke('members.importPreview', { content: 'not base64!' }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.importPreview', { content: b64('\r\n\r\n') }))).code).toBe('IMPORT_EMPTY');
    expect((await failure(h.invoke('members.importPreview', { content: b64(new Uint8Array([0x81, 0x20, 0xff, 0xff])) }))).code).toBe('IMPORT_ENCODING');
    expect((await failure(h.invoke('members.importPreview', { content: b64('姓名\n' + '张三,'.repeat(201) + '\n') }))).code).toBe('IMPORT_TOO_LARGE');
  });
});

describe('members.importCommit', () => {
  it('imports only the accepted rows, and billing continues on the next billing date without charging twice', async () => {
    const { h, plan } = await setupWithPlan();
    const result = await h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [1, 6] });
    expect(result).toEqual({ created: 2, subscriptions: 1, packs: 0, memberIds: [1, 2], alreadyHere: [] });
    expect(await h.invoke('members.get', { id: 1 })).toMatchObject({ name: '张三', phone: '138 0013 8000', cardNo: 'A1001', birthday: '1990-05-01', tags: ['VIP', '晨练'], notes: '老会员' });
    expect(await h.invoke('members.get', { id: 2 })).toMatchObject({ name: '钱七', cardNo: 'C3' });
    const [sub] = await h.invoke('subscriptions.listByMember', { memberId: 1 });
    expect(sub).toMatchObject({ planId: plan.id, price: 28000, startDate: '2026-03-02', anchorDate: '2026-03-15', status: 'active', nextBillDate: '2026-03-15' });
    // Nothing is invoiced before the next billing date; the member is in service meanwhile.
    expect((await h.invoke('invoices.list', {})).total).toBe(0);
    expect(await h.invoke('checkin.checkIn', { query: 'A1001' })).toMatchObject({ outcome: 'checked_in', warnings: [] });
    th!.clock.setDate('2026-03-15');
    await h.invoke('billing.run', {});
    await h.invoke('billing.run', {});
    const invoices = await h.invoke('invoices.list', {});
    expect(invoices.rows.map((i) => [i.payerName, i.issueDate, i.total])).toEqual([['张三', '2026-03-15', 28000]]);
    const detail = await h.invoke('invoices.get', { id: invoices.rows[0]!.id });
    expect(detail.lines.map((l) => [l.kind, l.periodStart, l.periodEnd, l.amount])).toEqual([['period', '2026-03-15', '2026-04-15', 28000]]);
    // Every created member is audited.
    expect(h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE channel = 'members.importCommit' AND entity = 'member'").get()).toEqual({ n: 2 });
  });

  it('refuses the whole import when an accepted row has errors, and flags cards already taken', async () => {
    const { h } = await setupWithPlan();
    const before = databaseHash(h.db);
    expect(await failure(h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [1, 2, 9] }))).toMatchObject({
      code: 'IMPORT_ROW_INVALID',
      details: { rows: [2, 9] },
    });
    expect(databaseHash(h.db)).toBe(before);
    await h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [1] });
    const again = await h.invoke('members.importPreview', { content: b64(BOM + FILE) });
    // Line 2 is the member just imported (same card, same name): already here, skipped, not an error.
    expect([again.rows[0]!.existing, again.rows[0]!.errors, again.rows[0]!.warnings]).toEqual([{ id: 1, name: '张三' }, [], []]);
    expect(again.counts).toEqual({ total: 6, valid: 1, invalid: 4, withWarnings: 1, existing: 1 });
    // Line 4 holds the same card under another name: a clash the clerk must settle.
    expect(again.rows[2]!.errors).toContainEqual({ field: 'cardNo', code: 'card_taken', params: { name: '张三' } });
    // Line 7 has 张三's phone under another name (a family shares one): a warning only.
    expect(again.rows[5]!.warnings).toEqual([{ field: 'phone', code: 'phone_exists', params: { name: '张三' } }]);
    expect(await h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [1] })).toEqual({ created: 0, subscriptions: 0, packs: 0, memberIds: [], alreadyHere: [2] });
    expect((await failure(h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [] }))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.importCommit', { content: b64(BOM + FILE), rows: [1], mapping: { phone: 1 } }))).code).toBe('VALIDATION');
  });
});

describe('an import in pages', () => {
  /** 250 rows: every 10th with a bad birthday, every 25th a repeat of an earlier card. */
  const BIG = [
    'Name,Phone,Card,Birthday,Plan,Next billing date',
    ...Array.from({ length: 250 }, (_, k) => {
      const i = k + 1;
      const card = i % 25 === 0 ? `P${i - 1}` : `P${i}`;
      return `Member ${i},1390000${String(i).padStart(4, '0')},${card},${i % 10 === 0 ? '1990-13-01' : '1990-01-01'},Monthly,2026-03-20`;
    }),
  ].join('\n');

  it('answers a summary and the first page, pages the rest by status, and commits the previewed rows less the unticked ones', async () => {
    const { h, plan } = await setupWithPlan();
    const p = await h.invoke('members.importPreview', { content: b64(BIG) });
    expect(p.counts).toEqual({ total: 250, valid: 220, invalid: 30, withWarnings: 0, existing: 0 });
    // 25 bad birthdays (every 10th row) and 10 repeated cards (every 25th), of which 5 rows have both.
    expect(p.errorsByField).toEqual({ birthday: 25, cardNo: 10 });
    expect([p.pageSize, p.rows.length, p.rows[0]!.line, p.rows[99]!.line]).toEqual([100, 100, 2, 101]);

    const second = await h.invoke('members.importRows', { token: p.token, offset: 100, limit: 100 });
    expect([second.total, second.offset, second.rows.length, second.rows[0]!.row, second.rows[99]!.row]).toEqual([250, 100, 100, 101, 200]);
    const last = await h.invoke('members.importRows', { token: p.token, offset: 200, limit: 500 });
    expect([last.rows.length, last.rows[49]!.values.name]).toEqual([50, 'Member 250']);
    const errors = await h.invoke('members.importRows', { token: p.token, status: 'errors', offset: 25 });
    expect([errors.total, errors.rows.map((r) => r.row)]).toEqual([30, [220, 225, 230, 240, 250]]);
    const fresh = await h.invoke('members.importRows', { token: p.token, status: 'new', limit: 3 });
    expect([fresh.total, fresh.rows.map((r) => r.row)]).toEqual([220, [1, 2, 3]]);
    expect((await h.invoke('members.importRows', { token: p.token, status: 'existing' })).total).toBe(0);

    // Rows 1 and 2 unticked; rows with errors are never imported.
    const done = await h.invoke('members.importCommit', { token: p.token, skip: [1, 2] });
    expect([done.created, done.subscriptions, done.packs, done.alreadyHere]).toEqual([218, 218, 0, []]);
    expect((await h.invoke('members.list', {})).total).toBe(218);
    expect(await h.invoke('members.get', { id: done.memberIds[0]! })).toMatchObject({ name: 'Member 3', cardNo: 'P3', birthday: '1990-01-01' });
    const [sub] = await h.invoke('subscriptions.listByMember', { memberId: done.memberIds[0]! });
    expect(sub).toMatchObject({ planId: plan.id, nextBillDate: '2026-03-20', status: 'active' });
    expect(h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE channel = 'members.importCommit' AND entity = 'member'").get()).toEqual({ n: 218 });
    // The preview is spent: its pages and a second commit are refused, and nothing more is written.
    expect((await failure(h.invoke('members.importCommit', { token: p.token, skip: [] }))).code).toBe('IMPORT_EXPIRED');
    expect((await failure(h.invoke('members.importRows', { token: p.token }))).code).toBe('IMPORT_EXPIRED');
    expect((await h.invoke('members.list', {})).total).toBe(218);
  });

  it('checks the kept rows again when something was written after the preview, and refuses bad page and commit input', async () => {
    const { h } = await setupWithPlan();
    const p = await h.invoke('members.importPreview', { content: b64(BIG) });
    // Meanwhile the desk gives card P4 to someone else, and Member 5 (card P5) comes in by hand.
    await h.invoke('members.create', { name: 'Someone else', cardNo: 'P4' });
    await h.invoke('members.create', { name: 'Member 5', cardNo: 'P5' });
    const before = databaseHash(h.db);
    expect(await failure(h.invoke('members.importCommit', { token: p.token, skip: [] }))).toMatchObject({ code: 'IMPORT_ROW_INVALID', details: { rows: [4] } });
    expect(databaseHash(h.db)).toBe(before);
    const done = await h.invoke('members.importCommit', { token: p.token, skip: [4] });
    expect([done.created, done.alreadyHere]).toEqual([218, [6]]);

    for (const bad of [{ token: 'nope' }, { token: p.token, limit: 501 }, { token: p.token, offset: -1 }, { token: p.token, status: 'maybe' }]) {
      expect((await failure(h.invoke('members.importRows', bad as never))).code).toBe('VALIDATION');
    }
    expect((await failure(h.invoke('members.importCommit', { skip: [] } as never))).code).toBe('VALIDATION');
    expect((await failure(h.invoke('members.importRows', { token: '00000000-0000-0000-0000-000000000000' }))).code).toBe('IMPORT_EXPIRED');
  });
});

describe('phones looked up 200 at a time', () => {
  it('finds a member by phone in a later group exactly as one phone at a time does: the whole number only, never a part of it', async () => {
    const { h } = await setupWithPlan();
    const ann = await h.invoke('members.create', { name: 'Ann Wu', phone: '+86 139 0000 1234' });
    await h.invoke('members.create', { name: 'Bo Li', phone: '13700005555' });
    // 260 rows: the matches sit in the second group of phones; row 251 asks for a part of Ann's number only.
    const rows = Array.from({ length: 260 }, (_, k) => `Row ${k + 1},1360000${String(k + 1).padStart(4, '0')}`);
    rows[250] = 'Row 251,00001234';
    rows[251] = 'Ann Wu,139-0000-1234';
    rows[252] = 'Kid Wu,13900001234';
    rows[253] = 'Row 254,137 0000 5555';
    const p = await h.invoke('members.importPreview', { content: b64(['Name,Phone', ...rows].join('\r\n')) });
    const page = await h.invoke('members.importRows', { token: p.token, offset: 250, limit: 5 });
    expect(page.rows.map((r) => [r.line, r.existing, r.warnings])).toEqual([
      [252, null, []],
      [253, { id: ann.id, name: 'Ann Wu' }, []],
      [254, null, [{ field: 'phone', code: 'phone_exists', params: { name: 'Ann Wu' } }]],
      [255, null, [{ field: 'phone', code: 'phone_exists', params: { name: 'Bo Li' } }]],
      [256, null, []],
    ]);
    expect(p.counts).toEqual({ total: 260, valid: 259, invalid: 0, withWarnings: 2, existing: 1 });
  });

  it('looks up cards and names in groups exactly as one at a time does: any case of a card, the first of several namesakes, never a merged one', async () => {
    const { h } = await setupWithPlan();
    const card = await h.invoke('members.create', { name: 'Cai Yu', cardNo: 'Ab-77' });
    for (let k = 0; k < 7; k++) await h.invoke('members.create', { name: 'Wang Fang', birthday: '1990-05-01' });
    const merged = await h.invoke('members.create', { name: 'Lin Na', birthday: '1988-02-03' });
    const kept = await h.invoke('members.create', { name: 'Lin Na 2' });
    await h.invoke('members.merge', { keepId: kept.id, mergeId: merged.id });
    await h.invoke('members.create', { name: 'Zhou Qi' }); // a namesake without a birthday
    // 620 rows: the matches sit in the second group of names and cards (500 each).
    const rows = Array.from({ length: 620 }, (_, k) => `Row ${k + 1},C${String(k + 1).padStart(5, '0')},`);
    rows[600] = 'Cai Yu,aB-77,';
    rows[601] = 'Someone Else,AB-77,';
    rows[602] = 'Wang  Fang,,1990/5/1';
    rows[603] = 'Lin Na,,1988-02-03';
    rows[604] = 'Zhou Qi,,2000-01-01';
    rows[605] = 'Wang Fang,,1990-05-02';
    const p = await h.invoke('members.importPreview', { content: b64(['Name,Card,Birthday', ...rows].join('\r\n')) });
    const page = await h.invoke('members.importRows', { token: p.token, offset: 600, limit: 6 });
    expect(page.rows.map((r) => [r.line, r.existing, r.errors, r.warnings])).toEqual([
      [602, { id: card.id, name: 'Cai Yu' }, [], []],
      [603, null, [{ field: 'cardNo', code: 'card_taken', params: { name: 'Cai Yu' } }], []],
      [604, null, [], [{ field: 'name', code: 'name_birthday_exists', params: { name: 'Wang Fang' } }]],
      [605, null, [], []],
      [606, null, [], []],
      [607, null, [], []],
    ]);
    expect(p.counts).toMatchObject({ total: 620, existing: 1, invalid: 1, withWarnings: 1 });
  });
});
