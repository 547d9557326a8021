import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyMigrations, loadMigrations } from '../../electron/db/migrate';
import { createHost, type Host } from '../../electron/host/host';
import { tempDir } from '../support/host';

const all = loadMigrations();
let host: Host | undefined;
afterEach(() => host?.close());

function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all()
    .map((r) => r.sql);
  db.close();
  return rows;
}

describe('migrations', () => {
  it('are numbered from 001 without gaps', () => {
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    expect(all.length).toBeGreaterThan(0);
  });

  it('build the latest schema from an empty file', async () => {
    const dir = tempDir();
    host = await createHost({ dataDir: dir, timers: false });
    expect(host.db.pragma('user_version', { simple: true })).toBe(all.length);
    expect(host.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(fs.existsSync(path.join(dir, 'backups', 'pre-migration'))).toBe(false);
  });

  for (let from = 1; from < all.length; from++) {
    it(`upgrade a version-${from} database to the latest, after a backup copy`, async () => {
      const fresh = tempDir();
      host = await createHost({ dataDir: fresh, timers: false });
      host.close();
      host = undefined;
      const expected = schemaOf(path.join(fresh, 'subdesk.sqlite'));

      const dir = tempDir();
      const file = path.join(dir, 'subdesk.sqlite');
      const old = new Database(file);
      applyMigrations(old, all.slice(0, from));
      old.prepare("INSERT INTO meta (key, value) VALUES ('marker', 'kept')").run();
      old.close();

      host = await createHost({ dataDir: dir, timers: false });
      expect(host.db.pragma('user_version', { simple: true })).toBe(all.length);
      expect(host.db.prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toEqual({ value: 'kept' });
      host.close();
      host = undefined;
      expect(schemaOf(file)).toEqual(expected);
      const backups = fs.readdirSync(path.join(dir, 'backups', 'pre-migration'));
      expect(backups).toHaveLength(1);
      const copy = new Database(path.join(dir, 'backups', 'pre-migration', backups[0]!), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(from);
      expect(copy.prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toEqual({ value: 'kept' });
      copy.close();
    });
  }

  it('roll back a failing migration whole, leaving the version unchanged', () => {
    const db = new Database(':memory:');
    applyMigrations(db, all.slice(0, 1));
    const broken = { version: 2, name: '002_broken.sql', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => applyMigrations(db, [all[0]!, broken])).toThrow(/no such table: nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a file from a newer app without modifying a byte', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'subdesk.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${all.length + 5}`);
    db.close();
    const bytes = fs.readFileSync(file);
    await expect(createHost({ dataDir: dir, timers: false })).rejects.toMatchObject({ code: 'DB_TOO_NEW' });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
