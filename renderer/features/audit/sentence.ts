/**
 * One audit entry as a sentence in the reader's language, built only from what the entry recorded
 * (its channel, record, before/after) and the names the host looked up for its ids:
 * "Li Wei took ¥399.00 (WeChat) from Zhang San" / "李伟 向 张三 收款 ¥399.00（微信）".
 * Pure: the words come from the audit strings through `t`, money, dates and methods through `f`.
 * A kind it does not know still reads as a sentence about the record, never as a channel name.
 */
import type { TFunction } from 'i18next';
import type { AuditRow } from '../../../electron/contract';

export interface SentenceFormat {
  money(minor: number): string;
  /** A business date 'YYYY-MM-DD'. */
  date(iso: string): string;
  /** A payment method code ('wechat') in the reader's language. */
  method(code: string): string;
  /** A UTC instant in the business time zone, date and time. */
  instant(iso: string): string;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {};
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The record types the log names, in the reader's words (the entity filter uses them too). */
export const AUDIT_ENTITIES = [
  'allocation',
  'billing_run',
  'bonus_grant',
  'checkin',
  'credit_note',
  'day_closeout',
  'document_settings',
  'expense',
  'expense_category',
  'follow_up',
  'freeze_grant',
  'invoice',
  'invoice_settlement',
  'late_fee',
  'member',
  'member_pack',
  'payment',
  'payment_method',
  'plan',
  'promotion',
  'refund',
  'settings',
  'staff',
  'subscription',
  'subscription_addon',
  'class_type',
  'class_teacher',
  'class_room',
  'class_schedule',
  'class_session',
  'class_enrolment',
  'class_booking',
  'member_photo',
  'renewal_follow_up',
  'promotion_sale',
  'site',
  'device',
] as const;

export function entityLabel(t: TFunction, entity: string): string {
  return (AUDIT_ENTITIES as readonly string[]).includes(entity)
    ? t(`audit.entities.${entity}`)
    : t('audit.entities.other');
}

/** Why the main desk turned away a check-in that waited at a connected desk, in the reader's words. */
const REPLAY_REFUSALS = ['blocked', 'no_match', 'choose', 'already'] as const;

/**
 * A check-in a connected desk kept while the main desk was unreachable: where and when it was made
 * at the door, when it reached the main desk, and whether it counted or was turned away then.
 */
function replayedCheckin(a: Rec, r: Rec, say: (key: string, values?: Rec) => string, f: SentenceFormat): string {
  const values = { device: str(r.device) ?? '', madeAt: f.instant(str(r.madeAt) ?? ''), arrivedAt: f.instant(str(r.arrivedAt) ?? '') };
  if (a.outcome === undefined) {
    const counted = say('checkinQueued', values);
    // Merged into another record while it waited: counted on the record kept.
    return num(a.mergedFrom) === null ? counted : say('checkinQueuedMerged', { text: counted, from: num(a.mergedFrom) });
  }
  // A member number the main desk no longer has (no name to search for): said as such.
  const unknown = a.outcome === 'no_match' && str(a.query) === null && num(a.memberId) !== null;
  const outcome = unknown ? 'unknownMember' : (REPLAY_REFUSALS as readonly unknown[]).includes(a.outcome) ? String(a.outcome) : 'blocked';
  return say('checkinQueuedRefused', { ...values, why: say(`queuedRefusal.${outcome}`, { query: str(a.query) ?? '', id: num(a.memberId) }) });
}

export function auditSentence(row: AuditRow, t: TFunction, f: SentenceFormat): string {
  const a = rec(row.after);
  const b = rec(row.before);
  const say = (key: string, values: Rec = {}) =>
    t(`audit.say.${key}`, { who, member, plan, document, ...values });
  const who = row.staffId === null ? t('audit.system') : row.staffName;
  const member = row.names.member ?? t('audit.someone');
  const plan = row.names.plan ?? t('audit.aPlan');
  const document = row.names.document ?? `#${row.entityId}`;
  const money = (v: unknown) => f.money(num(v) ?? 0);
  const date = (v: unknown) => (str(v) ? f.date(str(v)!) : '');
  const reason = str(a.reason) ?? str(a.undoReason) ?? str(a.overrideReason);
  const withReason = (text: string) => (reason ? t('audit.say.because', { text, reason }) : text);

  switch (row.entity) {
    case 'payment':
      return say(num(a.allocated) === 0 ? 'topup' : 'payment', {
        amount: money(a.amount),
        method: f.method(str(a.method) ?? 'cash'),
      });
    case 'refund':
      return withReason(
        say('refund', { amount: money(a.amount), method: f.method(str(a.method) ?? 'cash') }),
      );
    case 'bonus_grant':
      return say('bonusForfeited', { amount: money(a.forfeited) });
    case 'allocation':
      return say(a.source === 'credit_note' ? 'allocationCreditNote' : 'allocation', {
        amount: money(a.amount),
      });
    case 'invoice_settlement':
      return withReason(say('unsettled'));
    case 'invoice':
      if (a.status === 'void') return withReason(say('invoiceVoid'));
      return say('invoice', { amount: money(a.total), due: date(a.dueDate) });
    case 'credit_note':
      return say('creditNote', { amount: money(a.total) });
    case 'late_fee':
      return say('lateFee', { amount: money(a.amount), fee: str(a.feeNumber) ?? '' });
    case 'subscription':
      return subscriptionSentence(a, b, say, date, withReason);
    case 'subscription_addon':
      if (a.name !== undefined)
        return say('addonAdded', {
          name: str(a.name) ?? '',
          amount: money(a.price),
          date: date(a.startDate),
        });
      return say('addonEnded', { date: date(a.endDate) });
    case 'freeze_grant':
      return withReason(say('freezeGranted', { count: num(a.days) ?? 0, year: num(a.year) ?? '' }));
    case 'checkin':
      if (a.replayed !== undefined) return replayedCheckin(a, rec(a.replayed), say, f);
      if (a.undoneAt) return withReason(say('checkinUndone'));
      if (a.dropIn === true) return say('checkinDropIn');
      return withReason(say(a.overrideReason ? 'checkinOverride' : 'checkin'));
    case 'member':
      if (row.channel === 'members.create') return say('memberAdded');
      if (a.mergedFrom !== undefined) return say('memberMergedInto');
      if (a.mergedInto !== null && a.mergedInto !== undefined) return say('memberMergedAway');
      return say('memberUpdated');
    case 'member_pack':
      return say(a.imported === true ? 'packImported' : 'packSold', {
        count: num(a.sessionsTotal) ?? 0,
        date: date(a.expiresOn),
      });
    case 'follow_up':
      return say(a.kind === 'promised' && str(a.promisedDate) ? 'followUpPromised' : 'followUp', {
        date: date(a.promisedDate),
        note: str(a.note) ?? '',
      }).replace(/[:：]\s*$/, '');
    case 'plan':
      if (row.channel === 'plans.create' || Object.keys(b).length === 0)
        return say('planCreated', { amount: money(a.price) });
      if (a.archived === true && b.archived !== true) return say('planArchived');
      return say('planUpdated');
    case 'payment_method':
      return say(Object.keys(b).length === 0 ? 'methodAdded' : 'methodUpdated', {
        name: str(a.name) ?? row.entityId,
      });
    case 'promotion':
      // A promotion of plans (促销活动) shares the record type with a top-up bonus; its channel tells them apart.
      if (row.channel.startsWith('campaigns.')) {
        if (Object.keys(b).length === 0) return say('campaignAdded', { name: str(a.name) ?? '' });
        if (a.archived !== b.archived) return say(a.archived === true ? 'campaignArchived' : 'campaignRestored', { name: str(a.name) ?? '' });
        return say('campaignUpdated', { name: str(a.name) ?? '' });
      }
      return say(Object.keys(b).length === 0 ? 'promotionAdded' : 'promotionUpdated', {
        name: str(a.name) ?? '',
        amount: money(a.minAmount),
        bonus: money(a.bonus),
      });
    case 'expense':
      if (a.deleted) return say('expenseDeleted', { amount: money(a.amount) });
      return say(Object.keys(b).length === 0 ? 'expenseAdded' : 'expenseUpdated', {
        amount: money(a.amount),
        date: date(a.date),
      });
    case 'expense_category':
      return say(Object.keys(b).length === 0 ? 'categoryAdded' : 'categoryUpdated', {
        name: t('audit.say.categoryName', { en: str(a.nameEn) ?? '', zh: str(a.nameZh) ?? '' }),
      });
    case 'day_closeout':
      return say(a.reopenedAt || row.channel === 'closeout.reopen' ? 'dayReopened' : 'dayClosed', {
        date: date(row.entityId),
      });
    case 'billing_run':
      return say('catchUpConfirmed', { date: date(a.asOf) });
    case 'settings':
      return settingsSentence(row, a, say);
    case 'document_settings':
      return say('documentSettings');
    case 'staff':
      return staffSentence(row, a, b, t, say);
    case 'class_type':
    case 'class_teacher':
    case 'class_room':
    case 'class_schedule':
      return say(`${Object.keys(b).length === 0 ? 'added' : 'changed'}.${row.entity}`, { name: str(a.name) ?? str(b.name) ?? '' });
    case 'class_session':
    case 'class_booking':
    case 'class_enrolment':
      return classSentence(row.entity, a, b, say, f);
    case 'member_photo':
      return say(row.after === null ? 'photoRemoved' : 'photoSet');
    case 'renewal_follow_up':
      return say('renewalCall', { outcome: t(`followups.outcome.${str(a.outcome) ?? 'reached'}`) });
    case 'promotion_sale':
      return say('promotionSold');
    case 'site':
      return say(a.on === true ? 'sharingOn' : 'sharingOff');
    case 'device':
      return say('deviceRemoved', { name: str(a.name) ?? str(b.name) ?? '' });
    default:
      return say('generic', { record: entityLabel(t, row.entity), id: row.entityId });
  }
}

const BOOKING_SAYS = ['booked', 'waitlisted', 'cancelled', 'late_cancelled', 'attended', 'no_show'] as const;

/** A class session, booking or enrolment: what happened, to which class, on which day and at what time. */
function classSentence(entity: string, a: Rec, b: Rec, say: Say, f: SentenceFormat): string {
  const day = (v: unknown) => (str(v) ? f.date(str(v)!) : '');
  const when = { name: str(a.scheduleName) ?? str(a.classTypeName) ?? str(b.scheduleName) ?? '', date: day(a.date ?? a.startDate), time: str(a.startTime) ?? '' };
  if (entity === 'class_session') {
    if (a.rollClosed === true) return say(when.name ? 'rollClosed' : 'rollClosedUnnamed', { ...when, count: num(a.noShows) ?? 0 });
    return say(a.status === 'cancelled' && b.status !== 'cancelled' ? 'sessionCancelled' : 'sessionChanged', when);
  }
  if (entity === 'class_enrolment') {
    if (Object.keys(b).length === 0) return say('enrolled', when);
    if (a.status === 'withdrawn' && b.status !== 'withdrawn') return say('withdrawn', { ...when, date: day(a.withdrawnOn) });
    return say('enrolmentChanged', when);
  }
  const status = (BOOKING_SAYS as readonly unknown[]).includes(a.status) ? String(a.status) : 'changed';
  return say(`booking.${status}`, { ...when, name: str(a.classTypeName) ?? when.name });
}

type Say = (key: string, values?: Rec) => string;

function subscriptionSentence(
  a: Rec,
  b: Rec,
  say: Say,
  date: (v: unknown) => string,
  withReason: (s: string) => string,
): string {
  if (Object.keys(b).length === 0) return say('subscribed', { date: date(a.startDate) });
  if (a.pauseFrom !== undefined)
    return say(a.pauseUntil ? 'paused' : 'pausedOpen', {
      from: date(a.pauseFrom),
      until: date(a.pauseUntil),
    });
  if (a.resumeOn !== undefined) return say('resumed', { date: date(a.resumeOn) });
  if (a.cancel !== undefined)
    return say(a.endDate ? 'cancelled' : 'cancelledNow', { date: date(a.endDate) });
  if (b.cancelAtPeriodEnd === true) return say('cancelUndone');
  if (b.pendingPlanId !== undefined && a.pendingPlanId !== undefined)
    return say('planChangeAt', { date: date(a.on) });
  if (a.planId !== undefined && b.planId !== undefined)
    return say('planChanged', { date: date(a.from) });
  if (typeof a.status === 'string' && typeof b.status === 'string') {
    return withReason(
      say('statusChanged', { from: say(`status.${b.status}`), to: say(`status.${a.status}`) }),
    );
  }
  return say('subscriptionChanged');
}

function settingsSentence(row: AuditRow, a: Rec, say: Say): string {
  if (row.entityId === 'locale')
    return say('language', { language: say(`languageName.${a.locale === 'en' ? 'en' : 'zh'}`) });
  if (row.entityId === 'backupFolder') return say('backupFolder');
  if (row.channel === 'settings.completeSetup')
    return say('setupDone', { name: str(a.businessName) ?? '' });
  if (row.channel === 'settings.migrate') return say('settingsMoved');
  return say('settingsChanged');
}

function staffSentence(row: AuditRow, a: Rec, b: Rec, t: TFunction, say: Say): string {
  const person = row.names.staff ?? t('audit.someone');
  if (a.signedIn === true) return say('signedIn', { person });
  if (a.wrongPin === true) return say(a.lockedUntil ? 'pinLocked' : 'wrongPin', { person });
  if (a.pin === 'reset') return say('pinReset', { person });
  if (a.pin === 'changed') return say('pinChanged', { person });
  if (b.failedAttempts !== undefined && a.failedAttempts === 0 && a.lockedUntil === null)
    return say('pinCleared', { person });
  const role = str(a.role);
  if (Object.keys(b).length === 0 && row.staffId !== null && String(row.staffId) === row.entityId)
    return say('ownerCreated', { person });
  if (Object.keys(b).length === 0)
    return say('staffAdded', { person, role: role ? t(`staff.roles.${role}`) : '' });
  if (a.active === false && b.active === true) return say('staffDeactivated', { person });
  if (a.active === true && b.active === false) return say('staffReactivated', { person });
  if (role && role !== b.role) return say('staffRole', { person, role: t(`staff.roles.${role}`) });
  return say('staffUpdated', { person });
}
