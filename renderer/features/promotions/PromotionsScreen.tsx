import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Promotion, PromotionReportRow } from '../../../electron/contract';
import { addDays } from '../../../shared/dates';
import { errorText } from '../../app/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, type Columns } from '../../components/DataTable';
import { Banner, Card, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { saveExport } from '../reports/exportCsv';
import { useCanCall } from '../staff/useCanCall';
import { PromotionDialog } from './PromotionDialog';
import { discountWords } from './words';
import './promotions.css';

type Filter = 'active' | 'archived' | 'all';

const TONE: Record<Promotion['status'], Tone> = { upcoming: 'blue', running: 'green', ended: 'grey' };

export function PromotionStatusBadge(props: { p: Pick<Promotion, 'status' | 'archived'> }) {
  const { t } = useTranslation();
  return props.p.archived ? (
    <StatusBadge tone="grey">{t('promotions.status.archived')}</StatusBadge>
  ) : (
    <StatusBadge tone={TONE[props.p.status]}>{t(`promotions.status.${props.p.status}`)}</StatusBadge>
  );
}

/** The Promotions tab of Plans: campaigns with their status, set-up for managers, and how each did. */
export function PromotionsScreen(props: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>('active');
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const canCreate = useCanCall('campaigns.create');
  const canEdit = useCanCall('campaigns.update');
  const canArchive = useCanCall('campaigns.archive');
  const canReport = useCanCall('campaigns.report');
  const list = useQuery({ queryKey: ['campaigns', 'all'], queryFn: () => invoke('campaigns.list', { includeArchived: true }) });
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }) });
  const planName = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p.name])), [plans.data]);

  const archive = useMutation({
    mutationFn: (v: { p: Promotion; archived: boolean }) => invoke('campaigns.archive', { id: v.p.id, archived: v.archived }),
    onSuccess: (p) => {
      toast.success(t(p.archived ? 'promotions.archivedToast' : 'promotions.unarchivedToast', { name: p.name }));
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
    },
    onError: (e) => toast.error(errorText(t, e)),
  });
  const { mutateAsync: setArchived } = archive;
  const shown = useMemo(() => (list.data ?? []).filter((p) => filter === 'all' || p.archived === (filter === 'archived')), [list.data, filter]);

  const { money, dateRange, locale } = f;
  const columns = useMemo<Columns<Promotion>>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('promotions.col.name'),
        meta: { width: '22%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span className="cell-strong promo-name">{p.name}</span>
            <span className="cell-sub">{p.code ? t('promotions.code', { code: p.code }) : t('promotions.noCode')}</span>
          </div>
        ),
      },
      {
        id: 'dates',
        accessorKey: 'startsOn',
        header: t('promotions.col.dates'),
        meta: { width: '16%' },
        cell: ({ row: { original: p } }) => dateRange(p.startsOn, addDays(p.endsOn, 1)),
      },
      {
        id: 'discount',
        accessorFn: (p) => p.discount.value,
        header: t('promotions.col.discount'),
        meta: { width: '16%' },
        cell: ({ row: { original: p } }) => <span className="cell-strong">{discountWords(t, money, locale, p.discount)}</span>,
      },
      {
        id: 'plans',
        accessorFn: (p) => p.planIds.length,
        header: t('promotions.col.plans'),
        meta: { width: '14%' },
        cell: ({ row: { original: p } }) => <span className="cell-sub--wrap">{p.planIds.map((id) => planName.get(id) ?? `#${id}`).join(locale.startsWith('zh') ? '、' : ', ')}</span>,
      },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('promotions.col.status'),
        meta: { width: '12%' },
        cell: ({ row: { original: p } }) => <PromotionStatusBadge p={p} />,
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('promotions.col.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '20%' },
        cell: ({ row: { original: p } }) => (
          <div className="row-actions">
            {canEdit ? (
              <button type="button" className="btn btn--small" data-channel="campaigns.update" aria-label={`${t('promotions.actions.edit')} ${p.name}`} onClick={() => setEditing(p)}>
                {t('promotions.actions.edit')}
              </button>
            ) : null}
            {!canArchive ? null : p.archived ? (
              <button type="button" className="btn btn--small" data-channel="campaigns.archive" aria-label={`${t('promotions.actions.unarchive')} ${p.name}`} onClick={() => void setArchived({ p, archived: false }).catch(() => undefined)}>
                {t('promotions.actions.unarchive')}
              </button>
            ) : (
              <ConfirmButton
                className="btn btn--small"
                ariaLabel={`${t('promotions.actions.archive')} ${p.name}`}
                channel="campaigns.archive"
                title={t('promotions.actions.archiveTitle')}
                message={t('promotions.actions.archiveMessage', { name: p.name })}
                confirmLabel={t('promotions.actions.archive')}
                danger
                onConfirm={() => setArchived({ p, archived: true }).catch(() => undefined)}
              >
                {t('promotions.actions.archive')}
              </ConfirmButton>
            )}
          </div>
        ),
      },
    ],
    [t, money, dateRange, locale, planName, canEdit, canArchive, setArchived],
  );

  return (
    <Page
      title={t('promotions.title')}
      subtitle={t('promotions.subtitle')}
      actions={
        canCreate ? (
          <button type="button" className="btn btn--primary" data-channel="campaigns.create" onClick={() => setEditing('new')}>
            + {t('promotions.newPromotion')}
          </button>
        ) : undefined
      }
    >
      <div className="toolbar">
        {props.tabs}
        <Segmented
          label={t('promotions.filter.label')}
          value={filter}
          options={(['active', 'archived', 'all'] as const).map((v) => ({ value: v, label: t(`promotions.filter.${v}`) }))}
          onChange={setFilter}
        />
        <span className="toolbar__meta">{list.data ? t('promotions.count', { count: shown.length }) : ''}</span>
      </div>
      {list.isError ? <Banner kind="error">{errorText(t, list.error)}</Banner> : null}
      <div className="card card--flush">
        <DataTable
          loading={list.isPending}
          label={t('promotions.tableLabel')}
          data={shown}
          columns={columns}
          getRowId={(p) => String(p.id)}
          onRowClick={canEdit ? (p) => setEditing(p) : undefined}
          rowClassName={(p) => (p.archived ? 'row--muted' : undefined)}
          empty={<div className="empty-state">{t(`promotions.empty.${filter}`)}</div>}
          maxHeight={canReport ? '240px' : 'calc(100vh - 220px)'}
          rowHeight={56}
        />
      </div>
      {canReport ? <PromotionsReport /> : null}
      {editing ? (
        <PromotionDialog
          promotion={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(p, created) => {
            setEditing(null);
            toast.success(t(created ? 'promotions.created' : 'promotions.saved', { name: p.name }));
            void qc.invalidateQueries({ queryKey: ['campaigns'] });
          }}
        />
      ) : null}
    </Page>
  );
}

