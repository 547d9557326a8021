/** Output types of the billing-side channels. Plain data: they cross IPC. */
import type { Alignment, Interval } from '../billing/periods';
// The billing vocabulary is the pure layer's (electron/billing); the contract speaks it too.
import type { DiscountTerms, InvoiceLineKind, SubscriptionStatus } from '../billing/vocabulary';
export type { DiscountTerms, InvoiceLineKind, SubscriptionStatus };

/** 'dropin': one visit today (单次入场), sold at the desk; it checks the member in. */
export type PlanKind = 'recurring' | 'pack' | 'dropin';

export interface Plan {
  id: number;
  kind: PlanKind;
  name: string;
  description: string;
  price: number;
  taxRateBp: number;
  interval: Interval | null;
  intervalCount: number | null;
  alignment: Alignment | null;
  setupFee: number;
  trialDays: number;
  sessionQuota: number | null;
  termPeriods: number | null;
  autoRenew: boolean;
  freezeDaysPerYear: number;
  freezeFee: number;
  /** 'extend': a freeze moves the card's dates later; 'credit': unused days become account credit. */
  pauseMode: 'extend' | 'credit';
  packSessions: number | null;
  packValidDays: number | null;
  checkinsPerDay: number;
  archived: boolean;
  /** Monthly-normalised price, for comparing plans (upgrade vs downgrade) and MRR. */
  monthlyPrice: number;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  id: number;
  name: string;
  phone: string;
  cardNo: string | null;
  birthday: string | null;
  payerId: number | null;
  notes: string;
  tags: string[];
  mergedInto: number | null;
  createdAt: string;
  updatedAt: string;
}


export interface Subscription {
  id: number;
  memberId: number;
  memberName: string;
  payerId: number;
  planId: number;
  planName: string;
  /** The plan's freeze days a year (0: the plan allows no freezes, so the desk offers none). */
  freezeDaysPerYear: number;
  price: number;
  taxRateBp: number;
  interval: Interval;
  intervalCount: number;
  alignment: Alignment;
  startDate: string;
  anchorDate: string;
  status: SubscriptionStatus;
  /** The next period start that has not been invoiced yet; null when billing has stopped. */
  nextBillDate: string | null;
  /** Service stops on this day (exclusive); null while open-ended. */
  endDate: string | null;
  cancelAtPeriodEnd: boolean;
  termPeriods: number | null;
  autoRenew: boolean;
  periodsBilled: number;
  discount: DiscountTerms | null;
  pendingPlanId: number | null;
  pendingChangeDate: string | null;
  /** The pause in force or scheduled, if any. */
  pause: { id: number; startDate: string; endDate: string | null } | null;
  addons: Addon[];
  createdAt: string;
  updatedAt: string;
}

export interface Addon {
  id: number;
  subscriptionId: number;
  name: string;
  price: number;
  taxRateBp: number;
  startDate: string;
  endDate: string | null;
}


export interface InvoiceLine {
  id: number;
  position: number;
  kind: InvoiceLineKind;
  description: string;
  subscriptionId: number | null;
  addonId: number | null;
  planId: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** The price or prorated price before tax treatment; negative for credits and discounts. */
  amount: number;
  taxRateBp: number;
  net: number;
  tax: number;
  gross: number;
  /** Whom the line is for (a payer's invoice may have lines for several members). */
  memberId: number | null;
  memberName: string | null;
  /** The full-period price the amount was prorated from, before discounts (for a discount: the discount on the full period). */
  listPrice: number | null;
  /** Days of service the line covers, of a period of daysInPeriod days; null for a line with no period. */
  daysUsed: number | null;
  daysInPeriod: number | null;
}

export type InvoiceStatus = 'open' | 'partly_paid' | 'paid' | 'void';

export interface Invoice {
  id: number;
  number: string;
  payerId: number;
  payerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  subtotal: number;
  taxTotal: number;
  total: number;
  /** Whether its prices included tax: the business setting on the day it was issued. */
  taxMode: 'inclusive' | 'exclusive';
  /** What has settled it: payments, credit notes and bonus credit. */
  settled: number;
  balance: number;
  status: InvoiceStatus;
  overdue: boolean;
  daysOverdue: number;
}

export interface Allocation {
  id: number;
  source: 'payment' | 'credit_note' | 'bonus';
  sourceId: number;
  amount: number;
  date: string;
}

export interface CreditNoteLine {
  id: number;
  position: number;
  invoiceLineId: number | null;
  subscriptionId: number | null;
  description: string;
  periodStart: string | null;
  periodEnd: string | null;
  taxRateBp: number;
  net: number;
  tax: number;
  gross: number;
}

