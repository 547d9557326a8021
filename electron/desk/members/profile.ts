/** The member page's header: who they are, who pays, whom they pay for, and where they stand. */
import type { Member } from '../../contract/billing-types';
import type { MemberProfile } from '../../contract/desk-types';
import type { Db } from '../../db/open';
import type { MemberRows } from './rows';
import { badgesOf, type StandingReader } from './standing';

export function createProfiles(db: Db, deps: { rows: MemberRows; standing: StandingReader; get(id: number): Member }) {
  const dependants = db.prepare<[number], { id: number }>('SELECT id FROM members WHERE payer_id = ? AND merged_into IS NULL ORDER BY sort_key, id');
  const merges = db.prepare<[number], { id: number; name: string; at: string }>(
    'SELECT mm.merged_id AS id, m.name, mm.at FROM member_merges mm JOIN members m ON m.id = mm.merged_id WHERE mm.kept_id = ? ORDER BY mm.id',
  );
  const visits = db.prepare<[number], { total: number; last: string | null }>(
    'SELECT count(*) AS total, max(date) AS last FROM checkins WHERE member_id = ? AND undone_at IS NULL',
  );

  function profile(id: number, today: string): MemberProfile {
    const member = deps.get(id);
    const payerId = member.payerId ?? member.id;
    const overdue = deps.standing.overdueOf([payerId], today).get(payerId) ?? null;
    const list = deps.standing.of([id], today).get(id) ?? [];
    return {
      member,
      payer: member.payerId === null ? null : (deps.rows.byId([member.payerId], today)[0] ?? null),
      dependants: deps.rows.byId(
        dependants.all(id).map((r) => r.id),
        today,
      ),
      badges: badgesOf(list, overdue ?? undefined, today),
      mergedFrom: merges.all(id),
      overdue,
      visits: visits.get(id) ?? { total: 0, last: null },
    };
  }

  return { profile };
}
