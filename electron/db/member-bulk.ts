/**
 * A bulk insert of members (migration 025): while `fn` runs, the per-row search-index and card
 * triggers of a new member stand aside; when it returns, deleting the marker row checks every new
 * card at once (DUPLICATE_CARD as before) and writes every new member's search-index row in one
 * statement. Call it inside the transaction that holds the inserts: the marker can never be
 * committed (its deferred self-reference fails the COMMIT), and a throw rolls it back with them.
 */
import type { Db } from './open';

const statements = new WeakMap<Db, { open: { run(): unknown }; close: { run(): unknown } }>();

export function memberBulk<T>(db: Db, fn: () => T): T {
  let s = statements.get(db);
  if (!s) {
    s = {
      open: db.prepare('INSERT INTO member_bulk (id, after_id) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM members))'),
      close: db.prepare('DELETE FROM member_bulk WHERE id = 1'),
    };
    statements.set(db, s);
  }
  s.open.run();
  const out = fn();
  s.close.run();
  return out;
}
