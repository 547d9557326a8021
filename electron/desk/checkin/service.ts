/**
 * Check-in at the desk: decide (rules.ts), record, undo, and read attendance.
 * Functions run inside the caller's transaction (the host's, for mutating channels); today, the
 * clerk and the audit trail come from the env.
 */
import { addDays, daysBetween } from '../../../shared/dates';
import type { AttendanceByDay, AttendanceByMember, Checkin, CheckinResult, CheckinWarning, DoorClass, Entitlement, SearchHit } from '../../contract/desk-types';
import { AppError } from '../../../shared/errors';
import type { ReplayedCall as Kept, ServiceEnv } from '../../contract/env';
import { createCheckinsRepo, type CheckinWithNames, type VisitRange } from '../../db/repos/checkins';
import type { Finder } from '../members/finder';
import type { MemberRows } from '../members/rows';
import type { Door } from '../classes/door';
import type { StandingReader } from '../members/standing';
import { decide, LOW_SESSIONS } from './rules';

function toCheckin(r: CheckinWithNames): Checkin {
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
    classBookingId: r.class_booking_id,
    kept: r.kept_device !== null && r.kept_at !== null ? { device: r.kept_device, at: r.kept_at } : null,
  };
}

/**
 * What is left after a visit that stands for a class: the check-in uses nothing of its own (its
 * "after this visit" count gets the visit back), and the class used its units from whatever it used.
 */
function afterClass(result: CheckinResult, units: { packId: number | null; subscriptionId: number | null; used: number }): CheckinResult {
  const e = result.entitlement;
  if (!e || e.sessionsLeft === null) return result;
  const same = e.kind === 'pack' ? units.packId === e.id : units.subscriptionId === e.id;
  const entitlement: Entitlement = { ...e, sessionsLeft: e.sessionsLeft + 1 - (same ? units.used : 0) };
  const warnings: CheckinWarning[] = result.warnings.filter((w) => w.code !== 'sessions_left');
  if (entitlement.sessionsLeft! <= LOW_SESSIONS) warnings.push({ code: 'sessions_left', count: entitlement.sessionsLeft! });
  return { ...result, entitlement, warnings };
}

/** The moment of a check-in call: today's date, the instant, and the overdue setting. */
interface When {
  today: string;
  at: string;
  overdueBlockDays: number;
}

