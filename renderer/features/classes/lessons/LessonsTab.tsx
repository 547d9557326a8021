import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassBooking, LessonBalance } from '../../../../electron/contract';
import { errorText } from '../../../app/errors';
import { ConfirmButton } from '../../../components/ConfirmButton';
import type { Columns } from '../../../components/DataTable';
import { StatusBadge, type Tone } from '../../../components/StatusBadge';
import { toast } from '../../../components/Toast';
import { useFormat } from '../../../components/useFormat';
import { invoke } from '../../../lib/api';
import type { Picked } from '../../members/MemberPicker';
import { TableCard } from '../../members/MemberTabs';
import { BookDialog, CancelDialog, EnrolDialog, MakeUpDialog, StatementDialog } from './LessonDialogs';
import { useUpcoming } from './SessionPicker';
import './lessons.css';

type Open = { kind: 'enrol' | 'book' | 'statement' } | { kind: 'cancel' | 'makeUp'; booking: ClassBooking; className: string } | null;

const STATUS_TONE: Record<string, Tone> = { booked: 'blue', waitlisted: 'amber', leave: 'grey', makeup: 'green' };

/**
 * The member page's "Classes" tab: the classes the student is enrolled in with the 课时 left,
 * lessons and bookings ahead (take leave, cancel, book a make-up, take a leave back), booking a
 * session (for the household too) and the parent's statement.
 */
