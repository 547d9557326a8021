/**
 * Where a member stands today: each membership and pack (in service, paused, ended…) and
 * what the payer owes past due. A membership's state, end date and pause come from the
 * subscription state machine's standingOn (the run's own steps played forward in memory), so
 * the desk and check-in agree with billing on every day, before and after the day's run. Read in batches so the list can show badges for a page of
 * rows and the check-in can decide in one go.
 */
import { compareDates, daysBetween } from '../../../shared/dates';
import { periodContaining } from '../../billing/periods';
import { openPauseOf, scheduleOfState, standingOn, type PauseState, type SubStanding, type PlanTerms, type SubState, type Terms } from '../../billing/subscription/index';
import type { MemberBadge, MemberDue } from '../../contract/desk-types';
import type { Db } from '../../db/open';
import type { SubscriptionRow } from '../../db/rows';
import { subscriptionsRepo } from '../../db/repos/subscriptions';
import { packUsedSql } from '../../db/pack-usage';

/** A membership or pack stopping within this many days is "expiring soon". */
export const EXPIRING_DAYS = 14;
/** A pack with this many sessions left or fewer is "expiring soon". */
export const FEW_SESSIONS = 2;

export type ServiceState = 'in_service' | 'trialing' | 'paused' | 'not_started' | 'ended';

export interface SubscriptionStanding {
  kind: 'subscription';
  id: number;
  memberId: number;
  planName: string;
  state: ServiceState;
  startsOn: string;
  /** First day without service, when known. */
  endsOn: string | null;
  trialEndsOn: string | null;
  pausedUntil: string | null;
  /** The next day billed (first day not yet invoiced); null when nothing more will be. */
  nextBillOn: string | null;
  quota: number | null;
  /** Check-ins counted in the current period (for the quota). */
  periodVisits: number;
  perDay: number;
}

export interface PackStanding {
  kind: 'pack';
  id: number;
  memberId: number;
  planName: string;
  state: 'in_service' | 'not_started' | 'ended';
  startsOn: string;
  endsOn: string;
  sessionsLeft: number;
  perDay: number;
}

export type Standing = SubscriptionStanding | PackStanding;

export interface Overdue {
  amount: number;
  /** Days past the due date of the oldest overdue invoice. */
  days: number;
}

/** A subscription row with what the desk shows beside it. */
type SubRow = SubscriptionRow & { plan_name: string };
/** A plan as the machine needs it, with what the desk shows once a pending switch has moved to it. */
type PlanOfSwitch = PlanTerms & Pick<SubRow, 'plan_name' | 'session_quota' | 'checkins_per_day'>;
interface DeskTerms extends Terms {
  plan(id: number): PlanOfSwitch;
}

interface PackRow {
  id: number;
  member_id: number;
  plan_name: string;
  sessions_total: number;
  start_date: string;
  expires_on: string;
  checkins_per_day: number;
  used: number;
}

const ids = (list: number[]) => JSON.stringify([...new Set(list)]);

