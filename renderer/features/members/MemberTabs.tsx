import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/contract';
import type { AuditRow } from '../../../electron/contract/audit';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { Banner, Card } from '../../components/Page';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { methodLabel, useMethods } from '../payments/money';
import { useCanCall } from '../staff/useCanCall';

type Invoice = Output<'invoices.list'>['rows'][number];
type Payment = Output<'payments.list'>[number];
type Visit = Output<'checkin.history'>[number];

const INVOICE_TONE: Record<string, Tone> = { open: 'amber', partly_paid: 'amber', paid: 'green', void: 'grey' };

/**
 * A titled card holding one of the member page's tables: its error, then the rows (or the
 * "none yet" line) once loaded. Every tab of the member page is one or two of these.
 */
export function TableCard<T>(props: {
  title: string;
  rows: T[] | undefined;
  columns: Columns<T>;
  empty: string;
  error?: unknown;
  getRowId: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={props.title} className="card--table">
      {props.error ? <Banner kind="error">{errorText(t, props.error)}</Banner> : null}
      {props.rows || !props.error ? (
        <DataTable
          label={props.title}
          data={props.rows ?? []}
          columns={props.columns}
          getRowId={props.getRowId}
          empty={props.empty}
          loading={!props.rows}
          maxHeight={480}
          {...(props.rowClassName ? { rowClassName: props.rowClassName } : {})}
        />
      ) : null}
      {props.children}
    </Card>
  );
}

/** The payer's invoices and payments. */
export function InvoicesTab({ payerId }: { payerId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const methods = useMethods(true);
  const invoices = useQuery({ queryKey: ['invoices', 'payer', payerId], queryFn: () => invoke('invoices.list', { payerId, limit: 500 }) });
  const payments = useQuery({ queryKey: ['payments', 'payer', payerId], queryFn: () => invoke('payments.list', { payerId, limit: 500 }) });
  const invoiceColumns: Columns<Invoice> = [
    { id: 'number', header: t('members.invoices.number'), accessorKey: 'number', cell: (c) => <span className="num-text cell-strong">{c.row.original.number}</span> },
    { id: 'date', header: t('members.invoices.date'), accessorKey: 'issueDate', cell: (c) => f.date(c.row.original.issueDate) },
    { id: 'due', header: t('members.invoices.due'), accessorKey: 'dueDate', cell: (c) => f.date(c.row.original.dueDate) },
    { id: 'total', header: t('members.invoices.total'), accessorKey: 'total', cell: (c) => f.money(c.row.original.total), meta: { align: 'right' } },
    { id: 'balance', header: t('members.invoices.balance'), accessorKey: 'balance', cell: (c) => f.money(c.row.original.balance), meta: { align: 'right' } },
    {
      id: 'status',
      header: t('members.invoices.status'),
      accessorKey: 'status',
      cell: ({ row: { original: i } }) => (
        <StatusBadge tone={i.overdue ? 'red' : (INVOICE_TONE[i.status] ?? 'grey')}>
          {i.overdue ? t('members.invoices.overdueDays', { count: i.daysOverdue }) : t(`members.invoices.statusKind.${i.status}`)}
        </StatusBadge>
      ),
    },
  ];
  const paymentColumns: Columns<Payment> = [
    { id: 'date', header: t('members.payments.date'), accessorKey: 'date', cell: (c) => f.date(c.row.original.date) },
    { id: 'method', header: t('members.payments.method'), accessorFn: (p) => methodLabel(t, p.method, methods.data), meta: { fit: true } },
    { id: 'amount', header: t('members.payments.amount'), accessorKey: 'amount', cell: (c) => f.money(c.row.original.amount), meta: { align: 'right' } },
    { id: 'onAccount', header: t('members.payments.onAccount'), accessorKey: 'unallocated', cell: (c) => f.money(c.row.original.unallocated), meta: { align: 'right' } },
    { id: 'staff', header: t('members.payments.staff'), accessorKey: 'staffName' },
  ];
  return (
    <>
      <TableCard title={t('members.invoices.title')} rows={invoices.data?.rows} columns={invoiceColumns} empty={t('members.invoices.none')} error={invoices.error} getRowId={(i) => String(i.id)} />
      <TableCard title={t('members.payments.title')} rows={payments.data} columns={paymentColumns} empty={t('members.payments.none')} error={payments.error} getRowId={(p) => String(p.id)} />
    </>
  );
}

/** Check-in history, newest first. */
export function VisitsTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const visits = useQuery({ queryKey: ['checkins', 'member', memberId], queryFn: () => invoke('checkin.history', { memberId, limit: 500 }) });
  const columns: Columns<Visit> = [
    { id: 'when', header: t('members.visitsTab.when'), accessorKey: 'at', cell: (c) => f.instant(c.row.original.at) },
    { id: 'used', header: t('members.visitsTab.used'), accessorFn: (c) => c.planName ?? '—' },
    { id: 'staff', header: t('members.visitsTab.staff'), accessorKey: 'staffName' },
    {
      id: 'note',
      header: t('members.visitsTab.note'),
      enableSorting: false,
      cell: ({ row: { original: c } }) => (
        <>
          {c.undoneAt ? <StatusBadge tone="grey">{t('members.visitsTab.undone')}</StatusBadge> : null}
          {c.overrideReason ? <StatusBadge tone="amber">{t('members.visitsTab.override', { reason: c.overrideReason })}</StatusBadge> : null}
        </>
      ),
    },
  ];
  return (
    <TableCard
      title={t('members.visitsTab.title')}
      rows={visits.data}
      columns={columns}
      empty={t('members.visitsTab.none')}
      error={visits.error}
      getRowId={(c) => String(c.id)}
      rowClassName={(c) => (c.undoneAt ? 'row--muted' : undefined)}
    />
  );
}

/** Every audited change about this member (managers and owners). */
export function HistoryTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const allowed = useCanCall('audit.query');
  const audit = useQuery({
    queryKey: ['audit', 'member', memberId],
    queryFn: () => invoke('audit.query', { memberId, limit: 500 }),
    enabled: allowed,
  });
  if (!allowed) return <Banner kind="info">{t('members.history.managersOnly')}</Banner>;
  const columns: Columns<AuditRow> = [
    { id: 'when', header: t('members.history.when'), accessorKey: 'at', cell: (c) => f.instant(c.row.original.at) },
    { id: 'who', header: t('members.history.who'), accessorFn: (r) => r.staffName || t('members.history.system') },
    { id: 'what', header: t('members.history.what'), accessorFn: (r) => actionText(t, r) },
  ];
  return <TableCard title={t('members.history.title')} rows={audit.data?.rows} columns={columns} empty={t('members.history.none')} error={audit.error} getRowId={(r) => String(r.id)} />;
}

/** "Pack sold — Invoice": the action (channel) and the record it changed, translated where known. */
function actionText(t: ReturnType<typeof useTranslation>['t'], r: AuditRow): string {
  const known = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  const action = known(`members.history.action.${r.channel.split(':')[0]!.replace(/\./g, '_')}`, r.channel);
  const entity = known(`members.history.entity.${r.entity}`, r.entity);
  return `${action} — ${entity}`;
}
