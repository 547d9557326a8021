import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassBooking } from '../../../electron/contract';
import { Dialog } from '../../components/Dialog';
import { Banner } from '../../components/Page';
import { toast } from '../../components/Toast';
import { errorText } from '../../app/errors';
import { ApiError, invoke } from '../../lib/api';
import { MemberPicker, type Picked } from '../members/MemberPicker';
import { useCanCall } from '../staff/useCanCall';
import { CancelSessionDialog, ChangeSessionDialog } from './SessionChange';
import { RollLessons } from './lessons/RollLessons';

/**
 * One session: who has a place and who waits, booking a member (or a walk-in), cancelling, and the
 * roll call (present / absent, undo, close the roll). Every change goes through the host's channels.
 */
export function SessionPanel({ sessionId, onClose }: { sessionId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const roll = useQuery({ queryKey: ['classes', 'session', sessionId], queryFn: () => invoke('classes.session', { sessionId }) });
  const [member, setMember] = useState<Picked | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canBook = useCanCall('classes.book');
  const canMark = useCanCall('classes.mark');
  // One-off changes (a manager's): move, substitute, places, note, or cancel the session.
  const canChange = useCanCall('classes.sessions.change');
  const canCancel = useCanCall('classes.sessions.cancel');
  const [changing, setChanging] = useState<'change' | 'cancel' | null>(null);
  const today = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) }).data?.today;

  const act = useMutation({
    mutationFn: async (run: () => Promise<string | null>) => run(),
    onMutate: () => setError(null),
    onSuccess: (message) => {
      if (message) toast.success(message);
    },
    onError: (e) => setError(e),
    // The week view's counts, the member's packs and check-in all move with a booking or a mark.
    onSettled: () => qc.invalidateQueries(),
  });

  const s = roll.data?.session;
  if (!roll.data || !s) {
    return (
      <Dialog title={t('classes.title')} onClose={onClose} size="large">
        {roll.error ? <Banner kind="error">{errorText(t, roll.error)}</Banner> : <p className="muted">{t('common.loading')}</p>}
      </Dialog>
    );
  }
  const bookings = roll.data.bookings;
  const full = s.booked >= s.capacity;
  const fullError = error instanceof ApiError && error.code === 'CLASS_FULL';

  function book(waitlist: boolean) {
    const m = member;
    if (!m) return;
    act.mutate(async () => {
      const [b] = await invoke('classes.book', { sessionId, memberIds: [m.id], waitlist });
      setMember(null);
      return t(b?.status === 'waitlisted' ? 'classes.session.waitlisted' : 'classes.session.booked', { name: m.name });
    });
  }
  function walkIn() {
    const m = member;
    if (!m) return;
    act.mutate(async () => {
      await invoke('classes.walkIn', { sessionId, memberId: m.id });
      setMember(null);
      return null;
    });
  }

  return (
    <Dialog
      title={t('classes.session.title', { name: s.scheduleName, date: s.date, time: s.startTime })}
      onClose={onClose}
      size="large"
      footer={
        <>
          {/* The host holds a session once someone is marked present or the roll is closed. */}
          {s.status === 'scheduled' && !s.rollClosed && s.attended === 0 ? (
            <>
              {canCancel ? (
                <button type="button" className="btn btn--ghost" data-channel="classes.sessions.cancel" onClick={() => setChanging('cancel')}>
                  {t('classes.change.cancelButton')}
                </button>
              ) : null}
              {canChange ? (
                <button type="button" className="btn" data-channel="classes.sessions.change" onClick={() => setChanging('change')}>
                  {t('classes.change.button')}
                </button>
              ) : null}
            </>
          ) : null}
          {canMark && s.status === 'scheduled' && !s.rollClosed ? (
            <button
              type="button"
              className="btn"
              title={t('classes.session.closeRollHint')}
              disabled={act.isPending}
              onClick={() =>
                act.mutate(async () => {
                  const r = await invoke('classes.closeRoll', { sessionId });
                  return t('classes.session.closed', { count: r.noShows.length });
                })
              }
            >
              {t('classes.session.closeRoll')}
            </button>
          ) : null}
          <button type="button" className="btn btn--primary" onClick={onClose}>
            {t('classes.session.close')}
          </button>
        </>
      }
    >
      <div className="session-panel">
        <p className="session-panel__facts">
          <span className="session-panel__swatch" style={{ background: s.colour }} aria-hidden="true" />
          {s.classTypeName} · {t('classes.session.facts', { start: s.startTime, end: s.endTime, teacher: s.teacherName ?? t('classes.noTeacher'), room: s.roomName ?? t('classes.noRoom') })}
          {' · '}
          <strong>{t('classes.placesLong', { booked: s.booked, capacity: s.capacity })}</strong>
          {s.waitlisted ? ` · ${t('classes.waitlistLong', { count: s.waitlisted })}` : ''}
          {s.status === 'cancelled' ? ` · ${t('classes.cancelled')}` : ''}
          {s.rollClosed ? ` · ${t('classes.rollClosed')}` : ''}
        </p>
        {s.note ? <p className="muted">{s.note}</p> : null}
        {error ? <Banner kind="error">{errorText(t, error)}</Banner> : null}
        {canBook && s.status === 'scheduled' && !s.rollClosed ? (
          <div className="session-panel__book">
            <label htmlFor={`book-${sessionId}`}>{t('classes.session.book')}</label>
            <MemberPicker id={`book-${sessionId}`} value={member} onChange={setMember} exclude={bookings.filter((b) => b.status === 'booked' || b.status === 'waitlisted' || b.status === 'attended').map((b) => b.memberId)} autoFocus />
            <div className="session-panel__buttons">
              <button type="button" className="btn btn--primary" disabled={!member || act.isPending} onClick={() => book(full || fullError)}>
                {full || fullError ? t('classes.session.waitlistButton') : t('classes.session.bookButton')}
              </button>
              <button type="button" className="btn" disabled={!member || act.isPending} onClick={walkIn}>
                {t('classes.session.walkIn')}
              </button>
            </div>
            {full ? <p className="field__hint">{t('classes.session.fullHint')}</p> : null}
          </div>
        ) : null}
        <h3 className="session-panel__heading">{t('classes.session.people')}</h3>
        {bookings.length ? (
          <table className="table session-panel__table" aria-label={t('classes.session.people')}>
            <thead>
              <tr>
                <th>{t('classes.session.member')}</th>
                <th>{t('classes.session.status')}</th>
                <th>{t('classes.session.plan')}</th>
                <th>{t('classes.session.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => (
                <Row key={b.id} b={b} canMark={canMark && s.status === 'scheduled'} canCome={!full && today !== undefined && s.date <= today} busy={act.isPending} run={(r) => act.mutate(r)} />
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('classes.session.nobody')}</p>
        )}
        <RollLessons sessionId={sessionId} scheduleId={s.scheduleId} bookings={bookings} />
      </div>
      {changing === 'change' && today ? <ChangeSessionDialog session={s} today={today} onClose={() => setChanging(null)} /> : null}
      {changing === 'cancel' ? <CancelSessionDialog session={s} onClose={() => setChanging(null)} /> : null}
    </Dialog>
  );
}