export function createStanding(db: Db) {
  const subs = db.prepare<[string], SubRow>(
    `SELECT s.*, p.name AS plan_name
       FROM subscriptions s JOIN plans p ON p.id = s.plan_id
      WHERE s.member_id IN (SELECT value FROM json_each(?))
      ORDER BY s.id`,
  );
  // Pauses not yet resumed of these subscriptions, in one query.
  const pauses = db.prepare<[string], PauseState & { subscription_id: number }>(
    `SELECT sp.subscription_id, sp.id, sp.start_date, sp.end_date, sp.resumed_on, sp.mode FROM subscription_pauses sp
      WHERE sp.subscription_id IN (SELECT value FROM json_each(?)) AND sp.resumed_on IS NULL ORDER BY sp.id`,
  );
  const planTerms = db.prepare<[number], PlanOfSwitch>(
    `SELECT id, price, tax_rate_bp, interval, interval_count, alignment, term_periods, auto_renew, freeze_fee, pause_mode,
            name AS plan_name, session_quota, checkins_per_day FROM plans WHERE id = ?`,
  );
  const packs = db.prepare<[string], PackRow>(
    `SELECT mp.id, mp.member_id, p.name AS plan_name, mp.sessions_total, mp.start_date, mp.expires_on, mp.checkins_per_day,
            ${packUsedSql('mp.id')} AS used
       FROM member_packs mp JOIN plans p ON p.id = mp.plan_id
      WHERE mp.member_id IN (SELECT value FROM json_each(?))
      ORDER BY mp.expires_on, mp.id`,
  );
  // Visits of several subscriptions, each over its own period: [[id, start, end], …] in one query (checkins_subscription).
  const periodVisits = db.prepare<[string], { id: number; n: number }>(
    `SELECT q.value ->> 0 AS id,
            (SELECT count(*) FROM checkins c WHERE c.subscription_id = q.value ->> 0 AND c.date >= q.value ->> 1
               AND c.date < q.value ->> 2 AND c.undone_at IS NULL AND c.class_booking_id IS NULL)
          + (SELECT COALESCE(SUM(b.units_used), 0) FROM class_bookings b JOIN class_sessions cs ON cs.id = b.session_id
              WHERE b.subscription_id = q.value ->> 0 AND cs.date >= q.value ->> 1 AND cs.date < q.value ->> 2) AS n
       FROM json_each(?) q`,
  );
  const overdue = db.prepare<[string, string], { payer_id: number; amount: number; oldest: string }>(
    `SELECT payer_id, SUM(balance) AS amount, MIN(due_date) AS oldest FROM (
       SELECT i.payer_id, i.due_date,
              i.total - (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.invoice_id = i.id) AS balance
         FROM invoices i
        WHERE i.payer_id IN (SELECT value FROM json_each(?)) AND i.status = 'issued' AND i.due_date < ?
     ) WHERE balance > 0 GROUP BY payer_id`,
  );


  /**
   * The span whose visits count against the quota: today's period. Before the anchor that is the trial (or an
   * imported membership's days paid outside Subdesk) from the start, or — when an extend-mode freeze (顺延)
   * moved the anchor on — the period charged last, now running to the moved anchor.
   */
  function quotaSpan(s: SubState, today: string): { start: string; end: string } {
    if (compareDates(today, s.anchor_date) >= 0) return periodContaining(scheduleOfState(s), today);
    const charged = s.status === 'trialing' ? null : subscriptionsRepo(db).chargedPeriodStart(s.id, today);
    return { start: charged ?? s.start_date, end: s.anchor_date };
  }

  /** Plan terms for the machine (a pending switch, the freeze fee), read once per call. */
  function termsFor(): DeskTerms {
    const cache = new Map<number, PlanOfSwitch>();
    return {
      householdBp: 0, // lines are not shown here, only dates
      plan(id) {
        let p = cache.get(id);
        if (!p) {
          p = planTerms.get(id);
          if (!p) throw new Error(`plan ${id} is missing`);
          cache.set(id, p);
        }
        return p;
      },
    };
  }

  /**
   * A state the machine cannot step (the run reports it per subscription and leaves it) still
   * gets a standing from its columns, so one broken row never empties the desk's list.
   */
  function safeStandingOn(state: SubState, today: string, terms: Terms): SubStanding {
    try {
      return standingOn(state, today, terms);
    } catch {
      const st = state.status === 'cancelled' ? 'ended' : state.status;
      return { state: st, paidThrough: state.next_bill_date, endsOn: state.end_date, pausedUntil: openPauseOf(state)?.end_date ?? null, after: state };
    }
  }

  /** The machine's standing on `today` (the same steps the run will take), in the desk's words. */
  function subscriptionStanding(r: SubRow, open: PauseState[], today: string, terms: DeskTerms): { standing: SubscriptionStanding; after: SubState } {
    const state: SubState = { ...r, pauses: open, addons: [], charges: 0 };
    const on = safeStandingOn(state, today, terms);
    const s = on.after;
    // The door terms are the membership's own; a switch due by today (the run has not made it yet) brings the new plan's.
    const door = s.plan_id === r.plan_id ? r : terms.plan(s.plan_id);
    // An imported member also starts before the anchor, but as 'active': only 'trialing' is a trial.
    const trialEndsOn = s.status === 'trialing' && compareDates(today, s.anchor_date) < 0 ? s.anchor_date : null;
    const standing: SubscriptionStanding = {
      kind: 'subscription',
      id: r.id,
      memberId: r.member_id,
      planName: door.plan_name,
      state: on.state === 'active' ? 'in_service' : on.state,
      startsOn: r.start_date,
      endsOn: on.endsOn,
      trialEndsOn,
      pausedUntil: on.state === 'paused' ? on.pausedUntil : null,
      nextBillOn: on.paidThrough,
      quota: door.session_quota,
      periodVisits: 0, // counted in `of`, for all quota plans in one query
      perDay: door.checkins_per_day,
    };
    return { standing, after: s };
  }

  function packStanding(r: PackRow, today: string): PackStanding {
    const left = Math.max(0, r.sessions_total - r.used);
    const state =
      compareDates(r.expires_on, today) <= 0 || left === 0 ? 'ended' : compareDates(r.start_date, today) > 0 ? 'not_started' : 'in_service';
    return {
      kind: 'pack',
      id: r.id,
      memberId: r.member_id,
      planName: r.plan_name,
      state,
      startsOn: r.start_date,
      endsOn: r.expires_on,
      sessionsLeft: left,
      perDay: r.checkins_per_day,
    };
  }

  /** Every membership and pack of these members, by member id. */
  function of(memberIds: number[], today: string): Map<number, Standing[]> {
    const out = new Map<number, Standing[]>();
    const add = (s: Standing) => out.set(s.memberId, [...(out.get(s.memberId) ?? []), s]);
    if (memberIds.length === 0) return out;
    const list = ids(memberIds);
    const quota: { after: SubState; standing: SubscriptionStanding }[] = [];
    const rows = subs.all(list);
    const open = new Map<number, PauseState[]>();
    if (rows.length) {
      for (const { subscription_id, ...p } of pauses.all(ids(rows.map((r) => r.id)))) open.set(subscription_id, [...(open.get(subscription_id) ?? []), p]);
    }
    const terms = termsFor();
    for (const row of rows) {
      const { standing, after } = subscriptionStanding(row, open.get(row.id) ?? [], today, terms);
      if (standing.quota && (standing.state === 'in_service' || standing.state === 'trialing')) quota.push({ after, standing });
      add(standing);
    }
    // A quota plan in service counts this period's visits: one query for all of them, not one per row.
    if (quota.length) {
      const spans = quota.map(({ after }) => {
        const span = quotaSpan(after, today);
        return [after.id, span.start, span.end];
      });
      const visits = new Map(periodVisits.all(JSON.stringify(spans)).map((v) => [v.id, v.n]));
      for (const { after, standing } of quota) standing.periodVisits = visits.get(after.id) ?? 0;
    }
    for (const r of packs.all(list)) add(packStanding(r, today));
    return out;
  }

  /** What each payer owes past due today. */
  function overdueOf(payerIds: number[], today: string): Map<number, Overdue> {
    const out = new Map<number, Overdue>();
    if (payerIds.length === 0) return out;
    for (const r of overdue.all(ids(payerIds), today)) out.set(r.payer_id, { amount: r.amount, days: daysBetween(r.oldest, today) });
    return out;
  }

  return { of, overdueOf };
}

