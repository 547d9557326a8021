/**
 * Card numbers are one card whatever their case (migration 011): every writer of a card refuses
 * a second holder with DUPLICATE_CARD and changes nothing, and a clash already in an older
 * database survives the migration untouched and is listed for the owner to resolve.
 */
import { loadMigrations } from '../../../electron/db/migrate';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toWireError } from '../../../electron/contract/envelope';
import { databaseHash, failure, makeHost, type TestHost } from '../../support/host';
import { b64, deskHost, member } from '../desk/fixtures';

let th: TestHost | undefined;
afterEach(() => th?.close());

async function refusedAsDuplicate(th: TestHost, call: () => Promise<unknown>) {
  const before = databaseHash(th.host.db);
  const e = await failure(call());
  expect(e.code).toBe('DUPLICATE_CARD');
  expect(databaseHash(th.host.db)).toBe(before);
}

describe('card numbers are unique ignoring case', () => {
  it('members.create and members.update refuse a0001 beside A0001; a member may change the case of their own card', async () => {
    th = await deskHost();
    const h = th.host;
    const alice = await member(h, 'Alice', { cardNo: 'A0001' });
    const bob = await member(h, 'Bob', { cardNo: 'B0002' });
    await refusedAsDuplicate(th, () => h.invoke('members.create', { name: 'Carol', cardNo: 'a0001' }));
    await refusedAsDuplicate(th, () => h.invoke('members.update', { id: bob.id, member: { name: 'Bob', cardNo: 'a0001' } }));
    expect((await h.invoke('members.update', { id: alice.id, member: { name: 'Alice', cardNo: 'a0001' } })).cardNo).toBe('a0001');
    expect(await h.invoke('members.cardClashes', {})).toEqual([]);
  });

  it('the import marks a card held in another case as taken', async () => {
    th = await deskHost();
    await member(th.host, 'Alice', { cardNo: 'A0001' });
    const p = await th.host.invoke('members.importPreview', { content: b64('Name,Card\nCarol,a0001\nDan,a0002\nEve,A0002\n') });
    expect(p.rows.map((r) => r.errors)).toEqual([
      [{ field: 'cardNo', code: 'card_taken', params: { name: 'Alice' } }],
      [],
      // Eve's line 4 repeats Dan's card of line 3 (the header is line 1).
      [{ field: 'cardNo', code: 'card_repeated', params: { row: 3 } }],
    ]);
    const before = databaseHash(th.host.db);
    const e = await failure(th.host.invoke('members.importCommit', { content: b64('Name,Card\nCarol,a0001\n'), rows: [1] }));
    expect([e.code, e.details]).toEqual(['IMPORT_ROW_INVALID', { rows: [1] }]);
    expect(databaseHash(th.host.db)).toBe(before);
  });

  it('a merge moves the card to the kept member without tripping the rule', async () => {
    th = await deskHost();
    const h = th.host;
    const keep = await member(h, 'Alice');
    const other = await member(h, 'Alice L', { cardNo: 'A0001' });
    await h.invoke('members.merge', { keepId: keep.id, mergeId: other.id });
    expect((await h.invoke('members.get', { id: keep.id })).cardNo).toBe('A0001');
    await refusedAsDuplicate(th, () => h.invoke('members.create', { name: 'Carol', cardNo: 'a0001' }));
  });

  it('the schema refuses a clash a service did not check, with the code DUPLICATE_CARD', async () => {
    th = await deskHost();
    const h = th.host;
    await member(h, 'Alice', { cardNo: 'A0001' });
    const bob = await member(h, 'Bob', { cardNo: 'B0002' });
    const before = databaseHash(h.db);
    const insert = () =>
      h.db.prepare("INSERT INTO members (name, phone, card_no, search_text, created_at, updated_at) VALUES ('X', '', 'a0001', 'x', '2026-03-02', '2026-03-02')").run();
    const update = () => h.db.prepare("UPDATE members SET card_no = 'A0001' WHERE id = ?").run(bob.id);
    for (const write of [insert, update]) {
      let caught: unknown;
      try {
        write();
      } catch (e) {
        caught = e;
      }
      expect(toWireError(caught)).toEqual({
        code: 'DUPLICATE_CARD',
        message: 'Another member already has that card number.',
        details: { sqliteCode: 'SQLITE_CONSTRAINT_TRIGGER' },
      });
    }
    expect(databaseHash(h.db)).toBe(before);
  });
});

