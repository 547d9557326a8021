/** Money views: revenue (accrual and cash), cash flow, AR aging, revenue by plan and by method. */
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgingPayerRow, BreakdownReport, CashFlowRow, RevenueRow } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AXIS, ChartBox, GRID_PROPS, LEGEND_PROPS, MARGIN, moneyAxis, monthAxis, monthTooltip, NoData, SkippedMonths, TOOLTIP_STYLE } from './Chart';
import { AGING_COLORS, fromFirstFigure, hasData, METHOD_COLORS, PALETTE, SERIES, ZERO_LINE } from './chartKit';
import { useReportFormat } from './format';
import { MONTH_WIDTH, ReportTable, type ReportColumn } from './ReportTable';
import type { Range } from './range';

export function RevenueView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'revenue', range.from, range.to], queryFn: () => invoke('reports.revenue', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!hasData(r.rows, ['invoiced', 'recognised', 'deferredEnd', 'collected', 'refunded'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['invoiced', 'recognised', 'deferredEnd', 'collected', 'refunded']);
  type Row = RevenueRow & { total?: boolean };
  const total = { ...r.totals, month: t('reports.total'), start: r.from, end: r.to, total: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'invoiced', header: t('reports.col.invoiced'), num: true, cell: (x) => f.money(x.invoiced) },
    { id: 'recognised', header: t('reports.col.recognised'), num: true, cell: (x) => <strong>{f.money(x.recognised)}</strong> },
    { id: 'bonus', header: t('reports.col.bonusUsed'), num: true, cell: (x) => f.money(x.bonusUsed ? -x.bonusUsed : 0) },
    { id: 'net', header: t('reports.col.netRevenue'), num: true, cell: (x) => f.money(x.netRevenue) },
    { id: 'deferred', header: t('reports.col.deferredEnd'), num: true, cell: (x) => f.money(x.deferredEnd) },
    { id: 'collected', header: t('reports.col.collected'), num: true, cell: (x) => f.money(x.collected) },
    { id: 'refunded', header: t('reports.col.refunded'), num: true, cell: (x) => f.money(x.refunded ? -x.refunded : 0) },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.deferred', { amount: f.money(r.totals.deferredEnd) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.revenue') })}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip {...monthTooltip(f, f.money)} />
          <Legend {...LEGEND_PROPS} />
          <Bar isAnimationActive={false} dataKey="invoiced" name={t('reports.col.invoiced')} fill={SERIES.invoiced} />
          <Bar isAnimationActive={false} dataKey="recognised" name={t('reports.col.recognised')} fill={SERIES.recognised} />
          <Line isAnimationActive={false} dataKey="collected" name={t('reports.col.collected')} stroke={SERIES.collected} strokeWidth={2} dot={{ r: 2.5 }} type="linear" />
          <Line isAnimationActive={false} dataKey="deferredEnd" name={t('reports.col.deferredEnd')} stroke={SERIES.deferred} strokeWidth={2} strokeDasharray="5 3" dot={{ r: 2.5 }} type="linear" />
        </ComposedChart>
      </ChartBox>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.revenue') })} rows={rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function CashflowView({ range }: { range: Range }) {
  const { t, i18n } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'cashflow', range.from, range.to], queryFn: () => invoke('reports.cashflow', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!hasData(r.rows, ['collected', 'refunded', 'expenses'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['collected', 'refunded', 'expenses']);
  type Row = CashFlowRow & { total?: boolean };
  const chart = rows.map((x) => ({ ...x, refundedNeg: -x.refunded, expensesNeg: -x.expenses }));
  const total = { ...r.totals, month: t('reports.total'), start: r.from, end: r.to, running: rows[rows.length - 1]?.running ?? 0, total: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'collected', header: t('reports.col.collected'), num: true, cell: (x) => f.money(x.collected) },
    { id: 'refunded', header: t('reports.col.refunded'), num: true, cell: (x) => f.money(x.refunded ? -x.refunded : 0) },
    { id: 'expenses', header: t('reports.col.expenses'), num: true, cell: (x) => f.money(x.expenses ? -x.expenses : 0) },
    { id: 'net', header: t('reports.col.net'), num: true, cell: (x) => <strong className={x.net < 0 ? 'text-danger' : undefined}>{f.money(x.net)}</strong> },
    { id: 'running', header: t('reports.col.running'), num: true, cell: (x) => f.money(x.running) },
  ];
  const zh = i18n.language === 'zh-CN';
  return (
    <>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.cashflow') })}>
        <ComposedChart data={chart} stackOffset="sign" margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip {...monthTooltip(f, f.money)} />
          <Legend {...LEGEND_PROPS} />
          <ReferenceLine y={0} stroke={ZERO_LINE} />
          <Bar isAnimationActive={false} dataKey="collected" name={t('reports.col.collected')} stackId="c" fill={SERIES.collected} />
          <Bar isAnimationActive={false} dataKey="refundedNeg" name={t('reports.col.refunded')} stackId="c" fill={SERIES.refunds} />
          <Bar isAnimationActive={false} dataKey="expensesNeg" name={t('reports.col.expenses')} stackId="c" fill={SERIES.expenses} />
          <Line isAnimationActive={false} dataKey="running" name={t('reports.col.running')} stroke={SERIES.running} strokeWidth={2} dot={{ r: 2.5 }} type="linear" />
        </ComposedChart>
      </ChartBox>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.cashflow') })} rows={rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
      {r.expensesByCategory.length ? (
        <div className="report__categories">
          <h3>{t('reports.expensesByCategory')}</h3>
          <ul>
            {r.expensesByCategory.map((c) => (
              <li key={c.categoryId}>
                <span>{zh ? c.nameZh : c.nameEn}</span>
                <span className="num-text">{f.money(c.amount)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;

export function AgingView() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'aging'], queryFn: () => invoke('reports.aging', {}) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!r.rows.length) return <NoData hint={t('reports.noDataOwed')} />;
  type Row = AgingPayerRow;
  const totalRow = { ...r.totals, payerId: 0, payerName: t('reports.total'), phone: '', invoices: r.rows.reduce((s, x) => s + x.invoices, 0), oldestDueDate: '', total: r.totals.total } as AgingPayerRow;
  const chart = BUCKETS.map((b, i) => ({ bucket: t(`reports.col.${b}`), amount: r.totals[b], fill: AGING_COLORS[i] }));
  const columns: ReportColumn<Row>[] = [
    { id: 'payer', header: t('reports.col.payer'), width: '14%', cell: (x) => (x.payerId ? <span className="cell-strong">{x.payerName}</span> : x.payerName) },
    { id: 'phone', header: t('reports.col.phone'), width: '120px', cell: (x) => x.phone },
    { id: 'invoices', header: t('reports.col.invoices'), width: '64px', num: true, cell: (x) => f.count(x.invoices) },
    { id: 'oldest', header: t('reports.col.oldestDue'), width: '124px', cell: (x) => (x.oldestDueDate ? f.date(x.oldestDueDate) : '') },
    ...BUCKETS.map((b): ReportColumn<Row> => ({ id: b, header: t(`reports.col.${b}`), num: true, cell: (x) => (x[b] ? f.money(x[b]) : '—') })),
    // The sum is the widest figure of a row: room for it in bold, in either language.
    { id: 'total', header: t('reports.total'), num: true, width: '120px', cell: (x) => <strong>{f.money(x.total)}</strong> },
  ];
  return (
    <>
      <p className="report__summary">
        {t('reports.range.asOf', { date: f.date(r.asOf) })} · {t('reports.summary.owed', { amount: f.money(r.totals.total) })}
      </p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.aging') })} height={240}>
        <BarChart data={chart} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="bucket" tick={AXIS} interval={0} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.money(Number(v))} />
          <Bar isAnimationActive={false} dataKey="amount" name={t('reports.total')}>
            {chart.map((c) => (
              <Cell key={c.bucket} fill={c.fill} />
            ))}
          </Bar>
        </BarChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.aging') })} rows={r.rows} total={totalRow} columns={columns} rowId={(x) => String(x.payerId)} empty={t('reports.noData')} />
    </>
  );
}

/** A breakdown key's label: a plan's or custom method's own name, else translated. */
export function keyLabel(t: TFunction, by: BreakdownReport['by'], key: string, name: string): string {
  if (name) return name;
  return by === 'method' ? t(`payments.methods.${key}`, { defaultValue: key }) : t(`reports.keys.${key}`, { defaultValue: key });
}

export function BreakdownView({ range, by }: { range: Range; by: 'plan' | 'method' }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'breakdown', by, range.from, range.to], queryFn: () => invoke('reports.breakdown', { ...range, by }) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  const kind = by === 'plan' ? 'byPlan' : 'byMethod';
  if (!hasData(r.rows, ['total'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['total']);
  type Row = BreakdownReport['rows'][number] & { isTotal?: boolean };
  const chart = rows.map((x) => ({ month: x.month, ...x.values }));
  const totalRow = { month: t('reports.total'), start: r.from, end: r.to, values: r.totals.values, total: r.totals.total, isTotal: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.isTotal ? x.month : f.month(x.month)) },
    ...r.keys.map((k): ReportColumn<Row> => ({ id: k.key, header: keyLabel(t, by, k.key, k.name), num: true, cell: (x) => f.money(x.values[k.key] ?? 0) })),
    // The sum is the widest figure of a row: room for it in bold, in either language.
    { id: 'total', header: t('reports.total'), num: true, width: '120px', cell: (x) => <strong>{f.money(x.total)}</strong> },
  ];
  return (
    <>
      <ChartBox label={t('reports.chartLabel', { name: t(`reports.kinds.${kind}`) })}>
        <BarChart data={chart} stackOffset="sign" margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip {...monthTooltip(f, f.money)} />
          <Legend {...LEGEND_PROPS} />
          {r.keys.map((k, i) => (
            <Bar isAnimationActive={false} key={k.key} dataKey={k.key} name={keyLabel(t, by, k.key, k.name)} stackId="k" fill={(by === 'method' && METHOD_COLORS[k.key]) || PALETTE[i % PALETTE.length]} />
          ))}
        </BarChart>
      </ChartBox>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t(`reports.kinds.${kind}`) })} rows={rows as Row[]} total={totalRow} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}
