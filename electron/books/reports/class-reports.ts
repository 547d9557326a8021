/**
 * Classes and keeping members (issue 15): class fill and no-shows, teachers' sessions and hours, the renewal
 * rate of members whose membership ended, churn by cancel reason, and what follow-ups led to. Each report reads
 * the class, subscription and follow-up tables directly through their date indexes (electron/db/repos/
 * class-reports.ts) — none of them uses the MRR summaries or their refresh. Definitions: docs/reports.md.
 */
import { addDays, dayOfWeek, todayInZone } from '../../../shared/dates';
import type { DataEnv } from '../../contract/env';
import {
  FOLLOW_UP_WINDOW_DAYS,
  RENEWAL_GRACE_DAYS,
  type ChurnReasonReport,
  type ClassFillFigures,
  type ClassFillReport,
  type FollowUpFigures,
  type FollowUpReport,
  type RenewalRateFigures,
  type RenewalRateReport,
  type TeacherFigures,
  type TeacherReport,
  type classReportChannels,
} from '../../contract/reports';
import { RENEWAL_REASONS } from '../../contract/followup';
import { OTHER_CANCEL_REASON, OTHER_CANCEL_REASON_IN } from '../../contract/settings';
import type { AreaHandlers } from '../../contract/handler';
import { classReportsRepo, type HeldSessionRow } from '../../db/repos/class-reports';
import { wallNow } from '../../desk/classes/clock';
import { monthlyBuckets, monthOf, ratioBp } from './metrics';

const fillZero = (): ClassFillFigures => ({ sessions: 0, places: 0, taken: 0, fillBp: null, attended: 0, noShows: 0, lateCancels: 0 });
const teacherZero = (): TeacherFigures => ({ sessions: 0, minutes: 0, attended: 0, noShows: 0 });
const outcomesZero = (): FollowUpFigures['outcomes'] => ({ reached: 0, no_answer: 0, will_renew: 0, renewed: 0, not_interested: 0 });

function addSession(f: ClassFillFigures, s: HeldSessionRow): void {
  f.sessions += 1;
  f.places += s.capacity;
  f.taken += s.taken;
  f.attended += s.attended;
  f.noShows += s.no_shows;
  f.lateCancels += s.late_cancels;
  f.fillBp = ratioBp(f.taken, f.places);
}

function addTaught(f: TeacherFigures, s: HeldSessionRow): void {
  f.sessions += 1;
  f.minutes += s.minutes;
  f.attended += s.attended;
  f.noShows += s.no_shows;
}

/** Monday first: 0 = Monday … 6 = Sunday. */
const weekdayMondayFirst = (date: string) => (dayOfWeek(date) + 6) % 7;

