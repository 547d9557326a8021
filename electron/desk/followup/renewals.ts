/**
 * Follow-ups that win renewals (回访): the daily list built by the owner's rules (settings.followUpRules),
 * and the outcomes the desk records. The rules are written out in docs/followups.md.
 */
import { addDays, daysBetween, isLeapYear, startOfWeekMonday, toYmd } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { RenewalFollowUp, RenewalItem, RenewalList, RenewalReason, RenewalRecordInput } from '../../contract/followup';
import { RENEWAL_REASONS } from '../../contract/followup';
import type { ServiceEnv } from '../../contract/env';
import { createFollowUpsRepo } from '../../db/repos/followups';
import { createRenewalsRepo, type RuleHitRow } from '../../db/repos/renewals';
import type { RenewalFollowUpRow } from '../../db/rows';

const fromRow = (r: RenewalFollowUpRow): RenewalFollowUp => ({
  id: r.id,
  memberId: r.member_id,
  reason: r.reason,
  outcome: r.outcome,
  lostReason: r.lost_reason,
  satisfaction: r.satisfaction,
  comment: r.comment,
  staffName: r.staff_name,
  date: r.date,
  at: r.at,
});

/**
 * The dates of the week (Monday to Sunday) holding `today`, as MM-DD with the date each one falls on.
 * A 29 February birthday is kept on 28 February in a year without one.
 */
export function birthdayWeek(today: string): Map<string, string> {
  const week = new Map<string, string>();
  const monday = startOfWeekMonday(today);
  for (let i = 0; i < 7; i++) {
    const day = addDays(monday, i);
    week.set(day.slice(5), day);
    if (day.slice(5) === '02-28' && !isLeapYear(toYmd(day).y)) week.set('02-29', day);
  }
  return week;
}

export function createRenewalsService(env: ServiceEnv) {
  const repo = createRenewalsRepo(env.db);
  const overdueRepo = createFollowUpsRepo(env.db);

  function list(): RenewalList {
    const today = env.today();
    const rules = env.settings.get().followUpRules;
    const items: RenewalItem[] = [];
    const add = (reason: RenewalReason, rows: RuleHitRow[], facts: (r: RuleHitRow) => Pick<RenewalItem, 'date' | 'days'>) => {
      for (const r of rows) {
        items.push({
          memberId: r.member_id,
          memberName: r.name,
          phone: r.phone,
          reason,
          ...facts(r),
          sessionsLeft: r.sessions_left,
          planName: r.plan_name,
          amount: null,
          done: null,
        });
      }
    };
    // end_date and expires_on are exclusive: the last day of service is the day before.
    const lastDay = (r: RuleHitRow) => {
      const date = addDays(r.date!, -1);
      return { date, days: daysBetween(today, date) };
    };
    if (rules.membershipEnding.on) add('membership_ending', repo.membershipEnding(today, addDays(today, rules.membershipEnding.days + 1)), lastDay);
    if (rules.packEnding.on) add('pack_ending', repo.packEnding(today, addDays(today, rules.packEnding.days + 1)), lastDay);
    if (rules.packLow.on) add('pack_low', repo.packLow(today, rules.packLow.sessions), lastDay);
    if (rules.noVisit.on) {
      const cutoff = addDays(today, -rules.noVisit.days);
      add('no_visit', repo.noVisit(today, cutoff), (r) => ({ date: r.date, days: daysBetween(r.date ?? r.since!, today) }));
    }
    if (rules.newMember.on) add('new_member', repo.newMember([addDays(today, -7), addDays(today, -30)]), (r) => ({ date: r.date, days: daysBetween(r.date!, today) }));
    if (rules.freezeEnding.on) add('freeze_ending', repo.freezeEnding(today, addDays(today, rules.freezeEnding.days)), (r) => ({ date: r.date, days: daysBetween(today, r.date!) }));
    if (rules.birthday.on) {
      const week = birthdayWeek(today);
      add('birthday', repo.birthday([...week.keys()]), (r) => {
        const date = week.get(r.date!.slice(5))!;
        return { date, days: daysBetween(today, date) };
      });
    }
    if (rules.overdue.on) {
      for (const r of overdueRepo.overdue(today)) {
        items.push({
          memberId: r.payer_id,
          memberName: r.name,
          phone: r.phone,
          reason: 'overdue',
          date: r.oldest_due,
          days: daysBetween(r.oldest_due, today),
          sessionsLeft: null,
          planName: null,
          amount: r.overdue,
          done: null,
        });
      }
    }
    // Worked today: the latest outcome recorded today for the member and the reason.
    const done = new Map<string, RenewalFollowUp>();
    for (const row of repo.ofDay(today)) done.set(`${row.member_id}:${row.reason}`, fromRow(row));
    for (const item of items) item.done = done.get(`${item.memberId}:${item.reason}`) ?? null;
    const order = (r: RenewalReason) => RENEWAL_REASONS.indexOf(r);
    items.sort(
      (a, b) =>
        Number(a.done !== null) - Number(b.done !== null) ||
        order(a.reason) - order(b.reason) ||
        a.days - b.days ||
        (a.memberName < b.memberName ? -1 : a.memberName > b.memberName ? 1 : 0) ||
        a.memberId - b.memberId,
    );
    return { date: today, items };
  }

  function record(input: RenewalRecordInput): RenewalFollowUp {
    const member = repo.member(input.memberId);
    if (!member) throw new AppError('NOT_FOUND', `No member ${input.memberId}.`, { memberId: input.memberId });
    if (member.merged_into !== null) {
      throw new AppError('MEMBER_MERGED', `Member ${input.memberId} was merged into ${member.merged_into}.`, { memberId: input.memberId, mergedInto: member.merged_into });
    }
    const by = env.actor();
    const id = repo.insert({
      member_id: input.memberId,
      reason: input.reason,
      outcome: input.outcome,
      lost_reason: input.lostReason ?? null,
      satisfaction: input.satisfaction ?? null,
      comment: input.comment,
      staff_id: by?.id ?? null,
      staff_name: by?.name ?? '',
      date: env.today(),
      at: env.now().toISOString(),
    });
    const saved = fromRow(repo.byId(id)!);
    env.audit('renewal_follow_up', saved.id, null, saved);
    return saved;
  }

  function history(memberId: number): RenewalFollowUp[] {
    return repo.ofMember(memberId).map(fromRow);
  }

  return { list, record, history };
}

export type RenewalsService = ReturnType<typeof createRenewalsService>;
