/**
 * One row type per table: exactly the columns the migrations create, in their order, as
 * `SELECT *` returns them. Each type is derived from a runtime column list, so
 * test/integration/db/rows.test.ts can compare every list with the migrated schema
 * (`PRAGMA table_xinfo`): a migration that adds, drops or changes a column fails that test
 * until its row type here follows.
 *
 * Column specs: 'integer' | 'text' (add `?` when the column may be NULL), or a tuple of the
 * values a CHECK (col IN (...)) allows, with `null` in the tuple when the column is nullable.
 * An INTEGER PRIMARY KEY is never NULL (it is the rowid). 0/1 flags stay `number`.
 *
 * Not listed: the full-text index `member_search` (a virtual table) and its shadow tables
 * member_search_data, _idx, _docsize and _config, which SQLite owns.
 */

type Spec = 'integer' | 'integer?' | 'text' | 'text?' | readonly (string | null)[];
type Columns = Record<string, Spec>;

type ColType<S> = S extends 'integer'
  ? number
  : S extends 'integer?'
    ? number | null
    : S extends 'text'
      ? string
      : S extends 'text?'
        ? string | null
        : S extends readonly (infer U)[]
          ? U
          : never;

/** The row a `SELECT *` of a table with these columns returns. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: ColType<C[K]> };

export const metaColumns = {
  key: 'text',
  value: 'text',
} as const satisfies Columns;
export type MetaRow = RowOf<typeof metaColumns>;

export const auditLogColumns = {
  id: 'integer',
  at: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
  channel: 'text',
  entity: 'text',
  entity_id: 'text',
  before: 'text?',
  after: 'text?',
  prev_hash: 'text',
  hash: 'text',
  device: 'text?',
} as const satisfies Columns;
export type AuditLogRow = RowOf<typeof auditLogColumns>;

export const plansColumns = {
  id: 'integer',
  kind: ['recurring', 'pack'],
  name: 'text',
  description: 'text',
  price: 'integer',
  tax_rate_bp: 'integer',
  interval: ['week', 'month', 'year', null],
  interval_count: 'integer?',
  alignment: ['anniversary', 'calendar', null],
  setup_fee: 'integer',
  trial_days: 'integer',
  session_quota: 'integer?',
  term_periods: 'integer?',
  auto_renew: 'integer',
  freeze_days_per_year: 'integer',
  freeze_fee: 'integer',
  pack_sessions: 'integer?',
  pack_valid_days: 'integer?',
  checkins_per_day: 'integer',
  archived: 'integer',
  created_at: 'text',
  updated_at: 'text',
  single_visit: 'integer',
  pause_mode: ['extend', 'credit'],
} as const satisfies Columns;
export type PlanRow = RowOf<typeof plansColumns>;

export const membersColumns = {
  id: 'integer',
  name: 'text',
  phone: 'text',
  card_no: 'text?',
  birthday: 'text?',
  payer_id: 'integer?',
  notes: 'text',
  tags: 'text',
  search_text: 'text',
  merged_into: 'integer?',
  created_at: 'text',
  updated_at: 'text',
  sort_key: 'text?',
} as const satisfies Columns;
export type MemberRow = RowOf<typeof membersColumns>;

export const subscriptionsColumns = {
  id: 'integer',
  member_id: 'integer',
  plan_id: 'integer',
  price: 'integer',
  tax_rate_bp: 'integer',
  interval: ['week', 'month', 'year'],
  interval_count: 'integer',
  alignment: ['anniversary', 'calendar'],
  start_date: 'text',
  anchor_date: 'text',
  status: ['trialing', 'active', 'paused', 'cancelled', 'ended'],
  next_bill_date: 'text?',
  end_date: 'text?',
  cancel_at_period_end: 'integer',
  term_periods: 'integer?',
  auto_renew: 'integer',
  periods_billed: 'integer',
  discount_kind: ['percent', 'fixed', null],
  discount_value: 'integer?',
  discount_duration: ['once', 'repeating', 'forever', null],
  discount_periods: 'integer?',
  pending_plan_id: 'integer?',
  pending_change_date: 'text?',
  created_at: 'text',
  updated_at: 'text',
  /** The next date the state machine must look at this subscription (null: compute it). */
  wake_date: 'text?',
  /** The reason the desk picked when it was cancelled (migration 021). */
  cancel_reason: 'text?',
  /** Visits a period allows, copied from the plan when sold or switched (migration 029); null: no limit. */
  session_quota: 'integer?',
  /** Visits a day counted at the door, copied from the plan like the quota (migration 029). */
  checkins_per_day: 'integer',
  /** 1: brought in by the member import, paid outside Subdesk until its first bill here (migration 030). */
  imported: 'integer',
} as const satisfies Columns;
export type SubscriptionRow = RowOf<typeof subscriptionsColumns>;

