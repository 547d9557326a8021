/** The staff table: accounts, PIN hashes and the lockout counters; every statement prepared once. */
import type { Db } from '../open';
import type { StaffRow } from '../rows';

type StaffInsert = Pick<StaffRow, 'name' | 'role' | 'pin_hash'> & { at: string };
type StaffUpdate = Pick<StaffRow, 'id' | 'name' | 'role'> & { at: string };

export function createStaffRepo(db: Db) {
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff');
  const all = db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY active DESC, name');
  // The sign-in roster: owners first, then managers, then the rest, by name.
  const roster = db.prepare<[], StaffRow>(
    "SELECT * FROM staff WHERE active = 1 ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, name",
  );
  const byId = db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const byName = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE name = ?');
  const activeOwners = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'owner' AND active = 1");
  const insert = db.prepare<StaffInsert>(
    'INSERT INTO staff (name, role, pin_hash, created_at, updated_at) VALUES (@name, @role, @pin_hash, @at, @at)',
  );
  const update = db.prepare<StaffUpdate>('UPDATE staff SET name = @name, role = @role, updated_at = @at WHERE id = @id');
  // A new PIN also clears the lockout.
  const setPin = db.prepare<{ id: number; pin_hash: string; at: string }>(
    'UPDATE staff SET pin_hash = @pin_hash, failed_attempts = 0, locked_until = NULL, updated_at = @at WHERE id = @id',
  );
  const setActive = db.prepare<{ id: number; active: 0 | 1; at: string }>('UPDATE staff SET active = @active, updated_at = @at WHERE id = @id');
  const setTries = db.prepare<{ id: number; tries: number; until: string | null }>(
    'UPDATE staff SET failed_attempts = @tries, locked_until = @until WHERE id = @id',
  );

  return {
    count: () => count.get()!.n,
    all: () => all.all(),
    roster: () => roster.all(),
    byId: (id: number) => byId.get(id),
    byName: (name: string) => byName.get(name),
    activeOwners: () => activeOwners.get()!.n,
    /** Returns the new account's id. */
    insert: (row: StaffInsert) => Number(insert.run(row).lastInsertRowid),
    update: (row: StaffUpdate) => void update.run(row),
    setPin: (id: number, pinHash: string, at: string) => void setPin.run({ id, pin_hash: pinHash, at }),
    setActive: (id: number, active: boolean, at: string) => void setActive.run({ id, active: active ? 1 : 0, at }),
    /** Wrong PINs in a row and the lockout's end (null: not locked). */
    setTries: (id: number, tries: number, until: string | null) => void setTries.run({ id, tries, until }),
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
