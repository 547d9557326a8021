import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/ops/audit/audit';
import { failure, makeHost, signInAs, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

/** Edits the file the way someone with a SQLite tool would: drop the guards, change, put them back. */
function tamper(dataDir: string, sql: string): void {
  const raw = new Database(path.join(dataDir, 'subdesk.sqlite'));
  const triggers = raw.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all();
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  for (const t of triggers) raw.exec(t.sql);
  raw.close();
}

async function withSomeHistory(): Promise<TestHost> {
  const t = await makeHost({ setup: true });
  await t.host.invoke('settings.update', { address: 'One' });
  await t.host.invoke('settings.update', { address: 'Two' });
  await t.host.invoke('settings.update', { address: 'Three' });
  return t;
}

describe('audit chain', () => {
  it('verifies an untouched log', async () => {
    th = await withSomeHistory();
    const n = (th.host.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(await th.host.invoke('audit.verify', {})).toEqual({ ok: true, checked: n, firstBrokenId: null, problem: null });
  });

  it('refuses UPDATE and DELETE on the log, even through a raw connection', async () => {
    th = await withSomeHistory();
    th.close();
    const raw = new Database(path.join(th.dataDir, 'subdesk.sqlite'));
    expect(() => raw.exec("UPDATE audit_log SET after = '{}' WHERE id = 2")).toThrow('audit_log is append-only');
    expect(() => raw.exec('DELETE FROM audit_log WHERE id = 2')).toThrow('audit_log is append-only');
    raw.close();
  });

  it('finds the first row edited outside the app', async () => {
    th = await withSomeHistory();
    const target = th.host.db.prepare("SELECT id FROM audit_log WHERE after LIKE '%\"Two\"%'").get() as { id: number };
    th.close();
    tamper(th.dataDir, `UPDATE audit_log SET after = replace(after, '"Two"', '"Forged"') WHERE id = ${target.id}`);
    await th.reopen();
    const n = (th.host.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(await th.host.invoke('audit.verify', {})).toEqual({ ok: false, checked: target.id, firstBrokenId: target.id, problem: 'hash_mismatch' });
    expect(target.id).toBeLessThan(n);
  });

  it('finds a deleted row at the row after it', async () => {
    th = await withSomeHistory();
    const ids = (th.host.db.prepare('SELECT id FROM audit_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const victim = ids[2]!;
    th.close();
    tamper(th.dataDir, `DELETE FROM audit_log WHERE id = ${victim}`);
    await th.reopen();
    expect(await th.host.invoke('audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: ids[3], problem: 'prev_hash_mismatch' });
  });

  it('catches a forger who recomputes the edited row’s own hash (the next row no longer links)', async () => {
    th = await withSomeHistory();
    const { entryHash } = await import('../../../electron/ops/audit/audit');
    const rows = th.host.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Parameters<typeof entryHash>[1][] & { id: number; prev_hash: string }[];
    const row = rows[1]! as unknown as { id: number; prev_hash: string } & Parameters<typeof entryHash>[1];
    const forged = { ...row, after: '{"address":"Forged"}' };
    th.close();
    tamper(th.dataDir, `UPDATE audit_log SET after = '${forged.after}', hash = '${entryHash(row.prev_hash, forged)}' WHERE id = ${row.id}`);
    await th.reopen();
    expect(await th.host.invoke('audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: (rows[2] as unknown as { id: number }).id, problem: 'prev_hash_mismatch' });
  });
});

describe('audit viewer', () => {
  it('filters by staff, entity, member and business date, newest first', async () => {
    th = await makeHost({ setup: true, startDate: '2026-03-01' });
    const manager = await signInAs(th.host, 'manager');
    await signInAs(th.host, 'owner');
    await th.host.invoke('settings.update', { address: 'Day one' });
    // Entries of other areas, appended through the log's own API (as their handlers do).
    const log = createAuditLog(th.host.db);
    const entry = (at: string, entity: string, entityId: string, after: unknown) =>
      log.record({ at, staffId: manager.id, staffName: 'Manager', channel: 'test.write', entity, entityId, before: null, after });
    entry('2026-03-01T15:59:59.000Z', 'member', '7', { name: 'Zhang San' }); // 23:59:59 on Mar 1 in Shanghai
    entry('2026-03-01T16:00:00.000Z', 'subscription', '3', { memberId: 7, planId: 2 }); // 00:00 on Mar 2
    entry('2026-03-02T02:00:00.000Z', 'invoice', '11', { payerId: 7, total: 9900 });
    entry('2026-03-03T02:00:00.000Z', 'member', '8', { name: 'Li Si' });

    const q = (f: Record<string, unknown>) => th!.host.invoke('audit.query', f as never);
    const byMember = await q({ memberId: 7 });
    expect(byMember.total).toBe(3);
    expect(byMember.rows.map((r) => [r.entity, r.entityId])).toEqual([
      ['invoice', '11'],
      ['subscription', '3'],
      ['member', '7'],
    ]);
    expect(byMember.rows[0]).toMatchObject({ staffId: manager.id, staffName: 'Manager', channel: 'test.write', before: null, after: { payerId: 7, total: 9900 } });
    expect((await q({ from: '2026-03-02', to: '2026-03-02' })).rows.map((r) => r.entityId)).toEqual(['11', '3']);
    expect((await q({ to: '2026-03-01', entity: 'member' })).rows.map((r) => r.entityId)).toEqual(['7']);
    expect((await q({ staffId: manager.id })).total).toBe(5); // the four entries and the manager's sign-in
    expect((await q({ staffId: 1, entity: 'settings' })).rows.map((r) => r.channel)).toEqual(['settings.update', 'settings.completeSetup']);
    expect((await q({ entity: 'member', entityId: '8' })).rows.map((r) => r.after)).toEqual([{ name: 'Li Si' }]);
    const page = await q({ limit: 2, offset: 1 });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBe((await q({})).total);

    const facets = await th.host.invoke('audit.facets', {});
    expect(facets.entities).toEqual(['invoice', 'member', 'settings', 'staff', 'subscription']);
    expect(facets.staff).toEqual([
      { id: manager.id, name: 'Manager' },
      { id: 1, name: 'Owner' },
    ]);
  });

  it('is for managers and owners only', async () => {
    th = await makeHost();
    await signInAs(th.host, 'desk');
    for (const ch of ['audit.query', 'audit.verify', 'audit.facets'] as const) {
      expect((await failure(th.host.invoke(ch, {}))).code).toBe('FORBIDDEN');
    }
    await signInAs(th.host, 'manager');
    expect((await th.host.invoke('audit.verify', {})).ok).toBe(true);
  });
});