export const subscriptionPausesColumns = {
  id: 'integer',
  subscription_id: 'integer',
  start_date: 'text',
  end_date: 'text?',
  resumed_on: 'text?',
  created_at: 'text',
  /** The plan's pause mode when the pause was taken. */
  mode: ['extend', 'credit'],
} as const satisfies Columns;
export type SubscriptionPauseRow = RowOf<typeof subscriptionPausesColumns>;

export const subscriptionAddonsColumns = {
  id: 'integer',
  subscription_id: 'integer',
  name: 'text',
  price: 'integer',
  tax_rate_bp: 'integer',
  start_date: 'text',
  end_date: 'text?',
  created_at: 'text',
} as const satisfies Columns;
export type SubscriptionAddonRow = RowOf<typeof subscriptionAddonsColumns>;

/** Extra freeze days granted to one member for one calendar year. */
export const freezeGrantsColumns = {
  id: 'integer',
  member_id: 'integer',
  year: 'integer',
  days: 'integer',
  reason: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
  created_at: 'text',
} as const satisfies Columns;
export type FreezeGrantRow = RowOf<typeof freezeGrantsColumns>;

export const numberSequencesColumns = {
  key: 'text',
  value: 'integer',
} as const satisfies Columns;
export type NumberSequenceRow = RowOf<typeof numberSequencesColumns>;

export const invoicesColumns = {
  id: 'integer',
  number: 'text',
  payer_id: 'integer',
  issue_date: 'text',
  due_date: 'text',
  currency: 'text',
  subtotal: 'integer',
  tax_total: 'integer',
  total: 'integer',
  status: ['issued', 'void'],
  void_reason: 'text?',
  voided_at: 'text?',
  late_fee_invoiced: 'integer',
  run_id: 'integer?',
  created_at: 'text',
  tax_mode: ['inclusive', 'exclusive', null],
} as const satisfies Columns;
export type InvoiceRow = RowOf<typeof invoicesColumns>;

export const invoiceLinesColumns = {
  id: 'integer',
  invoice_id: 'integer',
  position: 'integer',
  kind: [
    'period',
    'addon',
    'setup_fee',
    'freeze_fee',
    'pack',
    'proration_charge',
    'proration_credit',
    'discount',
    'household_discount',
    'late_fee',
    'adjustment',
  ],
  description: 'text',
  subscription_id: 'integer?',
  addon_id: 'integer?',
  plan_id: 'integer?',
  period_start: 'text?',
  period_end: 'text?',
  amount: 'integer',
  tax_rate_bp: 'integer',
  net: 'integer',
  tax: 'integer',
  gross: 'integer',
  member_id: 'integer?',
  list_price: 'integer?',
  days_in_period: 'integer?',
  days_used: 'integer?',
} as const satisfies Columns;
export type InvoiceLineRow = RowOf<typeof invoiceLinesColumns>;

