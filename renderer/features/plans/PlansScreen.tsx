import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Plan } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, type Columns } from '../../components/DataTable';
import { Banner, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { StatusBadge } from '../../components/StatusBadge';
import { toast } from '../../components/Toast';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { useCanCall } from '../staff/useCanCall';
import { PlanDialog } from './PlanDialog';
import { PromotionsScreen } from '../promotions/PromotionsScreen';

type Filter = 'active' | 'archived' | 'all';

/** "every 3 months" / "每 3 个月"; a pack: "10 sessions · 90 days". */
export function billingText(t: TFunction, p: Plan): string {
  if (p.kind === 'dropin') return t('plans.dropInTerms');
  if (p.kind === 'pack') return t('plans.packTerms', { sessions: p.packSessions, days: p.packValidDays });
  const count = p.intervalCount ?? 1;
  return t(`plans.every.${p.interval ?? 'month'}.${count === 1 ? 'one' : 'many'}`, { count });
}

/** The smaller print under the billing text: calendar periods, fixed term, auto-renewal. */
function billingDetails(t: TFunction, p: Plan): string {
  if (p.kind !== 'recurring') return '';
  const parts = [
    p.alignment === 'calendar' ? t('plans.calendarAligned') : '',
    p.termPeriods ? t('plans.fixedTerm', { count: p.termPeriods }) : '',
    p.termPeriods && p.autoRenew ? t('plans.autoRenews') : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Plans, with promotions (促销活动) as a second tab (`?tab=promotions`). */
export function PlansScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'promotions' ? 'promotions' : 'plans';
  const tabs = (
    <Segmented
      label={t('promotions.tabs.label')}
      value={tab}
      options={(['plans', 'promotions'] as const).map((v) => ({ value: v, label: t(`promotions.tabs.${v}`) }))}
      onChange={(v) => setParams(v === 'plans' ? {} : { tab: v }, { replace: true })}
    />
  );
  return tab === 'promotions' ? <PromotionsScreen tabs={tabs} /> : <PlansList tabs={tabs} />;
}

function PlansList(props: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>('active');
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const canCreate = useCanCall('plans.create');
  const canEdit = useCanCall('plans.update');
  const canArchive = useCanCall('plans.archive');
  const plans = useQuery({ queryKey: ['plans', 'all'], queryFn: () => invoke('plans.list', { includeArchived: true }) });

  const archive = useMutation({
    mutationFn: (v: { plan: Plan; archived: boolean }) => invoke('plans.archive', { id: v.plan.id, archived: v.archived }),
    onSuccess: (plan) => {
      toast.success(t(plan.archived ? 'plans.archived' : 'plans.unarchived', { name: plan.name }));
      void qc.invalidateQueries({ queryKey: ['plans'] });
    },
    onError: (e) => toast.error(errorText(t, e)),
  });

  const shown = useMemo(
    () => (plans.data ?? []).filter((p) => filter === 'all' || p.archived === (filter === 'archived')),
    [plans.data, filter],
  );

  const { money, percent } = f;
  const { mutateAsync: setArchived } = archive;
  const columns = useMemo<Columns<Plan>>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('plans.col.name'),
        meta: { width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span className="cell-title">
              <span className="cell-strong">{p.name}</span>
              {p.archived ? <StatusBadge tone="grey">{t('plans.status.archived')}</StatusBadge> : null}
            </span>
            {p.description ? <span className="cell-sub">{p.description}</span> : null}
          </div>
        ),
      },
      {
        id: 'kind',
        accessorKey: 'kind',
        header: t('plans.col.kind'),
        meta: { width: '12%' },
        cell: ({ row: { original: p } }) => <span className={`badge ${p.kind === 'recurring' ? 'badge--blue' : 'badge--violet'}`}>{t(`plans.kind.${p.kind}`)}</span>,
      },
      {
        id: 'price',
        accessorKey: 'price',
        header: t('plans.col.price'),
        meta: { align: 'right', width: '11%' },
        cell: ({ row: { original: p } }) => <span className="cell-strong">{money(p.price)}</span>,
      },
      {
        id: 'billing',
        accessorFn: (p) => p.monthlyPrice,
        header: t('plans.col.billing'),
        meta: { width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="cell-stack">
            <span>{billingText(t, p)}</span>
            {billingDetails(t, p) ? <span className="cell-sub cell-sub--wrap">{billingDetails(t, p)}</span> : null}
          </div>
        ),
      },
      {
        id: 'trial',
        accessorKey: 'trialDays',
        header: t('plans.col.trial'),
        meta: { align: 'right', width: '7%' },
        cell: ({ row: { original: p } }) => (p.trialDays ? t('plans.days', { count: p.trialDays }) : <Dash />),
      },
      {
        id: 'setupFee',
        accessorKey: 'setupFee',
        header: t('plans.col.setupFee'),
        meta: { align: 'right', width: '10%' },
        cell: ({ row: { original: p } }) => (p.setupFee ? money(p.setupFee) : <Dash />),
      },
      {
        id: 'tax',
        accessorKey: 'taxRateBp',
        header: t('plans.col.tax'),
        meta: { align: 'right', width: '6%' },
        cell: ({ row: { original: p } }) => percent(p.taxRateBp),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t('plans.col.actions')}</span>,
        enableSorting: false,
        meta: { align: 'right', width: '18%' },
        cell: ({ row: { original: p } }) => (
          <div className="row-actions">
            {canEdit ? (
              <button type="button" className="btn btn--small" data-channel="plans.update" aria-label={`${t('plans.actions.edit')} ${p.name}`} onClick={() => setEditing(p)}>
                {t('plans.actions.edit')}
              </button>
            ) : null}
            {!canArchive ? null : p.archived ? (
              <button type="button" className="btn btn--small" data-channel="plans.archive" aria-label={`${t('plans.actions.unarchive')} ${p.name}`} onClick={() => void setArchived({ plan: p, archived: false }).catch(() => undefined)}>
                {t('plans.actions.unarchive')}
              </button>
            ) : (
              <ConfirmButton
                className="btn btn--small"
                ariaLabel={`${t('plans.actions.archive')} ${p.name}`}
                channel="plans.archive"
                title={t('plans.actions.archiveTitle')}
                message={t('plans.actions.archiveMessage', { name: p.name })}
                confirmLabel={t('plans.actions.archive')}
                danger
                onConfirm={() => setArchived({ plan: p, archived: true }).catch(() => undefined)}
              >
                {t('plans.actions.archive')}
              </ConfirmButton>
            )}
          </div>
        ),
      },
    ],
    [t, money, percent, setArchived, canEdit, canArchive],
  );

  return (
    <Page
      title={t('plans.title')}
      subtitle={t('plans.subtitle')}
      actions={
        canCreate ? (
          <button type="button" className="btn btn--primary" data-channel="plans.create" onClick={() => setEditing('new')}>
            + {t('plans.newPlan')}
          </button>
        ) : undefined
      }
    >
      <div className="toolbar">
        {props.tabs}
        <Segmented
          label={t('plans.filter.label')}
          value={filter}
          options={(['active', 'archived', 'all'] as const).map((v) => ({ value: v, label: t(`plans.filter.${v}`) }))}
          onChange={setFilter}
        />
        <span className="toolbar__meta">{plans.data ? t('plans.count', { count: shown.length }) : ''}</span>
      </div>
      {plans.isError ? <Banner kind="error">{errorText(t, plans.error)}</Banner> : null}
      <div className="card card--flush">
        <DataTable
          loading={plans.isPending}
          label={t('plans.tableLabel')}
          data={shown}
          columns={columns}
          getRowId={(p) => String(p.id)}
          onRowClick={canEdit ? (p) => setEditing(p) : undefined}
          rowClassName={(p) => (p.archived ? 'row--muted' : undefined)}
          empty={
            <div className="empty-state">
              <p>{t(`plans.empty.${filter}`)}</p>
              {filter === 'active' && canCreate ? (
                <button type="button" className="btn" data-channel="plans.create" onClick={() => setEditing('new')}>
                  + {t('plans.newPlan')}
                </button>
              ) : null}
            </div>
          }
          maxHeight="calc(100vh - 220px)"
          rowHeight={56}
        />
      </div>
      {editing ? (
        <PlanDialog
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(plan, created) => {
            setEditing(null);
            toast.success(t(created ? 'plans.created' : 'plans.saved', { name: plan.name }));
            void qc.invalidateQueries({ queryKey: ['plans'] });
          }}
        />
      ) : null}
    </Page>
  );
}

function Dash() {
  return <span className="muted">—</span>;
}
