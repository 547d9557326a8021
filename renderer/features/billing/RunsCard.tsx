import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingRun } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { Banner, Card } from '../../components/Page';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useFormat } from '../../components/useFormat';

export const RUN_TONE: Record<BillingRun['status'], Tone> = { running: 'blue', ok: 'green', partial: 'amber', refused_clock_behind: 'red', held: 'amber' };

/** The run log: as-of date, trigger, status, invoices, total, errors. A row opens its details. */
export function RunsCard(props: { runs: BillingRun[] | undefined; error: Error | null; loading: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState<BillingRun | null>(null);
  const { date, instant, money } = f;

  const columns = useMemo<Columns<BillingRun>>(
    () => [
      { id: 'asOf', accessorKey: 'asOf', header: t('billing.runs.col.asOf'), meta: { width: '15%' }, cell: (c) => <span className="cell-strong">{date(c.getValue<string>())}</span> },
      { id: 'started', accessorKey: 'startedAt', header: t('billing.runs.col.started'), meta: { width: '20%' }, cell: (c) => instant(c.getValue<string>()) },
      { id: 'trigger', accessorKey: 'trigger', header: t('billing.runs.col.trigger'), meta: { width: '14%' }, cell: (c) => t(`billing.runs.trigger.${c.getValue<string>()}`) },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('billing.runs.col.status'),
        meta: { width: '19%' },
        cell: ({ row: { original: r } }) => <StatusBadge tone={RUN_TONE[r.status]}>{t(`billing.runs.status.${r.status}`)}</StatusBadge>,
      },
      { id: 'invoices', accessorKey: 'invoicesCreated', header: t('billing.runs.col.invoices'), meta: { align: 'right', width: '10%' } },
      { id: 'total', accessorKey: 'amountTotal', header: t('billing.runs.col.total'), meta: { align: 'right', width: '13%' }, cell: (c) => money(c.getValue<number>()) },
      {
        id: 'errors',
        accessorFn: (r) => r.errors.length,
        header: t('billing.runs.col.errors'),
        meta: { align: 'right', width: '9%' },
        cell: (c) => (c.getValue<number>() ? <span className="text-danger">{c.getValue<number>()}</span> : <span className="muted">0</span>),
      },
    ],
    [t, date, instant, money],
  );

  return (
    <Card title={t('billing.runs.title')} className="card--table">
      {props.error ? <Banner kind="error">{errorText(t, props.error)}</Banner> : null}
      <DataTable
        loading={props.loading}
        label={t('billing.runs.tableLabel')}
        data={props.runs ?? []}
        columns={columns}
        getRowId={(r) => String(r.id)}
        onRowClick={setOpen}
        empty={<div className="empty-state">{t('billing.runs.empty')}</div>}
        maxHeight={420}
      />
      {open ? <RunDialog run={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function RunDialog({ run, onClose }: { run: BillingRun; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, ReactNode][] = [
    [t('billing.runs.col.asOf'), f.date(run.asOf)],
    [t('billing.runs.col.trigger'), t(`billing.runs.trigger.${run.trigger}`)],
    [t('billing.runs.col.status'), <StatusBadge tone={RUN_TONE[run.status]}>{t(`billing.runs.status.${run.status}`)}</StatusBadge>],
    [t('billing.runs.col.started'), f.instant(run.startedAt)],
    [t('billing.runs.finished'), run.finishedAt ? f.instant(run.finishedAt) : '—'],
    [t('billing.runs.col.invoices'), run.invoicesCreated],
    [t('billing.runs.col.total'), f.money(run.amountTotal)],
  ];
  return (
    <Dialog
      title={t('billing.runs.detailTitle', { date: f.date(run.asOf) })}
      onClose={onClose}
      footer={
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      }
    >
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k} className="details__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {run.message ? (
        <p className="dialog__note">
          {t('billing.runs.message')}: {run.message}
        </p>
      ) : null}
      <h3 className="form-section__title">{t('billing.runs.col.errors')}</h3>
      {run.errors.length === 0 ? (
        <p className="muted">{t('billing.runs.noErrors')}</p>
      ) : (
        <ul className="error-list">
          {run.errors.map((e, i) => (
            <li key={i}>
              <strong>{t('billing.runs.subscription', { id: e.subscriptionId })}</strong> {e.message}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
