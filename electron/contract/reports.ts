/**
 * The owner's reports. Each takes a date range (business dates, both ends inclusive; the end is
 * clipped to today) and answers in monthly buckets. Definitions: docs/reports.md.
 * Money in minor units; rates in basis points (10000 = 100 %), null where undefined (÷ 0).
 */
import { z } from 'zod';
import { channel } from './define';
import { empty, isoDate } from './common';

/** One month of a range, clipped to the range. */
export interface BucketInfo {
  month: string;
  start: string;
  end: string;
}

export interface MrrRow extends BucketInfo {
  /** MRR at the end of the day before the bucket, and at the end of its last day. */
  startMrr: number;
  endMrr: number;
  new: number;
  expansion: number;
  /** The part of expansion that is a discount running out (same prices, less off). */
  discountEnded: number;
  contraction: number;
  churned: number;
  reactivation: number;
  /** MRR of members who froze (paused) and who came back from a freeze (resumed). */
  paused: number;
  resumed: number;
  /** new + expansion + reactivation + resumed − contraction − churned − paused = endMrr − startMrr. */
  netNew: number;
  /** Customers (members with a subscription in service or frozen) at the start and end. */
  customersStart: number;
  customersEnd: number;
  /** Customers paying at the end (a frozen member pays nothing). */
  payingEnd: number;
  newCustomers: number;
  reactivatedCustomers: number;
  lostCustomers: number;
  /** Of the lost, those who were customers at the start (one who joined and left inside the bucket is not). */
  lostFromStart: number;
  /** lostFromStart ÷ customersStart. */
  customerChurnBp: number | null;
  grossRevenueChurnBp: number | null;
  netRevenueChurnBp: number | null;
  nrrBp: number | null;
  /** endMrr ÷ paying customers. */
  arpu: number | null;
  /** ARPU ÷ the customer churn rate pooled over this and the two buckets before it. */
  ltv: number | null;
}

export interface MrrReport {
  from: string;
  to: string;
  rows: MrrRow[];
  totals: {
    startMrr: number;
    endMrr: number;
    new: number;
    expansion: number;
    discountEnded: number;
    contraction: number;
    churned: number;
    reactivation: number;
    paused: number;
    resumed: number;
    netNew: number;
    customersStart: number;
    customersEnd: number;
    newCustomers: number;
    reactivatedCustomers: number;
    lostCustomers: number;
    lostFromStart: number;
    /** Lost of those at the start ÷ customers at the start, pooled over the buckets: the average monthly churn. */
    customerChurnBp: number | null;
    grossRevenueChurnBp: number | null;
    netRevenueChurnBp: number | null;
    /** MRR at the end from the customers of the start ÷ MRR at the start (the range's cohort). */
    nrrBp: number | null;
    arpu: number | null;
    ltv: number | null;
  };
}

export interface RevenueRow extends BucketInfo {
  /** Issued invoices (net of tax) by issue date, less credit notes by their date. */
  invoiced: number;
  credited: number;
  tax: number;
  /** Accrual: recognised over the service days (prepaid months spread), one-off charges on their invoice date. */
  recognised: number;
  /** Bonus credit (充值赠送) used to settle invoices, without tax (its share of each invoice's net): a discount, not revenue. */
  bonusUsed: number;
  /** recognised − bonusUsed. */
  netRevenue: number;
  /** Invoiced (net of credits) but not yet recognised, at the bucket's end: service still owed. */
  deferredEnd: number;
  /** Cash basis: payments received, refunds paid, and the difference. */
  collected: number;
  refunded: number;
  netCollected: number;
}

export interface RevenueReport {
  from: string;
  to: string;
  rows: RevenueRow[];
  totals: Omit<RevenueRow, keyof BucketInfo | 'deferredEnd'> & { deferredStart: number; deferredEnd: number };
}

export interface CashFlowRow extends BucketInfo {
  collected: number;
  refunded: number;
  expenses: number;
  /** collected − refunded − expenses. */
  net: number;
  /** Running sum of net from the start of the range. */
  running: number;
}

export interface CashFlowReport {
  from: string;
  to: string;
  rows: CashFlowRow[];
  totals: { collected: number; refunded: number; expenses: number; net: number };
  /** Expenses of the range by category. */
  expensesByCategory: { categoryId: number; nameEn: string; nameZh: string; amount: number }[];
}

