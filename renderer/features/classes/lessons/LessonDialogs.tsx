import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassBooking, ClassSchedule, ClassSession } from '../../../../electron/contract';
import { errorText } from '../../../app/errors';
import { DateInput } from '../../../components/DateInput';
import { isIsoDate } from '../../../components/dateText';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { Banner } from '../../../components/Page';
import { toast } from '../../../components/Toast';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import { MemberPicker, type Picked } from '../../members/MemberPicker';
import { sayPrinted } from '../../payments/money';
import { SessionPicker, useSessionText, useUpcoming } from './SessionPicker';

/** A change from these dialogs moves bookings, packs, the week view and the member page: refresh them all. */
function useLessonAction<T>(run: () => Promise<T>, done: (r: T) => string, onClose: () => void) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: run,
    onSuccess: (r) => {
      toast.success(done(r));
      onClose();
    },
    onError: (e) => toast.error(errorText(t, e)),
    onSettled: () => qc.invalidateQueries(),
  });
}

/** Enrol a student in a class (班级) for the term with one of their lesson packs: from the member page (student fixed) or a session (class fixed). */
export function EnrolDialog(props: { member: Picked | null; schedule: ClassSchedule | null; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [member, setMember] = useState<Picked | null>(props.member);
  const [scheduleId, setScheduleId] = useState<number | null>(props.schedule?.id ?? null);
  const [packId, setPackId] = useState<number | null>(null);
  const [start, setStart] = useState(props.today);
  const schedules = useQuery({ queryKey: ['classes', 'schedules'], queryFn: () => invoke('classes.schedules.list', {}), enabled: !props.schedule });
  const packs = useQuery({
    queryKey: ['members', 'packs', member?.id],
    queryFn: () => invoke('packs.listByMember', { memberId: member!.id }),
    enabled: member !== null,
  });
  const open = (schedules.data ?? []).filter((s) => s.termEnd >= props.today);
  const schedule = props.schedule ?? open.find((s) => s.id === scheduleId) ?? null;
  const usable = (packs.data ?? []).filter((p) => p.status === 'active' && p.sessionsTotal > p.sessionsUsed && p.expiresOn > props.today);
  const chosenPack = usable.find((p) => p.id === packId) ?? usable[0] ?? null;
  const enrol = useLessonAction(
    () => invoke('classes.enrol', { memberId: member!.id, scheduleId: schedule!.id, packId: chosenPack!.id, startDate: start }),
    (e) => t('lessons.enrol.done', { member: e.memberName, name: e.scheduleName }),
    props.onClose,
  );
  const ready = member !== null && schedule !== null && chosenPack !== null && isIsoDate(start);
  return (
    <Dialog
      title={props.member ? t('lessons.enrol.title', { name: props.member.name }) : t('lessons.enrol.titleSession', { name: props.schedule?.name ?? '' })}
      onClose={props.onClose}
      onSubmit={() => ready && enrol.mutate()}
      submitLabel={t('lessons.enrol.submit')}
      busy={enrol.isPending}
      size="medium"
    >
      {!props.member ? (
        <Field label={t('lessons.enrol.student')}>{(id) => <MemberPicker id={id} value={member} onChange={setMember} autoFocus />}</Field>
      ) : null}
      {!props.schedule ? (
        <Field label={t('lessons.enrol.className')}>
          {(id) => (
            <select id={id} value={scheduleId ?? ''} onChange={(e) => setScheduleId(e.target.value ? Number(e.target.value) : null)} data-autofocus="">
              <option value="">{t('lessons.enrol.choose')}</option>
              {open.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('lessons.enrol.classOption', { name: s.name, term: f.dateRange(s.termStart, s.termEnd), enrolled: s.enrolled, capacity: s.capacity })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {member ? (
        usable.length ? (
          <Field label={t('lessons.enrol.pack')}>
            {(id) => (
              <select id={id} value={chosenPack?.id ?? ''} onChange={(e) => setPackId(Number(e.target.value))}>
                {usable.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('lessons.enrol.packOption', { name: p.planName, left: p.sessionsTotal - p.sessionsUsed, date: f.date(p.expiresOn) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : packs.data ? (
          <Banner kind="warning">{t('lessons.enrol.noPack')}</Banner>
        ) : null
      ) : null}
      <Field label={t('lessons.enrol.start')} hint={t('lessons.enrol.startHint')}>
        {(id, describedBy) => <DateInput id={id} value={start} onChange={setStart} describedBy={describedBy} min={props.today} {...(schedule ? { max: schedule.termEnd } : {})} />}
      </Field>
    </Dialog>
  );
}

/** Take leave (an enrolled lesson), cancel a booking or leave the waitlist, after saying what it does now. */
export function CancelDialog(props: { booking: ClassBooking; className: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const b = props.booking;
  const preview = useQuery({ queryKey: ['classes', 'cancelPreview', b.id], queryFn: () => invoke('classes.cancelPreview', { bookingId: b.id }), gcTime: 0 });
  const p = preview.data;
  const cancel = useLessonAction(
    () => invoke('classes.cancelBooking', { bookingId: b.id }),
    (r) =>
      [
        p?.leave ? t(r.booking.status === 'late_cancelled' ? 'lessons.cancel.doneLate' : 'lessons.cancel.doneLeave', { date: f.date(b.date) }) : t('lessons.cancel.doneCancel'),
        r.promoted ? t('lessons.cancel.promoted', { name: r.promoted.memberName }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    props.onClose,
  );
  const kind = p?.timing === 'line' ? 'Line' : p?.leave ? 'Leave' : 'Cancel';
  const cutoff = p ? { cutoff: `${f.date(p.cutoffAt.slice(0, 10))} ${p.cutoffAt.slice(11)}`, hours: p.cutoffHours } : { cutoff: '', hours: 0 };
  return (
    <Dialog
      title={t(`lessons.cancel.title${kind}`, { name: b.memberName })}
      onClose={props.onClose}
      onSubmit={() => p && cancel.mutate()}
      busy={cancel.isPending}
      size="medium"
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose} disabled={cancel.isPending}>
            {t('lessons.cancel.keep')}
          </button>
          <button type="submit" className={`btn ${p?.timing === 'late' ? 'btn--danger' : 'btn--primary'}`} disabled={cancel.isPending || !p}>
            {t(`lessons.cancel.confirm${kind}`)}
          </button>
        </>
      }
    >
      <p className="cell-strong">{t('lessons.cancel.lesson', { class: props.className, date: f.date(b.date), time: b.startTime })}</p>
      {preview.error ? <Banner kind="error">{errorText(t, preview.error)}</Banner> : null}
      {p?.timing === 'line' ? <p>{t('lessons.cancel.line')}</p> : null}
      {p?.timing === 'in_time' ? <Banner kind="info">{t(p.leave ? 'lessons.cancel.inTimeLeave' : 'lessons.cancel.inTime', cutoff)}</Banner> : null}
      {p?.timing === 'late' ? (
        <Banner kind="warning">
          {t('lessons.cancel.late', cutoff)} {t(`lessons.cancel.rule.${p.rule}`, { fee: f.money(p.fee), count: p.units })}
        </Banner>
      ) : null}
    </Dialog>
  );
}

/** Book one member, or several of a household paid for by this member, into a session ahead. */
export function BookDialog(props: { member: Picked; household: Picked[]; onClose: () => void }) {
  const { t } = useTranslation();
  const sessionText = useSessionText();
  const upcoming = useUpcoming(28);
  const [session, setSession] = useState<ClassSession | null>(null);
  const [chosen, setChosen] = useState<number[]>([props.member.id]);
  const [waitlist, setWaitlist] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = [props.member, ...props.household];
  const names = (ids: number[]) => people.filter((p) => ids.includes(p.id)).map((p) => p.name).join('、');
  const book = useLessonAction(
    () =>
      invoke('classes.book', {
        sessionId: session!.id,
        memberIds: chosen,
        waitlist,
        ...(props.household.length ? { payerId: props.member.id } : {}),
      }),
    (list) => {
      const booked = list.filter((b) => b.status === 'booked').map((b) => b.memberId);
      const waiting = list.filter((b) => b.status === 'waitlisted').map((b) => b.memberId);
      return [booked.length ? t('lessons.book.done', { count: booked.length, names: names(booked) }) : '', waiting.length ? t('lessons.book.waitlisted', { names: names(waiting) }) : '']
        .filter(Boolean)
        .join(' ');
    },
    props.onClose,
  );
  function submit() {
    if (!session) return setError(t('lessons.book.pickFirst'));
    if (!chosen.length) return setError(t('lessons.book.nobody'));
    setError(null);
    book.mutate();
  }
  return (
    <Dialog title={t('lessons.book.title', { name: props.member.name })} onClose={props.onClose} onSubmit={submit} submitLabel={t('lessons.book.submit')} busy={book.isPending} size="large">
      <div className="lesson-book">
        <Field label={t('lessons.picker.label')}>{(id) => <SessionPicker id={id} sessions={upcoming.data ?? []} value={session} onChange={setSession} />}</Field>
        <div className="lesson-book__side">
          {session ? <p className="cell-strong">{t('lessons.book.chosen', { session: sessionText(session) })}</p> : null}
          {props.household.length ? (
            <fieldset className="lesson-book__who">
              <legend>{t('lessons.book.household', { payer: props.member.name })}</legend>
              {people.map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))} />
                  {p.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <label className="check">
            <input type="checkbox" checked={waitlist} onChange={(e) => setWaitlist(e.target.checked)} />
            {t('lessons.book.waitlist')}
          </label>
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}

/** Place a lesson missed with leave in time in a session of any class that has a free place (补课). */
export function MakeUpDialog(props: { leave: ClassBooking; className: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const sessionText = useSessionText();
  const upcoming = useUpcoming(28);
  const [session, setSession] = useState<ClassSession | null>(null);
  const makeUp = useLessonAction(
    () => invoke('classes.makeUp', { bookingId: props.leave.id, sessionId: session!.id }),
    () => t('lessons.makeUp.done', { session: sessionText(session!) }),
    props.onClose,
  );
  return (
    <Dialog
      title={t('lessons.makeUp.title', { name: props.leave.memberName })}
      onClose={props.onClose}
      onSubmit={() => session && makeUp.mutate()}
      submitLabel={t('lessons.makeUp.submit')}
      busy={makeUp.isPending}
      size="large"
    >
      <p>{t('lessons.makeUp.missed', { date: f.date(props.leave.date), class: props.className })}</p>
      <Field label={t('lessons.picker.label')} hint={t('lessons.makeUp.onlyFree')}>
        {(id, describedBy) => <SessionPicker id={id} describedBy={describedBy} sessions={upcoming.data ?? []} value={session} onChange={setSession} onlyFree exclude={[props.leave.sessionId]} />}
      </Field>
      {session ? <p className="cell-strong">{t('lessons.book.chosen', { session: sessionText(session) })}</p> : null}
    </Dialog>
  );
}

/** The parent's statement for a date range, printed or saved as PDF in either language. */
export function StatementDialog(props: { member: Picked; today: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(`${props.today.slice(0, 8)}01`);
  const [to, setTo] = useState(props.today);
  const [locale, setLocale] = useState<'en' | 'zh-CN'>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  const [busy, setBusy] = useState(false);
  const valid = isIsoDate(from) && isIsoDate(to) && to >= from;
  async function run(action: 'print' | 'pdf') {
    if (!valid) return;
    setBusy(true);
    await sayPrinted(t, () => invoke('documents.lessonStatement', { memberId: props.member.id, from, to, locale, action }));
    setBusy(false);
  }
  return (
    <Dialog
      title={t('lessons.statement.title', { name: props.member.name })}
      onClose={props.onClose}
      busy={busy}
      size="medium"
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
            {t('common.close')}
          </button>
          <button type="button" className="btn" disabled={busy || !valid} onClick={() => void run('pdf')}>
            {t('lessons.statement.pdf')}
          </button>
          <button type="button" className="btn btn--primary" disabled={busy || !valid} onClick={() => void run('print')}>
            {t('lessons.statement.print')}
          </button>
        </>
      }
    >
      <p className="muted">{t('lessons.statement.intro')}</p>
      <div className="lesson-form-row">
        <Field label={t('lessons.statement.from')}>{(id) => <DateInput id={id} value={from} onChange={setFrom} invalid={!valid} />}</Field>
        <Field label={t('lessons.statement.to')}>{(id) => <DateInput id={id} value={to} onChange={setTo} invalid={!valid} />}</Field>
        <Field label={t('lessons.statement.language')}>
          {(id) => (
            <select id={id} value={locale} onChange={(e) => setLocale(e.target.value === 'zh-CN' ? 'zh-CN' : 'en')}>
              <option value="en">English</option>
              <option value="zh-CN">简体中文</option>
            </select>
          )}
        </Field>
      </div>
      {!valid ? (
        <p className="field__error" role="alert">
          {t('lessons.statement.badRange')}
        </p>
      ) : null}
    </Dialog>
  );
}
