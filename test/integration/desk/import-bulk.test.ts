/**
 * The import's commit writes its rows in bulk (migration 025: the search-index rows and the card check
 * once at the end; the audit entries in one write; memberships built without reading them back). The
 * rows it leaves must be exactly the ones the row-by-row commit left: the expected rows below were
 * recorded from that commit (session 7's code) on the same business, file and clock — members,
 * memberships, packs, every audit entry with its hash, the search index's terms per member, and the
 * members marked for the report refresh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toWireError } from '../../../electron/contract/envelope';
import type { ImportRow } from '../../../electron/contract/desk-types';
import type { Db } from '../../../electron/db/open';
import { memberBulk } from '../../../electron/db/member-bulk';
import { searchIndexReady } from '../../../electron/db/search-pending';
import { failure, type TestHost } from '../../support/host';
import { createFacts } from '../../../electron/books/reports/facts';
import { b64, deskHost, member, monthly, pack, sell } from './fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

const FILE = [
  '姓名,手机号,会员卡号,生日,套餐,下次扣费日期,价格,剩余课时,有效期至,标签,备注',
  '张三丰,138 0013 8000,A1001,1990/5/1,Monthly,2026-03-15,280,,,VIP、晨练,老会员',
  'Anna Lee,+86 139 0000 1111,b-77,1985-02-28,Monthly,2026/3/2,,,,,',
  '王五,13700137000,A1003,,10 classes,,,7,2026/5/31,,',
  '曾小单,,C9,,,,,,,晨练,',
  '李四,13900001111,,1985-13-01,,,,,,,',
  '钱七,,OLD1,,Monthly,2026-03-20,,,,,',
  '赵六,13600136000,Zz-1,2000-1-1,Gold Monthly,2026-04-01,,,,,第 7 行',
  'Émile Zola,,,,,,,,,,',
].join('\r\n');

async function business() {
  th = await deskHost('2026-03-02');
  const h = th.host;
  const month = await monthly(h);
  const gold = await monthly(h, { name: 'Gold Monthly', price: 50000 });
  const classes = await pack(h, { name: '10 classes' });
  const qian = await member(h, '钱七', { cardNo: 'old1' });
  return { h, month, gold, classes, qian };
}

/** Everything the import writes, from the ids the business had before it. */
function written(db: Db, before: { member: number; audit: number }) {
  const all = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p);
  searchIndexReady(db); // the index rows the import left owed, written as any search writes them first
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, 'member_search', 'instance')");
  return {
    members: all('SELECT * FROM members WHERE id > ? ORDER BY id', before.member),
    subscriptions: all('SELECT * FROM subscriptions WHERE member_id > ? ORDER BY id', before.member),
    packs: all('SELECT * FROM member_packs WHERE member_id > ? ORDER BY id', before.member),
    audit: all('SELECT * FROM audit_log WHERE id > ? ORDER BY id', before.audit),
    searchTerms: all('SELECT doc, col, term FROM temp.search_terms WHERE doc > ? ORDER BY doc, col, term', before.member),
    dirty: all('SELECT member_id FROM report_dirty_members WHERE member_id > ? ORDER BY member_id', before.member),
  };
}

const EXPECTED = path.join(import.meta.dirname, 'import-bulk.expected.json');