export interface AgingPayerRow {
  payerId: number;
  payerName: string;
  phone: string;
  invoices: number;
  oldestDueDate: string;
  current: number;
  d1_30: number;
  d31_60: number;
  d61_90: number;
  d90plus: number;
  total: number;
}

export interface AgingReport {
  asOf: string;
  rows: AgingPayerRow[];
  totals: { current: number; d1_30: number; d31_60: number; d61_90: number; d90plus: number; total: number };
}

/** One thing revenue or money is split by: a plan, add-ons, late fees, other; or a payment method. */
export interface BreakdownKey {
  key: string;
  /** A plan's name, a custom method's name; '' where the screen translates `key` (built-in methods, add-ons…). */
  name: string;
}

export interface BreakdownReport {
  from: string;
  to: string;
  by: 'plan' | 'method';
  keys: BreakdownKey[];
  rows: (BucketInfo & { values: Record<string, number>; total: number })[];
  totals: { values: Record<string, number>; total: number };
}

export interface AttendanceReport {
  from: string;
  to: string;
  total: number;
  /** Visits by day of the week, Monday first. */
  byWeekday: number[];
  /** Visits by hour of the day (business time zone), 0–23. */
  byHour: number[];
  /** [weekday Monday first][hour]. */
  grid: number[][];
  rows: (BucketInfo & { visits: number })[];
}

export interface ForecastReport {
  /** The first forecast month is the current one (what is still to be invoiced this month). */
  rows: { month: string; invoices: number; total: number; withChurn: number }[];
  totals: { invoices: number; total: number; withChurn: number };
  /** Customer churn pooled over the last 3 full months, applied as (1 − churn)^k to month k. */
  churnBp: number;
  churnBasis: { from: string; to: string; lost: number; customersAtStart: number };
}

export type RiskReason = 'overdue' | 'pause_ending' | 'no_visit';

export interface MemberAtRisk {
  memberId: number;
  name: string;
  phone: string;
  reasons: RiskReason[];
  /** Overdue balance of the member's payer (for 'overdue'). */
  overdue: number;
  daysOverdue: number;
  /** When a freeze ends (for 'pause_ending'). */
  pauseEnds: string | null;
  /** Last check-in (null: never). */
  lastVisit: string | null;
}

export interface Dashboard {
  today: string;
  checkinsToday: number;
  moneyToday: { method: string; name: string; received: number; refunded: number; payments: number }[];
  moneyTodayTotal: number;
  overdueTotal: number;
  overduePayers: number;
  activeMembers: number;
  payingMembers: number;
  mrr: number;
  mrrMonthStart: number;
  mrrChange: number;
  atRisk: MemberAtRisk[];
  atRiskCounts: Record<RiskReason, number>;
}

/** The longest range a report takes (ten years): beyond that nobody reads monthly buckets. */
export const MAX_RANGE_DAYS = 3660;

export const reportRange = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: 'date_range', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * 86_400_000, { message: 'out_of_range', path: ['from'] });

export const reportChannels = {
  'reports.mrr': channel<MrrReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.revenue': channel<RevenueReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.cashflow': channel<CashFlowReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.breakdown': channel<BreakdownReport>()(
    z
      .strictObject({ from: isoDate, to: isoDate, by: z.enum(['plan', 'method'], 'invalid_choice') })
      .refine((r) => r.from <= r.to, { message: 'date_range', path: ['to'] })
      .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * 86_400_000, { message: 'out_of_range', path: ['from'] }),
    { access: 'manager', mutates: false },
  ),
  'reports.attendance': channel<AttendanceReport>()(reportRange, { access: 'manager', mutates: false }),
  /** Open balances by days past due, as of today. */
  'reports.aging': channel<AgingReport>()(empty, { access: 'manager', mutates: false }),
  /** The next 12 months as billing would invoice them (projected in memory), with and without the trailing churn. */
  'reports.forecast': channel<ForecastReport>()(empty, { access: 'manager', mutates: false }),
  'reports.dashboard': channel<Dashboard>()(empty, { access: 'manager', mutates: false }),
};

