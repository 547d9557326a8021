/**
 * The import's search-index rows are written after its commit has answered (migration 031): the commit
 * leaves the new ids owed, the host writes them a part at a time, and every question to the index writes
 * what is still owed first. So no search ever misses a member, an edit, merge or removal of an owed member
 * before its row is written comes out right, and an app stopped before the rows were written writes them
 * at its next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/open';
import { memberBulk } from '../../../electron/db/member-bulk';
import { searchIndexCatchUp, searchIndexReady, setSearchWrites } from '../../../electron/db/search-pending';
import { makeHost, type TestHost } from '../../support/host';
import { b64, deskHost, member } from './fixtures';

let th: TestHost | undefined;
let other: TestHost | undefined;
afterEach(() => {
  th?.close();
  other?.close();
  th = other = undefined;
});

const count = (db: Db, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const owed = (db: Db) => db.prepare('SELECT after_id, upto_id FROM member_search_pending').all();
/** The ids the index finds for one head word (as the desk's exact step asks it). */
const indexed = (db: Db, word: string) => db.prepare('SELECT rowid FROM member_search WHERE member_search MATCH ? ORDER BY rowid').pluck().all(`head : ${word}`);
const insert = (db: Db, name: string) =>
  Number(
    db
      .prepare("INSERT INTO members (name, phone, card_no, tags, search_text, created_at, updated_at) VALUES (?, '', NULL, '[]', ?, 'x', 'x')")
      .run(name, name.toLowerCase()).lastInsertRowid,
  );
const bulk = (db: Db, names: string[]) => db.transaction(() => memberBulk(db, () => names.map((n) => insert(db, n))))();
const names = async (h: TestHost['host'], query: string) => (await h.invoke('members.search', { query })).map((m) => m.name);
const FILE = ['姓名,手机号,会员卡号', '张三丰,13800138000,B77', '李四,13900139000,', 'Anna Lee,,A1'].join('\r\n');

describe('the search index after a bulk insert of members', () => {
  it('owes the new members’ rows as one range; a search writes them before it asks', async () => {
    th = await deskHost();
    const h = th.host;
    const last = (await member(h, 'Zed')).id;
    const [ann, bob] = bulk(h.db, ['Ann', 'Bob']);
    expect(owed(h.db)).toEqual([{ after_id: last, upto_id: bob }]);
    expect(indexed(h.db, 'ann')).toEqual([]);
    // The next part of the same import follows straight on: the range grows, nothing is written yet.
    const [cat] = bulk(h.db, ['Cat']);
    expect(owed(h.db)).toEqual([{ after_id: last, upto_id: cat }]);
    expect(await names(h, 'bob')).toEqual(['Bob']);
    expect(owed(h.db)).toEqual([]);
    expect([indexed(h.db, 'ann'), indexed(h.db, 'bob'), indexed(h.db, 'cat')]).toEqual([[ann], [bob], [cat]]);
    expect(count(h.db, 'member_search_docsize')).toBe(count(h.db, 'members'));
  });

  it('writes what is owed first when a bulk insert does not follow straight on, so one range is ever owed', async () => {
    th = await deskHost();
    const h = th.host;
    const ann = bulk(h.db, ['Ann'])[0]!;
    const dan = (await member(h, 'Dan')).id; // added at the desk: indexed at once by its own trigger
    expect(indexed(h.db, 'dan')).toEqual([dan]);
    const eve = bulk(h.db, ['Eve'])[0]!;
    expect(indexed(h.db, 'ann')).toEqual([ann]);
    expect(owed(h.db)).toEqual([{ after_id: dan, upto_id: eve }]);
    // The database refuses a second range however the bulk insert is started.
    expect(() =>
      h.db.transaction(() => {
        h.db.prepare('INSERT INTO member_bulk (id, after_id) VALUES (1, ?)').run(eve + 5);
        h.db.prepare('DELETE FROM member_bulk').run();
      })(),
    ).toThrow(/owed range must end where the bulk insert began/);
  });

  it('leaves an owed member’s row to the catch-up, which reads them as they are by then: edited, merged or removed', async () => {
    th = await deskHost();
    const h = th.host;
    const [ann, bob, cat, dan] = bulk(h.db, ['Ann', 'Bob', 'Cat', 'Dan']);
    h.db.prepare("UPDATE members SET name = 'Anna', search_text = 'anna' WHERE id = ?").run(ann);
    h.db.prepare('UPDATE members SET merged_into = ? WHERE id = ?').run(dan, bob);
    h.db.prepare('DELETE FROM members WHERE id = ?').run(cat);
    expect(count(h.db, 'member_search_docsize')).toBe(count(h.db, 'members') - 3); // none of the three written yet (Dan neither)
    searchIndexReady(h.db);
    expect([indexed(h.db, 'anna'), indexed(h.db, 'ann'), indexed(h.db, 'bob'), indexed(h.db, 'cat'), indexed(h.db, 'dan')]).toEqual([[ann], [], [], [], [dan]]);
    // Once written, an edit goes through the per-row trigger again.
    h.db.prepare("UPDATE members SET search_text = 'danny' WHERE id = ?").run(dan);
    expect([indexed(h.db, 'dan'), indexed(h.db, 'danny')]).toEqual([[], [dan]]);
  });

  it('catches up a part at a time, each its own step, and writes nothing while the host holds writes', async () => {
    th = await deskHost();
    const h = th.host;
    const first = (await member(h, 'Zed')).id;
    const ids = bulk(h.db, ['A1', 'A2', 'A3', 'A4', 'A5']);
    setSearchWrites(h.db, () => false);
    expect(searchIndexCatchUp(h.db, 2)).toBe(false);
    searchIndexReady(h.db);
    expect(owed(h.db)).toEqual([{ after_id: first, upto_id: ids[4] }]);
    setSearchWrites(h.db, () => true);
    expect(searchIndexCatchUp(h.db, 2)).toBe(true);
    expect(owed(h.db)).toEqual([{ after_id: ids[1], upto_id: ids[4] }]);
    expect([indexed(h.db, 'a2'), indexed(h.db, 'a3')]).toEqual([[ids[1]], []]);
    expect(searchIndexCatchUp(h.db, 2)).toBe(true);
    expect(searchIndexCatchUp(h.db, 2)).toBe(false);
    expect(owed(h.db)).toEqual([]);
    expect(indexed(h.db, 'a5')).toEqual([ids[4]]);
  });

  it('an import’s preview looks phones up in the index only after writing what an earlier import owes', async () => {
    th = await deskHost();
    const h = th.host;
    h.db.transaction(() =>
      memberBulk(h.db, () =>
        h.db
          .prepare("INSERT INTO members (name, phone, card_no, tags, search_text, created_at, updated_at) VALUES ('甲', '13700137000', NULL, '[]', '甲 13700137000', 'x', 'x')")
          .run(),
      ),
    )();
    expect(owed(h.db)).toHaveLength(1);
    const p = await h.invoke('members.importPreview', { content: b64('姓名,手机号\r\n乙,13700137000\r\n') });
    expect(p.rows[0]!.warnings).toEqual([{ field: 'phone', code: 'phone_exists', params: { name: '甲' } }]);
    expect(owed(h.db)).toEqual([]);
  });
});

