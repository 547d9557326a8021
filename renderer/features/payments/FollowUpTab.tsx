import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp, FollowUpKind, OverduePayer } from '../../../electron/contract/followup';
import { errorText, fieldErrorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Banner, Card } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';
import { TakePaymentDialog } from './TakePaymentDialog';

/** Payers with overdue balances, oldest debt first: call, message, note a promise, or take the money. */
export function FollowUpTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery({ queryKey: ['followups', 'overdue'], queryFn: () => invoke('followups.overdue', {}) });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  const [logging, setLogging] = useState<OverduePayer | null>(null);
  const [paying, setPaying] = useState<OverduePayer | null>(null);

  const { money, date, instant } = f;
  const columns = useMemo<Columns<OverduePayer>>(
    () => [
      {
        id: 'payer',
        accessorKey: 'payerName',
        header: t('payments.followup.col.payer'),
        meta: { width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span className="cell-strong">{p.payerName}</span>
            {p.blocked ? (
              <span>
                <StatusBadge tone="red">{t('payments.followup.blocked')}</StatusBadge>
              </span>
            ) : null}
          </div>
        ),
      },
      { id: 'phone', accessorKey: 'phone', header: t('payments.followup.col.phone'), meta: { width: '13%' }, cell: ({ getValue }) => <span className="num-text">{getValue<string>() || '—'}</span> },
      {
        id: 'overdue',
        accessorKey: 'overdue',
        header: t('payments.followup.col.overdue'),
        meta: { align: 'right', width: '11%' },
        cell: ({ getValue }) => <span className="cell-strong">{money(getValue<number>())}</span>,
      },
      {
        id: 'days',
        accessorKey: 'daysOverdue',
        header: t('payments.followup.col.days'),
        // Wide enough for the oldest due date under the count ("2026年5月18日") at 1280 px.
        meta: { align: 'right', width: '13%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span className={p.blocked ? 'text-danger' : 'cell-strong'}>{p.daysOverdue}</span>
            <span className="cell-sub">{date(p.oldestDueDate)}</span>
          </div>
        ),
      },
      {
        id: 'last',
        accessorFn: (p) => p.lastFollowUp?.at ?? '',
        header: t('payments.followup.col.last'),
        meta: { width: '27%' },
        cell: ({ row: { original: p } }) => <LastFollowUp f={p.lastFollowUp} instant={instant} date={date} />,
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('payments.followup.col.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="row-actions">
            <button type="button" className="btn btn--small" aria-label={`${t('payments.followup.log')} ${p.payerName}`} onClick={() => setLogging(p)}>
              {t('payments.followup.log')}
            </button>
            <button type="button" className="btn btn--small" aria-label={`${t('payments.take.button')} ${p.payerName}`} onClick={() => setPaying(p)}>
              {t('payments.take.button')}
            </button>
          </div>
        ),
      },
    ],
    [t, money, date, instant],
  );

  return (
    <Card title={t('payments.followup.title')} className="card--table">
      <p className="card__lead muted">{t('payments.followup.lead', { days: settings.data?.overdueBlockDays ?? 14 })}</p>
      {list.error ? <Banner kind="error">{errorText(t, list.error)}</Banner> : null}
      <DataTable
        label={t('payments.followup.label')}
        data={list.data ?? []}
        columns={columns}
        getRowId={(p) => String(p.payerId)}
        empty={<div className="empty-state">{t('payments.followup.empty')}</div>}
        loading={list.isLoading}
        rowHeight={58}
      />
      {logging ? <FollowUpDialog payer={logging} onClose={() => setLogging(null)} /> : null}
      {paying ? <TakePaymentDialog memberId={paying.payerId} onClose={() => setPaying(null)} /> : null}
    </Card>
  );
}

function LastFollowUp(props: { f: FollowUp | null; instant: (iso: string) => string; date: (iso: string) => string }) {
  const { t } = useTranslation();
  if (!props.f) return <span className="muted">{t('payments.followup.never')}</span>;
  const x = props.f;
  return (
    <div className="cell-stack">
      <span>
        {t('payments.followup.lastLine', { kind: t(`payments.followup.kinds.${x.kind}`), when: props.instant(x.at), staff: x.staffName || '—' })}
        {x.promisedDate ? ` · ${t('payments.followup.promisedOn', { date: props.date(x.promisedDate) })}` : ''}
      </span>
      {x.note ? <span className="cell-sub">{x.note}</span> : null}
    </div>
  );
}

function FollowUpDialog(props: { payer: OverduePayer; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [kind, setKind] = useState<FollowUpKind>('called');
  const [promisedDate, setPromisedDate] = useState('');
  const [note, setNote] = useState('');
  const history = useQuery({ queryKey: ['followups', 'history', props.payer.payerId], queryFn: () => invoke('followups.history', { payerId: props.payer.payerId }) });
  const save = useMutation({
    mutationFn: () =>
      invoke('followups.log', { payerId: props.payer.payerId, kind, note, ...(kind === 'promised' && promisedDate.trim() ? { promisedDate } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['followups'] });
      toast.success(t('payments.followup.saved'));
      props.onClose();
    },
  });
  const issues = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const businessError = save.error && !(save.error instanceof ApiError && save.error.code === 'VALIDATION') ? errorText(t, save.error) : null;
  return (
    <Dialog title={t('payments.followup.logTitle', { name: props.payer.payerName })} onClose={props.onClose} onSubmit={() => save.mutate()} submitLabel={t('payments.followup.save')} busy={save.isPending}>
      {businessError ? <Banner kind="error">{businessError}</Banner> : null}
      <p className="dialog__note">
        {props.payer.phone ? <span className="num-text">{props.payer.phone} · </span> : null}
        {f.money(props.payer.overdue)} · {t('payments.take.overdueDays', { count: props.payer.daysOverdue })}
      </p>
      <Field label={t('payments.followup.kind')}>
        {() => (
          <Segmented
            label={t('payments.followup.kind')}
            value={kind}
            options={(['called', 'message', 'promised'] as const).map((k) => ({ value: k, label: t(`payments.followup.kinds.${k}`) }))}
            onChange={(k) => {
              save.reset();
              setKind(k);
            }}
          />
        )}
      </Field>
      {kind === 'promised' ? (
        <Field label={t('payments.followup.promisedDate')} error={fieldErrorText(t, issues['promisedDate'])}>
          {(id, d) => (
            <DateInput
              id={id}
              describedBy={d}
              value={promisedDate}
              invalid={!!issues['promisedDate']}
              onChange={(v) => {
                save.reset();
                setPromisedDate(v);
              }}
            />
          )}
        </Field>
      ) : null}
      <Field label={t('payments.followup.note')} error={fieldErrorText(t, issues['note'])}>
        {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {history.data?.length ? (
        <div className="form-section">
          <h3 className="form-section__title">{t('payments.followup.history')}</h3>
          <ul className="followup__history">
            {history.data.map((h) => (
              <li key={h.id}>
                <LastFollowUp f={h} instant={f.instant} date={f.date} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Dialog>
  );
}