export function createCheckinService(
  env: ServiceEnv,
  deps: { finder: Finder; rows: MemberRows; standing: StandingReader; door: Door },
) {
  const repo = createCheckinsRepo(env.db);
  const moment = (): When => ({ today: env.today(), at: env.now().toISOString(), overdueBlockDays: env.settings.get().overdueBlockDays });
  const clerk = () => ({ id: env.actor()?.id ?? null, name: env.actor()?.name ?? '' });

  function get(id: number): Checkin {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Check-in ${id} does not exist.`, { entity: 'checkin', id });
    return toCheckin(row);
  }

  function activeMember(id: number) {
    const m = repo.member(id);
    if (!m) throw new AppError('NOT_FOUND', `Member ${id} does not exist.`, { entity: 'member', id });
    if (m.merged_into !== null) throw new AppError('MEMBER_MERGED', `Member ${id} was merged into ${m.merged_into}.`, { id, mergedInto: m.merged_into });
    return m;
  }

  /**
   * Who a queued check-in is for by the time it arrives: the member, or the record they were merged
   * into (the same person at the door); null when no such member exists any more.
   */
  function survivor(id: number): { memberId: number; mergedFrom?: number } | null {
    let m = repo.member(id);
    for (let hops = 0; m && m.merged_into !== null && hops < 100; hops++) m = repo.member(m.merged_into);
    if (!m || m.merged_into !== null) return null;
    return m.id === id ? { memberId: id } : { memberId: m.id, mergedFrom: id };
  }

  /** The full answer for one member, without writing anything. */
  function evaluate(memberId: number, when: When = moment()): CheckinResult {
    const m = activeMember(memberId);
    const payer = m.payer_id ?? m.id;
    // The row's badges and the decision read the same standing: one read for both.
    const read = deps.rows.byIdWithStanding([m.id], when.today);
    const list = read.states.get(m.id) ?? [];
    const overdue = read.overdue.get(payer);
    const decision = decide(list, overdue, when.today, when.overdueBlockDays);
    const earlier = repo.liveOfMemberOn(m.id, when.today);
    const row = read.rows[0] ?? null;
    const base = { member: row, entitlement: decision.entitlement, blocks: decision.blocks, warnings: decision.warnings, candidates: [], classMark: null };
    if (earlier.length >= decision.perDay) {
      return { ...base, outcome: 'already', checkin: toCheckin(earlier[earlier.length - 1]!), visitsToday: earlier.length };
    }
    return { ...base, outcome: decision.blocks.length ? 'blocked' : 'allowed', checkin: null, visitsToday: earlier.length };
  }

  function record(result: CheckinResult, when: When, overrideReason: string | null, kept: Kept | null = null): CheckinResult {
    const e = result.entitlement;
    const by = clerk();
    // The class booked for now is marked first, so its units come from the standing without this visit.
    const door = deps.door.atCheckin(result.member!.id);
    const id = repo.insert({
      member_id: result.member!.id,
      date: when.today,
      at: when.at,
      subscription_id: e?.kind === 'subscription' ? e.id : null,
      pack_id: e?.kind === 'pack' ? e.id : null,
      staff_id: by.id,
      staff_name: by.name,
      override_reason: overrideReason,
      blocked: overrideReason ? JSON.stringify(result.blocks) : null,
      class_booking_id: door.link,
      kept_device: kept?.device ?? null,
      kept_at: kept?.madeAt ?? null,
    });
    const done: CheckinResult = { ...result, outcome: 'checked_in', checkin: get(id), visitsToday: result.visitsToday + 1, classMark: door.mark };
    return door.link === null ? done : afterClass(done, classUse(door.link));
  }

  /** What the booking a check-in stands for used. */
  function classUse(bookingId: number) {
    const b = repo.bookingUse(bookingId)!;
    return { packId: b.pack_id, subscriptionId: b.subscription_id, used: b.units_used };
  }

  /** A scan that counts no new visit still marks the class booked for now. */
  function repeat(result: CheckinResult): CheckinResult {
    const mark: DoorClass | null = deps.door.atRepeatScan(result.member!.id);
    return mark ? { ...result, classMark: mark } : result;
  }

  /** The member the box means: a card or phone that only one member has, or the only match. */
  function resolve(query: string, when: When): { memberId: number } | { candidates: SearchHit[] } {
    const hits = deps.finder.search(query, 10, when.today);
    const top = hits[0];
    if (!top) return { candidates: [] };
    const unique = hits.length === 1 || (top.match !== 'partial' && top.match !== 'start' && hits[1]!.match !== top.match);
    return unique ? { memberId: top.id } : { candidates: hits };
  }

  /**
   * A check-in a connected desk kept while the main desk was unreachable is judged now, on arrival,
   * and always goes on the manager's review (the audit log) like an override: with the desk, when it
   * was made at the door and when it arrived; a refused one too, since the member was let in or turned
   * away at the door without the main desk's answer.
   */
  function checkIn(input: { memberId?: number | undefined; query?: string | undefined }): CheckinResult {
    const replay = env.replayed?.() ?? null;
    if (!replay) return decideAndRecord(input, null);
    const replayed = { device: replay.device, madeAt: replay.madeAt, arrivedAt: env.now().toISOString() };
    // The member was merged or removed while the check-in waited: it is still reviewed, never dropped.
    const target: { memberId?: number; mergedFrom?: number } | null = input.memberId === undefined ? {} : survivor(input.memberId);
    if (target === null) {
      env.audit('checkin', 0, null, { memberId: input.memberId ?? null, query: null, outcome: 'no_match', blocks: [], replayed });
      return { outcome: 'no_match', member: null, checkin: null, entitlement: null, blocks: [], warnings: [], candidates: [], visitsToday: 0, classMark: null };
    }
    const merged = target.mergedFrom !== undefined ? { mergedFrom: target.mergedFrom } : {};
    const result = decideAndRecord(target.memberId === undefined ? input : { ...input, memberId: target.memberId }, replay);
    if (result.outcome === 'checked_in') {
      env.audit('checkin', result.checkin!.id, null, { ...result.checkin, ...merged, replayed });
    } else {
      // No check-in was recorded: the entry is about check-in 0, and names the member in its values.
      const after = { memberId: result.member?.id ?? null, query: input.query ?? null, outcome: result.outcome, blocks: result.blocks, ...merged, replayed };
      env.audit('checkin', 0, null, after);
    }
    return result;
  }

  function decideAndRecord(input: { memberId?: number | undefined; query?: string | undefined }, kept: Kept | null): CheckinResult {
    const when = moment();
    let memberId = input.memberId;
    if (memberId === undefined) {
      const found = resolve(input.query ?? '', when);
      if ('candidates' in found) {
        const outcome = found.candidates.length ? 'choose' : 'no_match';
        return { outcome, member: null, checkin: null, entitlement: null, blocks: [], warnings: [], candidates: found.candidates, visitsToday: 0, classMark: null };
      }
      memberId = found.memberId;
    }
    const result = evaluate(memberId, when);
    if (result.outcome === 'already') return repeat(result);
    if (result.outcome !== 'allowed') return result;
    const done = record(result, when, null, kept);
    // A replayed check-in gets its one audit entry, with where and when it was made, from checkIn.
    if (!kept) env.audit('checkin', done.checkin!.id, null, done.checkin);
    return done;
  }

  /** A manager lets a blocked member in. Without a block it is an ordinary check-in. */
  function override(memberId: number, reason: string): CheckinResult {
    const when = moment();
    const result = evaluate(memberId, when);
    if (result.outcome === 'already') return repeat(result);
    const done = record(result, when, result.outcome === 'blocked' ? reason : null);
    env.audit('checkin', done.checkin!.id, null, { ...done.checkin, blocks: done.blocks });
    return done;
  }

  function undo(id: number, reason: string): Checkin {
    const when = moment();
    const before = get(id);
    if (before.undoneAt) throw new AppError('CHECKIN_UNDONE', `Check-in ${id} was already undone.`, { id });
    if (before.date !== when.today) {
      throw new AppError('CHECKIN_UNDO_TOO_LATE', `Check-in ${id} is from ${before.date}; only today's check-ins can be undone.`, { id, date: before.date });
    }
    repo.markUndone(id, when.at, clerk().name, reason);
    if (before.classBookingId !== null) deps.door.checkinUndone(before.classBookingId);
    const after = get(id);
    env.audit('checkin', id, before, after);
    return after;
  }

  function today(includeUndone: boolean): Checkin[] {
    return repo.ofDay(env.today(), includeUndone).map(toCheckin);
  }

  function history(memberId: number, limit: number): Checkin[] {
    activeOrMerged(memberId);
    return repo.ofMember(memberId, limit).map(toCheckin);
  }

  function activeOrMerged(id: number): void {
    if (!repo.member(id)) throw new AppError('NOT_FOUND', `Member ${id} does not exist.`, { entity: 'member', id });
  }

  function byDay(range: VisitRange): AttendanceByDay {
    const counted = repo.visitsByDay(range);
    const total = counted.reduce((s, d) => s + d.visits, 0);
    const span = daysBetween(range.from, range.to);
    if (span > 400) return { by: 'day', days: counted, total };
    // Every day of a range of up to 400 days, zeros included, so a chart has no holes.
    const byDate = new Map(counted.map((d) => [d.date, d]));
    const days = Array.from({ length: span + 1 }, (_, i) => addDays(range.from, i)).map((date) => byDate.get(date) ?? { date, visits: 0, members: 0 });
    return { by: 'day', days, total };
  }

  function byMember(range: VisitRange): AttendanceByMember {
    const members = repo.visitsByMember(range);
    return { by: 'member', members, total: members.reduce((s, m) => s + m.visits, 0) };
  }

  function attendance(input: { from: string; to: string; by: 'day' | 'member'; memberId?: number | undefined }) {
    if (input.memberId !== undefined) activeOrMerged(input.memberId);
    const range = { from: input.from, to: input.to, memberId: input.memberId ?? null };
    return input.by === 'day' ? byDay(range) : byMember(range);
  }

  return { get, evaluate, checkIn, override, undo, today, history, attendance };
}

export type CheckinService = ReturnType<typeof createCheckinService>;
