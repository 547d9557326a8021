/**
 * Check-in at the desk: decide (rules.ts), record, undo, and read attendance.
 * Functions run inside the caller's transaction (the host's, for mutating channels).
 */
import { addDays, daysBetween } from '../../../shared/dates';
import type { AttendanceByDay, AttendanceByMember, Checkin, CheckinResult, SearchHit } from '../../contract/desk-types';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import type { Finder } from '../members/finder';
import type { MemberRows } from '../members/rows';
import type { StandingReader } from '../members/standing';
import { decide } from './rules';

interface CheckinDbRow {
  id: number;
  member_id: number;
  member_name: string;
  card_no: string | null;
  date: string;
  at: string;
  subscription_id: number | null;
  pack_id: number | null;
  plan_name: string | null;
  staff_name: string;
  override_reason: string | null;
  undone_at: string | null;
  undone_by: string | null;
  undo_reason: string | null;
}

const SELECT = `SELECT c.id, c.member_id, m.name AS member_name, m.card_no, c.date, c.at, c.subscription_id, c.pack_id,
    COALESCE((SELECT p.name FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.id = c.subscription_id),
             (SELECT p.name FROM member_packs mp JOIN plans p ON p.id = mp.plan_id WHERE mp.id = c.pack_id)) AS plan_name,
    c.staff_name, c.override_reason, c.undone_at, c.undone_by, c.undo_reason
  FROM checkins c JOIN members m ON m.id = c.member_id`;

function toCheckin(r: CheckinDbRow): Checkin {
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    cardNo: r.card_no,
    date: r.date,
    at: r.at,
    subscriptionId: r.subscription_id,
    packId: r.pack_id,
    planName: r.plan_name,
    staffName: r.staff_name,
    overrideReason: r.override_reason,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
    undoReason: r.undo_reason,
  };
}

export interface Clerk {
  id: number | null;
  name: string;
}

export interface When {
  today: string;
  at: string;
  overdueBlockDays: number;
}

