/**
 * When subscriptions next need the engine: the stored wake_date, written from the state
 * machine's wake() on every save (see states.ts). The due scan is a range on its index.
 */
import type { Db } from '../../db/open';
import { prepared } from '../../db/statements';

export interface DueRow {
  id: number;
  payer_id: number;
  wake: string;
}

/** Members billed to a payer: the payer and those whose payer they are (index lookups only). */
export const PAYER_MEMBERS_SQL = `SELECT id FROM members WHERE payer_id = @payerId
  UNION ALL SELECT id FROM members WHERE id = @payerId AND payer_id IS NULL`;

const DUE_OF_PAYER_SQL = `SELECT s.id, @payerId AS payer_id, s.wake_date AS wake FROM subscriptions s
  WHERE s.member_id IN (${PAYER_MEMBERS_SQL}) AND s.wake_date <= @asOf ORDER BY wake, s.id`;

const DUE_SQL = `SELECT s.id, COALESCE(m.payer_id, m.id) AS payer_id, s.wake_date AS wake
  FROM subscriptions s JOIN members m ON m.id = s.member_id
  WHERE s.wake_date <= @asOf ORDER BY wake, payer_id, s.id`;

/**
 * Every subscription that needs the engine on or before `asOf` (of one payer, if given), with
 * its payer. The caller fills wake dates left out of date by a save first (fillMissingWakes).
 */
export function dueSubscriptions(db: Db, asOf: string, payerId?: number): DueRow[] {
  // The SQL strings are built once: the statement cache is keyed by them.
  if (payerId !== undefined) return prepared<{ asOf: string; payerId: number }, DueRow>(db, DUE_OF_PAYER_SQL).all({ asOf, payerId });
  return prepared<{ asOf: string }, DueRow>(db, DUE_SQL).all({ asOf });
}