export function createClassReports(env: DataEnv) {
  const repo = classReportsRepo(env.db);

  /** The range with its end clipped to today (nothing has happened after it); null when it starts after today. */
  function clip(from: string, to: string): string | null {
    const today = env.today();
    const end = to > today ? today : to;
    return end < from ? null : end;
  }

  /** The sessions held in the range: a session later today is not held yet. */
  function held(from: string, to: string): { rows: HeldSessionRow[]; to: string } {
    const end = clip(from, to);
    if (end === null) return { rows: [], to };
    const minutes = ((wallNow(env.now(), env.settings.get().timeZone) % 1440) + 1440) % 1440;
    const now = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { rows: repo.held(from, end, env.today(), now), to: end };
  }

  function classFill(from: string, to: string): ClassFillReport {
    const h = held(from, to);
    const types = new Map(repo.types().map((t) => [t.id, t]));
    const byType = new Map<number, ClassFillReport['byType'][number]>();
    const bySlot = new Map<string, ClassFillReport['bySlot'][number]>();
    const totals = fillZero();
    for (const s of h.rows) {
      let t = byType.get(s.class_type_id);
      if (!t) {
        const type = types.get(s.class_type_id);
        byType.set(s.class_type_id, (t = { classTypeId: s.class_type_id, name: type?.name ?? '', colour: type?.colour ?? '#3b82f6', ...fillZero() }));
      }
      addSession(t, s);
      const weekday = weekdayMondayFirst(s.date);
      const key = `${weekday}|${s.start_time}`;
      let slot = bySlot.get(key);
      if (!slot) bySlot.set(key, (slot = { weekday, startTime: s.start_time, ...fillZero() }));
      addSession(slot, s);
      addSession(totals, s);
    }
    return {
      from,
      to: h.to,
      byType: [...byType.values()].sort((a, b) => a.name.localeCompare(b.name) || a.classTypeId - b.classTypeId),
      bySlot: [...bySlot.values()].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime)),
      totals,
    };
  }

  function teachers(from: string, to: string): TeacherReport {
    const h = held(from, to);
    const names = new Map(repo.teachers().map((t) => [t.id, t.name]));
    const byTeacher = new Map<number | null, TeacherReport['teachers'][number]>();
    const byMonth = new Map<string, TeacherReport['months'][number]>();
    const buckets = new Map(monthlyBuckets(from, h.to).map((b) => [b.month, b]));
    const totals = teacherZero();
    for (const s of h.rows) {
      const id = s.teacher_id;
      const name = id === null ? '' : (names.get(id) ?? '');
      let t = byTeacher.get(id);
      if (!t) byTeacher.set(id, (t = { teacherId: id, name, ...teacherZero() }));
      addTaught(t, s);
      const bucket = buckets.get(monthOf(s.date))!;
      const key = `${id ?? ''}|${bucket.month}`;
      let m = byMonth.get(key);
      if (!m) byMonth.set(key, (m = { teacherId: id, name, ...bucket, ...teacherZero() }));
      addTaught(m, s);
      addTaught(totals, s);
    }
    // Teachers by name, "no teacher" last; each teacher's months in order.
    const order = (a: { teacherId: number | null; name: string }, b: { teacherId: number | null; name: string }) =>
      (a.teacherId === null ? 1 : 0) - (b.teacherId === null ? 1 : 0) || a.name.localeCompare(b.name) || (a.teacherId ?? 0) - (b.teacherId ?? 0);
    return {
      from,
      to: h.to,
      teachers: [...byTeacher.values()].sort(order),
      months: [...byMonth.values()].sort((a, b) => order(a, b) || a.month.localeCompare(b.month)),
      totals,
    };
  }

  function renewalRate(from: string, to: string): RenewalRateReport {
    const end = clip(from, to);
    const today = env.today();
    const buckets = end === null ? [] : monthlyBuckets(from, end);
    // Per month, per member: renewed if any of their memberships ending that month was followed; else pending
    // while the grace of the latest of them is not over.
    const members = new Map<string, Map<number, { renewed: boolean; lastEnd: string }>>();
    for (const r of end === null ? [] : repo.ended(from, end, RENEWAL_GRACE_DAYS)) {
      const month = monthOf(r.end_date);
      let m = members.get(month);
      if (!m) members.set(month, (m = new Map()));
      const x = m.get(r.member_id);
      if (!x) m.set(r.member_id, { renewed: r.renewed === 1, lastEnd: r.end_date });
      else {
        x.renewed ||= r.renewed === 1;
        if (r.end_date > x.lastEnd) x.lastEnd = r.end_date;
      }
    }
    const figures = (list: { renewed: boolean; lastEnd: string }[]): RenewalRateFigures => {
      const ended = list.length;
      const renewed = list.filter((x) => x.renewed).length;
      const pending = list.filter((x) => !x.renewed && today <= addDays(x.lastEnd, RENEWAL_GRACE_DAYS)).length;
      return { ended, renewed, pending, lost: ended - renewed - pending, rateBp: ratioBp(renewed, ended) };
    };
    const rows = buckets.map((b) => ({ ...b, ...figures([...(members.get(b.month)?.values() ?? [])]) }));
    const sum = (k: 'ended' | 'renewed' | 'pending' | 'lost') => rows.reduce((s, r) => s + r[k], 0);
    return {
      from,
      to: end ?? to,
      graceDays: RENEWAL_GRACE_DAYS,
      rows,
      totals: { ended: sum('ended'), renewed: sum('renewed'), pending: sum('pending'), lost: sum('lost'), rateBp: ratioBp(sum('renewed'), sum('ended')) },
    };
  }

  function churnReasons(from: string, to: string): ChurnReasonReport {
    const end = clip(from, to);
    // A cancel recorded before the catch-all followed the business's language reads as that language's word.
    const other = OTHER_CANCEL_REASON_IN[env.settings.get().locale];
    const merged = new Map<string | null, number>();
    for (const r of end === null ? [] : repo.churnReasons(from, end)) {
      const reason = r.reason === OTHER_CANCEL_REASON ? other : r.reason;
      merged.set(reason, (merged.get(reason) ?? 0) + r.n);
    }
    const counts = [...merged].map(([reason, n]) => ({ reason, n }));
    const total = counts.reduce((s, r) => s + r.n, 0);
    const rows = counts
      .map((r) => ({ reason: r.reason, cancellations: r.n, shareBp: ratioBp(r.n, total) }))
      // Most first; "no reason given" after the named reasons with as many.
      .sort((a, b) => b.cancellations - a.cancellations || (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) || (a.reason ?? '').localeCompare(b.reason ?? ''));
    return { from, to: end ?? to, rows, total };
  }

  function followUps(from: string, to: string): FollowUpReport {
    const end = clip(from, to);
    const zone = env.settings.get().timeZone;
    const rows = end === null ? [] : repo.followUps(from, end);
    // One item per member, reason and day; its last outcome (the rows are in the order recorded) and who recorded it.
    const items = new Map<string, { member: number; reason: string; date: string; outcome: string; staff: string }>();
    for (const r of rows) items.set(`${r.member_id}|${r.reason}|${r.date}`, { member: r.member_id, reason: r.reason, date: r.date, outcome: r.outcome, staff: r.staff_name });
    // The business days each of those members bought a membership or pack on.
    const bought = new Map<number, string[]>();
    if (end !== null && items.size) {
      const since = new Date(Date.parse(`${addDays(from, -1)}T00:00:00Z`)).toISOString();
      for (const p of repo.purchases(from, end, since)) {
        const day = todayInZone(new Date(p.created_at), zone);
        const list = bought.get(p.member_id);
        if (list) list.push(day);
        else bought.set(p.member_id, [day]);
      }
    }
    const led = (i: { member: number; date: string }) => {
      const last = addDays(i.date, FOLLOW_UP_WINDOW_DAYS);
      return (bought.get(i.member) ?? []).some((d) => d >= i.date && d <= last);
    };
    const zero = (): FollowUpFigures => ({ items: 0, outcomes: outcomesZero(), renewed: 0, renewedBp: null });
    const add = (f: FollowUpFigures, i: { outcome: string }, renewed: boolean) => {
      f.items += 1;
      f.outcomes[i.outcome as keyof FollowUpFigures['outcomes']] += 1;
      if (renewed) f.renewed += 1;
      f.renewedBp = ratioBp(f.renewed, f.items);
    };
    const byReason = new Map<string, FollowUpReport['byReason'][number]>();
    const byStaff = new Map<string, FollowUpReport['byStaff'][number]>();
    const totals = zero();
    for (const i of items.values()) {
      const renewed = led(i);
      let r = byReason.get(i.reason);
      if (!r) byReason.set(i.reason, (r = { reason: i.reason, ...zero() }));
      add(r, i, renewed);
      let s = byStaff.get(i.staff);
      if (!s) byStaff.set(i.staff, (s = { staffName: i.staff, ...zero() }));
      add(s, i, renewed);
      add(totals, i, renewed);
    }
    const reasonOrder = (x: string) => (RENEWAL_REASONS as readonly string[]).indexOf(x);
    return {
      from,
      to: end ?? to,
      windowDays: FOLLOW_UP_WINDOW_DAYS,
      byReason: [...byReason.values()].sort((a, b) => reasonOrder(a.reason) - reasonOrder(b.reason)),
      byStaff: [...byStaff.values()].sort((a, b) => b.items - a.items || a.staffName.localeCompare(b.staffName)),
      totals,
    };
  }

  return { classFill, teachers, renewalRate, churnReasons, followUps };
}

export type ClassReports = ReturnType<typeof createClassReports>;

export function classReportHandlers(reports: ClassReports): AreaHandlers<keyof typeof classReportChannels> {
  return {
    'reports.classFill': (input) => reports.classFill(input.from, input.to),
    'reports.teachers': (input) => reports.teachers(input.from, input.to),
    'reports.renewalRate': (input) => reports.renewalRate(input.from, input.to),
    'reports.churnReasons': (input) => reports.churnReasons(input.from, input.to),
    'reports.followUps': (input) => reports.followUps(input.from, input.to),
  };
}
