import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkin } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner, Card } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';

/** Today's check-ins, newest first, each with an Undo for a mistake. */
export function TodayList() {
  const { t } = useTranslation();
  const f = useFormat();
  const [undoing, setUndoing] = useState<Checkin | null>(null);
  const today = useQuery({ queryKey: ['checkins', 'today'], queryFn: () => invoke('checkin.today', {}) });
  const counted = (today.data ?? []).filter((c) => !c.undoneAt).length;
  const { instant, time } = f;
  const columns = useMemo<Columns<Checkin>>(
    () => [
      { id: 'at', accessorKey: 'at', header: t('checkin.today.time'), meta: { width: '16%' }, cell: ({ row: { original: c } }) => instant(c.at) },
      {
        id: 'member',
        accessorKey: 'memberName',
        header: t('checkin.today.member'),
        meta: { width: '20%' },
        cell: ({ row: { original: c } }) => (
          <div className="cell-stack">
            <span className="cell-strong">{c.memberName}</span>
            {c.cardNo ? <span className="cell-sub num-text">{c.cardNo}</span> : null}
          </div>
        ),
      },
      { id: 'plan', accessorFn: (c) => c.planName ?? '', header: t('checkin.today.used'), meta: { width: '16%' }, cell: ({ row: { original: c } }) => c.planName ?? '—' },
      { id: 'staff', accessorKey: 'staffName', header: t('checkin.today.staff'), meta: { width: '12%' } },
      {
        id: 'note',
        header: t('checkin.today.note'),
        enableSorting: false,
        cell: ({ row: { original: c } }) =>
          c.undoneAt ? (
            <StatusBadge tone="grey" title={c.undoReason ?? ''}>
              {t('checkin.today.undone')}
            </StatusBadge>
          ) : c.overrideReason ? (
            <StatusBadge tone="amber" title={c.overrideReason}>
              {t('checkin.today.override')}
            </StatusBadge>
          ) : c.kept ? (
            // Made at a connected desk while the main desk was unreachable: counted on arrival (docs/site.md).
            <StatusBadge tone="blue" title={t('checkin.today.keptTitle', { device: c.kept.device, time: time(c.kept.at), arrived: time(c.at) })}>
              {t('checkin.today.kept', { device: c.kept.device, time: time(c.kept.at) })}
            </StatusBadge>
          ) : null,
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '10%' },
        cell: ({ row: { original: c } }) =>
          c.undoneAt ? null : (
            <button type="button" className="btn btn--small" aria-label={t('checkin.undo.label', { name: c.memberName })} onClick={() => setUndoing(c)}>
              {t('checkin.undo.button')}
            </button>
          ),
      },
    ],
    [t, instant, time],
  );
  return (
    <Card title={t('checkin.today.title', { count: counted })} className="card--table">
      {today.error ? <Banner kind="error">{errorText(t, today.error)}</Banner> : null}
      <DataTable
        label={t('checkin.today.label')}
        data={today.data ?? []}
        columns={columns}
        getRowId={(c) => String(c.id)}
        rowClassName={(c) => (c.undoneAt ? 'row--muted' : undefined)}
        empty={<div className="empty-state">{t('checkin.today.none')}</div>}
        loading={today.isLoading}
        maxHeight={420}
      />
      {undoing ? <UndoDialog checkin={undoing} onClose={() => setUndoing(null)} /> : null}
    </Card>
  );
}

function UndoDialog(props: { checkin: Checkin; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const undo = useMutation({
    mutationFn: () => invoke('checkin.undo', { id: props.checkin.id, reason }),
    onSuccess: () => {
      toast.success(t('checkin.undo.done', { name: props.checkin.memberName }));
      void qc.invalidateQueries({ queryKey: ['checkins'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      props.onClose();
    },
  });
  return (
    <Dialog
      title={t('checkin.undo.title', { name: props.checkin.memberName })}
      onClose={props.onClose}
      onSubmit={() => undo.mutate()}
      submitLabel={t('checkin.undo.confirm')}
      busy={undo.isPending}
      danger
      size="small"
    >
      <p className="dialog__note">{t('checkin.undo.explain')}</p>
      {undo.isError ? <Banner kind="error">{errorText(t, undo.error)}</Banner> : null}
      <Field label={t('checkin.undo.reason')}>
        {(id, d) => <input id={id} aria-describedby={d} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}
