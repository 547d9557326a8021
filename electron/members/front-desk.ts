/** The front desk's services and handlers (members search/list/merge/import, check-in), built once per host. */
import { createCheckins } from '../checkin/service';
import { checkinHandlers } from '../checkin/handlers';
import type { Db } from '../db/open';
import type { Ctx } from '../handlers';
import { memberDeskHandlers } from './desk-handlers';
import { createFinder } from './finder';
import { createImporter } from './import/importer';
import { createProfiles } from './profile';
import { createMemberRows } from './rows';
import type { MembersService } from './service';
import { createStanding } from './standing';

export interface FrontDeskDeps {
  db: Db;
  members: MembersService;
  /** Starts an imported member's plan so that the first invoiced period begins on nextBillDate. */
  startImported(ctx: Ctx, memberId: number, planId: number, nextBillDate: string, price: number | null): void;
}

export function createFrontDesk(deps: FrontDeskDeps) {
  const standing = createStanding(deps.db);
  const rows = createMemberRows(deps.db, standing);
  const finder = createFinder(deps.db, rows);
  const checkins = createCheckins(deps.db, { finder, rows, standing });
  const profiles = createProfiles(deps.db, { rows, standing, get: (id) => deps.members.get(id) });
  const handlers = {
    ...memberDeskHandlers({ members: deps.members, finder, importer: createImporter(deps.db), profiles, startImported: deps.startImported }),
    ...checkinHandlers(checkins),
  };
  return { handlers, finder, checkins };
}