export const creditNotesColumns = {
  id: 'integer',
  number: 'text',
  payer_id: 'integer',
  invoice_id: 'integer?',
  issue_date: 'text',
  reason: 'text',
  subtotal: 'integer',
  tax_total: 'integer',
  total: 'integer',
  settlement: ['credit', 'refund'],
  created_at: 'text',
} as const satisfies Columns;
export type CreditNoteRow = RowOf<typeof creditNotesColumns>;

export const creditNoteLinesColumns = {
  id: 'integer',
  credit_note_id: 'integer',
  position: 'integer',
  invoice_line_id: 'integer?',
  subscription_id: 'integer?',
  description: 'text',
  period_start: 'text?',
  period_end: 'text?',
  tax_rate_bp: 'integer',
  net: 'integer',
  tax: 'integer',
  gross: 'integer',
} as const satisfies Columns;
export type CreditNoteLineRow = RowOf<typeof creditNoteLinesColumns>;

export const paymentsColumns = {
  id: 'integer',
  payer_id: 'integer',
  date: 'text',
  method: 'text',
  amount: 'integer',
  reference: 'text',
  note: 'text',
  staff_id: 'integer?',
  created_at: 'text',
  staff_name: 'text',
  tendered: 'integer?',
  promotion_id: 'integer?',
} as const satisfies Columns;
export type PaymentRow = RowOf<typeof paymentsColumns>;

export const bonusGrantsColumns = {
  id: 'integer',
  payer_id: 'integer',
  payment_id: 'integer?',
  date: 'text',
  amount: 'integer',
  reason: 'text',
  created_at: 'text',
  /** Migration 027: bonus given back by a credit note (the days it paid for were credited). */
  credit_note_id: 'integer?',
} as const satisfies Columns;
export type BonusGrantRow = RowOf<typeof bonusGrantsColumns>;

export const allocationsColumns = {
  id: 'integer',
  invoice_id: 'integer',
  payment_id: 'integer?',
  credit_note_id: 'integer?',
  bonus_grant_id: 'integer?',
  amount: 'integer',
  date: 'text',
  created_at: 'text',
} as const satisfies Columns;
export type AllocationRow = RowOf<typeof allocationsColumns>;

export const refundsColumns = {
  id: 'integer',
  payer_id: 'integer',
  payment_id: 'integer?',
  credit_note_id: 'integer?',
  date: 'text',
  method: 'text',
  amount: 'integer',
  reason: 'text',
  staff_id: 'integer?',
  created_at: 'text',
  staff_name: 'text',
} as const satisfies Columns;
export type RefundRow = RowOf<typeof refundsColumns>;

export const memberPacksColumns = {
  id: 'integer',
  member_id: 'integer',
  plan_id: 'integer',
  invoice_id: 'integer?',
  sessions_total: 'integer',
  start_date: 'text',
  expires_on: 'text',
  created_at: 'text',
  /** Visits a day counted at the door, copied from the plan when sold (migration 029). */
  checkins_per_day: 'integer',
} as const satisfies Columns;
export type MemberPackRow = RowOf<typeof memberPacksColumns>;

export const billingRunsColumns = {
  id: 'integer',
  trigger: ['startup', 'hourly', 'midnight', 'manual'],
  as_of: 'text',
  started_at: 'text',
  finished_at: 'text?',
  status: ['running', 'ok', 'partial', 'refused_clock_behind'],
  invoices_created: 'integer',
  amount_total: 'integer',
  errors: 'text',
  message: 'text',
  held_after: 'text?',
  held_count: 'integer?',
} as const satisfies Columns;
export type BillingRunRow = RowOf<typeof billingRunsColumns>;

