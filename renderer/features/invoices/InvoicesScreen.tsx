import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Invoice } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { isIsoDate } from '../../components/dateText';
import { Field } from '../../components/Field';
import { Banner, Card, Page } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';
import { MemberPicker, type Picked } from '../members/MemberPicker';
import { InvoiceDetailDialog } from './InvoiceDetail';
import { InvoiceStatusBadge } from './status';

type StatusFilter = 'all' | 'open' | 'partly_paid' | 'paid' | 'overdue' | 'void';
const STATUSES: StatusFilter[] = ['all', 'open', 'partly_paid', 'paid', 'overdue', 'void'];
const LIMIT = 20_000;

/**
 * Every invoice, filtered by status, issue dates, payer and number; sortable and virtualised.
 * A row opens the invoice (also reachable as /invoices?invoice=<id>).
 */
export function InvoicesScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [payer, setPayer] = useState<Picked | null>(null);
  const [number, setNumber] = useState('');
  const openId = Number(params.get('invoice')) || null;
  const numberFilter = useDebounced(number.trim());

  const filter = {
    ...(status !== 'all' ? { status } : {}),
    ...(isIsoDate(from) ? { from } : {}),
    ...(isIsoDate(to) ? { to } : {}),
    ...(payer ? { payerId: payer.id } : {}),
    ...(numberFilter ? { number: numberFilter } : {}),
    limit: LIMIT,
  };
  const list = useQuery({ queryKey: ['invoices', 'list', filter], queryFn: () => invoke('invoices.list', filter), placeholderData: keepPreviousData });
  const rows = list.data?.rows ?? [];

  const { money, date } = f;
  const columns = useMemo<Columns<Invoice>>(
    () => [
      { id: 'number', accessorKey: 'number', header: t('invoices.col.number'), meta: { width: '17%' }, cell: ({ getValue }) => <span className="cell-strong num-text">{getValue<string>()}</span> },
      { id: 'payer', accessorKey: 'payerName', header: t('invoices.col.payer'), meta: { width: '19%' } },
      { id: 'issued', accessorKey: 'issueDate', header: t('invoices.col.issued'), meta: { width: '13%' }, cell: ({ getValue }) => date(getValue<string>()) },
      {
        id: 'due',
        accessorKey: 'dueDate',
        header: t('invoices.col.due'),
        meta: { width: '13%' },
        cell: ({ row: { original: i } }) => (
          <div className="cell-stack">
            <span>{date(i.dueDate)}</span>
            {i.overdue ? <span className="cell-sub text-danger">{t('invoices.overdue', { count: i.daysOverdue })}</span> : null}
          </div>
        ),
      },
      { id: 'total', accessorKey: 'total', header: t('invoices.col.total'), meta: { align: 'right', width: '12%' }, cell: ({ getValue }) => money(getValue<number>()) },
      { id: 'balance', accessorKey: 'balance', header: t('invoices.col.balance'), meta: { align: 'right', width: '12%' }, cell: ({ getValue }) => <span className="cell-strong">{money(getValue<number>())}</span> },
      { id: 'status', accessorKey: 'status', header: t('invoices.col.status'), meta: { width: '14%' }, cell: ({ row: { original: i } }) => <InvoiceStatusBadge invoice={i} /> },
    ],
    [t, money, date],
  );

  const total = rows.reduce((s, i) => s + (i.status === 'void' ? 0 : i.total), 0);
  const balance = rows.reduce((s, i) => s + i.balance, 0);
  const open = (id: number | null) => setParams(id ? { invoice: String(id) } : {}, { replace: false });
  return (
    <Page title={t('invoices.title')} subtitle={t('invoices.subtitle')}>
      <Card className="card--table">
        <div className="toolbar invoices__status">
          <Segmented
            label={t('invoices.filter.status')}
            value={status}
            options={STATUSES.map((s) => ({ value: s, label: t(`invoices.filter.statuses.${s}`) }))}
            onChange={setStatus}
          />
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              setStatus('all');
              setFrom('');
              setTo('');
              setPayer(null);
              setNumber('');
            }}
          >
            {t('invoices.filter.clear')}
          </button>
        </div>
        <div className="toolbar toolbar--form">
          <Field label={t('invoices.filter.from')}>{(id) => <DateInput id={id} value={from} onChange={setFrom} />}</Field>
          <Field label={t('invoices.filter.to')}>{(id) => <DateInput id={id} value={to} onChange={setTo} />}</Field>
          <Field label={t('invoices.filter.payer')}>{(id) => <MemberPicker id={id} value={payer} onChange={setPayer} />}</Field>
          <Field label={t('invoices.filter.number')}>
            {(id) => <input id={id} value={number} placeholder={t('invoices.filter.numberPlaceholder')} onChange={(e) => setNumber(e.target.value)} />}
          </Field>
        </div>
        {list.error ? <Banner kind="error">{errorText(t, list.error)}</Banner> : null}
        {/* No count before the answer: "0 invoices" would be news the list has not given. */}
        <p className="toolbar__meta invoices__count">{list.data ? t('invoices.count', { count: list.data.total, total: money(total), balance: money(balance) }) : '\u00a0'}</p>
        {list.data && list.data.total > rows.length ? <Banner kind="info">{t('invoices.more', { shown: rows.length, count: list.data.total })}</Banner> : null}
        <DataTable
          label={t('invoices.label')}
          data={rows}
          columns={columns}
          getRowId={(i) => String(i.id)}
          onRowClick={(i) => open(i.id)}
          rowHeight={52}
          maxHeight="calc(100vh - 330px)"
          initialSorting={[{ id: 'issued', desc: true }]}
          empty={<div className="empty-state">{t('invoices.empty')}</div>}
          loading={list.isLoading}
        />
      </Card>
      {openId ? <InvoiceDetailDialog id={openId} onClose={() => open(null)} /> : null}
    </Page>
  );
}
