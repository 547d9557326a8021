/**
 * The member list's filters (status, tag, ending within 7 days, owing past due) as SQL over stored columns,
 * so a filtered page of 100,000 members is index ranges and set lookups, not the state machine run per row.
 *
 * Why stored columns are exact: a subscription's row is current until its wake date (the next day the
 * billing engine has anything to do with it: a bill, an end, a trial's end, a freeze starting or ending).
 * So for a live subscription with wake_date > today, its status column is today's state, its end_date is
 * today's end, and a fixed term's end is already written (the last period is billed at its start, and no
 * period is shorter than 7 days). Only the few subscriptions the engine has not yet stepped today (wake_date
 * on or before today, or not yet computed) and a freeze past its end date are "stale": their members are
 * judged in code with the state machine (see `matchesInCode`), exactly as the badges are.
 */
import { addDays, compareDates } from '../../../shared/dates';
import { ENDS_SOON_DAYS } from '../../../shared/lists';
import type { MemberListFilter } from '../../contract/desk';
import type { MemberBadge } from '../../contract/desk-types';
import { packUsedSql } from '../../db/pack-usage';
import type { Standing } from './standing';

/** Named parameters the filter's SQL reads. */
export interface FilterParams {
  today: string;
  soon: string;
  tag: string | null;
  /** Members judged in code (JSON array of ids), and those of them that match. */
  stale: string;
  hits: string;
}

const LIVE = "s.status IN ('trialing', 'active', 'paused')";
/** A live subscription whose stored row the engine has not caught up with today. */
export const STALE_SUB = `${LIVE} AND (s.wake_date IS NULL OR s.wake_date <= @today OR (s.status = 'paused' AND s.end_date <= @today))`;
const FRESH_SUB = `${LIVE} AND s.wake_date > @today AND NOT (s.status = 'paused' AND s.end_date IS NOT NULL AND s.end_date <= @today)`;
const PACK_LIVE = `mp.expires_on > @today AND mp.sessions_total > ${packUsedSql('mp.id')}`;

/** Members with a membership in service or not yet started, or a pack not used up or expired ('active' badge). */
const ACTIVE = `(m.id IN (SELECT s.member_id FROM subscriptions s WHERE ${FRESH_SUB} AND s.status <> 'paused' AND (s.status = 'active' OR s.start_date > @today))
  OR m.id IN (SELECT mp.member_id FROM member_packs mp WHERE ${PACK_LIVE}))`;
const TRIAL = `m.id IN (SELECT s.member_id FROM subscriptions s WHERE ${FRESH_SUB} AND s.status = 'trialing' AND s.start_date <= @today)`;
const PAUSED = `m.id IN (SELECT s.member_id FROM subscriptions s WHERE ${FRESH_SUB} AND s.status = 'paused')`;
const ANY = `(m.id IN (SELECT s.member_id FROM subscriptions s) OR m.id IN (SELECT mp.member_id FROM member_packs mp))`;
const ENDS_SOON = `(m.id IN (SELECT s.member_id FROM subscriptions s WHERE s.end_date > @today AND s.end_date <= @soon AND ${FRESH_SUB})
  OR m.id IN (SELECT mp.member_id FROM member_packs mp WHERE mp.expires_on > @today AND mp.expires_on <= @soon AND ${PACK_LIVE}))`;
const OVERDUE = `COALESCE(m.payer_id, m.id) IN (SELECT i.payer_id FROM invoices i WHERE i.status = 'issued' AND i.due_date < @today
  AND i.total > (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.invoice_id = i.id))`;

const STATUS: Record<NonNullable<MemberListFilter['status']>, string> = {
  active: ACTIVE,
  trialing: `${TRIAL} AND NOT ${ACTIVE}`,
  paused: PAUSED,
  ended: `${ANY} AND NOT ${ACTIVE} AND NOT ${TRIAL} AND NOT ${PAUSED}`,
  none: `NOT ${ANY}`,
};

export function isFiltered(f: MemberListFilter): boolean {
  return f.status !== undefined || f.tag !== undefined || f.endsSoon || f.overdue;
}

/** The WHERE fragment (over `members m`) for these filters: the same text for the same choices, so statements are reused. */
export function filterWhere(f: MemberListFilter): string {
  const parts: string[] = [];
  // A plain text search first (cheap), the JSON read only for the rows that contain the tag's quoted text.
  if (f.tag !== undefined) parts.push("instr(m.tags, json_quote(@tag)) > 0 AND EXISTS (SELECT 1 FROM json_each(m.tags) t WHERE t.value = @tag)");
  // Overdue reads the invoices, which are never stale: SQL for every member.
  if (f.overdue) parts.push(OVERDUE);
  const state: string[] = [];
  if (f.status) state.push(`(${STATUS[f.status]})`);
  if (f.endsSoon) state.push(ENDS_SOON);
  if (state.length) {
    parts.push(`((m.id NOT IN (SELECT value FROM json_each(@stale)) AND ${state.join(' AND ')}) OR m.id IN (SELECT value FROM json_each(@hits)))`);
  }
  return parts.join(' AND ');
}

export function needsStale(f: MemberListFilter): boolean {
  return f.status !== undefined || f.endsSoon;
}

export function filterParams(f: MemberListFilter, today: string, stale: number[], hits: number[]): FilterParams {
  return { today, soon: addDays(today, ENDS_SOON_DAYS), tag: f.tag ?? null, stale: JSON.stringify(stale), hits: JSON.stringify(hits) };
}

/**
 * Does a member judged in code (badges and standing from the state machine) pass the status, ends-soon and
 * overdue filters? (In a list the SQL applies overdue to everyone; a search applies all three here.)
 */
export function matchesInCode(f: MemberListFilter, badges: MemberBadge[], list: Standing[], today: string): boolean {
  if (f.status === 'none' ? list.length > 0 : f.status !== undefined && !badges.includes(f.status)) return false;
  if (f.overdue && !badges.includes('overdue')) return false;
  if (f.endsSoon) {
    const soon = addDays(today, ENDS_SOON_DAYS);
    const ending = list.some((s) => s.state !== 'ended' && s.endsOn !== null && compareDates(s.endsOn, today) > 0 && compareDates(s.endsOn, soon) <= 0);
    if (!ending) return false;
  }
  return true;
}
