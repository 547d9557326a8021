/**
 * A bulk insert of members (migrations 025 and 031): while `fn` runs, the per-row search-index and card
 * triggers of a new member stand aside; when it returns, deleting the marker row checks every new
 * card at once (DUPLICATE_CARD as before) and records the new members' search-index rows as owed
 * (electron/db/search-pending.ts writes them once the commit has answered). Call it inside the
 * transaction that holds the inserts: the marker can never be committed (its deferred self-reference
 * fails the COMMIT), and a throw rolls it back with them.
 */
import type { Db } from './open';
import { searchIndexReady } from './search-pending';

interface BulkStatements {
  open: { run(): unknown };
  close: { run(): unknown };
  owedEnd: { get(): unknown };
  lastId: { get(): unknown };
}

const statements = new WeakMap<Db, BulkStatements>();

export function memberBulk<T>(db: Db, fn: () => T): T {
  let s = statements.get(db);
  if (!s) {
    s = {
      open: db.prepare('INSERT INTO member_bulk (id, after_id) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM members))'),
      close: db.prepare('DELETE FROM member_bulk WHERE id = 1'),
      owedEnd: db.prepare('SELECT upto_id FROM member_search_pending WHERE id = 1').pluck(),
      lastId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM members').pluck(),
    };
    statements.set(db, s);
  }
  // One owed range at a time: what is owed is written first unless this insert follows straight on
  // (the import's next part of 1,000 rows).
  const owedEnd = s.owedEnd.get();
  if (owedEnd !== undefined && owedEnd !== s.lastId.get()) searchIndexReady(db);
  s.open.run();
  const out = fn();
  s.close.run();
  return out;
}
