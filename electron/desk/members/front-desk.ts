/** The front desk's services and handlers (members search/list/merge/import, check-in), built once per host. */
import { createCheckinService } from '../checkin/service';
import { checkinHandlers } from '../checkin/handlers';
import type { Db } from '../../db/open';
import type { Ctx } from '../../contract/handler';
import type { ServiceEnv } from '../../contract/env';
import type { Door } from '../classes/door';
import { memberDeskHandlers } from './desk-handlers';
import { createFinder } from './finder';
import { createImporter } from './import/importer';
import { createProfiles } from './profile';
import { createMemberRows } from './rows';
import { searchTextFor } from './search';
import type { MembersService } from './service';
import { createStanding } from './standing';

export interface FrontDeskDeps {
  db: Db;
  /** The services' environment (check-in is built on it). */
  env: ServiceEnv;
  members: MembersService;
  /** Classes at the door: a check-in marks the member's class now present. */
  door: Door;
  /** Starts an imported member's plan so that the first invoiced period begins on nextBillDate. */
  startImported(ctx: Ctx, starts: { memberId: number; planId: number; nextBillDate: string; price: number | null }[]): void;
}

/**
 * Members whose search text predates the current format (no " | " between head and tail
 * tokens) are indexed again, once, at start-up: derived data, so no audit entry.
 */
function reindexStale(db: Db): void {
  try {
    const stale = db
      .prepare<[], { id: number; name: string; phone: string; card_no: string | null }>("SELECT id, name, phone, card_no FROM members WHERE search_text NOT LIKE '% | %'")
      .all();
    if (!stale.length) return;
    const update = db.prepare('UPDATE members SET search_text = ? WHERE id = ?');
    db.transaction(() => {
      for (const m of stale) update.run(searchTextFor({ name: m.name, phone: m.phone, cardNo: m.card_no }), m.id);
    })();
  } catch (e) {
    // A read-only or damaged file is opened for restoring only: searching can wait.
    console.error('[front-desk] could not re-index members:', e);
  }
}

export function createFrontDesk(deps: FrontDeskDeps) {
  reindexStale(deps.db);
  const standing = createStanding(deps.db);
  const rows = createMemberRows(deps.db, standing);
  const finder = createFinder(deps.db, rows);
  const checkins = createCheckinService(deps.env, { finder, rows, standing, door: deps.door });
  const profiles = createProfiles(deps.db, { rows, standing, get: (id) => deps.members.get(id) });
  const handlers = {
    ...memberDeskHandlers({ members: deps.members, finder, importer: createImporter(deps.db), profiles, startImported: deps.startImported }),
    ...checkinHandlers(checkins),
  };
  return { handlers, finder, checkins };
}
