/**
 * A bulk insert of members (migration 025): while `fn` runs, the per-row search-index and card
 * triggers of a new member stand aside; when it returns, deleting the marker row checks every new
 * card at once (DUPLICATE_CARD as before) and writes every new member's search-index row in one
 * statement. Call it inside the transaction that holds the inserts: the marker can never be
 * committed (its deferred self-reference fails the COMMIT), and a throw rolls it back with them.
 *
 * The index's automatic merging is off while those rows go in (FTS5's `automerge` setting, back
 * to what it was right after, in the same transaction): merging segments step by step as each
 * batch of rows is flushed cost a third of the index's work; its "crisis merge" still keeps a
 * level from holding more than 16 segments, and the next writes merge as before.
 */
import type { Db } from './open';

interface BulkStatements {
  open: { run(): unknown };
  close: { run(): unknown };
  merging: { get(): unknown };
  setMerging: { run(n: number): unknown };
}

const statements = new WeakMap<Db, BulkStatements>();
/** FTS5's own default when the setting was never written. */
const DEFAULT_AUTOMERGE = 4;

export function memberBulk<T>(db: Db, fn: () => T): T {
  let s = statements.get(db);
  if (!s) {
    s = {
      open: db.prepare('INSERT INTO member_bulk (id, after_id) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM members))'),
      close: db.prepare('DELETE FROM member_bulk WHERE id = 1'),
      merging: db.prepare("SELECT v FROM member_search_config WHERE k = 'automerge'").pluck(),
      // CAST: FTS5 takes the setting only as an integer, and a JavaScript number is bound as a real.
      setMerging: db.prepare("INSERT INTO member_search (member_search, rank) VALUES ('automerge', CAST(? AS INTEGER))"),
    };
    statements.set(db, s);
  }
  s.open.run();
  const out = fn();
  const merging = Number(s.merging.get() ?? DEFAULT_AUTOMERGE);
  s.setMerging.run(0);
  s.close.run();
  s.setMerging.run(merging);
  return out;
}