export type StandingReader = ReturnType<typeof createStanding>;

function isExpiring(s: Standing, today: string): boolean {
  if (s.kind === 'pack' && s.sessionsLeft <= FEW_SESSIONS) return true;
  return s.endsOn !== null && daysBetween(today, s.endsOn) <= EXPIRING_DAYS;
}

/**
 * The date the list shows beside a member (see MemberDue): among the plans still serving (or paused), the soonest
 * end, or the soonest next bill of those that renew; with none left, the day the last one ended.
 */
export function dueOf(list: Standing[]): MemberDue | null {
  const live = list.filter((s) => s.state !== 'ended');
  const soonest = (dates: (string | null)[]) => dates.filter((d): d is string => d !== null).sort(compareDates)[0];
  if (live.length) {
    const ends = soonest(live.map((s) => s.endsOn));
    if (ends) return { kind: 'ends', date: ends };
    const bills = soonest(live.map((s) => (s.kind === 'subscription' ? s.nextBillOn : null)));
    return bills ? { kind: 'bills', date: bills } : null;
  }
  const last = list
    .map((s) => s.endsOn)
    .filter((d): d is string => d !== null)
    .sort(compareDates)
    .pop();
  return last ? { kind: 'ended', date: last } : null;
}

/** The badges of one member (see MemberBadge for what each means). */
export function badgesOf(list: Standing[], overdue: Overdue | undefined, today: string): MemberBadge[] {
  const badges: MemberBadge[] = [];
  const serving = list.filter((s) => s.state === 'in_service' || s.state === 'trialing' || s.state === 'not_started');
  if (serving.some((s) => s.state === 'in_service' || s.state === 'not_started')) badges.push('active');
  else if (serving.length) badges.push('trialing');
  if (list.some((s) => s.state === 'paused')) badges.push('paused');
  if (serving.length && serving.every((s) => isExpiring(s, today))) badges.push('expiring');
  if (overdue) badges.push('overdue');
  if (list.length && !serving.length && !badges.includes('paused')) badges.push('ended');
  return badges;
}