export function LessonsTab(props: { member: Picked; household: Picked[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const memberId = props.member.id;
  const [open, setOpen] = useState<Open>(null);
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const today = info.data?.today;
  const lessons = useQuery({ queryKey: ['classes', 'lessons', memberId], queryFn: () => invoke('classes.lessons', { memberId }) });
  const bookings = useQuery({ queryKey: ['classes', 'memberBookings', memberId], queryFn: () => invoke('classes.memberBookings', { memberId }) });
  // The class's name: from the enrolment, else from the sessions ahead; the class type's name at worst.
  const upcoming = useUpcoming(62);
  const scheduleName = (b: ClassBooking) =>
    lessons.data?.find((l) => l.enrolment.id === b.enrolmentId)?.enrolment.scheduleName ?? upcoming.data?.find((s) => s.id === b.sessionId)?.scheduleName ?? b.classTypeName;
  const refresh = () => void qc.invalidateQueries();

  const withdraw = async (l: LessonBalance) => {
    try {
      await invoke('classes.withdraw', { enrolmentId: l.enrolment.id });
      toast.success(t('lessons.enrolments.withdrawn', { member: props.member.name, name: l.enrolment.scheduleName }));
    } catch (e) {
      toast.error(errorText(t, e));
    }
    refresh();
  };
  const takeBack = useMutation({
    mutationFn: (b: ClassBooking) => invoke('classes.book', { sessionId: b.sessionId, memberIds: [b.memberId] }),
    onSuccess: () => toast.success(t('lessons.bookings.tookBack', { name: props.member.name })),
    onError: (e) => toast.error(errorText(t, e)),
    onSettled: refresh,
  });

  const active = new Set((lessons.data ?? []).filter((l) => l.enrolment.status === 'active').map((l) => l.enrolment.id));
  const all = bookings.data ?? [];
  const makeUpOf = (b: ClassBooking) => all.find((m) => m.makeupFor === b.id && m.status !== 'cancelled');
  // Ahead: places held and waitlisted, and lessons on leave of a class the student is still in.
  const ahead = all.filter((b) => b.status === 'booked' || b.status === 'waitlisted' || (b.kind === 'enrolment' && b.status === 'cancelled' && active.has(b.enrolmentId ?? 0)));
  const missedDate = (b: ClassBooking) => all.find((m) => m.id === b.makeupFor)?.date;

  const enrolColumns: Columns<LessonBalance> = [
    {
      id: 'class',
      header: t('lessons.enrolments.className'),
      meta: { width: '190px' },
      accessorFn: (l) => l.enrolment.scheduleName,
      cell: ({ row: { original: l } }) => (
        <div className="cell-stack">
          <span className="cell-strong">{l.enrolment.scheduleName}</span>
          <span className="cell-sub">
            {l.enrolment.status === 'withdrawn' && l.enrolment.withdrawnOn ? t('lessons.enrolments.withdrawnOn', { date: f.date(l.enrolment.withdrawnOn) }) : t('lessons.enrolments.since', { date: f.date(l.enrolment.startDate) })}
          </span>
        </div>
      ),
    },
    { id: 'pack', header: t('lessons.enrolments.pack'), accessorKey: 'packName', meta: { width: '120px' } },
    {
      id: 'left',
      header: t('lessons.enrolments.left'),
      accessorKey: 'packLeft',
      cell: ({ row: { original: l } }) => (
        <div className="cell-stack">
          <span className="lesson-left num-text">{t('lessons.enrolments.leftValue', { left: l.packLeft, total: l.packTotal })}</span>
          <span className="cell-sub">{t('lessons.enrolments.usedValue', { count: l.packUsed })}</span>
        </div>
      ),
      meta: { align: 'right' },
    },
    { id: 'attended', header: t('lessons.enrolments.attended'), accessorKey: 'attended', meta: { align: 'right' } },
    { id: 'leave', header: t('lessons.enrolments.leave'), accessorKey: 'leave', meta: { align: 'right' } },
    { id: 'late', header: t('lessons.enrolments.lateLeave'), accessorKey: 'lateLeave', meta: { align: 'right' } },
    { id: 'noShow', header: t('lessons.enrolments.noShow'), accessorKey: 'noShow', meta: { align: 'right' } },
    { id: 'centreCancelled', header: t('lessons.enrolments.centreCancelled'), accessorKey: 'centreCancelled', meta: { align: 'right' } },
    { id: 'makeUps', header: t('lessons.enrolments.makeUps'), accessorKey: 'makeUps', meta: { align: 'right' } },
    { id: 'toCome', header: t('lessons.enrolments.toCome'), accessorKey: 'upcoming', meta: { align: 'right' } },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('common.actions')}</span>,
      enableSorting: false,
      cell: ({ row: { original: l } }) =>
        l.enrolment.status === 'active' ? (
          <ConfirmButton
            className="btn btn--small"
            danger
            channel="classes.withdraw"
            ariaLabel={t('lessons.enrolments.withdrawFor', { name: l.enrolment.scheduleName })}
            title={t('lessons.enrolments.withdrawFor', { name: l.enrolment.scheduleName })}
            confirmLabel={t('lessons.enrolments.withdraw')}
            message={t('lessons.enrolments.withdrawConfirm', { member: props.member.name, name: l.enrolment.scheduleName })}
            onConfirm={() => withdraw(l)}
          >
            {t('lessons.enrolments.withdraw')}
          </ConfirmButton>
        ) : null,
    },
  ];

  const bookingColumns: Columns<ClassBooking> = [
    { id: 'when', header: t('lessons.bookings.when'), accessorFn: (b) => `${b.date} ${b.startTime}`, cell: ({ row: { original: b } }) => <span className="num-text">{`${f.date(b.date)} ${b.startTime}`}</span> },
    {
      id: 'class',
      header: t('lessons.bookings.className'),
      accessorFn: scheduleName,
      cell: ({ row: { original: b } }) => (
        <div className="cell-stack">
          <span className="cell-strong">{scheduleName(b)}</span>
          {b.kind !== 'booking' ? <span className="cell-sub">{t(`classes.kind.${b.kind}`)}</span> : null}
        </div>
      ),
    },
    {
      id: 'status',
      header: t('lessons.bookings.status'),
      accessorKey: 'status',
      cell: ({ row: { original: b } }) => {
        if (b.status === 'cancelled') {
          const mk = makeUpOf(b);
          // A lesson the centre cancelled is owed (a make-up may be booked), but it is not the student's leave.
          const [plain, withMakeUp] = b.sessionCancelled ? ['lessons.bookings.centreCancelled', 'lessons.bookings.centreCancelledWithMakeUp'] : ['lessons.bookings.leave', 'lessons.bookings.leaveWithMakeUp'];
          return <StatusBadge tone={STATUS_TONE.leave!}>{mk ? t(withMakeUp, { date: f.date(mk.date) }) : t(plain)}</StatusBadge>;
        }
        if (b.kind === 'makeup') {
          const d = missedDate(b);
          return <StatusBadge tone={STATUS_TONE.makeup!}>{d ? t('lessons.bookings.makeUp', { date: f.date(d) }) : t('classes.kind.makeup')}</StatusBadge>;
        }
        return <StatusBadge tone={STATUS_TONE[b.status] ?? 'grey'}>{b.status === 'waitlisted' && b.waitlistPosition ? t('classes.session.position', { n: b.waitlistPosition }) : t(`classes.status.${b.status}`)}</StatusBadge>;
      },
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('common.actions')}</span>,
      enableSorting: false,
      meta: { width: '320px' },
      cell: ({ row: { original: b } }) => {
        const name = `${scheduleName(b)} ${f.date(b.date)}`;
        if (b.status === 'cancelled') {
          if (makeUpOf(b)) return null;
          return (
            <div className="row-actions">
              <button type="button" className="btn btn--small" aria-label={`${t('lessons.bookings.bookMakeUp')}: ${name}`} onClick={() => setOpen({ kind: 'makeUp', booking: b, className: scheduleName(b) })}>
                {t('lessons.bookings.bookMakeUp')}
              </button>
              {/* A session the centre cancelled has no place to take back. */}
              {b.sessionCancelled ? null : (
                <button type="button" className="btn btn--small btn--ghost" aria-label={`${t('lessons.bookings.takeBack')}: ${name}`} disabled={takeBack.isPending} onClick={() => takeBack.mutate(b)}>
                  {t('lessons.bookings.takeBack')}
                </button>
              )}
            </div>
          );
        }
        const label = b.status === 'waitlisted' ? t('lessons.bookings.leaveLine') : b.kind === 'enrolment' ? t('lessons.bookings.takeLeave') : t('lessons.bookings.cancel');
        return (
          <button type="button" className="btn btn--small" aria-label={`${label}: ${name}`} onClick={() => setOpen({ kind: 'cancel', booking: b, className: scheduleName(b) })}>
            {label}
          </button>
        );
      },
    },
  ];

  return (
    <>
      <div className="lessons-tab__actions row-actions">
        <button type="button" className="btn btn--primary" data-channel="classes.enrol" onClick={() => setOpen({ kind: 'enrol' })}>
          + {t('lessons.enrolments.enrol')}
        </button>
        <button type="button" className="btn" data-channel="classes.book" onClick={() => setOpen({ kind: 'book' })}>
          + {t('lessons.bookings.book')}
        </button>
        <button type="button" className="btn" data-channel="documents.lessonStatement" onClick={() => setOpen({ kind: 'statement' })}>
          {t('lessons.bookings.statement')}
        </button>
      </div>
      {/* Ten columns at 1280: the headers wrap rather than clip. */}
      <div className="lessons-tab__enrolments">
        <TableCard
          title={t('lessons.enrolments.title')}
          rows={lessons.data}
          columns={enrolColumns}
          empty={t('lessons.enrolments.none')}
          error={lessons.error}
          getRowId={(l) => String(l.enrolment.id)}
          rowClassName={(l) => (l.enrolment.status === 'withdrawn' ? 'row--muted' : undefined)}
        />
      </div>
      <TableCard title={t('lessons.bookings.title')} rows={bookings.data ? ahead : undefined} columns={bookingColumns} empty={t('lessons.bookings.none')} error={bookings.error} getRowId={(b) => String(b.id)} />
      {open?.kind === 'enrol' && today ? <EnrolDialog member={props.member} schedule={null} today={today} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'book' ? <BookDialog member={props.member} household={props.household} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'statement' && today ? <StatementDialog member={props.member} today={today} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'cancel' ? <CancelDialog booking={open.booking} className={open.className} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'makeUp' ? <MakeUpDialog leave={open.booking} className={open.className} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
