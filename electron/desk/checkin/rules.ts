/**
 * The check-in decision, as a pure function of where the member stands today: which
 * membership or pack the visit uses, what blocks it, and what the desk should be warned of.
 *
 * - A membership in service is used before a pack (it costs nothing per visit); among packs,
 *   the one expiring first.
 * - Blocked when nothing is in service: paused, not started yet, pack out of sessions,
 *   ended, or never had one; when the plan's sessions for this period are used; and when the
 *   payer is overdue by more than settings.overdueBlockDays days.
 * - A visit counts at most `checkins_per_day` times per member per day (1 unless the plan
 *   says otherwise); further scans that day return the earlier check-in and count nothing.
 */
import { addDays, compareDates, daysBetween } from '../../../shared/dates';
import type { CheckinBlock, CheckinWarning, Entitlement } from '../../contract/desk-types';
import { EXPIRING_DAYS, type Overdue, type PackStanding, type Standing, type SubscriptionStanding } from '../members/standing';

export interface Decision {
  entitlement: Entitlement | null;
  blocks: CheckinBlock[];
  warnings: CheckinWarning[];
  /** Visits per day the plan allows (1 without an entitlement). */
  perDay: number;
}

/** Sessions left (after this visit) at or below which check-in says how many remain. */
export const LOW_SESSIONS = 2;

function subscriptionUsable(s: SubscriptionStanding): boolean {
  return (s.state === 'in_service' || s.state === 'trialing') && (s.quota === null || s.periodVisits < s.quota);
}

function toEntitlement(s: Standing): Entitlement {
  if (s.kind === 'pack') {
    return { kind: 'pack', id: s.id, planName: s.planName, sessionsLeft: s.sessionsLeft - 1, endsOn: s.endsOn, trialEndsOn: null, visitsPerDay: s.perDay };
  }
  return {
    kind: 'subscription',
    id: s.id,
    planName: s.planName,
    sessionsLeft: s.quota === null ? null : s.quota - s.periodVisits - 1,
    endsOn: s.endsOn,
    trialEndsOn: s.state === 'trialing' ? s.trialEndsOn : null,
    visitsPerDay: s.perDay,
  };
}

/** Why nothing is usable, most telling reason first. */
function whyNot(list: Standing[]): CheckinBlock {
  const subs = list.filter((s): s is SubscriptionStanding => s.kind === 'subscription');
  const packs = list.filter((s): s is PackStanding => s.kind === 'pack');
  const paused = subs.find((s) => s.state === 'paused');
  if (paused) return { code: 'paused', until: paused.pausedUntil };
  const quota = subs.find((s) => (s.state === 'in_service' || s.state === 'trialing') && s.quota !== null);
  if (quota) return { code: 'quota_used', quota: quota.quota! };
  const later = list.filter((s) => s.state === 'not_started').sort((a, b) => compareDates(a.startsOn, b.startsOn))[0];
  if (later) return { code: 'not_started', on: later.startsOn };
  if (packs.some((p) => p.sessionsLeft === 0)) return { code: 'no_sessions' };
  const ends = list.map((s) => s.endsOn).filter((d): d is string => d !== null).sort();
  if (list.length) return { code: 'ended', on: ends[ends.length - 1] ?? '' };
  return { code: 'no_membership' };
}

export function decide(list: Standing[], overdue: Overdue | undefined, today: string, overdueBlockDays: number): Decision {
  const sub = list.find((s): s is SubscriptionStanding => s.kind === 'subscription' && subscriptionUsable(s));
  const pack = list
    .filter((s): s is PackStanding => s.kind === 'pack' && s.state === 'in_service' && s.sessionsLeft > 0)
    .sort((a, b) => compareDates(a.endsOn, b.endsOn))[0];
  const chosen = sub ?? pack ?? null;
  const blocks: CheckinBlock[] = chosen ? [] : [whyNot(list)];
  const warnings: CheckinWarning[] = [];
  if (overdue) {
    if (overdue.days > overdueBlockDays) blocks.push({ code: 'overdue', amount: overdue.amount, days: overdue.days, limit: overdueBlockDays });
    else warnings.push({ code: 'overdue', amount: overdue.amount, days: overdue.days });
  }
  const entitlement = chosen ? toEntitlement(chosen) : null;
  if (entitlement) {
    if (entitlement.trialEndsOn) warnings.push({ code: 'trial', endsOn: entitlement.trialEndsOn });
    if (entitlement.endsOn && daysBetween(today, entitlement.endsOn) <= EXPIRING_DAYS) {
      // The clerk says the last day the member may come ("today is the last day"), not the first day without service.
      const lastDay = addDays(entitlement.endsOn, -1);
      warnings.push({ code: 'expires', days: daysBetween(today, lastDay), on: lastDay });
    }
    // Only a pack or quota about to run out is worth a word at the door.
    if (entitlement.sessionsLeft !== null && entitlement.sessionsLeft <= LOW_SESSIONS) warnings.push({ code: 'sessions_left', count: entitlement.sessionsLeft });
  }
  return { entitlement, blocks, warnings, perDay: chosen?.perDay ?? 1 };
}