describe('a database that already holds a0001 and A0001', () => {
  /** A version-10 database (before migration 011) in which two members hold one card in different case. */
  async function olderDatabaseWithClash() {
    const first = await deskHost();
    const alice = await member(first.host, 'Alice', { cardNo: 'A0001' });
    const bob = await member(first.host, 'Bob', { cardNo: 'B0002' });
    await member(first.host, 'Carol', { cardNo: 'C0003' });
    first.close();
    const db = new Database(path.join(first.dataDir, 'subdesk.sqlite'));
    db.exec('DROP TRIGGER members_card_nocase_ins; DROP TRIGGER members_card_nocase_upd; DROP INDEX members_card_nocase;');
    // Migrations 012 (the held catch-up columns) and later came after it: undo them too.
    db.exec('ALTER TABLE billing_runs DROP COLUMN held_after; ALTER TABLE billing_runs DROP COLUMN held_count;');
    // And migration 013 (what the MRR spans say about freezes and discounts).
    db.exec('ALTER TABLE report_mrr_spans DROP COLUMN list_mrr; ALTER TABLE report_mrr_spans DROP COLUMN paused;');
    // And migration 014 (drop-in plans).
    db.exec('DROP TRIGGER plans_single_visit_ins; DROP TRIGGER plans_single_visit_upd; ALTER TABLE plans DROP COLUMN single_visit;');
    // And migration 015 (pause modes, freeze grants).
    db.exec('ALTER TABLE plans DROP COLUMN pause_mode; ALTER TABLE subscription_pauses DROP COLUMN mode; DROP TABLE freeze_grants;');
    // And migration 016 (the closeout's opening float).
    db.exec('ALTER TABLE day_closeouts DROP COLUMN opening_float;');
    // And migration 017 (promotions).
    db.exec('DROP TABLE promotion_sales; DROP TABLE promotion_plans; DROP TABLE promotions;');
    // And migration 018 (member photos, the member list's date indexes).
    db.exec('DROP TABLE member_photos; DROP INDEX subscriptions_end; DROP INDEX member_packs_expires;');
    // Migrations 022 (a check-in marks its class) and 023 (several PCs), before the classes they refer to.
    db.exec('DROP INDEX checkins_class_booking; ALTER TABLE checkins DROP COLUMN class_booking_id; DROP INDEX class_bookings_session_status;');
    db.exec('DROP TABLE site_requests; DROP TABLE site_devices; ALTER TABLE audit_log DROP COLUMN device;');
    // And migration 019 (classes and lessons).
    db.exec(
      'DROP TABLE class_bookings; DROP TABLE class_enrolments; DROP TABLE class_sessions; DROP TABLE class_schedules; DROP TABLE class_rooms; DROP TABLE class_teachers; DROP TABLE class_type_plans; DROP TABLE class_types;',
    );
    // And migration 021 (renewal follow-ups).
    db.exec(
      'DROP TABLE renewal_followups; DROP INDEX subscriptions_start; ' +
        'DROP INDEX member_packs_start; DROP INDEX subscription_pauses_end; DROP INDEX members_birthday_md; ALTER TABLE subscriptions DROP COLUMN cancel_reason;',
    );
    // And migrations 024 (the billing run's report batch) and 025 (the import's bulk insert of members): the
    // triggers they rewrote go back to their first form, then their tables go.
    for (const [file, names] of [
      ['006_books.sql', ['report_invoices_ins', 'report_open_ins', 'report_dirty_line_ins', 'report_dirty_sub_upd']],
      ['004_front_desk.sql', ['member_search_insert']],
    ] as const) {
      const sql = loadMigrations().find((m) => m.name === file)!.sql;
      for (const name of names) db.exec(`DROP TRIGGER ${name}; ${new RegExp(`CREATE TRIGGER ${name} [\\s\\S]*?\\nEND;`).exec(sql)![0]}`);
    }
    db.exec('DROP TRIGGER report_batch_invoice_fixed; DROP TABLE report_batch; DROP TABLE member_bulk;');
    // Migration 026 (a check-in kept at a connected desk).
    db.exec('ALTER TABLE checkins DROP COLUMN kept_at; ALTER TABLE checkins DROP COLUMN kept_device;');
    // Migration 027 (bonus given back by a credit note): the caps it rewrote go back to migration 005's form.
    const money = loadMigrations().find((m) => m.name === '005_money.sql')!.sql;
    for (const name of ['allocations_credit_note_cap_ins', 'allocations_credit_note_cap_upd', 'credit_notes_total_cap', 'refunds_cap_ins', 'refunds_cap_upd']) {
      db.exec(`DROP TRIGGER ${name}; ${new RegExp(`CREATE TRIGGER ${name} [\\s\\S]*?\\nEND;`).exec(money)![0]}`);
    }
    db.exec(
      'DROP TRIGGER bonus_grants_one_source; DROP TRIGGER bonus_grants_credit_note_cap_ins; DROP TRIGGER bonus_grants_credit_note_fixed; ' +
        'DROP TRIGGER bonus_grants_credit_note_cap_upd; DROP INDEX bonus_grants_credit_note; ALTER TABLE bonus_grants DROP COLUMN credit_note_id;',
    );
    // Migration 028 (the credit notes' tax in the month summary).
    db.exec("DROP TRIGGER report_credit_notes_tax_ins; DELETE FROM report_monthly WHERE measure = 'credited_tax';");
    // Migration 029 (the door terms kept on what was sold).
    db.exec('ALTER TABLE subscriptions DROP COLUMN session_quota; ALTER TABLE subscriptions DROP COLUMN checkins_per_day; ALTER TABLE member_packs DROP COLUMN checkins_per_day;');
    // Migration 030 (imported memberships marked).
    db.exec('ALTER TABLE subscriptions DROP COLUMN imported;');
    // Migration 031 (the search index after an import): its table goes, its triggers back to migration 004's form
    // (025's member_search_insert and member_bulk_end went back above, with member_bulk).
    db.exec('DROP TABLE member_search_pending;');
    const front = loadMigrations().find((m) => m.name === '004_front_desk.sql')!.sql;
    for (const name of ['member_search_update', 'member_search_delete']) {
      db.exec(`DROP TRIGGER ${name}; ${new RegExp(`CREATE TRIGGER ${name} [\\s\\S]*?\\nEND;`).exec(front)![0]}`);
    }
    db.prepare("UPDATE members SET card_no = 'a0001' WHERE id = ?").run(bob.id);
    db.pragma('user_version = 10');
    db.close();
    th = await makeHost({ dataDir: first.dataDir });
    return { alice, bob };
  }

  it('migrates without merging or losing either card, lists the clash, and lets the owner resolve it', async () => {
    const { alice, bob } = await olderDatabaseWithClash();
    const h = th!.host;
    expect(h.db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect([(await h.invoke('members.get', { id: alice.id })).cardNo, (await h.invoke('members.get', { id: bob.id })).cardNo]).toEqual(['A0001', 'a0001']);
    expect(await h.invoke('members.cardClashes', {})).toEqual([
      {
        card: 'A0001',
        members: [
          { id: alice.id, name: 'Alice', cardNo: 'A0001' },
          { id: bob.id, name: 'Bob', cardNo: 'a0001' },
        ],
      },
    ]);
    // Either member can still be edited while the card is unchanged; a third holder is refused.
    expect((await h.invoke('members.update', { id: bob.id, member: { name: 'Bob Li', cardNo: 'a0001' } })).name).toBe('Bob Li');
    await refusedAsDuplicate(th!, () => h.invoke('members.create', { name: 'Dan', cardNo: 'A0001' }));
    await h.invoke('members.update', { id: bob.id, member: { name: 'Bob Li', cardNo: 'B0009' } });
    expect(await h.invoke('members.cardClashes', {})).toEqual([]);
  });

  it('a merge of the two clashing records also resolves the clash', async () => {
    const { alice, bob } = await olderDatabaseWithClash();
    await th!.host.invoke('members.merge', { keepId: alice.id, mergeId: bob.id });
    expect(await th!.host.invoke('members.cardClashes', {})).toEqual([]);
  });

  it('a merge that would move the card onto a third member is refused until the clash is resolved', async () => {
    const { alice } = await olderDatabaseWithClash();
    const dan = await member(th!.host, 'Dan');
    await refusedAsDuplicate(th!, () => th!.host.invoke('members.merge', { keepId: dan.id, mergeId: alice.id }));
  });
});