export interface CreditNote {
  id: number;
  number: string;
  payerId: number;
  invoiceId: number | null;
  issueDate: string;
  reason: string;
  subtotal: number;
  taxTotal: number;
  total: number;
  settlement: 'credit' | 'refund';
  lines: CreditNoteLine[];
}

export interface InvoiceDetail extends Invoice {
  lines: InvoiceLine[];
  allocations: Allocation[];
  creditNotes: CreditNote[];
  voidReason: string | null;
  /** The payer's balance after this invoice (signed: negative = in credit); screens show payerOwes and payerCredit. */
  payerBalance: number;
  /** What the payer owes now (open invoices), never negative. */
  payerOwes: number;
  /** What the payer can spend now (paid + bonus credit), never negative. */
  payerCredit: number;
}

export interface PayerBalance {
  payerId: number;
  /** issued invoices − credit notes − payments + refunds − bonus applied (docs/billing.md), derived from records. */
  balance: number;
  invoiced: number;
  credited: number;
  paid: number;
  refunded: number;
  bonusApplied: number;
  /** Unallocated paid credit (储值): refundable. */
  paidCredit: number;
  /** Unallocated bonus credit (充值赠送): usable, not refundable. */
  bonusCredit: number;
  /** Sum of open invoice balances. */
  due: number;
  /** Money owed (欠款): what the screens show instead of a signed balance; never negative. */
  owes: number;
  /** Money the member can spend (可用余额): paid credit + bonus credit; never negative. */
  credit: number;
}

/** What a lifecycle action did (or, with dryRun, would do). */
export interface ActionResult {
  dryRun: boolean;
  subscription: Subscription;
  invoices: InvoiceDetail[];
  creditNotes: CreditNote[];
}

export interface BillingRun {
  id: number;
  trigger: 'startup' | 'hourly' | 'midnight' | 'manual';
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  /** 'held': a catch-up beyond the owner's limits (the clock jumped ahead?) billed nothing and waits for the owner. */
  status: 'running' | 'ok' | 'partial' | 'refused_clock_behind' | 'held';
  invoicesCreated: number;
  amountTotal: number;
  errors: { subscriptionId: number; message: string }[];
  message: string;
  /** A held run's figures: the last run's as-of date and how many invoices the catch-up would create. */
  held: { lastAsOf: string; wouldCreate: number } | null;
}

export interface PreviewLine {
  kind: InvoiceLineKind;
  description: string;
  subscriptionId: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  amount: number;
  taxRateBp: number;
  net: number;
  tax: number;
  gross: number;
}

export interface PreviewInvoice {
  payerId: number;
  payerName: string;
  issueDate: string;
  dueDate: string;
  lines: PreviewLine[];
  total: number;
}

export interface BillingPreview {
  asOf: string;
  invoices: PreviewInvoice[];
  count: number;
  total: number;
  /** Of those, the invoices with late fees (one per payer: alone, or on the payer's period invoice of the day), their fee lines (one per overdue invoice) and the fees' total. */
  lateFees: { invoices: number; fees: number; total: number };
}

export interface ForecastMonth {
  month: string; // YYYY-MM
  invoices: number;
  total: number;
}

export interface MemberPack {
  id: number;
  memberId: number;
  planId: number;
  planName: string;
  invoiceId: number | null;
  sessionsTotal: number;
  sessionsUsed: number;
  startDate: string;
  expiresOn: string;
  status: 'active' | 'used_up' | 'expired';
}

/** What a proposed freeze would do to the card, shown before it is booked. */
export interface FreezePreview {
  subscriptionId: number;
  mode: 'extend' | 'credit';
  startDate: string;
  /** First day back (null: until further notice). */
  resumeDate: string | null;
  frozenDays: number | null;
  nextBillDateBefore: string | null;
  endsOnBefore: string | null;
  /** The next bill date once resumed (null when open-ended: it moves when the member comes back). */
  nextBillDate: string | null;
  /** The card's end after the freeze (null: open-ended card, or an open-ended freeze of a fixed term). */
  endsOn: string | null;
  /** The calendar year the allowance figures are for (the freeze's first day's). */
  year: number;
  /** The plan's freeze days a year; null = no limit. */
  allowanceDays: number | null;
  grantedDays: number;
  /** Days already frozen that year by this card's other freezes. */
  usedDays: number;
  /** What is left of the year's allowance after this freeze; null = no limit. */
  daysLeft: number | null;
  freezeFee: number;
}

export interface FreezeGrant {
  id: number;
  memberId: number;
  year: number;
  days: number;
  /** All days granted to the member for that year, this grant included. */
  grantedDays: number;
  reason: string;
}
