/**
 * When subscriptions next need the engine: the stored wake_date, written from the state
 * machine's wake() on every save (see states.ts). The due scan is a range on its index.
 */
import type { Db } from '../../db/open';
import { billingRunsRepo, type DueRow } from '../../db/repos/billing-runs';

export { PAYER_MEMBERS_SQL, type DueRow } from '../../db/repos/billing-runs';

/**
 * Every subscription that needs the engine on or before `asOf` (of one payer, if given), with
 * its payer. The caller fills wake dates left out of date by a save first (fillMissingWakes).
 */
export function dueSubscriptions(db: Db, asOf: string, payerId?: number): DueRow[] {
  return billingRunsRepo(db).due(asOf, payerId);
}
