/**
 * The facts refresh: brings the report summaries that need TypeScript up to date with the
 * records, for what changed since it last ran (docs/reports.md, "How the figures stay fast").
 *
 *  - MRR spans of every member marked dirty by the triggers of migration 006 (anything about their
 *    subscriptions, pauses, add-ons, invoice or credit lines changed);
 *  - revenue recognised by service day and month (report_recognised_daily, 'recognised' rows of
 *    report_monthly) for invoice and credit-note lines added since the watermarks, and for invoices
 *    voided since.
 *
 * Derived data only: it is not audited, and a rebuild from scratch gives the same rows. Many dirty
 * members (a first run over an existing file) are read in one pass instead of member by member; when
 * the revenue must also read most of the lines (a first refresh), that one pass over every invoice line
 * feeds both the spans and the revenue, so each line is read once.
 *
 * A dirty member is worked out again only from the first day that changed, when that can be told:
 * the refresh remembers (in memory, for the host's life) what it last read of each subscription —
 * its dated facts, its first paid day and the last day its lines cover. A dirty member whose
 * subscriptions are as remembered, with no voided invoice, and whose only news is invoice lines
 * that start on or after every remembered line's end (the monthly billing run) keeps its spans
 * before the first new line and has only the days from there worked out; one with no news at all
 * keeps its spans. Any other change works the member out from the start, as before.
 */
import type { Db } from '../../db/open';
import type { TaxMode } from '../../billing/tax';
import { fromEpochDay, toEpochDay } from '../../../shared/dates';
import { addDailyShares } from './metrics';
import {
  firstPaidOf,
  isBase,
  memberSpans,
  RECURRING_KINDS,
  servedEnds,
  subscriptionSegments,
  type LineFact,
  type PlanTerms,
  type RecurringKind,
  type SubscriptionFacts,
} from './mrr';

/** Line kinds recognised over their service period; every other kind is recognised on its invoice's date. */
export const SPREAD_KINDS = new Set(['period', 'proration_charge', 'proration_credit', 'discount', 'household_discount', 'addon']);

/** What a line's revenue counts as, in "revenue by plan". */
export function revenueKey(kind: string, planId: number | null): string {
  if (kind === 'addon') return 'addons';
  if (kind === 'late_fee') return 'late_fees';
  return planId === null ? 'other' : `plan:${planId}`;
}

/** Above this many members worked out from the start, their lines are read in one pass. */
const BULK = 300;
/** Members whose lines one read of a full pass holds (see `refreshMembers`): few, so their rows and lines die young (500 cost ~10 % more in garbage collection). */
const MEMBERS_PER_PASS = 50;

/** A way to build the facts other than the usual, for tests that compare the ways (see `createFacts`). */
export interface FactsOptions {
  /** Above this many members worked out from the start, their lines are read in one pass (default 300). */
  bulk?: number;
  /** Whether prices include tax today: an imported membership's MRR before its first bill is its price without tax. */
  taxMode?: () => TaxMode;
}

/** What the refresh last read of a subscription (see the top of this file). */
interface Remembered {
  memberId: number;
  /** Its dated facts: plan, start, interval, end, pauses, add-ons. */
  facts: string;
  firstPaid: string | null;
  /** The last day (exclusive) any of its recurring lines covers. */
  linesEnd: string | null;
}

interface SubRow {
  id: number;
  member_id: number;
  plan_id: number;
  start_date: string;
  interval: PlanTerms['interval'];
  interval_count: number;
  end_date: string | null;
  /** An imported membership: paid outside Subdesk from its start to its anchor (its first bill here). */
  imported: number;
  anchor_date: string;
  price: number;
  tax_rate_bp: number;
}

type SubRowRaw = [
  id: number, memberId: number, planId: number, start: string, interval: PlanTerms['interval'], count: number, end: string | null,
  imported: number, anchor: string, price: number, taxRateBp: number,
];
const subRow = (r: SubRowRaw): SubRow => ({
  id: r[0], member_id: r[1], plan_id: r[2], start_date: r[3], interval: r[4], interval_count: r[5], end_date: r[6],
  imported: r[7], anchor_date: r[8], price: r[9], tax_rate_bp: r[10],
});