describe('the bulk commit of an import', () => {
  it('leaves exactly the rows the row-by-row commit left: members, memberships, packs, audit with its hashes, search terms, report marks', async () => {
    const { h, qian } = await business();
    const before = {
      member: qian.id,
      audit: h.db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number,
    };
    const p = await h.invoke('members.importPreview', { content: b64(FILE) });
    expect(p.counts).toEqual({ total: 8, valid: 6, invalid: 1, withWarnings: 0, existing: 1 });
    const r = await h.invoke('members.importCommit', { token: p.token, skip: [] });
    expect(r).toMatchObject({ created: 6, subscriptions: 3, packs: 1, alreadyHere: [7] });
    const rows = written(h.db, before);
    if (process.env['SUBDESK_RECORD_IMPORT'] === '1') fs.writeFileSync(EXPECTED, `${JSON.stringify(rows, null, 1)}\n`);
    expect(rows).toEqual(JSON.parse(fs.readFileSync(EXPECTED, 'utf8')));
    // Found by any part of the name, the pinyin, the phone and the card, as a member added at the desk is.
    for (const q of ['sanfeng', 'zsf', '8000', 'b77', 'zola', '单']) {
      expect((await h.invoke('members.search', { query: q })).map((m) => m.name)).toContain(
        { sanfeng: '张三丰', zsf: '张三丰', '8000': '张三丰', b77: 'Anna Lee', zola: 'Émile Zola', 单: '曾小单' }[q],
      );
    }
  });

  it('refuses the whole import when the database finds a new card already held in another case, and writes nothing', async () => {
    const { h, qian } = await business();
    const counts = () => [
      h.db.prepare('SELECT COUNT(*) FROM members').pluck().get(),
      h.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get(),
      h.db.prepare('SELECT COUNT(*) FROM member_search_docsize').pluck().get(),
    ];
    const p = await h.invoke('members.importPreview', { content: b64('姓名,会员卡号\r\n甲,K1\r\n乙,NEW9\r\n') });
    expect(p.counts.valid).toBe(2);
    // Written around the app (no audit entry, so the commit does not check the kept rows again): only the database can tell.
    h.db.prepare('UPDATE members SET card_no = ? WHERE id = ?').run('new9', qian.id);
    const was = counts();
    expect(toWireError(await failure(h.invoke('members.importCommit', { token: p.token, skip: [] })))).toEqual({
      code: 'DUPLICATE_CARD',
      message: 'Another member already has that card number.',
      details: { sqliteCode: 'SQLITE_CONSTRAINT_TRIGGER' },
    });
    expect(counts()).toEqual(was);
    expect(h.db.prepare('SELECT COUNT(*) FROM member_bulk').pluck().get()).toBe(0);
  });
});

/** `rows` members on the monthly plan, each with a card (the last one's given) and a phone; Chinese headers. */
const bigFile = (lastCard: string, rows: number) =>
  ['姓名,手机号,会员卡号,套餐,下次扣费日期', ...Array.from({ length: rows }, (_, k) => `会员${k + 1},139${String(k + 1).padStart(8, '0')},${k === rows - 1 ? lastCard : `L${k + 1}`},Monthly,2026-03-${String(3 + (k % 20)).padStart(2, '0')}`)].join('\r\n');
const setting = (db: Db) => ({
  temp: db.pragma('temp_store', { simple: true }),
  merging: db.prepare("SELECT v FROM member_search_config WHERE k = 'automerge'").pluck().get() ?? 4,
});

