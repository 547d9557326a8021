/** Output types of the front-desk channels (contract/desk.ts). Plain data: they cross IPC. */
import type { Member } from './billing-types';
import type { ImportField } from './desk';

/**
 * A member's state at a glance. `active`: a membership or pack is in service today;
 * `expiring`: one stops within 14 days or a pack has 2 sessions or fewer left;
 * `overdue`: the payer has an invoice past its due date with a balance; `ended`: had
 * memberships, none in service or to come.
 */
export type MemberBadge = 'active' | 'trialing' | 'paused' | 'overdue' | 'expiring' | 'ended';

/**
 * The date the member list shows beside a member: the day service ends (a fixed term, a cancellation, a pack's
 * expiry), else the next bill of a renewing membership; for a member whose plans all ended, the day the last one did.
 */
export interface MemberDue {
  kind: 'ends' | 'bills' | 'ended';
  date: string;
}

export interface MemberRow {
  id: number;
  name: string;
  phone: string;
  cardNo: string | null;
  birthday: string | null;
  tags: string[];
  payerId: number | null;
  payerName: string | null;
  mergedInto: number | null;
  badges: MemberBadge[];
  due: MemberDue | null;
}

/** Where a page of the member list ends: the last row's sort key (name key or card number; null otherwise) and id. */
export interface ListCursor {
  key: string | null;
  id: number;
}

/** A page of `members.list`. */
export interface MemberListPage {
  /** Members in the list; null when the call did not ask for the count. */
  total: number | null;
  rows: MemberRow[];
  /** Pass as `after` for the next page; null at the end of the list. */
  next: ListCursor | null;
}

/** How a search hit matched, best first. */
export type MatchKind = 'card' | 'phone' | 'name' | 'start' | 'partial';

export interface SearchHit extends MemberRow {
  match: MatchKind;
}

export interface MemberProfile {
  member: Member;
  payer: MemberRow | null;
  /** Members this one pays for. */
  dependants: MemberRow[];
  badges: MemberBadge[];
  /** Records merged into this one. */
  mergedFrom: { id: number; name: string; at: string }[];
  overdue: { amount: number; days: number } | null;
  visits: { total: number; last: string | null };
}

export interface MergeResult {
  kept: Member;
  merged: Member;
  /** "table.column" → number of rows moved from the merged record to the kept one. */
  moved: Record<string, number>;
}

// Import

export interface ImportIssue {
  field: ImportField | null;
  /** i18n key under `members.import.issues`. */
  code: string;
  params?: Record<string, string | number>;
}

export interface ImportValues {
  name: string;
  phone: string;
  cardNo: string | null;
  birthday: string | null;
  notes: string;
  tags: string[];
  planId: number | null;
  planName: string | null;
  nextBillDate: string | null;
  price: number | null;
  /** A pack's sessions left, and its last valid day (inclusive), as the file says. */
  packSessions: number | null;
  packExpiry: string | null;
}

export interface ImportRow {
  /** 1-based number among the data rows (what importCommit accepts). */
  row: number;
  /** 1-based line of the file (the header is line 1): the number every message shows the clerk. */
  line: number;
  raw: string[];
  values: ImportValues;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** A member already here with this card, or this phone and name: the row is skipped, not created. */
  existing: { id: number; name: string } | null;
}

/** One plan name as the file writes it, and the plan it is taken as. */
export interface ImportPlanValue {
  value: string;
  /** Data rows naming it. */
  rows: number;
  /** The plan it stands for: the clerk's choice, else the plan with exactly this name; null when neither. */
  planId: number | null;
  /** How planId was found; 'none' means the clerk must choose (or choose "no plan"). */
  source: 'name' | 'chosen' | 'none' | 'no_plan';
  /** The best guess among the plans, offered to the clerk. */
  suggestion: number | null;
}