export const staffColumns = {
  id: 'integer',
  name: 'text',
  role: ['desk', 'manager', 'owner'],
  pin_hash: 'text',
  active: 'integer',
  failed_attempts: 'integer',
  locked_until: 'text?',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type StaffRow = RowOf<typeof staffColumns>;

export const checkinsColumns = {
  id: 'integer',
  member_id: 'integer',
  date: 'text',
  at: 'text',
  subscription_id: 'integer?',
  pack_id: 'integer?',
  staff_id: 'integer?',
  staff_name: 'text',
  override_reason: 'text?',
  blocked: 'text?',
  undone_at: 'text?',
  undone_by: 'text?',
  undo_reason: 'text?',
  class_booking_id: 'integer?',
  /** Kept at a connected desk while the main desk was unreachable: that desk, and the moment at its door (UTC). */
  kept_device: 'text?',
  kept_at: 'text?',
} as const satisfies Columns;
export type CheckinRow = RowOf<typeof checkinsColumns>;

export const memberMergesColumns = {
  id: 'integer',
  kept_id: 'integer',
  merged_id: 'integer',
  moved: 'text',
  kept_before: 'text',
  merged_before: 'text',
  at: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
} as const satisfies Columns;
export type MemberMergeRow = RowOf<typeof memberMergesColumns>;

export const paymentMethodsColumns = {
  code: 'text',
  name: 'text',
  is_cash: 'integer',
  active: 'integer',
  builtin: 'integer',
  position: 'integer',
} as const satisfies Columns;
export type PaymentMethodRow = RowOf<typeof paymentMethodsColumns>;

export const topupPromotionsColumns = {
  id: 'integer',
  name: 'text',
  min_amount: 'integer',
  bonus: 'integer',
  active: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type TopupPromotionRow = RowOf<typeof topupPromotionsColumns>;

export const moneyRequestsColumns = {
  request_id: 'text',
  channel: 'text',
  result: 'text',
  created_at: 'text',
} as const satisfies Columns;
export type MoneyRequestRow = RowOf<typeof moneyRequestsColumns>;

export const followUpsColumns = {
  id: 'integer',
  payer_id: 'integer',
  kind: ['called', 'message', 'promised'],
  promised_date: 'text?',
  note: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
  date: 'text',
  at: 'text',
} as const satisfies Columns;
export type FollowUpRow = RowOf<typeof followUpsColumns>;

export const renewalFollowUpsColumns = {
  id: 'integer',
  member_id: 'integer',
  reason: ['membership_ending', 'pack_ending', 'pack_low', 'no_visit', 'new_member', 'freeze_ending', 'birthday', 'overdue'],
  outcome: ['reached', 'no_answer', 'will_renew', 'renewed', 'not_interested'],
  lost_reason: 'text?',
  satisfaction: 'integer?',
  comment: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
  date: 'text',
  at: 'text',
} as const satisfies Columns;
export type RenewalFollowUpRow = RowOf<typeof renewalFollowUpsColumns>;

export const dayCloseoutsColumns = {
  id: 'integer',
  date: 'text',
  totals: 'text',
  received_total: 'integer',
  refunded_total: 'integer',
  expected_cash: 'integer',
  counted_cash: 'integer',
  difference: 'integer',
  note: 'text',
  closed_by: 'integer?',
  closed_by_name: 'text',
  closed_at: 'text',
  reopened_by: 'integer?',
  reopened_by_name: 'text?',
  reopened_at: 'text?',
  reopen_reason: 'text?',
  opening_float: 'integer',
} as const satisfies Columns;
export type DayCloseoutRow = RowOf<typeof dayCloseoutsColumns>;

export const lateFeesColumns = {
  invoice_id: 'integer',
  fee_invoice_id: 'integer',
  amount: 'integer',
  date: 'text',
  created_at: 'text',
} as const satisfies Columns;
export type LateFeeRow = RowOf<typeof lateFeesColumns>;

export const documentSettingsColumns = {
  id: 'integer',
  logo: 'text',
  receipt_width: 'integer',
  receipt_printer: 'text',
  silent_receipts: 'integer',
  receipt_footer: 'text',
  updated_at: 'text?',
} as const satisfies Columns;
export type DocumentSettingsRow = RowOf<typeof documentSettingsColumns>;

export const expenseCategoriesColumns = {
  id: 'integer',
  code: ['rent', 'salaries', 'utilities', 'equipment', 'marketing', 'other', null],
  name_en: 'text',
  name_zh: 'text',
  active: 'integer',
  position: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ExpenseCategoryRow = RowOf<typeof expenseCategoriesColumns>;

export const expensesColumns = {
  id: 'integer',
  date: 'text',
  amount: 'integer',
  category_id: 'integer',
  method: 'text',
  note: 'text',
  staff_id: 'integer?',
  staff_name: 'text',
  created_at: 'text',
  updated_at: 'text',
  deleted_at: 'text?',
  deleted_by: 'text?',
  delete_reason: 'text?',
} as const satisfies Columns;
export type ExpenseRow = RowOf<typeof expensesColumns>;

export const reportMonthlyColumns = {
  month: 'text',
  measure: 'text',
  key: 'text',
  amount: 'integer',
} as const satisfies Columns;
export type ReportMonthlyRow = RowOf<typeof reportMonthlyColumns>;

export const reportOpenInvoicesColumns = {
  invoice_id: 'integer',
  payer_id: 'integer',
  issue_date: 'text',
  due_date: 'text',
  balance: 'integer',
} as const satisfies Columns;
export type ReportOpenInvoiceRow = RowOf<typeof reportOpenInvoicesColumns>;

export const reportCheckinHoursColumns = {
  date: 'text',
  utc_hour: 'integer',
  visits: 'integer',
} as const satisfies Columns;
export type ReportCheckinHourRow = RowOf<typeof reportCheckinHoursColumns>;

export const reportStateColumns = {
  key: 'text',
  value: 'integer',
} as const satisfies Columns;
export type ReportStateRow = RowOf<typeof reportStateColumns>;

export const reportMrrSpansColumns = {
  member_id: 'integer',
  start: 'text',
  end: 'text',
  mrr: 'integer',
  list_mrr: 'integer',
  paused: 'integer',
} as const satisfies Columns;
export type ReportMrrSpanRow = RowOf<typeof reportMrrSpansColumns>;

export const reportSeenVoidColumns = {
  invoice_id: 'integer',
} as const satisfies Columns;
export type ReportSeenVoidRow = RowOf<typeof reportSeenVoidColumns>;

export const reportRecognisedDailyColumns = {
  day: 'text',
  key: 'text',
  amount: 'integer',
} as const satisfies Columns;
export type ReportRecognisedDailyRow = RowOf<typeof reportRecognisedDailyColumns>;

export const reportDirtyMembersColumns = {
  member_id: 'integer',
} as const satisfies Columns;
export type ReportDirtyMemberRow = RowOf<typeof reportDirtyMembersColumns>;

/** The billing run's open batch (one row, never committed): the last invoice and line ids before it (electron/db/report-batch.ts). */
export const reportBatchColumns = {
  id: 'integer',
  after_invoice: 'integer',
  after_line: 'integer',
  uncommitted: 'integer',
} as const satisfies Columns;
export type ReportBatchRow = RowOf<typeof reportBatchColumns>;

/** A bulk insert of members in progress (one row, never committed): the last member id before it (migration 025). */
export const memberBulkColumns = {
  id: 'integer',
  after_id: 'integer',
  uncommitted: 'integer',
} as const satisfies Columns;
export type MemberBulkRow = RowOf<typeof memberBulkColumns>;

/** Search-index rows an import still owes: members (after_id, upto_id] (migration 031; at most one row). */
export const memberSearchPendingColumns = {
  id: 'integer',
  after_id: 'integer',
  upto_id: 'integer',
} as const satisfies Columns;
export type MemberSearchPendingRow = RowOf<typeof memberSearchPendingColumns>;

/** The business's settings: one row per key, the value as JSON (checked by the settings contract). */
export const settingsColumns = {
  key: 'text',
  value: 'text',
} as const satisfies Columns;
export type SettingsRow = RowOf<typeof settingsColumns>;

/** Promotions (促销活动): campaigns giving a subscription discount on chosen plans between two dates. */
export const promotionsColumns = {
  id: 'integer',
  name: 'text',
  code: 'text?',
  starts_on: 'text',
  ends_on: 'text',
  discount_kind: ['percent', 'fixed'],
  discount_value: 'integer',
  discount_duration: ['once', 'repeating', 'forever'],
  discount_periods: 'integer?',
  archived: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type PromotionRow = RowOf<typeof promotionsColumns>;

export const promotionPlansColumns = {
  promotion_id: 'integer',
  plan_id: 'integer',
} as const satisfies Columns;
export type PromotionPlanRow = RowOf<typeof promotionPlansColumns>;

/** Which membership sale used which promotion. */
export const promotionSalesColumns = {
  id: 'integer',
  promotion_id: 'integer',
  subscription_id: 'integer',
  member_id: 'integer',
  sold_on: 'text',
  invoice_id: 'integer?',
  created_at: 'text',
} as const satisfies Columns;
export type PromotionSaleRow = RowOf<typeof promotionSalesColumns>;
/** A member's photo: a small JPEG as base64 (migration 018). */
export const memberPhotosColumns = {
  member_id: 'integer',
  jpeg: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type MemberPhotoRow = RowOf<typeof memberPhotosColumns>;

/** Classes and lessons (migration 019). */
export const classTypesColumns = {
  id: 'integer',
  name: 'text',
  colour: 'text',
  minutes: 'integer',
  capacity: 'integer',
  units: 'integer',
  open_days: 'integer',
  cutoff_hours: 'integer',
  late_cancel_rule: ['count', 'fee', 'deduct'],
  late_cancel_fee: 'integer',
  no_show_rule: ['count', 'fee', 'deduct'],
  no_show_fee: 'integer',
  archived: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassTypeRow = RowOf<typeof classTypesColumns>;

export const classTypePlansColumns = {
  class_type_id: 'integer',
  plan_id: 'integer',
} as const satisfies Columns;
export type ClassTypePlanRow = RowOf<typeof classTypePlansColumns>;

export const classTeachersColumns = {
  id: 'integer',
  name: 'text',
  staff_id: 'integer?',
  phone: 'text',
  active: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassTeacherRow = RowOf<typeof classTeachersColumns>;

export const classRoomsColumns = {
  id: 'integer',
  name: 'text',
  capacity: 'integer?',
  active: 'integer',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassRoomRow = RowOf<typeof classRoomsColumns>;

export const classSchedulesColumns = {
  id: 'integer',
  class_type_id: 'integer',
  name: 'text',
  weekdays: 'text',
  start_time: 'text',
  minutes: 'integer',
  teacher_id: 'integer?',
  room_id: 'integer?',
  capacity: 'integer',
  term_start: 'text',
  term_end: 'text',
  holidays: 'text',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassScheduleRow = RowOf<typeof classSchedulesColumns>;

export const classSessionsColumns = {
  id: 'integer',
  schedule_id: 'integer',
  class_type_id: 'integer',
  slot_date: 'text',
  date: 'text',
  start_time: 'text',
  minutes: 'integer',
  teacher_id: 'integer?',
  room_id: 'integer?',
  capacity: 'integer',
  status: ['scheduled', 'cancelled'],
  note: 'text',
  roll_closed_at: 'text?',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassSessionRow = RowOf<typeof classSessionsColumns>;

export const classEnrolmentsColumns = {
  id: 'integer',
  member_id: 'integer',
  schedule_id: 'integer',
  pack_id: 'integer',
  start_date: 'text',
  status: ['active', 'withdrawn'],
  withdrawn_on: 'text?',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassEnrolmentRow = RowOf<typeof classEnrolmentsColumns>;

export const classBookingsColumns = {
  id: 'integer',
  session_id: 'integer',
  member_id: 'integer',
  kind: ['booking', 'walk_in', 'enrolment', 'makeup'],
  status: ['booked', 'waitlisted', 'cancelled', 'late_cancelled', 'attended', 'no_show'],
  enrolment_id: 'integer?',
  makeup_for: 'integer?',
  queued_at: 'text',
  pack_id: 'integer?',
  subscription_id: 'integer?',
  units_used: 'integer',
  fee_invoice_id: 'integer?',
  marked_on: 'text?',
  staff_name: 'text',
  created_at: 'text',
  updated_at: 'text',
} as const satisfies Columns;
export type ClassBookingRow = RowOf<typeof classBookingsColumns>;

export const siteDevicesColumns = {
  id: 'integer',
  name: 'text',
  token_hash: 'text',
  cert_fingerprint: 'text',
  paired_at: 'text',
  last_seen_at: 'text?',
  revoked_at: 'text?',
} as const satisfies Columns;
export type SiteDeviceRow = RowOf<typeof siteDevicesColumns>;

export const siteRequestsColumns = {
  device_id: 'integer',
  key: 'text',
  channel: 'text',
  answer: 'text',
  at: 'text',
} as const satisfies Columns;
export type SiteRequestRow = RowOf<typeof siteRequestsColumns>;

export const tableColumns = {
  meta: metaColumns,
  audit_log: auditLogColumns,
  plans: plansColumns,
  members: membersColumns,
  subscriptions: subscriptionsColumns,
  subscription_pauses: subscriptionPausesColumns,
  subscription_addons: subscriptionAddonsColumns,
  freeze_grants: freezeGrantsColumns,
  number_sequences: numberSequencesColumns,
  invoices: invoicesColumns,
  invoice_lines: invoiceLinesColumns,
  credit_notes: creditNotesColumns,
  credit_note_lines: creditNoteLinesColumns,
  payments: paymentsColumns,
  bonus_grants: bonusGrantsColumns,
  allocations: allocationsColumns,
  refunds: refundsColumns,
  member_packs: memberPacksColumns,
  billing_runs: billingRunsColumns,
  staff: staffColumns,
  checkins: checkinsColumns,
  member_merges: memberMergesColumns,
  payment_methods: paymentMethodsColumns,
  topup_promotions: topupPromotionsColumns,
  money_requests: moneyRequestsColumns,
  follow_ups: followUpsColumns,
  day_closeouts: dayCloseoutsColumns,
  late_fees: lateFeesColumns,
  document_settings: documentSettingsColumns,
  expense_categories: expenseCategoriesColumns,
  expenses: expensesColumns,
  report_monthly: reportMonthlyColumns,
  report_open_invoices: reportOpenInvoicesColumns,
  report_checkin_hours: reportCheckinHoursColumns,
  report_state: reportStateColumns,
  report_mrr_spans: reportMrrSpansColumns,
  report_seen_void: reportSeenVoidColumns,
  report_recognised_daily: reportRecognisedDailyColumns,
  report_dirty_members: reportDirtyMembersColumns,
  settings: settingsColumns,
  promotions: promotionsColumns,
  promotion_plans: promotionPlansColumns,
  promotion_sales: promotionSalesColumns,
  member_photos: memberPhotosColumns,
  class_types: classTypesColumns,
  class_type_plans: classTypePlansColumns,
  class_teachers: classTeachersColumns,
  class_rooms: classRoomsColumns,
  class_schedules: classSchedulesColumns,
  class_sessions: classSessionsColumns,
  class_enrolments: classEnrolmentsColumns,
  class_bookings: classBookingsColumns,
  renewal_followups: renewalFollowUpsColumns,
  site_devices: siteDevicesColumns,
  site_requests: siteRequestsColumns,
  report_batch: reportBatchColumns,
  member_bulk: memberBulkColumns,
  member_search_pending: memberSearchPendingColumns,
} as const;
