import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, requiredLine, text } from './common';

export type FollowUpKind = 'called' | 'message' | 'promised';

export interface FollowUp {
  id: number;
  payerId: number;
  kind: FollowUpKind;
  /** For 'promised': the day the payer said they would pay. */
  promisedDate: string | null;
  note: string;
  staffName: string;
  date: string;
  at: string;
}

/** A payer with an overdue balance, as the follow-up list shows it (oldest debt first). */
export interface OverduePayer {
  payerId: number;
  payerName: string;
  phone: string;
  /** Sum of the balances of overdue invoices. */
  overdue: number;
  /** Everything still open, overdue or not. */
  due: number;
  invoices: number;
  oldestDueDate: string;
  daysOverdue: number;
  /** Past the check-in limit (settings.overdueBlockDays). */
  blocked: boolean;
  lastFollowUp: FollowUp | null;
}

export const followUpInput = z
  .strictObject({
    payerId: id,
    kind: z.enum(['called', 'message', 'promised'], 'invalid_choice'),
    promisedDate: isoDate.optional(),
    note: text(1000).default(''),
  })
  .refine((f) => (f.kind === 'promised') === (f.promisedDate !== undefined), { message: 'promise_date', path: ['promisedDate'] });

export const followUpChannels = {
  'followups.overdue': channel<OverduePayer[]>()(z.strictObject({}), { access: 'desk', mutates: false }),
  'followups.log': channel<FollowUp>()(followUpInput, { access: 'desk', mutates: true }),
  'followups.history': channel<FollowUp[]>()(z.strictObject({ payerId: id }), { access: 'desk', mutates: false }),
};

/* ---------- Follow-ups that win renewals (回访) ---------- */

/** Why a member is on the daily list: one rule of the owner's `followUpRules` each. */
export const RENEWAL_REASONS = ['membership_ending', 'pack_ending', 'pack_low', 'no_visit', 'new_member', 'freeze_ending', 'birthday', 'overdue'] as const;
export type RenewalReason = (typeof RENEWAL_REASONS)[number];
export const RENEWAL_OUTCOMES = ['reached', 'no_answer', 'will_renew', 'renewed', 'not_interested'] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];

/** One recorded outcome of a follow-up. */
export interface RenewalFollowUp {
  id: number;
  memberId: number;
  reason: RenewalReason;
  outcome: RenewalOutcome;
  /** For 'not_interested': why (one of the owner's cancel reasons, or the desk's own words). */
  lostReason: string | null;
  /** 1–5, when the member gave feedback. */
  satisfaction: number | null;
  comment: string;
  staffName: string;
  date: string;
  at: string;
}

/**
 * One line of the daily list: a member and one reason. `date` and `days` are the facts the "why", the call
 * script and the message template are written from (which date and how far from today depends on the reason).
 */
export interface RenewalItem {
  memberId: number;
  memberName: string;
  phone: string;
  reason: RenewalReason;
  /**
   * membership_ending / pack_ending: the last day of service; freeze_ending: the day service resumes;
   * no_visit: the last visit (null: never came, and `days` counts from the membership's start); new_member: the first day; birthday: this year's birthday;
   * overdue: the oldest unpaid due date.
   */
  date: string | null;
  /** Days from today to `date` (ahead: ending, freeze, birthday) or since it (no_visit, new_member, overdue). */
  days: number;
  /** pack_low / pack_ending: sessions left in the pack. */
  sessionsLeft: number | null;
  /** The plan or pack name, when there is one. */
  planName: string | null;
  /** overdue: the amount overdue (minor units). */
  amount: number | null;
  /** The outcome recorded today for this member and reason, if any (the item then shows as done). */
  done: RenewalFollowUp | null;
}

export interface RenewalList {
  date: string;
  items: RenewalItem[];
}

export const renewalRecordInput = z
  .strictObject({
    memberId: id,
    reason: z.enum(RENEWAL_REASONS, 'invalid_choice'),
    outcome: z.enum(RENEWAL_OUTCOMES, 'invalid_choice'),
    lostReason: requiredLine(60).optional(),
    satisfaction: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(5, 'out_of_range').optional(),
    comment: text(1000).default(''),
  })
  .refine((f) => (f.outcome === 'not_interested') === (f.lostReason !== undefined), { message: 'lost_reason', path: ['lostReason'] });
export type RenewalRecordInput = z.infer<typeof renewalRecordInput>;

export const renewalChannels = {
  /** The daily list for today (the injected clock, the business time zone) by the owner's rules. */
  'renewals.today': channel<RenewalList>()(z.strictObject({}), { access: 'desk', mutates: false }),
  'renewals.record': channel<RenewalFollowUp>()(renewalRecordInput, { access: 'desk', mutates: true }),
  'renewals.history': channel<RenewalFollowUp[]>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
};