export function createCheckins(db: Db, deps: { finder: Finder; rows: MemberRows; standing: StandingReader }) {
  const one = db.prepare<[number], CheckinDbRow>(`${SELECT} WHERE c.id = ?`);
  const todays = db.prepare<[number, string], CheckinDbRow>(`${SELECT} WHERE c.member_id = ? AND c.date = ? AND c.undone_at IS NULL ORDER BY c.id`);
  const member = db.prepare<[number], { id: number; payer_id: number | null; merged_into: number | null }>(
    'SELECT id, payer_id, merged_into FROM members WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO checkins (member_id, date, at, subscription_id, pack_id, staff_id, staff_name, override_reason, blocked)
     VALUES (@member_id, @date, @at, @subscription_id, @pack_id, @staff_id, @staff_name, @override_reason, @blocked)`,
  );

  function get(id: number): Checkin {
    const row = one.get(id);
    if (!row) throw new AppError('NOT_FOUND', `Check-in ${id} does not exist.`, { entity: 'checkin', id });
    return toCheckin(row);
  }

  function activeMember(id: number) {
    const m = member.get(id);
    if (!m) throw new AppError('NOT_FOUND', `Member ${id} does not exist.`, { entity: 'member', id });
    if (m.merged_into !== null) throw new AppError('MEMBER_MERGED', `Member ${id} was merged into ${m.merged_into}.`, { id, mergedInto: m.merged_into });
    return m;
  }

  /** The full answer for one member, without writing anything. */
  function evaluate(memberId: number, when: When): CheckinResult {
    const m = activeMember(memberId);
    const payer = m.payer_id ?? m.id;
    // The row's badges and the decision read the same standing: one read for both.
    const read = deps.rows.byIdWithStanding([m.id], when.today);
    const list = read.states.get(m.id) ?? [];
    const overdue = read.overdue.get(payer);
    const decision = decide(list, overdue, when.today, when.overdueBlockDays);
    const earlier = todays.all(m.id, when.today);
    const row = read.rows[0] ?? null;
    const base = { member: row, entitlement: decision.entitlement, blocks: decision.blocks, warnings: decision.warnings, candidates: [] };
    if (earlier.length >= decision.perDay) {
      return { ...base, outcome: 'already', checkin: toCheckin(earlier[earlier.length - 1]!), visitsToday: earlier.length };
    }
    return { ...base, outcome: decision.blocks.length ? 'blocked' : 'allowed', checkin: null, visitsToday: earlier.length };
  }

  function record(result: CheckinResult, when: When, clerk: Clerk, overrideReason: string | null): CheckinResult {
    const e = result.entitlement;
    const info = insert.run({
      member_id: result.member!.id,
      date: when.today,
      at: when.at,
      subscription_id: e?.kind === 'subscription' ? e.id : null,
      pack_id: e?.kind === 'pack' ? e.id : null,
      staff_id: clerk.id,
      staff_name: clerk.name,
      override_reason: overrideReason,
      blocked: overrideReason ? JSON.stringify(result.blocks) : null,
    });
    return { ...result, outcome: 'checked_in', checkin: get(Number(info.lastInsertRowid)), visitsToday: result.visitsToday + 1 };
  }

  /** The member the box means: a card or phone that only one member has, or the only match. */
  function resolve(query: string, when: When): { memberId: number } | { candidates: SearchHit[] } {
    const hits = deps.finder.search(query, 10, when.today);
    const top = hits[0];
    if (!top) return { candidates: [] };
    const unique = hits.length === 1 || (top.match !== 'partial' && top.match !== 'start' && hits[1]!.match !== top.match);
    return unique ? { memberId: top.id } : { candidates: hits };
  }

  function checkIn(input: { memberId?: number | undefined; query?: string | undefined }, when: When, clerk: Clerk): CheckinResult {
    let memberId = input.memberId;
    if (memberId === undefined) {
      const found = resolve(input.query ?? '', when);
      if ('candidates' in found) {
        const outcome = found.candidates.length ? 'choose' : 'no_match';
        return { outcome, member: null, checkin: null, entitlement: null, blocks: [], warnings: [], candidates: found.candidates, visitsToday: 0 };
      }
      memberId = found.memberId;
    }
    const result = evaluate(memberId, when);
    return result.outcome === 'allowed' ? record(result, when, clerk, null) : result;
  }

  /** A manager lets a blocked member in. Without a block it is an ordinary check-in. */
  function override(memberId: number, reason: string, when: When, clerk: Clerk): CheckinResult {
    const result = evaluate(memberId, when);
    if (result.outcome === 'already') return result;
    return record(result, when, clerk, result.outcome === 'blocked' ? reason : null);
  }

  function undo(id: number, reason: string, when: When, clerk: Clerk): { before: Checkin; after: Checkin } {
    const before = get(id);
    if (before.undoneAt) throw new AppError('CHECKIN_UNDONE', `Check-in ${id} was already undone.`, { id });
    if (before.date !== when.today) {
      throw new AppError('CHECKIN_UNDO_TOO_LATE', `Check-in ${id} is from ${before.date}; only today's check-ins can be undone.`, { id, date: before.date });
    }
    markUndone.run(when.at, clerk.name, reason, id);
    return { before, after: get(id) };
  }

  const ofDay = db.prepare<[string], CheckinDbRow>(`${SELECT} WHERE c.date = ? ORDER BY c.at DESC, c.id DESC`);
  const ofDayDone = db.prepare<[string], CheckinDbRow>(`${SELECT} WHERE c.date = ? AND c.undone_at IS NULL ORDER BY c.at DESC, c.id DESC`);
  const ofMember = db.prepare<[number, number], CheckinDbRow>(`${SELECT} WHERE c.member_id = ? ORDER BY c.date DESC, c.at DESC, c.id DESC LIMIT ?`);
  const markUndone = db.prepare<[string, string, string, number]>('UPDATE checkins SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?');

  function today(date: string, includeUndone: boolean): Checkin[] {
    return (includeUndone ? ofDay : ofDayDone).all(date).map(toCheckin);
  }

  function history(memberId: number, limit: number): Checkin[] {
    activeOrMerged(memberId);
    return ofMember.all(memberId, limit).map(toCheckin);
  }

  function activeOrMerged(id: number): void {
    if (!member.get(id)) throw new AppError('NOT_FOUND', `Member ${id} does not exist.`, { entity: 'member', id });
  }

  function byDay(from: string, to: string, memberId: number | undefined): AttendanceByDay {
    const filter = memberId === undefined ? '' : ' AND member_id = @memberId';
    const counted = db
      .prepare(
        `SELECT date, count(*) AS visits, count(DISTINCT member_id) AS members FROM checkins
          WHERE date >= @from AND date <= @to AND undone_at IS NULL${filter} GROUP BY date ORDER BY date`,
      )
      .all({ from, to, ...(memberId === undefined ? {} : { memberId }) }) as AttendanceByDay['days'];
    const total = counted.reduce((s, d) => s + d.visits, 0);
    const span = daysBetween(from, to);
    if (span > 400) return { by: 'day', days: counted, total };
    // Every day of a range of up to 400 days, zeros included, so a chart has no holes.
    const byDate = new Map(counted.map((d) => [d.date, d]));
    const days = Array.from({ length: span + 1 }, (_, i) => addDays(from, i)).map((date) => byDate.get(date) ?? { date, visits: 0, members: 0 });
    return { by: 'day', days, total };
  }

  function byMember(from: string, to: string, memberId: number | undefined): AttendanceByMember {
    const filter = memberId === undefined ? '' : ' AND c.member_id = @memberId';
    const members = db
      .prepare(
        `SELECT c.member_id AS memberId, m.name, m.card_no AS cardNo, count(*) AS visits, max(c.date) AS last
           FROM checkins c JOIN members m ON m.id = c.member_id
          WHERE c.date >= @from AND c.date <= @to AND c.undone_at IS NULL${filter}
          GROUP BY c.member_id ORDER BY visits DESC, m.sort_key, c.member_id LIMIT 1000`,
      )
      .all({ from, to, ...(memberId === undefined ? {} : { memberId }) }) as AttendanceByMember['members'];
    return { by: 'member', members, total: members.reduce((s, m) => s + m.visits, 0) };
  }

  function attendance(input: { from: string; to: string; by: 'day' | 'member'; memberId?: number | undefined }) {
    if (input.memberId !== undefined) activeOrMerged(input.memberId);
    return input.by === 'day' ? byDay(input.from, input.to, input.memberId) : byMember(input.from, input.to, input.memberId);
  }

  return { get, evaluate, checkIn, override, undo, today, history, attendance };
}

export type Checkins = ReturnType<typeof createCheckins>;
