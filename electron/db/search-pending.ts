/**
 * The search index's rows a member import still owes (migration 031): the import's commit leaves the ids
 * (after_id, upto_id] to index, and they are written here, a part at a time once the commit has answered
 * (`searchIndexCatchUp`, driven by the host), or all at once before any question to the index
 * (`searchIndexReady`), so a search never misses a member. Each part is its own transaction.
 *
 * The index's automatic merging is off while a part's rows go in (FTS5's `automerge` setting, back to
 * what it was in the same transaction): merging segments step by step as each batch of rows is flushed
 * cost a third of the index's work; its "crisis merge" still keeps a level from holding more than 16
 * segments, and the next writes merge as before.
 */
import type { Db } from './open';

interface PendingStatements {
  owed: { get(): { after_id: number; upto_id: number } | undefined };
  write: { run(after: number, to: number): unknown };
  advance: { run(after: number): unknown };
  done: { run(): unknown };
  merging: { get(): unknown };
  setMerging: { run(n: number): unknown };
}

const statements = new WeakMap<Db, PendingStatements>();
/** Whether the host lets this connection write now (not while the file's check is pending, nor once it is damaged). */
const writable = new WeakMap<Db, () => boolean>();
/** FTS5's own default when the setting was never written. */
const DEFAULT_AUTOMERGE = 4;
/** Members indexed per part in the background (~60 ms each at M on this machine). */
export const SEARCH_PART = 5000;

function statementsOf(db: Db): PendingStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      owed: db.prepare('SELECT after_id, upto_id FROM member_search_pending WHERE id = 1'),
      write: db.prepare(
        `INSERT INTO member_search (rowid, head, tail)
           SELECT id, substr(search_text, 1, instr(search_text || '|', '|') - 1), substr(search_text, instr(search_text || '|', '|') + 1)
             FROM members WHERE id > ? AND id <= ? AND merged_into IS NULL ORDER BY id`,
      ),
      advance: db.prepare('UPDATE member_search_pending SET after_id = ? WHERE id = 1'),
      done: db.prepare('DELETE FROM member_search_pending WHERE id = 1'),
      merging: db.prepare("SELECT v FROM member_search_config WHERE k = 'automerge'").pluck(),
      // CAST: FTS5 takes the setting only as an integer, and a JavaScript number is bound as a real.
      setMerging: db.prepare("INSERT INTO member_search (member_search, rank) VALUES ('automerge', CAST(? AS INTEGER))"),
    };
    statements.set(db, s);
  }
  return s;
}

/** The host says when the connection may write; without it (tests on a bare file) it always may. */
export function setSearchWrites(db: Db, allowed: () => boolean): void {
  writable.set(db, allowed);
}

/** Whether the index owes rows. */
export function searchIndexOwed(db: Db): boolean {
  return statementsOf(db).owed.get() !== undefined;
}

/**
 * Writes up to `limit` owed members' index rows (in id order) in one transaction (a savepoint inside the
 * caller's). True when rows are still owed after it. Nothing is written while the host holds writes.
 */
export function searchIndexCatchUp(db: Db, limit = Infinity): boolean {
  const s = statementsOf(db);
  if (s.owed.get() === undefined || !(writable.get(db)?.() ?? true)) return false;
  return db.transaction(() => {
    const owed = s.owed.get();
    if (!owed) return false;
    const to = Math.min(owed.upto_id, owed.after_id + limit);
    const merging = Number(s.merging.get() ?? DEFAULT_AUTOMERGE);
    s.setMerging.run(0);
    s.write.run(owed.after_id, to);
    s.setMerging.run(merging);
    if (to < owed.upto_id) s.advance.run(to);
    else s.done.run();
    return to < owed.upto_id;
  })();
}

/** Writes every owed row: call before any question to the index. */
export function searchIndexReady(db: Db): void {
  searchIndexCatchUp(db);
}
