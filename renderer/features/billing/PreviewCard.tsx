import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingPreview, PreviewInvoice, PreviewLine } from '../../../electron/contract';
import { addDays, addMonthsClamped, startOfMonth } from '../../../shared/dates';
import { errorText, fieldErrorText } from '../../app/errors';
import { DataTable, type Columns } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { normaliseDateText } from '../../components/dateText';
import { Field } from '../../components/Field';
import { Banner, Card } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke } from '../../lib/api';

/** One row of the preview table: a line of an invoice, or that invoice's total under its lines. */
type Row =
  | { type: 'line'; key: string; invoice: PreviewInvoice; line: PreviewLine; first: boolean }
  | { type: 'total'; key: string; invoice: PreviewInvoice; net: number; tax: number };

export function previewRows(preview: BillingPreview): Row[] {
  return preview.invoices.flatMap((invoice, i) => [
    ...invoice.lines.map((line, j): Row => ({ type: 'line', key: `${i}-${j}`, invoice, line, first: j === 0 })),
    {
      type: 'total' as const,
      key: `${i}-total`,
      invoice,
      net: invoice.lines.reduce((s, l) => s + l.net, 0),
      tax: invoice.lines.reduce((s, l) => s + l.tax, 0),
    },
  ]);
}

/** "What would billing invoice on this day?": the host's dry run, nothing saved. */
export function PreviewCard({ today }: { today: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => addDays(today, 1));
  const [asOf, setAsOf] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: ['billing', 'preview', asOf],
    queryFn: () => invoke('billing.preview', { asOf: asOf! }),
    enabled: asOf !== null,
  });
  const fieldError = preview.error instanceof ApiError ? preview.error.fieldErrors()['asOf'] : undefined;

  function show(date: string) {
    setText(date);
    if (date === asOf) void preview.refetch();
    else setAsOf(date);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    show(normaliseDateText(text));
  }

  const nextFirst = addMonthsClamped(startOfMonth(today), 1);
  return (
    <Card title={t('billing.preview.title')} className="card--table">
      <p className="muted card__lead">{t('billing.preview.explain')}</p>
      <form className="toolbar toolbar--form" onSubmit={onSubmit} noValidate aria-label={t('billing.preview.title')}>
        <Field label={t('billing.preview.date')} error={fieldErrorText(t, fieldError)}>
          {(id, d) => <DateInput id={id} describedBy={d} invalid={Boolean(fieldError)} value={text} onChange={setText} />}
        </Field>
        <button type="submit" className="btn btn--primary" disabled={preview.isFetching}>
          {t('billing.preview.button')}
        </button>
        <div className="toolbar__quick">
          <button type="button" className="btn btn--small btn--ghost" onClick={() => show(addDays(today, 1))}>
            {t('billing.preview.tomorrow')}
          </button>
          <button type="button" className="btn btn--small btn--ghost" onClick={() => show(nextFirst)}>
            {t('billing.preview.nextFirst')}
          </button>
        </div>
      </form>
      {preview.error && !fieldError ? <Banner kind="error">{errorText(t, preview.error)}</Banner> : null}
      {preview.data ? <PreviewResult preview={preview.data} /> : null}
    </Card>
  );
}

function PreviewResult({ preview }: { preview: BillingPreview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useMemo(() => previewRows(preview), [preview]);
  const { money, dateRange, date } = f;
  const columns = useMemo<Columns<Row>>(
    () => [
      {
        id: 'payer',
        header: t('billing.preview.col.payer'),
        enableSorting: false,
        meta: { width: '21%' },
        cell: ({ row: { original: r } }) =>
          r.type === 'line' && r.first ? (
            <div className="cell-stack">
              <span className="cell-strong">{r.invoice.payerName}</span>
              <span className="cell-sub cell-sub--wrap">
                <span className="nowrap">{t('billing.preview.issued', { date: date(r.invoice.issueDate) })}</span>
                {' · '}
                <span className="nowrap">{t('billing.preview.due', { date: date(r.invoice.dueDate) })}</span>
              </span>
            </div>
          ) : null,
      },
      {
        id: 'item',
        header: t('billing.preview.col.item'),
        enableSorting: false,
        meta: { width: '30%' },
        cell: ({ row: { original: r } }) =>
          r.type === 'total' ? (
            <span className="cell-strong">{t('billing.preview.invoiceTotal')}</span>
          ) : (
            <div className="cell-stack">
              <span>{r.line.description}</span>
              <span className="cell-sub">{t(`billing.lineKind.${r.line.kind}`)}</span>
            </div>
          ),
      },
      {
        id: 'period',
        header: t('billing.preview.col.period'),
        enableSorting: false,
        meta: { width: '16%' },
        cell: ({ row: { original: r } }) =>
          r.type === 'line' && r.line.periodStart && r.line.periodEnd ? dateRange(r.line.periodStart, r.line.periodEnd) : null,
      },
      { id: 'net', header: t('billing.preview.col.net'), enableSorting: false, meta: { align: 'right', width: '11%' }, cell: ({ row: { original: r } }) => money(r.type === 'line' ? r.line.net : r.net) },
      { id: 'tax', header: t('billing.preview.col.tax'), enableSorting: false, meta: { align: 'right', width: '9%' }, cell: ({ row: { original: r } }) => money(r.type === 'line' ? r.line.tax : r.tax) },
      {
        id: 'total',
        header: t('billing.preview.col.total'),
        enableSorting: false,
        meta: { align: 'right', width: '13%' },
        cell: ({ row: { original: r } }) => (r.type === 'line' ? money(r.line.gross) : <span className="cell-strong">{money(r.invoice.total)}</span>),
      },
    ],
    [t, money, dateRange, date],
  );

  const values = { date: f.date(preview.asOf), count: preview.count, amount: f.money(preview.total) };
  return (
    <div className="preview">
      <div className="stats">
        <div className="stat">
          <span className="stat__label">{t('billing.preview.invoices')}</span>
          <span className="stat__value">{preview.count}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('billing.preview.total')}</span>
          <span className="stat__value">{f.money(preview.total)}</span>
        </div>
        {preview.lateFees.invoices ? (
          <div className="stat" data-testid="preview-late-fees">
            <span className="stat__label">{t('billing.preview.lateFees')}</span>
            <span className="stat__value">{f.money(preview.lateFees.total)}</span>
          </div>
        ) : null}
        <div className="stats__text" role="status">
          <span>
            {preview.count ? t('billing.preview.summary', values) : t('billing.preview.nothing', values)}
            {preview.count > 1 ? ` ${t('billing.preview.ownDates')}` : null}
          </span>
          {preview.lateFees.invoices ? (
            <span>
              {t('billing.preview.lateFeesNote', { count: preview.lateFees.fees, amount: f.money(preview.lateFees.total) })}
            </span>
          ) : null}
          <span className="muted">{t('billing.preview.dryRun')}</span>
        </div>
      </div>
      {preview.count ? (
        <DataTable
          label={t('billing.preview.tableLabel')}
          data={rows}
          columns={columns}
          getRowId={(r) => r.key}
          rowClassName={(r) => (r.type === 'total' ? 'row--total' : r.first ? 'row--group-start' : undefined)}
          maxHeight={520}
          rowHeight={52}
        />
      ) : null}
    </div>
  );
}
