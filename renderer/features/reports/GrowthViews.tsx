/** The views of the MRR report: MRR movements, members, churn and retention, ARPU and LTV. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MrrRow } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AXIS, ChartBox, TOOLTIP_STYLE } from './Chart';
import { COLORS, useReportFormat } from './format';
import { ReportTable, type ReportColumn } from './ReportTable';
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
  // Losses are drawn below zero so the bars read as "what came in, what went out".
  const chart = r.rows.map((x) => ({ ...x, contractionNeg: -x.contraction, pausedNeg: -x.paused, churnedNeg: -x.churned }));
  const total: Row = { ...r.rows[r.rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true, start: r.from, end: r.to } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), cell: (x) => (x.total ? x.month : f.month(x.month)) },
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
        <ComposedChart data={chart} stackOffset="sign" margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={f.monthShort} tick={AXIS} />
          <YAxis tickFormatter={f.moneyShort} tick={AXIS} width={72} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(m) => f.month(String(m))} formatter={(v) => f.money(Number(v))} />
          <Legend itemSorter={null} />
          <ReferenceLine y={0} stroke="#98a2b3" />
          <Bar isAnimationActive={false} dataKey="new" name={t('reports.col.new')} stackId="m" fill={COLORS.new} />
          <Bar isAnimationActive={false} dataKey="expansion" name={t('reports.col.expansion')} stackId="m" fill={COLORS.expansion} />
          <Bar isAnimationActive={false} dataKey="reactivation" name={t('reports.col.reactivation')} stackId="m" fill={COLORS.reactivation} />
          <Bar isAnimationActive={false} dataKey="resumed" name={t('reports.col.resumed')} stackId="m" fill={COLORS.resumed} />
          <Bar isAnimationActive={false} dataKey="contractionNeg" name={t('reports.col.contraction')} stackId="m" fill={COLORS.contraction} />
          <Bar isAnimationActive={false} dataKey="pausedNeg" name={t('reports.col.paused')} stackId="m" fill={COLORS.paused} />
          <Bar isAnimationActive={false} dataKey="churnedNeg" name={t('reports.col.churned')} stackId="m" fill={COLORS.churned} />
          <Line isAnimationActive={false} dataKey="endMrr" name={t('reports.col.endMrr')} stroke={COLORS.line} strokeWidth={2} dot={false} type="linear" />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.mrr') })} rows={r.rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function MembersView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  const chart = r.rows.map((x) => ({ ...x, lostNeg: -x.lostCustomers }));
  const total = { ...r.rows[r.rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true, payingEnd: r.rows[r.rows.length - 1]?.payingEnd ?? 0 } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), cell: (x) => (x.total ? x.month : f.month(x.month)) },
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
        <ComposedChart data={chart} stackOffset="sign" margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={f.monthShort} tick={AXIS} />
          <YAxis tick={AXIS} allowDecimals={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(m) => f.month(String(m))} formatter={(v) => f.count(Math.abs(Number(v)))} />
          <Legend itemSorter={null} />
          <ReferenceLine y={0} stroke="#98a2b3" />
          <Bar isAnimationActive={false} dataKey="newCustomers" name={t('reports.col.newCustomers')} stackId="c" fill={COLORS.new} />
          <Bar isAnimationActive={false} dataKey="reactivatedCustomers" name={t('reports.col.reactivatedCustomers')} stackId="c" fill={COLORS.reactivation} />
          <Bar isAnimationActive={false} dataKey="lostNeg" name={t('reports.col.lostCustomers')} stackId="c" fill={COLORS.churned} />
          <Line isAnimationActive={false} dataKey="customersEnd" name={t('reports.col.customersEnd')} stroke={COLORS.line} strokeWidth={2} dot={false} type="linear" />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.members') })} rows={r.rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function ChurnView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  const pct = (bp: number | null) => (bp === null ? null : bp / 100);
  const chart = r.rows.map((x) => ({ month: x.month, customer: pct(x.customerChurnBp), gross: pct(x.grossRevenueChurnBp), net: pct(x.netRevenueChurnBp), nrr: pct(x.nrrBp) }));
  const total = { ...r.rows[r.rows.length - 1]!, ...r.totals, month: t('reports.total'), total: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), cell: (x) => (x.total ? x.month : f.month(x.month)) },
    { id: 'customer', header: t('reports.col.customerChurn'), num: true, cell: (x) => f.rate(x.customerChurnBp) },
    { id: 'gross', header: t('reports.col.grossRevenueChurn'), num: true, cell: (x) => f.rate(x.grossRevenueChurnBp) },
    { id: 'net', header: t('reports.col.netRevenueChurn'), num: true, cell: (x) => f.rate(x.netRevenueChurnBp) },
    { id: 'nrr', header: t('reports.col.nrr'), num: true, cell: (x) => <strong>{f.rate(x.nrrBp)}</strong> },
  ];
  const percentTick = (v: number) => `${v}%`;
  return (
    <>
      <p className="report__summary">{t('reports.summary.churn', { rate: f.rate(r.totals.customerChurnBp) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.churn') })}>
        <ComposedChart data={chart} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={f.monthShort} tick={AXIS} />
          <YAxis yAxisId="churn" tickFormatter={percentTick} tick={AXIS} />
          <YAxis yAxisId="nrr" orientation="right" tickFormatter={percentTick} tick={AXIS} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(m) => f.month(String(m))} formatter={(v) => (v === null ? '—' : f.percent(Math.round(Number(v) * 100)))} />
          <Legend itemSorter={null} />
          <Bar isAnimationActive={false} yAxisId="churn" dataKey="customer" name={t('reports.col.customerChurn')} fill={COLORS.churned} />
          <Line isAnimationActive={false} yAxisId="churn" dataKey="gross" name={t('reports.col.grossRevenueChurn')} stroke={COLORS.contraction} strokeWidth={2} type="linear" connectNulls />
          <Line isAnimationActive={false} yAxisId="churn" dataKey="net" name={t('reports.col.netRevenueChurn')} stroke={COLORS.reactivation} strokeWidth={2} type="linear" connectNulls />
          <Line isAnimationActive={false} yAxisId="nrr" dataKey="nrr" name={t('reports.col.nrr')} stroke={COLORS.new} strokeWidth={2} strokeDasharray="5 3" type="linear" connectNulls />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.churn') })} rows={r.rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}

export function ArpuView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useMrr(range);
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), cell: (x) => f.month(x.month) },
    { id: 'mrr', header: t('reports.col.endMrr'), num: true, cell: (x) => f.money(x.endMrr) },
    { id: 'paying', header: t('reports.col.payingEnd'), num: true, cell: (x) => f.count(x.payingEnd) },
    { id: 'arpu', header: t('reports.col.arpu'), num: true, cell: (x) => <strong>{f.maybeMoney(x.arpu)}</strong> },
    { id: 'ltv', header: t('reports.col.ltv'), num: true, cell: (x) => f.maybeMoney(x.ltv) },
    { id: 'churn', header: t('reports.col.customerChurn'), num: true, cell: (x) => f.rate(x.customerChurnBp) },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.summary.ltv', { arpu: f.maybeMoney(r.totals.arpu), ltv: f.maybeMoney(r.totals.ltv) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.arpu') })}>
        <ComposedChart data={r.rows} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={f.monthShort} tick={AXIS} />
          <YAxis yAxisId="arpu" tickFormatter={f.moneyShort} tick={AXIS} width={72} />
          <YAxis yAxisId="ltv" orientation="right" tickFormatter={f.moneyShort} tick={AXIS} width={72} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(m) => f.month(String(m))} formatter={(v) => (v === null ? '—' : f.money(Number(v)))} />
          <Legend itemSorter={null} />
          <Bar isAnimationActive={false} yAxisId="arpu" dataKey="arpu" name={t('reports.col.arpu')} fill={COLORS.soft} />
          <Line isAnimationActive={false} yAxisId="ltv" dataKey="ltv" name={t('reports.col.ltv')} stroke={COLORS.primary} strokeWidth={2} type="linear" connectNulls />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.arpu') })} rows={r.rows as Row[]} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}