describe('an import through the desk', () => {
  it('answers the commit with the rows owed, then writes them on its own; the desk finds every member throughout', async () => {
    th = await deskHost();
    const h = th.host;
    const before = count(h.db, 'members');
    const p = await h.invoke('members.importPreview', { content: b64(FILE) });
    const r = await h.invoke('members.importCommit', { token: p.token, skip: [] });
    expect(r.created).toBe(3);
    // Right after the answer, before the host's next turn: the rows are owed.
    expect(owed(h.db)).toEqual([{ after_id: before, upto_id: before + 3 }]);
    expect(count(h.db, 'member_search_docsize')).toBe(before);
    // With no call at all, the host writes them within a few turns.
    for (let i = 0; i < 20 && owed(h.db).length; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(owed(h.db)).toEqual([]);
    expect(count(h.db, 'member_search_docsize')).toBe(before + 3);
    expect([await names(h, 'sanfeng'), await names(h, '13900139000'), await names(h, 'a1')]).toEqual([['张三丰'], ['李四'], ['Anna Lee']]);
  });

  it('a clean close leaves the index whole; rows owed when the app stopped are written at the next start', async () => {
    th = await deskHost();
    const h = th.host;
    const p = await h.invoke('members.importPreview', { content: b64(FILE) });
    await h.invoke('members.importCommit', { token: p.token, skip: [] });
    // The file as a crash right after the commit left it: copied while the rows are still owed.
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    const crashed = path.join(path.dirname(th.dataDir), `${path.basename(th.dataDir)}-crashed`);
    fs.mkdirSync(crashed);
    fs.copyFileSync(path.join(th.dataDir, 'subdesk.sqlite'), path.join(crashed, 'subdesk.sqlite'));
    const again = await th.reopen();
    expect(owed(again.db)).toEqual([]);
    expect(count(again.db, 'member_search_docsize')).toBe(count(again.db, 'members'));
    other = await makeHost({ dataDir: crashed, startDate: '2026-03-02' });
    expect(owed(other.host.db)).toEqual([]);
    expect(count(other.host.db, 'member_search_docsize')).toBe(count(other.host.db, 'members'));
    expect(await names(other.host, 'zsf')).toEqual(['张三丰']);
  });
});