export interface ImportPreview {
  /** Names the checked rows the host keeps (30 minutes, or until the commit): for members.importRows and members.importCommit. */
  token: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'xlsx';
  delimiter: string;
  headers: string[];
  mapping: Record<ImportField, number | null>;
  /** The first page of rows (at most `pageSize`); the others through members.importRows. */
  rows: ImportRow[];
  pageSize: number;
  planValues: ImportPlanValue[];
  /** The plans a value can be mapped to (not archived). */
  plans: { id: number; name: string; kind: 'recurring' | 'pack' }[];
  counts: { total: number; valid: number; invalid: number; withWarnings: number; existing: number };
  /** Rows (not already here) with an error on each field. */
  errorsByField: Partial<Record<ImportField, number>>;
}

/** A page of a preview's rows: `total` rows have the status asked for, these start at `offset` among them. */
export interface ImportRowsPage {
  total: number;
  offset: number;
  rows: ImportRow[];
}

export interface ImportCommitResult {
  created: number;
  subscriptions: number;
  packs: number;
  memberIds: number[];
  /** File lines of accepted rows that were already here and so not created. */
  alreadyHere: number[];
}

// Check-in

export interface Checkin {
  id: number;
  memberId: number;
  memberName: string;
  cardNo: string | null;
  date: string;
  /** UTC instant. */
  at: string;
  subscriptionId: number | null;
  packId: number | null;
  /** The plan or pack the visit used; null for an override without any membership. */
  planName: string | null;
  staffName: string;
  overrideReason: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
  /** The class booking this visit stands for (docs/classes.md, "At the door"): it then uses nothing of its own. */
  classBookingId: number | null;
  /**
   * Made at a connected desk while the main desk was unreachable (docs/site.md): that desk and the moment at its
   * door (UTC); `at` is when it reached the main desk and was counted. Null for every other check-in.
   */
  kept: { device: string; at: string } | null;
}

/**
 * The class a door check-in met: the member's session today whose door window holds the moment.
 * marked: the check-in marked the booking present; already: it had been marked at the roll;
 * not_marked: it could not be marked (code: the roll call's refusal, e.g. CLASS_NO_ENTITLEMENT).
 */
export interface DoorClass {
  outcome: 'marked' | 'already' | 'not_marked';
  bookingId: number;
  sessionId: number;
  className: string;
  date: string;
  startTime: string;
  code: string | null;
}

export interface Entitlement {
  kind: 'subscription' | 'pack';
  id: number;
  planName: string;
  /** Sessions left after this visit: a pack's, or a plan's per-period quota; null when unlimited. */
  sessionsLeft: number | null;
  /** The first day without service, when known (end of a cancelling or fixed-term membership, pack expiry). */
  endsOn: string | null;
  trialEndsOn: string | null;
  visitsPerDay: number;
}

export type CheckinBlock =
  | { code: 'no_membership' }
  | { code: 'paused'; until: string | null }
  | { code: 'ended'; on: string }
  | { code: 'not_started'; on: string }
  | { code: 'no_sessions' }
  | { code: 'quota_used'; quota: number }
  | { code: 'overdue'; amount: number; days: number; limit: number };

export type CheckinWarning =
  | { code: 'overdue'; amount: number; days: number }
  /** `on`: the last day of service; `days` until it (0: today is the last day). */
  | { code: 'expires'; days: number; on: string }
  | { code: 'sessions_left'; count: number }
  | { code: 'trial'; endsOn: string };

export interface CheckinResult {
  /**
   * checked_in: a visit was recorded. already: the member's visits for today are used up, so
   * this one is not counted again (the earlier check-in is returned). blocked: not let in
   * (see blocks; a manager may override). no_match / choose: the box found nobody, or several.
   */
  outcome: 'checked_in' | 'already' | 'blocked' | 'no_match' | 'choose' | 'allowed';
  member: MemberRow | null;
  checkin: Checkin | null;
  entitlement: Entitlement | null;
  blocks: CheckinBlock[];
  warnings: CheckinWarning[];
  candidates: SearchHit[];
  /** Counted visits today, this one included. */
  visitsToday: number;
  /** The class booked for now that this scan marked present (or found marked); null when there is none. */
  classMark: DoorClass | null;
}

export interface AttendanceByDay {
  by: 'day';
  days: { date: string; visits: number; members: number }[];
  total: number;
}

export interface AttendanceByMember {
  by: 'member';
  members: { memberId: number; name: string; cardNo: string | null; visits: number; last: string }[];
  total: number;
}
