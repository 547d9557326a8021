/**
 * When a subscription next needs the engine: its next period start, its end, its trial end,
 * the start of a scheduled pause or the end of the pause in force — whichever comes first.
 */
import type { Db } from '../db/open';
import { prepared } from '../db/statements';

const NEVER = "'9999-12-31'";

export const WAKE_SQL = `MIN(
  COALESCE(s.next_bill_date, ${NEVER}),
  CASE WHEN s.status IN ('trialing', 'active', 'paused') THEN COALESCE(s.end_date, ${NEVER}) ELSE ${NEVER} END,
  CASE WHEN s.status = 'trialing' THEN s.anchor_date ELSE ${NEVER} END,
  CASE WHEN s.status = 'active' THEN COALESCE((SELECT MIN(p.start_date) FROM subscription_pauses p
    WHERE p.subscription_id = s.id AND p.resumed_on IS NULL), ${NEVER}) ELSE ${NEVER} END,
  CASE WHEN s.status = 'paused' THEN COALESCE((SELECT MIN(p.end_date) FROM subscription_pauses p
    WHERE p.subscription_id = s.id AND p.resumed_on IS NULL), ${NEVER}) ELSE ${NEVER} END
)`;

export interface DueRow {
  id: number;
  payer_id: number;
  wake: string;
}

/** Members billed to a payer: the payer and those whose payer they are (index lookups only). */
export const PAYER_MEMBERS_SQL = `SELECT id FROM members WHERE payer_id = @payerId
  UNION ALL SELECT id FROM members WHERE id = @payerId AND payer_id IS NULL`;

const DUE_OF_PAYER_SQL = `SELECT * FROM (SELECT s.id, @payerId AS payer_id, ${WAKE_SQL} AS wake FROM subscriptions s
     WHERE s.member_id IN (${PAYER_MEMBERS_SQL}) AND s.status IN ('trialing', 'active', 'paused'))
   WHERE wake <= @asOf ORDER BY wake, id`;

const DUE_SQL = `SELECT * FROM (SELECT s.id, COALESCE(m.payer_id, m.id) AS payer_id, ${WAKE_SQL} AS wake
     FROM subscriptions s JOIN members m ON m.id = s.member_id
    WHERE s.status IN ('trialing', 'active', 'paused'))
   WHERE wake <= @asOf ORDER BY wake, payer_id, id`;

const WAKE_OF_SQL = `SELECT ${WAKE_SQL} AS wake FROM subscriptions s WHERE s.id = ?`;

/** Every subscription that needs the engine on or before `asOf` (of one payer, if given), with its payer. */
export function dueSubscriptions(db: Db, asOf: string, payerId?: number): DueRow[] {
  // The SQL strings are built once: the statement cache is keyed by them.
  if (payerId !== undefined) return prepared<{ asOf: string; payerId: number }, DueRow>(db, DUE_OF_PAYER_SQL).all({ asOf, payerId });
  return prepared<{ asOf: string }, DueRow>(db, DUE_SQL).all({ asOf });
}

export function wakeOf(db: Db, subId: number): string {
  return prepared<[number], { wake: string }>(db, WAKE_OF_SQL).get(subId)?.wake ?? '9999-12-31';
}
