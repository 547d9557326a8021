/** (3) Check-in at the desk: a different member each time, through `checkin.checkIn` (one transaction, audited). */
import type { Host } from '../../electron/host/host';
import { figure, time, type Figure } from './stats';

export async function benchCheckin(host: Host, at: string): Promise<Figure[]> {
  const ids = host.db
    .prepare('SELECT id FROM members ORDER BY id DESC LIMIT 205')
    .pluck()
    .all() as number[];
  let admitted = 0;
  const ms = await time(async (i) => {
    const r = await host.invoke('checkin.checkIn', { memberId: ids[i]! });
    if (r.outcome === 'checked_in') admitted++;
  }, 200);
  return [figure('check-in', at, ms, 20, `${admitted} of 205 admitted`)];
}
