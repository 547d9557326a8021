/**
 * Bookings and the roll call.
 *
 * - Entitlement comes from the member's standing on the session's date (the same reading and
 *   the same choice as check-in: a membership in service before a pack, packs by earliest
 *   expiry), limited to the plans the class type lists, and a pack must have the class's units left.
 * - Capacity: booked and attended hold places; a full session refuses (CLASS_FULL) unless the
 *   caller asks for the waitlist. A freed place goes to the first in line, until the session starts.
 * - Window: booking opens `open_days` before the session's date and closes at its start. A
 *   cancellation after `cutoff_hours` before the start is late and the class type's late-cancel
 *   rule applies; an unmarked booking at the close of the roll is a no-show under the no-show rule.
 * - Rules: 'count' records it, 'fee' invoices a one-line fee (once per booking: the booking keeps
 *   the fee invoice), 'deduct' uses the class's units as if attended.
 * - Attendance uses the units from the entitlement on the session's date (an enrolment or a
 *   make-up: from the enrolment's lesson pack). A waitlisted member who turns up is added to the
 *   roll (the walk-in path) when a place is free: their entry becomes an attended booking. A mark can be undone, or changed, on the business
 *   day it was made: the units come back and an unpaid fee invoice is voided.
 */
import { addDays, formatDate } from '../../../shared/dates';
import { AppError, found } from '../../../shared/errors';
import type { CancelResult, ClassBooking, ClassRule, RollResult } from '../../contract/classes';
import type { CheckinBlock, Entitlement } from '../../contract/desk-types';
import type { ServiceEnv } from '../../contract/env';
import type { Locale } from '../../contract/settings';
import type { ClassesRepo, SessionView } from '../../db/repos/classes';
import type { ClassBookingRow, ClassTypeRow } from '../../db/rows';
import { oneOffFacts } from '../../money/invoices/facts';
import { issueInvoice } from '../../money/invoices/issue';
import { createManualCreditNote, voidInvoice } from '../../money/invoices/service';
import { invoicesRepo } from '../../db/repos/invoices';
import { decide } from '../checkin/rules';
import type { MembersService } from '../members/service';
import type { Standing, StandingReader, SubscriptionStanding } from '../members/standing';
import { assertClockNotBehind } from '../../money/billing-run/run';
import { createDoorRepo } from '../../db/repos/door';
import { wallMinutes, wallNow } from './clock';
import { inDoorWindow, joinDoorVisit } from './door';
import type { Timetable } from './timetable';
import { toBooking } from './views';

/**
 * Whether a member's row in a session was cancelled at no cost: no units used, no fee. The schema keeps one row
 * per member and session, so such a row is reused by a new booking or an enrolment's place. `late`: a late
 * cancellation that cost nothing (the class's `count` rule) counts too — a booking may reuse it; an enrolment's
 * place takes only a cancellation in time (and never its own leave: see `roomFor` in enrolment.ts).
 */
export function cancelledFree(row: ClassBookingRow, { late }: { late: boolean }): boolean {
  const cancelled = row.status === 'cancelled' || (late && row.status === 'late_cancelled');
  return cancelled && row.units_used === 0 && row.fee_invoice_id === null;
}

const FEE_TEXT: Record<
  Locale,
  Record<'late_cancel' | 'no_show', (cls: string, when: string, member: string) => string>
> = {
  en: {
    late_cancel: (c, w, m) => `Late cancellation fee – ${c}, ${w} – ${m}`,
    no_show: (c, w, m) => `No-show fee – ${c}, ${w} – ${m}`,
  },
  'zh-CN': {
    late_cancel: (c, w, m) => `逾时取消费 – ${c}，${w} – ${m}`,
    no_show: (c, w, m) => `缺席费 – ${c}，${w} – ${m}`,
  },
};

export interface BookingDeps {
  repo: ClassesRepo;
  timetable: Timetable;
  members: MembersService;
  standing: StandingReader;
}

