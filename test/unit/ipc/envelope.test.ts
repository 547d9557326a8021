import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { toWireError } from '../../../electron/contract/envelope';

let db: Database.Database;
afterEach(() => db?.close());

/** The SQLite error a statement throws (the schema's triggers and constraints). */
function sqliteError(sql: string): unknown {
  try {
    db.exec(sql);
  } catch (e) {
    return e;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('errors crossing IPC', () => {
  it("gives a trigger's known code to the screen, not a generic conflict", () => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (day TEXT);
      CREATE TRIGGER t_closed BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'DAY_CLOSED: that day is closed'); END;`);
    expect(toWireError(sqliteError("INSERT INTO t VALUES ('2026-03-01')"))).toEqual({
      code: 'DAY_CLOSED',
      message: 'That day is closed.',
      details: { sqliteCode: 'SQLITE_CONSTRAINT_TRIGGER' },
    });
  });

  it('keeps CONFLICT for codes the app does not know and for plain constraint failures', () => {
    db = new Database(':memory:');
    db.exec(`CREATE TABLE t (k TEXT UNIQUE);
      CREATE TRIGGER t_odd BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'NOT_A_CODE: whatever'); END;
      INSERT INTO t VALUES ('a');`);
    expect(toWireError(sqliteError("INSERT INTO t VALUES ('a')"))).toEqual({
      code: 'CONFLICT',
      message: 'The change conflicts with existing records.',
      details: { sqliteCode: 'SQLITE_CONSTRAINT_UNIQUE' },
    });
    expect(toWireError(sqliteError('DELETE FROM t')).code).toBe('CONFLICT');
  });
});
