/** Attendance (a week at a glance) and the 12-month forecast. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastReport } from '../../../electron/contract';
import { invoke } from '../../lib/api';
import { AXIS, ChartBox, countAxis, GRID_PROPS, LEGEND_PROPS, MARGIN, moneyAxis, monthAxis, monthTooltip, NoData, TOOLTIP_STYLE } from './Chart';
import { hasData, openHours, SERIES } from './chartKit';
import { useReportFormat } from './format';
import { MONTH_WIDTH, ReportTable, type ReportColumn } from './ReportTable';
import type { Range } from './range';

export function AttendanceView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'attendance', range.from, range.to], queryFn: () => invoke('reports.attendance', range) });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => invoke('settings.get', {}) });
  if (!q.data || !settings.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.total === 0) return <NoData hint={t('reports.noDataVisits')} />;
  const days = t('reports.weekdays', { returnObjects: true }) as string[];
  const longDays = t('reports.weekdaysLong', { returnObjects: true }) as string[];
  const max = Math.max(1, ...r.grid.flat());
  let busiest = { d: 0, h: 0, n: -1 };
  r.grid.forEach((row, d) => row.forEach((n, h) => void (n > busiest.n && (busiest = { d, h, n }))));
  // The business's opening hours (Settings), not the hours anyone happened to come: a quiet hour shows as a
  // gap, and the hours it is closed are not drawn. Visits outside them (a late class) are counted apart.
  const open = openHours(settings.data.openingHours);
  const from = open[0]!;
  const to = open[open.length - 1]!;
  const outside = r.byHour.reduce((sum, n, h) => (h < from || h > to ? sum + n : sum), 0);
  const hours = open.map((hour) => ({ hour: String(hour).padStart(2, '0'), visits: r.byHour[hour] ?? 0 }));
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
      <p className="muted report__more" data-testid="opening-hours">
        {t('reports.attendance.hours', { opens: settings.data.openingHours.opens, closes: settings.data.openingHours.closes })}
        {outside ? ` ${t('reports.attendance.outside', { count: outside })}` : ''}
      </p>
      <div className="report__split">
        <ChartBox label={t('reports.attendance.byHour')} caption={t('reports.attendance.byHour')} height={240}>
          <BarChart data={hours} margin={MARGIN}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis dataKey="hour" tick={AXIS} interval={0} />
            <YAxis {...countAxis(f)} />
            <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(h) => `${String(h)}:00`} formatter={(v) => f.count(Number(v))} />
            <Bar isAnimationActive={false} dataKey="visits" name={t('reports.col.visits')} fill={SERIES.visits} />
          </BarChart>
        </ChartBox>
        <ChartBox label={t('reports.attendance.byWeekday')} caption={t('reports.attendance.byWeekday')} height={240}>
          <BarChart data={r.byWeekday.map((visits, d) => ({ day: days[d], visits }))} margin={MARGIN}>
            <CartesianGrid {...GRID_PROPS} />
            <XAxis dataKey="day" tick={AXIS} interval={0} />
            <YAxis {...countAxis(f)} />
            <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.count(Number(v))} />
            <Bar isAnimationActive={false} dataKey="visits" name={t('reports.col.visits')} fill={SERIES.visits} />
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
  if (!hasData(r.rows, ['total'])) return <NoData hint={t('reports.noDataForecast')} />;
  type Row = ForecastReport['rows'][number] & { isTotal?: boolean };
  const total = { month: t('reports.total'), ...r.totals, isTotal: true } as Row;
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.isTotal ? x.month : f.month(x.month)) },
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
        <ComposedChart data={r.rows} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f, { partial: false })} />
          <YAxis {...moneyAxis(f)} />
          <Tooltip {...monthTooltip(f, f.money, { partial: false })} />
          <Legend {...LEGEND_PROPS} />
          <Bar isAnimationActive={false} dataKey="total" name={t('reports.col.forecastTotal')} fill={SERIES.forecast} />
          <Line isAnimationActive={false} dataKey="withChurn" name={t('reports.col.withChurn')} stroke={SERIES.withChurn} strokeWidth={2} dot={{ r: 2.5 }} type="linear" />
        </ComposedChart>
      </ChartBox>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.kinds.forecast') })} rows={r.rows as Row[]} total={total} columns={columns} rowId={(x) => x.month} empty={t('reports.noData')} />
    </>
  );
}
