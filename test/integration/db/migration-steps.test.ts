import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyMigrations, loadMigrations, type Migration } from '../../../electron/db/migrate';

const first: Migration = { version: 1, name: '001_a.sql', sql: 'CREATE TABLE t (v TEXT NOT NULL);' };

describe('a migration’s data step', () => {
  it('runs after its SQL, once, with the context it is given', () => {
    const db = new Database(':memory:');
    const step: Migration = {
      version: 2,
      name: '002_b.sql',
      sql: "INSERT INTO t (v) VALUES ('sql');",
      step: (d, ctx) => void d.prepare('INSERT INTO t (v) SELECT ? || count(*) FROM t').run(ctx.taxMode()),
    };
    expect(applyMigrations(db, [first, step], { taxMode: () => 'exclusive' })).toEqual([1, 2]);
    expect(applyMigrations(db, [first, step], { taxMode: () => 'inclusive' })).toEqual([]);
    expect(db.prepare('SELECT v FROM t ORDER BY rowid').raw(true).all()).toEqual([['sql'], ['exclusive1']]);
    db.close();
  });

  it('rolls back with its SQL when it fails, leaving the version unchanged', () => {
    const db = new Database(':memory:');
    const failing: Migration = {
      version: 2,
      name: '002_b.sql',
      sql: "CREATE TABLE half (id INTEGER); INSERT INTO t (v) VALUES ('sql');",
      step: () => {
        throw new Error('step failed');
      },
    };
    expect(() => applyMigrations(db, [first, failing])).toThrow('step failed');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.close();
  });

  it('is attached by file name: 009 fills the line facts', () => {
    const all = loadMigrations();
    expect(all.filter((m) => m.step).map((m) => m.name)).toEqual(['009_line_facts.sql']);
  });
});