function Row({ b, canMark, canCome, busy, run }: { b: ClassBooking; canMark: boolean; canCome: boolean; busy: boolean; run: (r: () => Promise<string | null>) => void }) {
  const { t } = useTranslation();
  const status =
    b.status === 'waitlisted' && b.waitlistPosition ? t('classes.session.position', { n: b.waitlistPosition }) : t(`classes.status.${b.status}`);
  const mark = (present: boolean) => () =>
    run(async () => {
      await invoke('classes.mark', { bookingId: b.id, present });
      return null;
    });
  const cancel = () =>
    run(async () => {
      const r = await invoke('classes.cancelBooking', { bookingId: b.id });
      return r.promoted ? t('classes.session.promoted', { name: r.promoted.memberName }) : t('classes.session.cancelledBooking');
    });
  // A waitlisted member who turned up, with a place free: added to the roll, marked present.
  const came = () =>
    run(async () => {
      await invoke('classes.walkIn', { sessionId: b.sessionId, memberId: b.memberId });
      return t('classes.session.cameDone', { name: b.memberName });
    });
  const undo = () =>
    run(async () => {
      await invoke('classes.undoMark', { bookingId: b.id });
      return null;
    });
  return (
    <tr className={b.status === 'cancelled' || b.status === 'late_cancelled' ? 'row--muted' : undefined}>
      <td className="cell-strong">
        {b.memberName}
        {b.kind !== 'booking' ? <span className="cell-sub"> · {t(`classes.kind.${b.kind}`)}</span> : null}
      </td>
      <td>
        <span className={`badge badge--${badge(b.status)}`}>{status}</span>
      </td>
      <td>{b.planName ?? '—'}</td>
      <td>
        <div className="row-actions">
          {canMark && b.status === 'booked' ? (
            <>
              <button type="button" className="btn btn--small" disabled={busy} onClick={mark(true)} aria-label={`${t('classes.session.present')}: ${b.memberName}`}>
                {t('classes.session.present')}
              </button>
              <button type="button" className="btn btn--small" disabled={busy} onClick={mark(false)} aria-label={`${t('classes.session.absent')}: ${b.memberName}`}>
                {t('classes.session.absent')}
              </button>
            </>
          ) : null}
          {canMark && (b.status === 'attended' || b.status === 'no_show') ? (
            <button type="button" className="btn btn--small" disabled={busy} onClick={undo} aria-label={`${t('classes.session.undo')}: ${b.memberName}`}>
              {t('classes.session.undo')}
            </button>
          ) : null}
          {canMark && canCome && b.status === 'waitlisted' ? (
            <button type="button" className="btn btn--small" disabled={busy} onClick={came} aria-label={`${t('classes.session.came')}: ${b.memberName}`}>
              {t('classes.session.came')}
            </button>
          ) : null}
          {b.status === 'booked' || b.status === 'waitlisted' ? (
            <button type="button" className="btn btn--small btn--ghost" disabled={busy} onClick={cancel} aria-label={`${b.status === 'booked' ? t('classes.session.cancelBooking') : t('classes.session.leaveLine')}: ${b.memberName}`}>
              {b.status === 'booked' ? t('classes.session.cancelBooking') : t('classes.session.leaveLine')}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

function badge(status: ClassBooking['status']): string {
  if (status === 'attended') return 'green';
  if (status === 'booked') return 'blue';
  if (status === 'waitlisted') return 'amber';
  if (status === 'no_show' || status === 'late_cancelled') return 'red';
  return 'grey';
}