/** Each promotion's sales, sale revenue, what was billed to date and renewals; exported as CSV. */
function PromotionsReport() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const report = useQuery({ queryKey: ['campaigns', 'report'], queryFn: () => invoke('campaigns.report', { includeArchived: true }) });
  const { money } = f;
  const columns = useMemo<Columns<PromotionReportRow>>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('promotions.col.name'),
        meta: { width: '34%' },
        cell: ({ row: { original: r } }) => (
          <span className="cell-title">
            <span className="cell-strong">{r.name}</span> <PromotionStatusBadge p={r} />
          </span>
        ),
      },
      { id: 'sales', accessorKey: 'sales', header: t('promotions.report.sales'), meta: { align: 'right', width: '12%' } },
      { id: 'revenue', accessorKey: 'revenue', header: t('promotions.report.revenue'), meta: { align: 'right', width: '18%' }, cell: ({ row: { original: r } }) => money(r.revenue) },
      {
        id: 'revenueToDate',
        accessorKey: 'revenueToDate',
        header: t('promotions.report.revenueToDate'),
        meta: { align: 'right', width: '18%' },
        cell: ({ row: { original: r } }) => money(r.revenueToDate),
      },
      {
        id: 'renewed',
        accessorKey: 'renewed',
        header: t('promotions.report.renewed'),
        meta: { align: 'right', width: '18%' },
        cell: ({ row: { original: r } }) => t('promotions.report.renewedOf', { renewed: r.renewed, sales: r.sales }),
      },
    ],
    [t, money],
  );

  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => invoke('campaigns.export', { format, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }),
    onSuccess: (file) => saveExport(file),
    onError: (e) => toast.error(errorText(t, e)),
  });
  const empty = !report.data || report.data.rows.length === 0;

  return (
    <Card title={t('promotions.report.title')} className="card--table">
      <div className="promo-report__bar">
        <p className="muted promo-report__meaning">{t('promotions.report.meaning')}</p>
        <div className="row-actions">
          {(['csv', 'xlsx'] as const).map((format) => (
            <button key={format} type="button" className="btn btn--small" data-channel="campaigns.export" disabled={empty || exporting.isPending} onClick={() => exporting.mutate(format)}>
              {t(`promotions.report.export.${format}`)}
            </button>
          ))}
        </div>
      </div>
      {report.isError ? <Banner kind="error">{errorText(t, report.error)}</Banner> : null}
      <DataTable
        label={t('promotions.report.tableLabel')}
        data={report.data?.rows ?? []}
        columns={columns}
        getRowId={(r) => String(r.id)}
        empty={<div className="empty-state">{t('promotions.report.none')}</div>}
        loading={report.isLoading}
        maxHeight="200px"
        rowHeight={44}
      />
    </Card>
  );
}
