/** The views of the MRR report: MRR movements, members, churn and retention, ARPU and LTV. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MrrRow } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AXIS, ChartBox, countAxis, GRID_PROPS, LEGEND_PROPS, MARGIN, moneyAxis, monthAxis, monthTooltip, NoData, SkippedMonths } from './Chart';
import { fromFirstFigure, hasData, SERIES, ZERO_LINE } from './chartKit';
import { useReportFormat } from './format';
import { MONTH_WIDTH, ReportTable, type ReportColumn } from './ReportTable';
import type { Range } from './range';

export function useMrr(range: Range) {
  return useQuery({ queryKey: ['reports', 'mrr', range.from, range.to], queryFn: () => invoke('reports.mrr', range) });
}

type Row = MrrRow & { total?: boolean };

export function MrrView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!hasData(r.rows, ['startMrr', 'endMrr', 'new', 'churned', 'reactivation'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['startMrr', 'endMrr', 'new', 'churned', 'reactivation']);
  // Losses are drawn below zero so the bars read as "what came in, what went out".
  const chart = rows.map((x) => ({ ...x, contractionNeg: -x.contraction, pausedNeg: -x.paused, churnedNeg: -x.churned }));
  const total: Row = { ...rows[rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true, start: r.from, end: r.to } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'startMrr', header: t('reports.col.startMrr'), num: true, cell: (x) => f.money(x.startMrr) },
    { id: 'new', header: t('reports.col.new'), num: true, cell: (x) => f.money(x.new) },
    { id: 'expansion', header: t('reports.col.expansion'), num: true, cell: (x) => f.money(x.expansion) },
    { id: 'discountEnded', header: t('reports.col.discountEnded'), num: true, cell: (x) => f.money(x.discountEnded) },
    { id: 'reactivation', header: t('reports.col.reactivation'), num: true, cell: (x) => f.money(x.reactivation) },
    { id: 'resumed', header: t('reports.col.resumed'), num: true, cell: (x) => f.money(x.resumed) },
    { id: 'contraction', header: t('reports.col.contraction'), num: true, cell: (x) => f.money(x.contraction ? -x.contraction : 0) },
    { id: 'paused', header: t('reports.col.paused'), num: true, cell: (x) => f.money(x.paused ? -x.paused : 0) },
    { id: 'churned', header: t('reports.col.churned'), num: true, cell: (x) => f.money(x.churned ? -x.churned : 0) },
    { id: 'netNew', header: t('reports.col.netNew'), num: true, cell: (x) => <strong>{f.money(x.netNew)}</strong> },
    { id: 'endMrr', header: t('reports.col.endMrr'), num: true, cell: (x) => <strong>{f.money(x.endMrr)}</strong> },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.mrr', { start: f.money(r.totals.startMrr), end: f.money(r.totals.endMrr) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.mrr') })}>
        <ComposedChart data={chart} stackOffset="sign" margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip {...monthTooltip(f, (v) => f.money(Math.abs(v)))} />
          <Legend {...LEGEND_PROPS} />
          <ReferenceLine y={0} stroke={ZERO_LINE} />
          <Bar isAnimationActive={false} dataKey="new" name={t('reports.col.new')} stackId="m" fill={SERIES.new} />
          <Bar isAnimationActive={false} dataKey="expansion" name={t('reports.col.expansion')} stackId="m" fill={SERIES.expansion} />
          <Bar isAnimationActive={false} dataKey="reactivation" name={t('reports.col.reactivation')} stackId="m" fill={SERIES.reactivation} />
          <Bar isAnimationActive={false} dataKey="resumed" name={t('reports.col.resumed')} stackId="m" fill={SERIES.resumed} />
          <Bar isAnimationActive={false} dataKey="contractionNeg" name={t('reports.col.contraction')} stackId="m" fill={SERIES.contraction} />
          <Bar isAnimationActive={false} dataKey="pausedNeg" name={t('reports.col.paused')} stackId="m" fill={SERIES.paused} />
          <Bar isAnimationActive={false} dataKey="churnedNeg" name={t('reports.col.churned')} stackId="m" fill={SERIES.churned} />
          <Line isAnimationActive={false} dataKey="endMrr" name={t('reports.col.endMrr')} stroke={SERIES.mrr} strokeWidth={2} dot={{ r: 2.5 }} type="linear" />
        </ComposedChart>
      </ChartBox>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.mrr') })} rows={rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function MembersView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!hasData(r.rows, ['customersStart', 'customersEnd', 'newCustomers', 'lostCustomers'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['customersStart', 'customersEnd', 'newCustomers', 'lostCustomers']);
  const chart = rows.map((x) => ({ ...x, lostNeg: -x.lostCustomers }));
  const total = { ...rows[rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true, payingEnd: rows[rows.length - 1]?.payingEnd ?? 0 } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'start', header: t('reports.col.customersStart'), num: true, cell: (x) => f.count(x.customersStart) },
    { id: 'new', header: t('reports.col.newCustomers'), num: true, cell: (x) => f.count(x.newCustomers) },
    { id: 'back', header: t('reports.col.reactivatedCustomers'), num: true, cell: (x) => f.count(x.reactivatedCustomers) },
    { id: 'lost', header: t('reports.col.lostCustomers'), num: true, cell: (x) => f.count(x.lostCustomers) },
    { id: 'end', header: t('reports.col.customersEnd'), num: true, cell: (x) => <strong>{f.count(x.customersEnd)}</strong> },
    { id: 'paying', header: t('reports.col.payingEnd'), num: true, cell: (x) => f.count(x.payingEnd) },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.members', { count: r.totals.customersEnd })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.members') })}>
        <ComposedChart data={chart} stackOffset="sign" margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...countAxis(f)} />
          <Tooltip {...monthTooltip(f, (v) => f.count(Math.abs(v)))} />
          <Legend {...LEGEND_PROPS} />
          <ReferenceLine y={0} stroke={ZERO_LINE} />
          <Bar isAnimationActive={false} dataKey="newCustomers" name={t('reports.col.newCustomers')} stackId="c" fill={SERIES.new} />
          <Bar isAnimationActive={false} dataKey="reactivatedCustomers" name={t('reports.col.reactivatedCustomers')} stackId="c" fill={SERIES.reactivation} />
          <Bar isAnimationActive={false} dataKey="lostNeg" name={t('reports.col.lostCustomers')} stackId="c" fill={SERIES.churned} />
          <Line isAnimationActive={false} dataKey="customersEnd" name={t('reports.col.customersEnd')} stroke={SERIES.members} strokeWidth={2} dot={{ r: 2.5 }} type="linear" />
        </ComposedChart>
      </ChartBox>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.members') })} rows={rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function ChurnView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  // Nobody to lose yet: no members and no MRR at any month's start, so every rate is undefined.
  if (!hasData(r.rows, ['customersStart', 'startMrr'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['customersStart', 'startMrr']);
  const pct = (bp: number | null) => (bp === null ? null : bp / 100);
  // One axis, two series: members who left and income lost, both in percent a month. Net churn and
  // retention (near 100 %, another scale) are in the table below.
  const chart = rows.map((x) => ({ month: x.month, customer: pct(x.customerChurnBp), gross: pct(x.grossRevenueChurnBp) }));
  const total = { ...rows[rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'customer', header: t('reports.col.customerChurn'), num: true, cell: (x) => f.rate(x.customerChurnBp) },
    { id: 'gross', header: t('reports.col.grossRevenueChurn'), num: true, cell: (x) => f.rate(x.grossRevenueChurnBp) },
    { id: 'net', header: t('reports.col.netRevenueChurn'), num: true, cell: (x) => f.rate(x.netRevenueChurnBp) },
    { id: 'nrr', header: t('reports.col.nrr'), num: true, cell: (x) => <strong>{f.rate(x.nrrBp)}</strong> },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.churn', { rate: f.rate(r.totals.customerChurnBp) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.churn') })}>
        <ComposedChart data={chart} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis tickFormatter={f.percentTick} tick={AXIS} width={56} />
          <Tooltip {...monthTooltip(f, (v) => f.percent(Math.round(v * 100)))} />
          <Legend {...LEGEND_PROPS} />
          <Bar isAnimationActive={false} dataKey="customer" name={t('reports.col.customerChurn')} fill={SERIES.churned} />
          <Line isAnimationActive={false} dataKey="gross" name={t('reports.col.grossRevenueChurn')} stroke={SERIES.contraction} strokeWidth={2} dot={{ r: 2.5 }} type="linear" connectNulls />
        </ComposedChart>
      </ChartBox>
      <p className="muted report__more">{t('reports.notDrawn', { names: [t('reports.col.netRevenueChurn'), t('reports.col.nrr')].join(t('reports.listSep')) })}</p>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.churn') })} rows={rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function ArpuView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (!hasData(r.rows, ['endMrr', 'payingEnd'])) return <NoData />;
  const rows = fromFirstFigure(r.rows, ['endMrr', 'payingEnd']);
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => f.month(x.month) },
    { id: 'mrr', header: t('reports.col.endMrr'), num: true, cell: (x) => f.money(x.endMrr) },
    { id: 'paying', header: t('reports.col.payingEnd'), num: true, cell: (x) => f.count(x.payingEnd) },
    { id: 'arpu', header: t('reports.col.arpu'), num: true, cell: (x) => <strong>{f.maybeMoney(x.arpu)}</strong> },
    { id: 'ltv', header: t('reports.col.ltv'), num: true, cell: (x) => f.maybeMoney(x.ltv) },
    { id: 'churn', header: t('reports.col.customerChurn'), num: true, cell: (x) => f.rate(x.customerChurnBp) },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.ltv', { arpu: f.maybeMoney(r.totals.arpu), ltv: f.maybeMoney(r.totals.ltv) })}</p>
      {/* Two charts, each on its own ¥ axis: lifetime value is many times ARPU, and one axis would flatten ARPU. */}
      <div className="report__split report__split--even">
        <ChartBox label={t('reports.chartLabel', { name: t('reports.col.arpu') })} caption={t('reports.col.arpu')} height={260}>
          <BarChart data={rows} margin={MARGIN}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...monthAxis(f)} />
            <YAxis {...moneyAxis(f)} />
            <Tooltip {...monthTooltip(f, f.money)} />
            <Bar isAnimationActive={false} dataKey="arpu" name={t('reports.col.arpu')} fill={SERIES.arpu} />
          </BarChart>
        </ChartBox>
        <ChartBox label={t('reports.chartLabel', { name: t('reports.col.ltv') })} caption={t('reports.col.ltv')} height={260}>
          <LineChart data={rows} margin={MARGIN}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis {...monthAxis(f)} />
            <YAxis {...moneyAxis(f)} />
            <Tooltip {...monthTooltip(f, f.money)} />
            <Line isAnimationActive={false} dataKey="ltv" name={t('reports.col.ltv')} stroke={SERIES.ltv} strokeWidth={2} dot={{ r: 2.5 }} type="linear" connectNulls />
          </LineChart>
        </ChartBox>
      </div>
      <SkippedMonths all={r.rows} shown={rows} f={f} />
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.arpu') })} rows={rows as Row[]} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}
