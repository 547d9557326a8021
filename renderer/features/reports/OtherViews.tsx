/** Attendance (a week at a glance) and the 12-month forecast. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastReport } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AXIS, ChartBox, TOOLTIP_STYLE } from './Chart';
import { COLORS, useReportFormat } from './format';
import { ReportTable, type ReportColumn } from './ReportTable';
import type { Range } from './range';

export function AttendanceView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'attendance', range.from, range.to], queryFn: () => invoke('reports.attendance', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.total === 0) return <p className="empty-state">{t('reports.noData')}</p>;
  const days = t('reports.weekdays', { returnObjects: true }) as string[];
  const longDays = t('reports.weekdaysLong', { returnObjects: true }) as string[];
  const max = Math.max(1, ...r.grid.flat());
  let busiest = { d: 0, h: 0, n: -1 };
  r.grid.forEach((row, d) => row.forEach((n, h) => void (n > busiest.n && (busiest = { d, h, n }))));
  const hours = r.byHour.map((visits, hour) => ({ hour: String(hour).padStart(2, '0'), visits }));
  // Opening hours only: the rows from the first to the last hour anyone came.
  const used = r.byHour.map((n, h) => (n ? h : -1)).filter((h) => h >= 0);
  const from = used.length ? used[0]! : 6;
  const to = used.length ? used[used.length - 1]! : 22;
  type Row = { day: string; values: number[]; total: number };
  const rows: Row[] = r.grid.map((values, d) => ({ day: longDays[d]!, values, total: r.byWeekday[d]! }));
  const columns: ReportColumn<Row>[] = [
    { id: 'day', header: t('reports.attendance.byWeekday'), width: '104px', cell: (x) => x.day },
    ...Array.from({ length: to - from + 1 }, (_, i) => from + i).map((h): ReportColumn<Row> => ({ id: `h${h}`, header: String(h), num: true, cell: (x) => (x.values[h] ? f.count(x.values[h]!) : '') })),
    { id: 'total', header: t('reports.total'), num: true, cell: (x) => <strong>{f.count(x.total)}</strong> },
  ];
  return (
    <>
      <p className="report__summary">
        {t('reports.attendance.total', { count: r.total })}
        {r.total ? ` · ${t('reports.attendance.busiest', { day: longDays[busiest.d], hour: busiest.h })}` : ''}
      </p>
      <div className="report__split">
        <ChartBox label={t('reports.attendance.byHour')} height={240}>
          <BarChart data={hours.slice(from, to + 1)} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid stroke="#eaecf0" vertical={false} />
            <XAxis dataKey="hour" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} />
            <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(h) => `${String(h)}:00`} formatter={(v) => f.count(Number(v))} />
            <Bar isAnimationActive={false} dataKey="visits" name={t('reports.col.visits')} fill={COLORS.primary} />
          </BarChart>
        </ChartBox>
        <ChartBox label={t('reports.attendance.byWeekday')} height={240}>
          <BarChart data={r.byWeekday.map((visits, d) => ({ day: days[d], visits }))} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid stroke="#eaecf0" vertical={false} />
            <XAxis dataKey="day" tick={AXIS} />
            <YAxis tick={AXIS} allowDecimals={false} />
            <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.count(Number(v))} />
            <Bar isAnimationActive={false} dataKey="visits" name={t('reports.col.visits')} fill={COLORS.new} />
          </BarChart>
        </ChartBox>
      </div>
      <div className="heatmap" role="img" aria-label={t('reports.attendance.grid')} style={{ gridTemplateColumns: `56px repeat(${to - from + 1}, minmax(0, 1fr))` }}>
        <div className="heatmap__corner" />
        {Array.from({ length: to - from + 1 }, (_, i) => (
          <div key={i} className="heatmap__hour">
            {from + i}
          </div>
        ))}
        {r.grid.map((row, d) => (
          <div key={d} className="heatmap__row">
            <div className="heatmap__day">{days[d]}</div>
            {row.slice(from, to + 1).map((n, i) => (
              <div key={i} className="heatmap__cell" title={`${longDays[d]} ${from + i}:00 · ${f.count(n)}`} style={{ background: n ? `rgba(31, 111, 235, ${0.12 + (0.88 * n) / max})` : '#f2f4f7' }} />
            ))}
          </div>
        ))}
      </div>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.attendance') })} rows={rows} columns={columns} rowId={(x) => x.day} empty={t('reports.noData')} />
    </>
  );
}

export function ForecastView() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'forecast'], queryFn: () => invoke('reports.forecast', {}) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  type Row = ForecastReport['rows'][number] & { isTotal?: boolean };
  const total = { month: t('reports.total'), ...r.totals, isTotal: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), cell: (x) => (x.isTotal ? x.month : f.month(x.month)) },
    { id: 'invoices', header: t('reports.col.forecastInvoices'), num: true, cell: (x) => f.count(x.invoices) },
    { id: 'total', header: t('reports.col.forecastTotal'), num: true, cell: (x) => <strong>{f.money(x.total)}</strong> },
    { id: 'withChurn', header: t('reports.col.withChurn'), num: true, cell: (x) => f.money(x.withChurn) },
  ];
  return (
    <>
      <p className="report__summary">{t('reports.forecast.totals', { total: f.money(r.totals.total), withChurn: f.money(r.totals.withChurn) })}</p>
      <p className="card__lead muted">
        {r.churnBp
          ? t('reports.forecast.churn', {
              rate: f.rate(r.churnBp),
              lost: r.churnBasis.lost,
              start: r.churnBasis.customersAtStart,
              from: f.date(r.churnBasis.from),
              to: f.date(r.churnBasis.to),
            })
          : t('reports.forecast.noChurn')}
      </p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.kinds.forecast') })}>
        <ComposedChart data={r.rows} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="#eaecf0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={f.monthShort} tick={AXIS} />
          <YAxis tickFormatter={f.moneyShort} tick={AXIS} width={72} />
          <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(m) => f.month(String(m))} formatter={(v) => f.money(Number(v))} />
          <Legend itemSorter={null} />
          <Bar isAnimationActive={false} dataKey="total" name={t('reports.col.forecastTotal')} fill={COLORS.soft} />
          <Line isAnimationActive={false} dataKey="withChurn" name={t('reports.col.withChurn')} stroke={COLORS.churned} strokeWidth={2} type="linear" />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.forecast') })} rows={r.rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}