/** The getting-started checklist (electron/books/reports/getting-started.ts): each step read from the data. */
export interface GettingStarted {
  /** A plan on sale. */
  plan: boolean;
  /** A member. */
  member: boolean;
  /** Something sold: a membership or a pack (a drop-in included). */
  sale: boolean;
  /** This PC's backup folder chosen. */
  backupFolder: boolean;
  /** All four: the checklist is no longer shown. */
  done: boolean;
  /** Where the first sale is made: the first member's page; null before there is a member. */
  firstMemberId: number | null;
}

export const gettingStartedChannels = {
  'reports.gettingStarted': channel<GettingStarted>()(empty, { access: 'manager', mutates: false }),
};

/* ---------- Classes and keeping members (issue 15): read straight from the class and follow-up tables ---------- */

/** What a group of held sessions did (docs/reports.md, "Classes and keeping members"). */
export interface ClassFillFigures {
  /** Sessions held: not cancelled, dated in the range, started by now. */
  sessions: number;
  /** Σ the sessions' places. */
  places: number;
  /** Places taken: bookings booked or attended. */
  taken: number;
  /** taken ÷ places. */
  fillBp: number | null;
  attended: number;
  noShows: number;
  lateCancels: number;
}

export interface ClassFillReport {
  from: string;
  to: string;
  byType: (ClassFillFigures & { classTypeId: number; name: string; colour: string })[];
  /** By weekday (0 = Monday … 6 = Sunday) and start time, in that order. */
  bySlot: (ClassFillFigures & { weekday: number; startTime: string })[];
  totals: ClassFillFigures;
}

/** A teacher's sessions held, minutes taught and attendances (a substitute counts for the sessions they taught). */
export interface TeacherFigures {
  sessions: number;
  minutes: number;
  attended: number;
  noShows: number;
}

export interface TeacherReport {
  from: string;
  to: string;
  /** teacherId null: sessions held with no teacher set. */
  teachers: (TeacherFigures & { teacherId: number | null; name: string })[];
  /** The same per calendar month of the range (the month clipped to the range), for pay. */
  months: (TeacherFigures & BucketInfo & { teacherId: number | null; name: string })[];
  totals: TeacherFigures;
}

/** Members whose membership ended in a month, and how many of them took a membership again within the grace. */
export interface RenewalRateFigures {
  ended: number;
  renewed: number;
  /** Not renewed yet, and the grace is not over today. */
  pending: number;
  /** Grace over, no membership after it. */
  lost: number;
  /** renewed ÷ ended. */
  rateBp: number | null;
}

export interface RenewalRateReport {
  from: string;
  to: string;
  /** Days after the end within which a new membership's start counts as a renewal. */
  graceDays: number;
  rows: (RenewalRateFigures & BucketInfo)[];
  totals: RenewalRateFigures;
}

export interface ChurnReasonReport {
  from: string;
  to: string;
  /** Memberships cancelled at the desk whose service ended in the range, by the reason picked; reason null: none given. Most first. */
  rows: { reason: string | null; cancellations: number; shareBp: number | null }[];
  total: number;
}

export interface FollowUpFigures {
  /** Distinct (member, reason, day) items with an outcome recorded. */
  items: number;
  /** Each item counted once, by the last outcome recorded for it that day. */
  outcomes: Record<'reached' | 'no_answer' | 'will_renew' | 'renewed' | 'not_interested', number>;
  /** Items whose member bought a membership or pack within the window after the follow-up. */
  renewed: number;
  /** renewed ÷ items. */
  renewedBp: number | null;
}

export interface FollowUpReport {
  from: string;
  to: string;
  /** Days after a follow-up within which a purchase counts as the renewal it led to. */
  windowDays: number;
  byReason: (FollowUpFigures & { reason: string })[];
  /** By who recorded the item's last outcome; '' when nobody was signed in. */
  byStaff: (FollowUpFigures & { staffName: string })[];
  totals: FollowUpFigures;
}

export { FOLLOW_UP_WINDOW_DAYS, RENEWAL_GRACE_DAYS } from '../../shared/report-labels';

export const classReportChannels = {
  'reports.classFill': channel<ClassFillReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.teachers': channel<TeacherReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.renewalRate': channel<RenewalRateReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.churnReasons': channel<ChurnReasonReport>()(reportRange, { access: 'manager', mutates: false }),
  'reports.followUps': channel<FollowUpReport>()(reportRange, { access: 'manager', mutates: false }),
};