type LineRow = [
  id: number, subId: number, invoiceId: number, kind: RecurringKind, planId: number | null, addonId: number | null, start: string, end: string,
  amount: number, net: number, taxRateBp: number, listPrice: number | null, daysUsed: number | null, daysInPeriod: number | null, taxMode: TaxMode | null,
];
/** A subscription's line of any kind: [member, …`LineRow`, invoice status, invoice date]. */
type MemberLineRow = [memberId: number, ...LineRow, status: string, issueDate: string];
type PauseRow = [subId: number, start: string, end: string | null, mode: 'credit' | 'extend'];
type AddonRow = [id: number, subId: number, price: number, start: string, end: string | null];

interface RevenueLine {
  kind: string;
  plan_id: number | null;
  period_start: string | null;
  period_end: string | null;
  net: number;
  issue_date: string;
}

const RECURRING_SQL = RECURRING_KINDS.map((k) => `'${k}'`).join(', ');
const RECURRING = new Set<string>(RECURRING_KINDS);
const LINE_COLUMNS = `l.id, l.subscription_id, l.invoice_id, l.kind, l.plan_id, l.addon_id, l.period_start, l.period_end, l.amount, l.net, l.tax_rate_bp,
  l.list_price, l.days_used, l.days_in_period, i.tax_mode`;