describe('an import larger than one multi-row INSERT (50 rows each)', () => {
  /** 123 rows: two full statements and a shorter one, for members and memberships alike. */
  const bigFile123 = (card123 = 'L123') => bigFile(card123, 123);

  it('gives each row its own member, membership and audit entries, in file order, found by search; leaves the connection and the index settings as they were', async () => {
    const { h, qian, month } = await business();
    const was = setting(h.db);
    const p = await h.invoke('members.importPreview', { content: b64(bigFile123()) });
    expect(p.counts.valid).toBe(123);
    const r = await h.invoke('members.importCommit', { token: p.token, skip: [] });
    expect(r.memberIds).toEqual(Array.from({ length: 123 }, (_, k) => qian.id + 1 + k));
    const members = h.db.prepare('SELECT id, name, card_no FROM members WHERE id > ? ORDER BY id').all(qian.id) as { id: number; name: string; card_no: string }[];
    expect(members.map((m) => [m.id - qian.id, m.name, m.card_no])).toEqual(Array.from({ length: 123 }, (_, k) => [k + 1, `会员${k + 1}`, `L${k + 1}`]));
    const subs = h.db.prepare('SELECT member_id, plan_id, next_bill_date FROM subscriptions WHERE member_id > ? ORDER BY id').all(qian.id) as { member_id: number; plan_id: number; next_bill_date: string }[];
    expect(subs.map((s) => [s.member_id - qian.id, s.plan_id, s.next_bill_date])).toEqual(
      Array.from({ length: 123 }, (_, k) => [k + 1, month.id, `2026-03-${String(3 + (k % 20)).padStart(2, '0')}`]),
    );
    const audit = h.db.prepare("SELECT entity, entity_id, json_extract(after, '$.name') AS name, json_extract(after, '$.memberId') AS memberId FROM audit_log WHERE channel = 'members.importCommit' ORDER BY id").all() as { entity: string; entity_id: string; name: string | null; memberId: number | null }[];
    expect(audit.filter((a) => a.entity === 'member').map((a) => [Number(a.entity_id) - qian.id, a.name])).toEqual(Array.from({ length: 123 }, (_, k) => [k + 1, `会员${k + 1}`]));
    const subIds = (h.db.prepare('SELECT id FROM subscriptions WHERE member_id > ? ORDER BY id').pluck().all(qian.id) as number[]).map(String);
    expect(audit.filter((a) => a.entity === 'subscription').map((a) => [a.entity_id, a.memberId! - qian.id])).toEqual(subIds.map((id, k) => [id, k + 1]));
    expect((await h.invoke('audit.verify', {})).ok).toBe(true);
    for (const [q, name] of [['l123', '会员123'], ['13900000051', '会员51'], ['huiyuan100', '会员100']] as const) {
      expect((await h.invoke('members.search', { query: q })).map((m) => m.name)).toContain(name);
    }
    expect(setting(h.db)).toEqual(was);
  });

  it('refuses the whole file when its last row takes a card already here in another case, written behind the app: nothing changes', async () => {
    const { h, qian } = await business();
    const was = setting(h.db);
    const counts = () => ['members', 'subscriptions', 'audit_log', 'member_search_docsize', 'report_dirty_members'].map((t) => h.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
    const p = await h.invoke('members.importPreview', { content: b64(bigFile123('OLD2')) });
    expect(p.counts.valid).toBe(123);
    // No audit entry, so the commit does not check the kept rows again: only the database can tell.
    h.db.prepare('UPDATE members SET card_no = ? WHERE id = ?').run('old2', qian.id);
    const before = counts();
    expect(toWireError(await failure(h.invoke('members.importCommit', { token: p.token, skip: [] }))).code).toBe('DUPLICATE_CARD');
    expect(counts()).toEqual(before);
    expect(setting(h.db)).toEqual(was);
    // The same file with that row left out comes in whole.
    const again = await h.invoke('members.importPreview', { content: b64(bigFile123('OLD2')) });
    expect(again.counts).toMatchObject({ valid: 122, invalid: 1 });
    expect((await h.invoke('members.importCommit', { token: again.token, skip: [] })).created).toBe(122);
  });
});

describe('an import of more rows than one part of the commit (1,000 rows, one write batch each)', () => {
  const ROWS = 2345;
  const count = (db: Db, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

  it("writes every part in the one transaction: each member and membership with its own audit entry, a part's members before its memberships, the chain whole, every member found", async () => {
    const { h, qian, month } = await business();
    const was = setting(h.db);
    const p = await h.invoke('members.importPreview', { content: b64(bigFile(`L${ROWS}`, ROWS)) });
    expect(p.counts.valid).toBe(ROWS);
    const r = await h.invoke('members.importCommit', { token: p.token, skip: [] });
    expect(r).toMatchObject({ created: ROWS, subscriptions: ROWS, packs: 0 });
    expect(r.memberIds).toEqual(Array.from({ length: ROWS }, (_, k) => qian.id + 1 + k));
    const subOf = new Map((h.db.prepare('SELECT id, member_id FROM subscriptions WHERE member_id > ?').all(qian.id) as { id: number; member_id: number }[]).map((s) => [String(s.id), s.member_id - qian.id]));
    expect(subOf.size).toBe(ROWS);
    const entries = (h.db.prepare("SELECT entity, entity_id, json_extract(after, '$.memberId') AS memberId FROM audit_log WHERE channel = 'members.importCommit' ORDER BY id").all() as { entity: string; entity_id: string; memberId: number | null }[])
      // Each entry as the file's row it belongs to, and what it records.
      .map((a) => (a.entity === 'member' ? ['member', Number(a.entity_id) - qian.id] : ['subscription', subOf.get(a.entity_id), a.memberId! - qian.id]));
    const part = (from: number, to: number) => [
      ...Array.from({ length: to - from + 1 }, (_, k) => ['member', from + k]),
      ...Array.from({ length: to - from + 1 }, (_, k) => ['subscription', from + k, from + k]),
    ];
    expect(entries).toEqual([...part(1, 1000), ...part(1001, 2000), ...part(2001, ROWS)]);
    expect((await h.invoke('audit.verify', {})).ok).toBe(true);
    expect(h.db.prepare('SELECT COUNT(*) FROM report_dirty_members WHERE member_id > ?').pluck().get(qian.id)).toBe(ROWS);
    for (const [q, name] of [['l1', '会员1'], ['13900001000', '会员1000'], ['13900001001', '会员1001'], [`l${ROWS}`, `会员${ROWS}`], ['huiyuan2001', '会员2001']] as const) {
      expect((await h.invoke('members.search', { query: q })).map((m) => m.name)).toContain(name);
    }
    // The parts' owed index rows came as one range, written by then (by the first search if not before).
    expect(count(h.db, 'member_search_docsize')).toBe(count(h.db, 'members'));
    expect(count(h.db, 'member_search_pending')).toBe(0);
    expect((h.db.prepare('SELECT DISTINCT plan_id FROM subscriptions WHERE member_id > ?').pluck().all(qian.id))).toEqual([month.id]);
    expect(setting(h.db)).toEqual(was);
  });

  it('refuses the whole file when a row of its last part takes a card already here: the parts written before it are undone too', async () => {
    const { h, qian } = await business();
    const was = setting(h.db);
    const counts = () => ['members', 'subscriptions', 'audit_log', 'member_search_docsize', 'report_dirty_members'].map((t) => count(h.db, t));
    const p = await h.invoke('members.importPreview', { content: b64(bigFile('OLD3', ROWS)) });
    expect(p.counts.valid).toBe(ROWS);
    // Written behind the app (no audit entry, so the kept rows are not checked again): only the database can tell.
    h.db.prepare('UPDATE members SET card_no = ? WHERE id = ?').run('old3', qian.id);
    const before = counts();
    expect(toWireError(await failure(h.invoke('members.importCommit', { token: p.token, skip: [] }))).code).toBe('DUPLICATE_CARD');
    expect(counts()).toEqual(before);
    expect(count(h.db, 'member_bulk')).toBe(0);
    expect(setting(h.db)).toEqual(was);
    expect((await h.invoke('audit.verify', {})).ok).toBe(true);
  });
});

describe("a big file's phones, looked up from the members' index heads", () => {
  /** Rows 7–10 of the big file as the clerk sees them: already here, and the warnings by field and code. */
  const seen = (rows: ImportRow[]) =>
    rows.map((r) => ({ line: r.line, existing: r.existing !== null, warnings: r.warnings }));

  it('finds the same owners as the index questions a small file asks: a +86 phone, a card of digits, a merged member, the same person', async () => {
    const { h } = await business();
    await member(h, '甲', { phone: '+86 139 0000 0007' });
    await member(h, '乙', { cardNo: '13900000008' });
    const gone = await member(h, '丙', { phone: '13900000009' });
    const kept = await member(h, '丁', { phone: '13700000000' });
    await h.invoke('members.merge', { keepId: kept.id, mergeId: gone.id });
    await member(h, '会员10', { phone: '13900000010' });
    // 2,345 phones: the heads are read; 4 lines of the same rows: the index is asked 200 phones at a time.
    const big = await h.invoke('members.importPreview', { content: b64(bigFile('L2345', 2345)) });
    const rows = (await h.invoke('members.importRows', { token: big.token, offset: 6, limit: 4, status: 'all' })).rows;
    const small = await h.invoke('members.importPreview', { content: b64(bigFile('L2345', 2345).split('\r\n').filter((_, i) => i === 0 || (i >= 7 && i <= 10)).join('\r\n')) });
    const withoutLine = (list: ReturnType<typeof seen>) => list.map(({ existing, warnings }) => ({ existing, warnings }));
    expect(withoutLine(seen(rows))).toEqual(withoutLine(seen(small.rows)));
    expect(seen(rows)).toEqual([
      { line: 8, existing: false, warnings: [{ field: 'phone', code: 'phone_exists', params: { name: '甲' } }] },
      { line: 9, existing: false, warnings: [{ field: 'phone', code: 'phone_exists', params: { name: '乙' } }] },
      { line: 10, existing: false, warnings: [] },
      { line: 11, existing: true, warnings: [] },
    ]);
    expect(big.counts).toMatchObject({ total: 2345, existing: 1, withWarnings: 2 });
  });
});

describe('a bulk insert of members in the database (migration 025)', () => {
  const insert = (db: Db, name: string, card: string | null) =>
    db.prepare("INSERT INTO members (name, phone, card_no, tags, search_text, created_at, updated_at) VALUES (?, '', ?, '[]', ?, 'x', 'x')").run(name, card, name.toLowerCase());

  it('refuses two new members with one card in two cases, as the per-row trigger does, and leaves the others’ index rows owed', async () => {
    const { h } = await business();
    expect(() => h.db.transaction(() => memberBulk(h.db, () => [insert(h.db, 'Ann', 'Q1'), insert(h.db, 'Bob', 'q1')]))()).toThrow(/DUPLICATE_CARD/);
    expect(() => h.db.transaction(() => [insert(h.db, 'Ann', 'Q1'), insert(h.db, 'Bob', 'q1')])()).toThrow(/DUPLICATE_CARD/);
    h.db.transaction(() => memberBulk(h.db, () => [insert(h.db, 'Ann', 'Q1'), insert(h.db, 'Bob', null)]))();
    const bob = () => h.db.prepare("SELECT COUNT(*) FROM member_search WHERE member_search MATCH 'head : bob'").pluck().get();
    expect(bob()).toBe(0);
    searchIndexReady(h.db);
    expect(bob()).toBe(1);
  });

  it('can never be committed with its marker row: the skipped work cannot be left undone', async () => {
    const { h } = await business();
    expect(() => h.db.transaction(() => h.db.prepare('INSERT INTO member_bulk (id, after_id) VALUES (1, 0)').run())()).toThrow(/FOREIGN KEY/);
    expect(h.db.prepare('SELECT COUNT(*) FROM member_bulk').pluck().get()).toBe(0);
  });
});

describe('the report facts after an import', () => {
  it('the refresh after an import and a billing run gives the spans and the MRR report a rebuild from scratch gives', async () => {
    const { h, month, gold } = await business();
    const clock = th!.clock;
    for (const [i, name] of ['Ada', 'Ben', 'Cai'].entries()) await sell(h, (await member(h, name)).id, i ? gold.id : month.id);
    clock.setDate('2026-04-02');
    await h.invoke('billing.run', {});
    const range = { from: '2026-01-01', to: '2026-06-30' };
    await h.invoke('reports.mrr', range);
    // The import marks its members for the refresh; the next run bills the old members and the imported ones.
    const p = await h.invoke('members.importPreview', { content: b64(FILE.replace('2026-03-15', '2026-04-15').replace('2026/3/2', '2026/4/20').replace('2026-03-20', '2026-04-20').replace('2026-04-01', '2026-05-01')) });
    await h.invoke('members.importCommit', { token: p.token, skip: [] });
    clock.setDate('2026-05-03');
    await h.invoke('billing.run', {});
    const report = await h.invoke('reports.mrr', range);
    const spans = () => h.db.prepare('SELECT * FROM report_mrr_spans ORDER BY member_id, start').all();
    const kept = spans();
    expect(new Set(kept.map((r) => (r as { member_id: number }).member_id)).size).toBe(6);
    h.db.exec('DELETE FROM report_mrr_spans; INSERT OR IGNORE INTO report_dirty_members (member_id) SELECT DISTINCT member_id FROM subscriptions;');
    // A refresh that remembers nothing (a fresh host's) works every member out from the start.
    createFacts(h.db).refresh();
    expect(spans()).toEqual(kept);
    expect(await h.invoke('reports.mrr', range)).toEqual(report);
  });
});