export function createBookings(env: ServiceEnv, deps: BookingDeps) {
  const { repo, timetable, members, standing } = deps;
  const door = createDoorRepo(env.db);
  const at = () => env.now().toISOString();
  const clerk = () => env.actor()?.name ?? '';
  const nowWall = () => wallNow(env.now(), env.settings.get().timeZone);
  const startOf = (s: SessionView) => wallMinutes(s.date, s.start_time);

  const view = (bookingId: number): ClassBooking =>
    toBooking(
      found(
        repo.bookingById(bookingId),
        'class_booking',
        bookingId,
        `Booking ${bookingId} does not exist.`,
      ),
    );
  const row = (bookingId: number): ClassBookingRow =>
    found(
      repo.bookingRow(bookingId),
      'class_booking',
      bookingId,
      `Booking ${bookingId} does not exist.`,
    );

  /**
   * When a booking joins a session's line (booked, waitlisted or walked in): now, or a millisecond after the
   * session's latest such moment if the clock has not moved past it. The line is ordered by this stamp, so a
   * member who cancelled and comes back (the same row, an older id) queues behind everyone who joined before,
   * even within one millisecond or after the PC's clock was set back.
   */
  function queueStamp(sessionId: number): string {
    const now = at();
    const last = repo.lastQueued(sessionId);
    return last !== null && last >= now ? new Date(Date.parse(last) + 1).toISOString() : now;
  }

  /** Writes a booking's new state and audits the change. */
  function save(before: ClassBookingRow, next: Partial<ClassBookingRow>): ClassBooking {
    const was = view(before.id);
    repo.updateBooking({ ...before, ...next, updated_at: at() });
    const after = view(before.id);
    env.audit('class_booking', before.id, was, after);
    return after;
  }

  function insert(
    fields: Pick<ClassBookingRow, 'session_id' | 'member_id' | 'kind' | 'status'> &
      Partial<ClassBookingRow>,
  ): ClassBooking {
    const now = at();
    const bookingId = repo.insertBooking({
      enrolment_id: null,
      makeup_for: null,
      queued_at: queueStamp(fields.session_id),
      pack_id: null,
      subscription_id: null,
      units_used: 0,
      fee_invoice_id: null,
      marked_on: null,
      staff_name: clerk(),
      created_at: now,
      updated_at: now,
      ...fields,
    });
    const after = view(bookingId);
    env.audit('class_booking', bookingId, null, after);
    return after;
  }

  /** The membership or pack that admits `memberId` to a class of `type` on `date`, or null with the reason. */
  function entitlementOn(
    memberId: number,
    type: ClassTypeRow,
    date: string,
  ): { entitlement: Entitlement | null; blocks: CheckinBlock[] } {
    let list = standing.of([memberId], date).get(memberId) ?? [];
    const planIds = repo.planIds(type.id);
    if (planIds.length) {
      const subs = repo.subsOfPlans(memberId, planIds);
      const packs = repo.packsOfPlans(memberId, planIds);
      list = list.filter((s) => (s.kind === 'pack' ? packs.has(s.id) : subs.has(s.id)));
    }
    // A pack, or a membership with a visit quota, admits to a class only with the class's units left (a 2-unit
    // class never takes a quota below zero; the door then counts an ordinary visit).
    const enough = (s: Standing) => (s.kind === 'pack' ? s.sessionsLeft >= type.units : s.quota === null || s.quota - s.periodVisits >= type.units);
    const short = list.filter((s) => !enough(s) && (s.state === 'in_service' || s.state === 'trialing'));
    const d = decide(list.filter(enough), undefined, date, 0);
    // Nothing with the class's units left: say so (sessions or visits used up), not "no membership".
    if (!d.entitlement && short.length > 0) {
      const quota = short.find((s): s is SubscriptionStanding => s.kind === 'subscription');
      return { entitlement: null, blocks: [quota ? { code: 'quota_used', quota: quota.quota! } : { code: 'no_sessions' }] };
    }
    return { entitlement: d.entitlement, blocks: d.blocks };
  }

  /** Whether nothing admits the member to the class that day because their membership is frozen. */
  function frozenOn(memberId: number, type: ClassTypeRow, date: string): boolean {
    const { entitlement, blocks } = entitlementOn(memberId, type, date);
    return entitlement === null && blocks.some((x) => x.code === 'paused');
  }

  function requireEntitlement(memberId: number, type: ClassTypeRow, date: string): Entitlement {
    const { entitlement, blocks } = entitlementOn(memberId, type, date);
    if (!entitlement) {
      throw new AppError(
        'CLASS_NO_ENTITLEMENT',
        `Member ${memberId} has no membership or pack for ${type.name} on ${date}.`,
        { memberId, date, blocks },
      );
    }
    return entitlement;
  }

  /** The units a booking uses: its class's, or for a make-up the missed lesson's. */
  function unitsOf(b: ClassBookingRow, s: SessionView): number {
    if (b.kind === 'makeup' && b.makeup_for !== null) {
      const missed = row(b.makeup_for);
      return timetable.typeRow(timetable.sessionRow(missed.session_id).class_type_id).units;
    }
    return timetable.typeRow(s.class_type_id).units;
  }

  /**
   * What using the class costs this booking: an enrolment or make-up uses its lesson pack (which
   * must be in service on the day with the units left); any other uses the entitlement on the day.
   * `required`: refuse without one (attending); else nothing is used (a late-cancel or no-show deduction).
   */
  function use(
    b: ClassBookingRow,
    s: SessionView,
    required: boolean,
  ): Pick<ClassBookingRow, 'pack_id' | 'subscription_id' | 'units_used'> | null {
    const type = timetable.typeRow(s.class_type_id);
    const units = unitsOf(b, s);
    if (b.pack_id !== null && (b.kind === 'enrolment' || b.kind === 'makeup')) {
      const pack = (standing.of([b.member_id], s.date).get(b.member_id) ?? []).find(
        (x) => x.kind === 'pack' && x.id === b.pack_id,
      );
      if (pack && pack.state === 'in_service' && pack.kind === 'pack' && pack.sessionsLeft >= units)
        return { pack_id: b.pack_id, subscription_id: null, units_used: units };
      if (!required) return null;
      throw new AppError(
        'CLASS_NO_ENTITLEMENT',
        `Lesson pack ${b.pack_id} has not got ${units} lessons left on ${s.date}.`,
        { memberId: b.member_id, packId: b.pack_id, date: s.date, units },
      );
    }
    const e = required
      ? requireEntitlement(b.member_id, { ...type, units }, s.date)
      : entitlementOn(b.member_id, { ...type, units }, s.date).entitlement;
    if (!e) return null;
    return {
      pack_id: e.kind === 'pack' ? e.id : null,
      subscription_id: e.kind === 'subscription' ? e.id : null,
      units_used: units,
    };
  }

  /** A late cancellation's or a no-show's consequence under the class type's rule. */
  function applyRule(
    b: ClassBookingRow,
    s: SessionView,
    what: 'late_cancel' | 'no_show',
  ): Partial<ClassBookingRow> {
    const type = timetable.typeRow(s.class_type_id);
    const rule: ClassRule = what === 'late_cancel' ? type.late_cancel_rule : type.no_show_rule;
    const fee = what === 'late_cancel' ? type.late_cancel_fee : type.no_show_fee;
    if (rule === 'deduct') return use(b, s, false) ?? {};
    if (rule === 'fee' && fee > 0 && b.fee_invoice_id === null) {
      assertClockNotBehind(env);
      const member = members.get(b.member_id);
      const locale = env.settings.get().locale;
      // The line is read on the invoice in the business's language: its date as that language writes one.
      const text = FEE_TEXT[locale][what](type.name, `${formatDate(s.date, locale)} ${s.start_time}`, member.name);
      const invoice = issueInvoice(
        env,
        {
          payerId: member.payerId ?? member.id,
          issueDate: env.today(),
          lines: [
            {
              kind: 'adjustment',
              description: text,
              amount: fee,
              taxRateBp: 0,
              ...oneOffFacts(member.id),
            },
          ],
        },
        env.audit,
      );
      return { fee_invoice_id: invoice.id };
    }
    return {};
  }

  /** A booking's use taken back: no units, and no membership or pack, except the lesson pack an enrolment or make-up keeps. */
  function nothingUsed(b: ClassBookingRow): Pick<ClassBookingRow, 'units_used' | 'pack_id' | 'subscription_id'> {
    const keepsPack = b.kind === 'enrolment' || b.kind === 'makeup';
    return { units_used: 0, pack_id: keepsPack ? b.pack_id : null, subscription_id: null };
  }

  /**
   * A roll-call mark can be changed or undone on the day it was made, or on the session's own day (a door mark
   * made before midnight for a class just after it); CLASS_UNDO_TOO_LATE otherwise.
   */
  function changeable(b: ClassBookingRow, s: { date: string }): void {
    const today = env.today();
    if (b.marked_on !== today && s.date !== today)
      throw new AppError('CLASS_UNDO_TOO_LATE', `Booking ${b.id} was marked on ${b.marked_on}.`, {
        bookingId: b.id,
        markedOn: b.marked_on,
      });
  }

  /** Puts a booking back to "booked" with nothing used: units back, an unpaid fee invoice voided. */
  function revert(b: ClassBookingRow): Partial<ClassBookingRow> {
    // A check-in that stood for this class is an ordinary visit again.
    if (b.status === 'attended') door.unlink(b.id);
    if (b.fee_invoice_id !== null)
      voidInvoice(env, b.fee_invoice_id, 'Class roll-call mark undone', env.audit);
    return { status: 'booked', fee_invoice_id: null, marked_on: null, ...nothingUsed(b) };
  }

  function openSession(sessionId: number): SessionView {
    const s = timetable.sessionRow(sessionId);
    if (s.status === 'cancelled')
      throw new AppError('CLASS_CANCELLED', `Session ${sessionId} was cancelled.`, { sessionId });
    return s;
  }

  const started = (s: SessionView) => nowWall() >= startOf(s);
  /** The last wall-clock minute a cancellation of `s` is free (its start less the cut-off). */
  const cutoffOf = (s: SessionView, type: ClassTypeRow) => startOf(s) - type.cutoff_hours * 60;
  /** Cancelling now is late: past the cut-off (the class type's late-cancel rule applies). */
  const late = (s: SessionView, type: ClassTypeRow) => nowWall() > cutoffOf(s, type);

  /** Refuses CLASS_FULL when no place is free (`memberId` names who wanted one). */
  function needPlace(s: SessionView, memberId: number): void {
    if (repo.taken(s.id) >= s.capacity)
      throw new AppError('CLASS_FULL', `Session ${s.id} is full.`, {
        sessionId: s.id,
        capacity: s.capacity,
        memberId,
      });
  }

  /** Fills free places from the waitlist while the session has not started; the first promoted, if any. */
  function promote(sessionId: number): ClassBooking | null {
    const s = timetable.sessionRow(sessionId);
    if (s.status !== 'scheduled' || started(s)) return null;
    let first: ClassBooking | null = null;
    for (let free = s.capacity - repo.taken(sessionId); free > 0; free--) {
      const next = repo.firstWaiting(sessionId);
      if (!next) break;
      const promoted = save(next, { status: 'booked' });
      first ??= promoted;
    }
    return first;
  }

  /**
   * The member's earlier row in a session, to be reused: one cancelled (in time, or late) free of charge
   * (the schema keeps one row per member and session). Anyone still in it, or whose cancellation used
   * units or was charged, is refused with CLASS_ALREADY_BOOKED.
   */
  function earlierRow(sessionId: number, memberId: number): ClassBookingRow | undefined {
    const existing = repo.bookingOf(sessionId, memberId);
    if (existing && !cancelledFree(existing, { late: true })) {
      throw new AppError(
        'CLASS_ALREADY_BOOKED',
        `Member ${memberId} is already in session ${sessionId}.`,
        {
          memberId,
          bookingId: existing.id,
          status: existing.status,
        },
      );
    }
    return existing;
  }

  /**
   * An enrolled student's lesson on leave, which booking them again (or their walking in) takes back:
   * the lesson pack pays as before. Refused while a make-up is booked for that lesson.
   */
  function onLeave(existing: ClassBookingRow | undefined): existing is ClassBookingRow {
    if (existing?.kind !== 'enrolment') return false;
    // A place given up by withdrawing is not leave: booking again is an ordinary booking, with its entitlement.
    if (existing.enrolment_id === null || repo.enrolmentById(existing.enrolment_id)?.status !== 'active') return false;
    if (repo.makeUpFor(existing.id) !== null) {
      throw new AppError(
        'CLASS_BOOKING_STATE',
        `Lesson ${existing.id} already has a make-up booked.`,
        {
          bookingId: existing.id,
          status: existing.status,
        },
      );
    }
    return true;
  }

  function book(input: {
    sessionId: number;
    memberIds: number[];
    payerId?: number | undefined;
    waitlist: boolean;
  }): ClassBooking[] {
    const s = openSession(input.sessionId);
    const type = timetable.typeRow(s.class_type_id);
    const opensOn = addDays(s.date, -type.open_days);
    if (started(s) || env.today() < opensOn) {
      throw new AppError(
        'CLASS_OUTSIDE_WINDOW',
        `Booking for session ${s.id} opens on ${opensOn} and closes at its start.`,
        { sessionId: s.id, opensOn, startsAt: `${s.date} ${s.start_time}` },
      );
    }
    if (input.payerId !== undefined) members.active(input.payerId);
    const out: ClassBooking[] = [];
    for (const memberId of input.memberIds) {
      const m = members.active(memberId);
      if (input.payerId !== undefined && m.id !== input.payerId && m.payerId !== input.payerId) {
        throw new AppError('PAYER_INVALID', `Member ${m.id} is not paid for by ${input.payerId}.`, {
          memberId: m.id,
          payerId: input.payerId,
        });
      }
      const existing = earlierRow(s.id, m.id);
      const backFromLeave = onLeave(existing);
      if (!backFromLeave) requireEntitlement(m.id, type, s.date);
      const full = repo.taken(s.id) >= s.capacity;
      if (full && !input.waitlist)
        throw new AppError('CLASS_FULL', `Session ${s.id} is full.`, {
          sessionId: s.id,
          capacity: s.capacity,
          memberId: m.id,
        });
      const status = full ? 'waitlisted' : 'booked';
      out.push(
        backFromLeave
          ? save(existing, { status, queued_at: queueStamp(s.id), marked_on: null, staff_name: clerk() })
          : existing
            ? save(existing, {
                kind: 'booking',
                status,
                queued_at: queueStamp(s.id),
                pack_id: null,
                subscription_id: null,
                enrolment_id: null,
                makeup_for: null,
                marked_on: null,
                staff_name: clerk(),
              })
            : insert({ session_id: s.id, member_id: m.id, kind: 'booking', status }),
      );
    }
    return out;
  }

  /** Cancels (or, for an enrolment, takes leave: 请假); late after the cut-off, with the class type's rule. */
  function cancel(bookingId: number): CancelResult {
    const b = row(bookingId);
    const s = timetable.sessionRow(b.session_id);
    if (b.status === 'waitlisted')
      return { booking: save(b, { status: 'cancelled', marked_on: env.today() }), promoted: null };
    if (b.status !== 'booked')
      throw new AppError('CLASS_BOOKING_STATE', `Booking ${bookingId} is ${b.status}.`, {
        bookingId,
        status: b.status,
      });
    if (s.status === 'cancelled')
      throw new AppError('CLASS_CANCELLED', `Session ${s.id} was cancelled.`, { sessionId: s.id });
    if (started(s))
      throw new AppError('CLASS_STARTED', `Session ${s.id} has started; mark the roll instead.`, {
        sessionId: s.id,
      });
    const type = timetable.typeRow(s.class_type_id);
    const booking = save(
      b,
      late(s, type)
        ? { status: 'late_cancelled', marked_on: env.today(), ...applyRule(b, s, 'late_cancel') }
        : { status: 'cancelled', marked_on: env.today() },
    );
    return { booking, promoted: promote(s.id) };
  }

  /**
   * Cancels every open booking of a session that is off (cancelled, or a holiday): nothing charged. A late
   * cancellation (late leave) of it, or an absence marked before the centre called it off, is the centre's
   * cancellation too: its units come back and its fee is undone (voided if unpaid, else credited to the
   * account), so the lesson is owed and may be made up.
   */
  function cancelOpenBookings(sessionId: number): void {
    for (const b of repo.openBookingsOfSession(sessionId))
      save(b, { status: 'cancelled', marked_on: env.today() });
    for (const b of repo.chargedOfSession(sessionId)) {
      const feeKept = b.fee_invoice_id !== null && !undoFee(b.fee_invoice_id);
      save(b, { status: 'cancelled', fee_invoice_id: feeKept ? b.fee_invoice_id : null, marked_on: env.today(), ...nothingUsed(b) });
    }
  }

  /** Takes back a late-cancel fee: voids its invoice if it can (true), else credits what is left of it to the account. */
  function undoFee(invoiceId: number): boolean {
    const reason = 'Class cancelled by the centre';
    try {
      voidInvoice(env, invoiceId, reason, env.audit);
      return true;
    } catch (e) {
      // Paid, partly credited, or dated on a closed day: a credit note on today instead.
      if (!(e instanceof AppError) || (e.code !== 'INVOICE_SETTLED' && e.code !== 'DAY_CLOSED')) throw e;
    }
    const lines = invoicesRepo(env.db).lines(invoiceId).filter((l) => l.gross > 0).map((l) => ({ invoiceLineId: l.id }));
    createManualCreditNote(env, { invoiceId, lines, settlement: 'credit', reason }, env.audit);
    return false;
  }

  function markable(b: ClassBookingRow): SessionView {
    const s = openSession(b.session_id);
    // Tomorrow's session may be marked once its door window is open (a class at 00:30, from 23:30).
    if (s.date > env.today() && !inDoorWindow(s, wallNow(env.now(), env.settings.get().timeZone)))
      throw new AppError('CLASS_NOT_STARTED', `Session ${s.id} is on ${s.date}.`, {
        sessionId: s.id,
        date: s.date,
      });
    return s;
  }

  function mark(input: { bookingId: number; present: boolean }): ClassBooking {
    let b = row(input.bookingId);
    const s = markable(b);
    const target = input.present ? 'attended' : 'no_show';
    if (b.status === target) return view(b.id);
    if (b.status !== 'booked' && b.status !== 'attended' && b.status !== 'no_show') {
      throw new AppError('CLASS_BOOKING_STATE', `Booking ${b.id} is ${b.status}.`, {
        bookingId: b.id,
        status: b.status,
      });
    }
    if (b.status === 'no_show') needPlace(s, b.member_id);
    if (b.status !== 'booked') {
      changeable(b, s);
      repo.updateBooking({ ...b, ...revert(b), updated_at: at() });
      b = row(b.id);
    }
    const effect = input.present ? use(b, s, true)! : applyRule(b, s, 'no_show');
    const marked = save(b, {
      status: target,
      marked_on: env.today(),
      staff_name: clerk(),
      ...effect,
    });
    if (input.present) joinDoorVisit(env, door, b, s);
    return marked;
  }

  function undoMark(bookingId: number): ClassBooking {
    const b = row(bookingId);
    if (b.status !== 'attended' && b.status !== 'no_show')
      throw new AppError('CLASS_BOOKING_STATE', `Booking ${b.id} is ${b.status}.`, {
        bookingId: b.id,
        status: b.status,
      });
    const s = timetable.sessionRow(b.session_id);
    changeable(b, s);
    // A no-show undone is booked again, which holds a place a walk-in may have taken since.
    if (b.status === 'no_show' && b.kind !== 'walk_in') needPlace(s, b.member_id);
    const back = revert(b);
    // A walk-in undone leaves the session: it never held a place before it was marked.
    return save(
      b,
      b.kind === 'walk_in' ? { ...back, status: 'cancelled', marked_on: env.today() } : back,
    );
  }

  function walkIn(input: { sessionId: number; memberId: number }): ClassBooking {
    const s = openSession(input.sessionId);
    if (s.date > env.today())
      throw new AppError('CLASS_NOT_STARTED', `Session ${s.id} is on ${s.date}.`, {
        sessionId: s.id,
        date: s.date,
      });
    const m = members.active(input.memberId);
    const booked = repo.bookingOf(s.id, m.id);
    if (booked?.status === 'booked') return mark({ bookingId: booked.id, present: true });
    // Waitlisted and here: with a free place the entry becomes their booking, marked present
    // through the roll call's own mark (the class's units, once); no free place: CLASS_FULL.
    if (booked?.status === 'waitlisted') {
      needPlace(s, m.id);
      repo.updateBooking({ ...booked, status: 'booked', updated_at: at() });
      return mark({ bookingId: booked.id, present: true });
    }
    const existing = earlierRow(s.id, m.id);
    if (existing && onLeave(existing)) {
      needPlace(s, m.id);
      repo.updateBooking({ ...existing, status: 'booked', marked_on: null, updated_at: at() });
      return mark({ bookingId: existing.id, present: true });
    }
    needPlace(s, m.id);
    const placeholder = {
      session_id: s.id,
      member_id: m.id,
      kind: 'walk_in',
      status: 'booked',
    } as ClassBookingRow;
    const cost = use(placeholder, s, true)!;
    const fields = {
      kind: 'walk_in' as const,
      status: 'attended' as const,
      marked_on: env.today(),
      queued_at: queueStamp(s.id),
      enrolment_id: null,
      makeup_for: null,
      fee_invoice_id: null,
      staff_name: clerk(),
      ...cost,
    };
    const added = existing
      ? save(existing, fields)
      : insert({ session_id: s.id, member_id: m.id, ...fields });
    joinDoorVisit(env, door, { id: added.id, member_id: m.id }, s);
    return added;
  }

  /** Ends the roll: every booking still unmarked is a no-show (the rule applied once); the waitlist is let go. */
  function closeRoll(sessionId: number): RollResult {
    const s = openSession(sessionId);
    if (!started(s))
      throw new AppError('CLASS_NOT_STARTED', `Session ${s.id} starts ${s.date} ${s.start_time}.`, {
        sessionId: s.id,
        date: s.date,
      });
    const noShows: ClassBooking[] = [];
    const feeInvoiceIds: number[] = [];
    const type = timetable.typeRow(s.class_type_id);
    for (const b of repo.openBookingsOfSession(s.id)) {
      // A member frozen that day could not have come (the door would have turned them away): the booking is
      // cancelled free, never a no-show with a fee or a deduction.
      if (b.status === 'waitlisted' || frozenOn(b.member_id, type, s.date)) {
        save(b, { status: 'cancelled', marked_on: env.today() });
        continue;
      }
      const done = save(b, {
        status: 'no_show',
        marked_on: env.today(),
        ...applyRule(b, s, 'no_show'),
      });
      noShows.push(done);
      if (done.feeInvoiceId !== null) feeInvoiceIds.push(done.feeInvoiceId);
    }
    if (s.roll_closed_at === null) {
      repo.updateSession({ ...s, roll_closed_at: at(), updated_at: at() });
      env.audit(
        'class_session',
        s.id,
        { rollClosed: false },
        // The session named as the log reads it: "closed the roll of Yoga on Mar 6, 2027 at 09:00".
        { rollClosed: true, noShows: noShows.length, feeInvoiceIds, scheduleName: s.schedule_name, date: s.date, startTime: s.start_time },
      );
    }
    return { noShows, feeInvoiceIds };
  }

  function ofMember(memberId: number, from: string | undefined): ClassBooking[] {
    members.get(memberId);
    return repo.bookingsOfMember(memberId, from ?? env.today()).map(toBooking);
  }

  return {
    view,
    row,
    save,
    insert,
    queueStamp,
    book,
    cancel,
    promote,
    cancelOpenBookings,
    mark,
    undoMark,
    walkIn,
    closeRoll,
    ofMember,
    started,
    cutoffOf,
    late,
    unitsOf,
    earlierRow,
  };
}

export type Bookings = ReturnType<typeof createBookings>;