/** The report facts of `db`; `options` only for tests that build them each way and compare. */
export function createFacts(db: Db, options: FactsOptions = {}) {
  const bulk = options.bulk ?? BULK;
  const taxMode = options.taxMode ?? ((): TaxMode => 'inclusive');
  const stmt = {
    state: db.prepare<[string], { value: number }>('SELECT value FROM report_state WHERE key = ?'),
    setState: db.prepare<[string, number]>('INSERT INTO report_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    dirty: db.prepare<[], number>('SELECT member_id FROM report_dirty_members ORDER BY member_id').pluck(),
    clearDirty: db.prepare('DELETE FROM report_dirty_members'),
    plans: db.prepare<[], { id: number; price: number; interval: PlanTerms['interval'] | null; interval_count: number | null; alignment: PlanTerms['alignment'] | null }>(
      'SELECT id, price, interval, interval_count, alignment FROM plans',
    ),
    // Only the columns the facts read: a first refresh after a bulk change reads every dirty subscription.
    // As arrays (`subRow` makes the objects): better-sqlite3 builds row objects ~3 × slower than JavaScript
    // does (49,000 rows after a big import: ~220 → ~70 ms).
    dirtySubs: db
      .prepare<[], SubRowRaw>(
        `SELECT s.id, s.member_id, s.plan_id, s.start_date, s.interval, s.interval_count, s.end_date, s.imported, s.anchor_date, s.price, s.tax_rate_bp
           FROM report_dirty_members d JOIN subscriptions s ON s.member_id = d.member_id ORDER BY s.member_id, s.id`,
      )
      .raw(true),
    /** Every dirty member's spans at once, for a refresh that works them all out from the start. */
    deleteDirtySpans: db.prepare('DELETE FROM report_mrr_spans WHERE member_id IN (SELECT member_id FROM report_dirty_members)'),
    dirtyPauses: db
      .prepare<[], PauseRow>(
        `SELECT p.subscription_id, p.start_date, p.end_date, p.mode FROM report_dirty_members d JOIN subscriptions s ON s.member_id = d.member_id
           JOIN subscription_pauses p ON p.subscription_id = s.id ORDER BY p.id`,
      )
      .raw(true),
    dirtyAddons: db
      .prepare<[], AddonRow>(
        `SELECT a.id, a.subscription_id, a.price, a.start_date, a.end_date FROM report_dirty_members d JOIN subscriptions s ON s.member_id = d.member_id
           JOIN subscription_addons a ON a.subscription_id = s.id ORDER BY a.id`,
      )
      .raw(true),
    dirtyLines: db
      .prepare<[], LineRow>(
        `SELECT ${LINE_COLUMNS} FROM report_dirty_members d JOIN subscriptions s ON s.member_id = d.member_id
           JOIN invoice_lines l ON l.subscription_id = s.id JOIN invoices i ON i.id = l.invoice_id
          WHERE i.status = 'issued' AND l.period_start IS NOT NULL AND l.kind IN (${RECURRING_SQL}) ORDER BY l.id`,
      )
      .raw(true),
    /** Every member with a subscription, in order. */
    subMembers: db.prepare<[], number>('SELECT DISTINCT member_id FROM subscriptions ORDER BY member_id').pluck(),
    /**
     * Every line (up to an id) of the subscriptions of members (from, to], any kind and status, with
     * what the revenue reads besides: one pass that feeds both the spans and the revenue.
     */
    membersLines: db
      .prepare<[number, number, number], MemberLineRow>(
        `SELECT s.member_id, ${LINE_COLUMNS}, i.status, i.issue_date FROM subscriptions s
           JOIN invoice_lines l ON l.subscription_id = s.id JOIN invoices i ON i.id = l.invoice_id
          WHERE s.member_id > ? AND s.member_id <= ? AND l.id <= ? ORDER BY s.member_id, s.id, l.id`,
      )
      .raw(true),
    /** The lines of no subscription in (watermark, top], for the revenue. */
    loneLines: db.prepare<[number, number], RevenueLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net, i.issue_date
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.subscription_id IS NULL AND l.id > ? AND l.id <= ?`,
    ),
    /** Recurring lines added since the watermark, issued or not: [invoice status, …the line as `LineRow`]. */
    linesSince: db
      .prepare<[number, number], [string, ...LineRow]>(
        `SELECT i.status, ${LINE_COLUMNS} FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
          WHERE l.id > ? AND l.id <= ? AND l.subscription_id IS NOT NULL AND l.period_start IS NOT NULL AND l.kind IN (${RECURRING_SQL})`,
      )
      .raw(true),
    voidedSubs: db.prepare<[number], number>('SELECT DISTINCT subscription_id FROM invoice_lines WHERE invoice_id = ? AND subscription_id IS NOT NULL').pluck(),
    spansFrom: db.prepare<[number, string]>('DELETE FROM report_mrr_spans WHERE member_id = ? AND start >= ?'),
    spanAcross: db.prepare<[number, string, string], { start: string; end: string; mrr: number; list_mrr: number; paused: number }>(
      'SELECT start, end, mrr, list_mrr, paused FROM report_mrr_spans WHERE member_id = ? AND start < ? AND end >= ?',
    ),
    setSpanEnd: db.prepare<[string, number, string]>('UPDATE report_mrr_spans SET end = ? WHERE member_id = ? AND start = ?'),
    linesOf: db
      .prepare<[number], LineRow>(
        `SELECT ${LINE_COLUMNS} FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
          WHERE l.subscription_id = ? AND i.status = 'issued' AND l.period_start IS NOT NULL AND l.kind IN (${RECURRING_SQL}) ORDER BY l.id`,
      )
      .raw(true),
    deleteSpans: db.prepare<[number]>('DELETE FROM report_mrr_spans WHERE member_id = ?'),
    insertSpan: db.prepare<[number, string, string, number, number, number]>(
      'INSERT INTO report_mrr_spans (member_id, start, end, mrr, list_mrr, paused) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    maxLine: db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM invoice_lines'),
    maxCreditLine: db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM credit_note_lines'),
    newLines: db.prepare<[number, number], RevenueLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net, i.issue_date
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id > ? AND l.id <= ?`,
    ),
    newVoids: db.prepare<[], { id: number }>("SELECT id FROM invoices WHERE status = 'void' AND id NOT IN (SELECT invoice_id FROM report_seen_void) ORDER BY id"),
    voidLines: db.prepare<[number, number], RevenueLine>(
      `SELECT l.kind, l.plan_id, l.period_start, l.period_end, l.net, i.issue_date
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.invoice_id = ? AND l.id <= ?`,
    ),
    seeVoid: db.prepare<[number]>('INSERT INTO report_seen_void (invoice_id) VALUES (?)'),
    newCreditLines: db.prepare<[number, number], RevenueLine>(
      `SELECT COALESCE(il.kind, 'adjustment') AS kind, il.plan_id, c.period_start, c.period_end, -c.net AS net, n.issue_date
         FROM credit_note_lines c JOIN credit_notes n ON n.id = c.credit_note_id LEFT JOIN invoice_lines il ON il.id = c.invoice_line_id
        WHERE c.id > ? AND c.id <= ?`,
    ),
    addRecognised: db.prepare<[string, string, number]>(
      `INSERT INTO report_monthly (month, measure, key, amount) VALUES (?, 'recognised', ?, ?)
         ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount`,
    ),
    addDaily: db.prepare<[string, string, number]>(
      `INSERT INTO report_recognised_daily (day, key, amount) VALUES (?, ?, ?)
         ON CONFLICT (day, key) DO UPDATE SET amount = amount + excluded.amount`,
    ),
  };

  function planTerms(): Map<number, PlanTerms> {
    const map = new Map<number, PlanTerms>();
    for (const p of stmt.plans.all()) {
      if (p.interval && p.interval_count && p.alignment) map.set(p.id, { id: p.id, price: p.price, interval: p.interval, count: p.interval_count, alignment: p.alignment });
    }
    return map;
  }

  function subscriptionFacts(s: SubRow, lines: LineFact[], pauses: PauseRow[], addons: AddonRow[]): SubscriptionFacts {
    return {
      id: s.id,
      memberId: s.member_id,
      planId: s.plan_id,
      startDate: s.start_date,
      interval: s.interval,
      count: s.interval_count,
      endDate: s.end_date,
      pauses: pauses.map(([, start, end, mode]) => ({ start, end, mode })),
      ...(s.imported && s.start_date < s.anchor_date
        ? { paidOutside: { until: s.anchor_date, price: s.price, taxRateBp: s.tax_rate_bp, taxMode: taxMode() } }
        : {}),
      addons: addons.map(([id, , price, start, end]) => ({ id, price, start, end })),
      lines,
    };
  }

  /** Recurring lines by subscription, as the spans read them (in the order given: by id). */
  const lineFacts = (rows: LineRow[], into = new Map<number, LineFact[]>()) => {
    for (const row of rows) addLine(into, row);
    return into;
  };

  let remembered = new Map<number, Remembered>();
  /** The spans generation the memory belongs to: a refresh rolled back with an outer transaction leaves them apart. */
  let rememberedGen = -1;

  // Plain text for the plain case (a bulk change's tens of thousands of memberships have no pause or add-on).
  const factsKey = (s: SubscriptionFacts) =>
    s.pauses.length || s.addons.length
      ? JSON.stringify([s.planId, s.startDate, s.interval, s.count, s.endDate, s.pauses, s.addons])
      : `${s.planId}|${s.startDate}|${s.interval}|${s.count}|${s.endDate}`;

  function remember(s: SubscriptionFacts): void {
    // Where the lines' service ends, an extend-mode pause's moved days included.
    const served = servedEnds(s);
    const linesEnd = s.lines.reduce<string | null>((m, l) => {
      const end = served.get(l.id) ?? l.end;
      return m === null || end > m ? end : m;
    }, null);
    remembered.set(s.id, { memberId: s.memberId, facts: factsKey(s), firstPaid: firstPaidOf(s.lines.filter(isBase)), linesEnd });
  }

  function writeSpans(memberId: number, subs: SubscriptionFacts[], plans: Map<number, PlanTerms>, cleared = false): void {
    if (!cleared) stmt.deleteSpans.run(memberId);
    for (const span of memberSpans(subs.map((s) => subscriptionSegments(s, plans)))) stmt.insertSpan.run(memberId, span.start, span.end, span.mrr, span.list, span.paused);
    subs.forEach(remember);
  }

  /**
   * The member's spans from `day` on, worked out from the lines that cover those days (`subs` carry only
   * those); the spans before stay, the one running across `day` is cut there or joined to what follows.
   */
  function writeSpansFrom(memberId: number, day: string, subs: SubscriptionFacts[], plans: Map<number, PlanTerms>): void {
    const segments = subs.map((s) => subscriptionSegments(s, plans, { day, firstPaid: remembered.get(s.id)!.firstPaid }));
    const fresh = memberSpans(segments);
    stmt.spansFrom.run(memberId, day);
    const across = stmt.spanAcross.get(memberId, day, day);
    let next = 0;
    if (across) {
      const first = fresh[0];
      const joins = first !== undefined && first.start === day && first.mrr === across.mrr && first.list === across.list_mrr && first.paused === across.paused;
      const end = joins ? first.end : day;
      if (joins) next = 1;
      if (end !== across.end) stmt.setSpanEnd.run(end, memberId, across.start);
    }
    for (const span of fresh.slice(next)) stmt.insertSpan.run(memberId, span.start, span.end, span.mrr, span.list, span.paused);
    for (const s of subs) {
      const r = remembered.get(s.id)!;
      for (const l of s.lines) if (r.linesEnd === null || l.end > r.linesEnd) r.linesEnd = l.end;
    }
  }

  const group = <T extends unknown[]>(rows: T[], at: number) => {
    const map = new Map<number, T[]>();
    for (const r of rows) {
      const k = r[at] as number;
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return map;
  };

  /**
   * The dirty members' spans. True when it also handed `revenue` every line up to `linesTop` past the
   * watermark (a pass that read every line for both).
   */
  function refreshMembers(dirty: number[], linesWatermark: number, linesTop: number, revenue: Recogniser): boolean {
    const plans = planTerms();
    const pauses = group(stmt.dirtyPauses.all(), 0);
    const addons = group(stmt.dirtyAddons.all(), 1);
    const subsOf = new Map<number, SubRow[]>();
    for (const raw of stmt.dirtySubs.all()) {
      const s = subRow(raw);
      const list = subsOf.get(s.member_id);
      if (list) list.push(s);
      else subsOf.set(s.member_id, [s]);
    }
    // What is new since the last refresh: lines (by subscription) and voided invoices.
    const newLines = new Map<number, LineFact[]>();
    const voided = new Set<number>();
    if (remembered.size) {
      inChunks(linesWatermark, linesTop, (a, b) => {
        for (const [status, ...line] of stmt.linesSince.all(a, b)) if (status === 'issued') addLine(newLines, line as LineRow);
      });
      for (const v of stmt.newVoids.all()) for (const sub of stmt.voidedSubs.all(v.id)) voided.add(sub);
    }
    const factsOf = (s: SubRow, lines: LineFact[]) => subscriptionFacts(s, lines, pauses.get(s.id) ?? [], addons.get(s.id) ?? []);
    const known = new Map<number, number[]>();
    for (const [id, r] of remembered) {
      const list = known.get(r.memberId);
      if (list) list.push(id);
      else known.set(r.memberId, [id]);
    }
    const fromStart: number[] = [];
    for (const memberId of dirty) {
      const subs = subsOf.get(memberId) ?? [];
      const day = (known.get(memberId)?.length ?? 0) === subs.length ? firstNewDay(memberId, subs, newLines, voided, factsOf) : undefined;
      if (day === undefined) fromStart.push(memberId);
      else if (day !== null) writeSpansFrom(memberId, day, subs.map((s) => factsOf(s, newLines.get(s.id) ?? [])), plans);
    }
    if (!fromStart.length) return false;
    // Every dirty member from the start (a first refresh, a bulk change): their old spans go in one statement.
    const cleared = fromStart.length === dirty.length;
    if (cleared) stmt.deleteDirtySpans.run();
    const fromTheStart = (memberId: number, linesOf: (s: SubRow) => LineFact[]) => {
      for (const id of known.get(memberId) ?? []) remembered.delete(id);
      writeSpans(memberId, (subsOf.get(memberId) ?? []).map((s) => factsOf(s, linesOf(s))), plans, cleared);
    };
    if (fromStart.length <= bulk) {
      for (const memberId of fromStart) fromTheStart(memberId, (s) => lineFacts(stmt.linesOf.all(s.id)).get(s.id) ?? []);
      return false;
    }
    if ((linesTop - linesWatermark) * 2 < linesTop) {
      const lines = lineFacts(stmt.dirtyLines.all());
      for (const memberId of fromStart) fromTheStart(memberId, (s) => lines.get(s.id) ?? []);
      return false;
    }
    // The revenue reads most lines anyway (a first refresh): one pass over every line feeds both, a few
    // hundred members at a time (their lines by subscription), so a member's lines are let go once
    // their spans are written; then the lines of no subscription, for the revenue.
    const wanted = new Set(fromStart);
    const members = stmt.subMembers.all();
    let next = 0;
    for (let k = 0; k < members.length; k += MEMBERS_PER_PASS) {
      const last = members[Math.min(k + MEMBERS_PER_PASS, members.length) - 1]!;
      const lines = new Map<number, LineFact[]>();
      for (const row of stmt.membersLines.all(k ? members[k - 1]! : -Infinity, last, linesTop)) {
        if (row[1] > linesWatermark) revenue.recognise(row[4], row[5], row[7], row[8], row[10], row[17], 1);
        if (row[16] === 'issued' && row[7] !== null && wanted.has(row[0]) && RECURRING.has(row[4])) addLine(lines, row, 1);
      }
      for (; next < fromStart.length && fromStart[next]! <= last; next++) fromTheStart(fromStart[next]!, (s) => lines.get(s.id) ?? []);
    }
    for (; next < fromStart.length; next++) fromTheStart(fromStart[next]!, () => []);
    for (const l of stmt.loneLines.all(linesWatermark, linesTop)) revenue.recognise(l.kind, l.plan_id, l.period_start, l.period_end, l.net, l.issue_date, 1);
    return true;
  }

  /**
   * The first day a dirty member's spans can have changed (its subscriptions as many as remembered): null
   * when nothing that counts changed, undefined when they must be worked out from the start (see the top of this file).
   */
  function firstNewDay(
    memberId: number,
    subs: SubRow[],
    newLines: Map<number, LineFact[]>,
    voided: Set<number>,
    factsOf: (s: SubRow, lines: LineFact[]) => SubscriptionFacts,
  ): string | null | undefined {
    if (!subs.length) return undefined;
    let day: string | null = null;
    for (const s of subs) {
      const r = remembered.get(s.id);
      if (!r || r.memberId !== memberId || voided.has(s.id) || r.facts !== factsKey(factsOf(s, []))) return undefined;
      for (const l of newLines.get(s.id) ?? []) if (day === null || l.start < day) day = l.start;
    }
    if (day === null) return null;
    for (const s of subs) {
      const r = remembered.get(s.id)!;
      // A line before the new ones still covering their days, or no first paid day yet: from the start.
      if (r.firstPaid === null || r.firstPaid > day || (r.linesEnd !== null && r.linesEnd > day)) return undefined;
    }
    return day;
  }

  /**
   * Each new line's revenue (from `linesFrom`: the lines before were handed over by the spans' pass),
   * voided invoices taken back out, credit lines; then the sums written and the watermarks moved.
   */
  function refreshRevenue(revenue: Recogniser, linesFrom: number, linesTop: number): void {
    const recognise = (l: RevenueLine, sign: 1 | -1) => revenue.recognise(l.kind, l.plan_id, l.period_start, l.period_end, l.net, l.issue_date, sign);
    inChunks(linesFrom, linesTop, (a, b) => stmt.newLines.all(a, b).forEach((l) => recognise(l, 1)));
    for (const v of stmt.newVoids.all()) {
      for (const l of stmt.voidLines.all(v.id, linesTop)) recognise(l, -1);
      stmt.seeVoid.run(v.id);
    }
    const creditWm = stmt.state.get('credit_lines')?.value ?? 0;
    const creditTop = stmt.maxCreditLine.get()?.m ?? 0;
    inChunks(creditWm, creditTop, (a, b) => stmt.newCreditLines.all(a, b).forEach((l) => recognise(l, 1)));
    const monthly = new Map<string, number>();
    revenue.forEachDay((day, key, amount) => {
      const date = fromEpochDay(day);
      stmt.addDaily.run(date, key, amount);
      const mk = `${date.slice(0, 7)}|${key}`;
      monthly.set(mk, (monthly.get(mk) ?? 0) + amount);
    });
    for (const [mk, amount] of monthly) {
      const [month, key] = mk.split('|') as [string, string];
      if (amount !== 0) stmt.addRecognised.run(month, key, amount);
    }
    stmt.setState.run('lines', linesTop);
    stmt.setState.run('credit_lines', creditTop);
  }

  /** Brings every summary up to date; cheap when little changed. True when any member's MRR spans were rewritten. */
  const refresh = db.transaction((): boolean => {
    const gen = stmt.state.get('spans_gen')?.value ?? 0;
    if (gen !== rememberedGen) remembered = new Map();
    const dirty = stmt.dirty.all();
    const linesWatermark = stmt.state.get('lines')?.value ?? 0;
    const linesTop = stmt.maxLine.get()?.m ?? 0;
    const revenue = recogniser();
    let linesRead = false;
    if (dirty.length) {
      linesRead = refreshMembers(dirty, linesWatermark, linesTop, revenue);
      stmt.clearDirty.run();
      stmt.setState.run('spans_gen', gen + 1);
      rememberedGen = gen + 1;
    }
    refreshRevenue(revenue, linesRead ? linesTop : linesWatermark, linesTop);
    return dirty.length > 0;
  });

  return { refresh };
}

/** A recurring line as the spans read it, by subscription; the `LineRow` columns from `at` in `row`. */
function addLine(into: Map<number, LineFact[]>, row: LineRow | MemberLineRow, at = 0): void {
  const r = row as unknown[];
  const amount = r[at + 8] as number;
  const net = r[at + 9] as number;
  const line: LineFact = {
    id: r[at] as number,
    invoiceId: r[at + 2] as number,
    kind: r[at + 3] as RecurringKind,
    planId: r[at + 4] as number | null,
    addonId: r[at + 5] as number | null,
    start: r[at + 6] as string,
    end: r[at + 7] as string,
    amount,
    net,
    taxRateBp: r[at + 10] as number,
    listPrice: r[at + 11] as number | null,
    daysUsed: r[at + 12] as number | null,
    daysInPeriod: r[at + 13] as number | null,
    // Every invoice has its mode since migration 009; for a row written around the invoice writer, its net tells.
    taxMode: (r[at + 14] as TaxMode | null) ?? (net !== amount ? 'inclusive' : 'exclusive'),
  };
  const subId = r[at + 1] as number;
  const list = into.get(subId);
  if (list) list.push(line);
  else into.set(subId, [line]);
}

/**
 * Revenue recognised by key and day, summed in memory before it is written: each line day by day over
 * the days it covers (cumulative rounding, so the days of a month add up to the month's share and a
 * line's days to its amount); one-off lines on their invoice's date. Voided invoices are taken back out
 * (sign -1); credit lines come in negative. Each key's days are one array from its first day seen.
 */
function recogniser() {
  const byKey = new Map<string, { first: number; amounts: number[] }>();
  // One key string per plan, not one per line.
  const planKeys = new Map<number, string>();
  const keyOf = (kind: string, planId: number | null) => {
    if (planId === null || kind === 'addon' || kind === 'late_fee') return revenueKey(kind, planId);
    let key = planKeys.get(planId);
    if (key === undefined) planKeys.set(planId, (key = revenueKey(kind, planId)));
    return key;
  };
  /** The key's days, with room for the days from `from` to `to`. */
  const daysOf = (key: string, from: number, to: number) => {
    let days = byKey.get(key);
    if (!days) byKey.set(key, (days = { first: from, amounts: [] }));
    if (from < days.first) {
      // A day before the first seen (a credit, a void): room for a year more at once, so this stays rare.
      const more = Math.max(days.first - from, 366);
      days.amounts = [...new Array<number>(more).fill(0), ...days.amounts];
      days.first -= more;
    }
    while (days.amounts.length <= to - days.first) days.amounts.push(0);
    return days;
  };
  return {
    recognise(kind: string, planId: number | null, start: string | null, end: string | null, net: number, issueDate: string, sign: 1 | -1): void {
      const amount = sign * net;
      if (amount === 0) return;
      const key = keyOf(kind, planId);
      const spread = SPREAD_KINDS.has(kind) && start !== null && end !== null && end > start;
      if (!spread) {
        const day = toEpochDay(issueDate);
        const days = daysOf(key, day, day);
        days.amounts[day - days.first]! += amount;
        return;
      }
      const first = toEpochDay(start);
      const total = toEpochDay(end) - first;
      const days = daysOf(key, first, first + total - 1);
      addDailyShares(amount, total, days.amounts, first - days.first);
    },
    /** Every (day, key) whose sum is not 0. */
    forEachDay(work: (day: number, key: string, amount: number) => void): void {
      for (const [key, days] of byKey) days.amounts.forEach((amount, i) => amount !== 0 && work(days.first + i, key, amount));
    },
  };
}
type Recogniser = ReturnType<typeof recogniser>;

/** Row ids (from, to] in slices, so a first full rebuild never holds every line in memory at once. */
function inChunks(from: number, to: number, work: (a: number, b: number) => void): void {
  for (let a = from; a < to; a += 20_000) work(a, Math.min(a + 20_000, to));
}

export type Facts = ReturnType<typeof createFacts>;
