/**
 * Sessions used from sold packs: each check-in that used the pack and was not undone
 * (electron/desk/checkin, table checkins) uses one session.
 */
import type { Db } from '../../db/open';

export function sessionsUsed(db: Db, packIds: number[]): Map<number, number> {
  const used = new Map(packIds.map((id) => [id, 0]));
  if (packIds.length === 0) return used;
  const rows = db
    .prepare<[string], { pack_id: number; n: number }>(
      `SELECT pack_id, count(*) AS n FROM checkins
        WHERE pack_id IN (SELECT value FROM json_each(?)) AND undone_at IS NULL GROUP BY pack_id`,
    )
    .all(JSON.stringify(packIds));
  for (const r of rows) used.set(r.pack_id, r.n);
  return used;
}
