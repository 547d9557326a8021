import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassBooking } from '../../../../electron/contract';
import { errorText } from '../../../app/errors';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { Banner } from '../../../components/Page';
import { toast } from '../../../components/Toast';
import { invoke } from '../../../lib/api';
import { useCanCall } from '../../staff/useCanCall';
import { EnrolDialog } from './LessonDialogs';
import './lessons.css';

/**
 * Under a session's roll: each enrolled student's 课时 left (a make-up counts against the missed
 * lesson's class), withdrawing a student, and enrolling one in this class.
 */
export function RollLessons(props: { sessionId: number; scheduleId: number; bookings: ClassBooking[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canEnrol = useCanCall('classes.enrol');
  const [enrolling, setEnrolling] = useState(false);
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const rows = useQuery({ queryKey: ['classes', 'rollLessons', props.sessionId], queryFn: () => invoke('classes.rollLessons', { sessionId: props.sessionId }) });
  const schedules = useQuery({ queryKey: ['classes', 'schedules'], queryFn: () => invoke('classes.schedules.list', {}) });
  const schedule = schedules.data?.find((s) => s.id === props.scheduleId) ?? null;
  const today = info.data?.today;
  const name = (bookingId: number) => props.bookings.find((b) => b.id === bookingId)?.memberName ?? '';

  return (
    <section className="roll-lessons" aria-label={t('lessons.roll.title')}>
      <h3 className="session-panel__heading">{t('lessons.roll.title')}</h3>
      {rows.error ? <Banner kind="error">{errorText(t, rows.error)}</Banner> : null}
      {rows.data?.length ? (
        <table className="table" aria-label={t('lessons.roll.title')}>
          <thead>
            <tr>
              <th>{t('lessons.roll.student')}</th>
              <th className="num">{t('lessons.roll.left')}</th>
              <th>{t('lessons.enrolments.className')}</th>
              <th>
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.data.map(({ bookingId, balance: l }) => (
              <tr key={bookingId}>
                <td className="cell-strong">{name(bookingId)}</td>
                <td className="num">
                  <span className="lesson-left num-text">{t('lessons.enrolments.leftValue', { left: l.packLeft, total: l.packTotal })}</span>
                </td>
                <td>
                  <div className="cell-stack">
                    <span>
                      {l.enrolment.scheduleName} · {l.packName}
                    </span>
                    <span className="cell-sub">{t('lessons.roll.detail', { attended: l.attended, leave: l.leave, late: l.lateLeave, noShow: l.noShow, toCome: l.upcoming })}</span>
                  </div>
                </td>
                <td>
                  {canEnrol && l.enrolment.status === 'active' && l.enrolment.scheduleId === props.scheduleId ? (
                    <ConfirmButton
                      className="btn btn--small btn--ghost"
                      danger
                      channel="classes.withdraw"
                      ariaLabel={`${t('lessons.roll.withdraw')}: ${name(bookingId)}`}
                      confirmLabel={t('lessons.roll.withdraw')}
                      message={t('lessons.enrolments.withdrawConfirm', { member: name(bookingId), name: l.enrolment.scheduleName })}
                      onConfirm={async () => {
                        try {
                          await invoke('classes.withdraw', { enrolmentId: l.enrolment.id });
                          toast.success(t('lessons.enrolments.withdrawn', { member: name(bookingId), name: l.enrolment.scheduleName }));
                        } catch (e) {
                          toast.error(errorText(t, e));
                        }
                        void qc.invalidateQueries();
                      }}
                    >
                      {t('lessons.roll.withdraw')}
                    </ConfirmButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : rows.data ? (
        <p className="muted">{t('lessons.roll.none')}</p>
      ) : null}
      {canEnrol && schedule && today && schedule.termEnd >= today ? (
        <div className="roll-lessons__enrol">
          <button type="button" className="btn btn--small" data-channel="classes.enrol" onClick={() => setEnrolling(true)}>
            + {t('lessons.roll.enrol')}
          </button>
        </div>
      ) : null}
      {enrolling && schedule && today ? <EnrolDialog member={null} schedule={schedule} today={today} onClose={() => setEnrolling(false)} /> : null}
    </section>
  );
}
