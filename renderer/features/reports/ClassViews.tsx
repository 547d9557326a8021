/**
 * Classes and keeping members (docs/reports.md, "Classes and keeping members"): class fill and no-shows,
 * teachers' classes and hours, renewals of memberships that ended, churn by reason, follow-ups and renewals.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClassFillFigures, FollowUpFigures, RenewalRateFigures, TeacherFigures, TeacherReport } from '../../../electron/contract';
import { AXIS, ChartBox, countAxis, GRID_PROPS, LEGEND_PROPS, MARGIN, monthAxis, monthTooltip, NoData, TOOLTIP_STYLE } from './Chart';
import { invoke } from '../../lib/api';
import { SERIES } from './chartKit';
import { hoursOf } from '../../../shared/report-labels';
import { useReportFormat, type ReportFormat } from './format';
import { MONTH_WIDTH, ReportTable, type ReportColumn } from './ReportTable';
import type { Range } from './range';

const OUTCOMES = ['reached', 'no_answer', 'will_renew', 'renewed', 'not_interested'] as const;

/** Minutes as hours, two decimals at most ("1.5"). */
const hours = (f: ReportFormat, minutes: number) => f.count(hoursOf(minutes));

function fillColumns<T extends ClassFillFigures>(t: (k: string) => string, f: ReportFormat, first: ReportColumn<T>): ReportColumn<T>[] {
  return [
    first,
    { id: 'sessions', header: t('reports.col.sessionsHeld'), num: true, cell: (x) => f.count(x.sessions) },
    { id: 'places', header: t('reports.col.places'), num: true, cell: (x) => f.count(x.places) },
    { id: 'taken', header: t('reports.col.taken'), num: true, cell: (x) => f.count(x.taken) },
    { id: 'fill', header: t('reports.col.fill'), num: true, cell: (x) => <strong>{f.rate(x.fillBp)}</strong> },
    { id: 'attended', header: t('reports.col.attended'), num: true, cell: (x) => f.count(x.attended) },
    { id: 'noShows', header: t('reports.col.noShows'), num: true, cell: (x) => f.count(x.noShows) },
    { id: 'lateCancels', header: t('reports.col.lateCancels'), num: true, cell: (x) => f.count(x.lateCancels) },
  ];
}

export function ClassFillView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'classFill', range.from, range.to], queryFn: () => invoke('reports.classFill', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.totals.sessions === 0) return <NoData hint={t('reports.cls.noDataClasses')} />;
  const days = t('reports.weekdays', { returnObjects: true }) as string[];
  type TypeRow = ClassFillFigures & { key: string; name: string };
  type SlotRow = ClassFillFigures & { key: string; slot: string };
  const total = t('reports.total');
  const types: TypeRow[] = r.byType.map((x) => ({ ...x, key: String(x.classTypeId) }));
  const slots: SlotRow[] = r.bySlot.map((x) => ({ ...x, key: `${x.weekday}-${x.startTime}`, slot: `${days[x.weekday]!} ${x.startTime}` }));
  return (
    <>
      <p className="report__summary" data-testid="report-summary">
        {t('reports.cls.fillSummary', { sessions: f.count(r.totals.sessions), fill: f.rate(r.totals.fillBp), noShows: f.count(r.totals.noShows), late: f.count(r.totals.lateCancels) })}
      </p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.cls.fillChart') })} caption={t('reports.cls.fillChart')} height={220}>
        {/* Not "fill": recharts reads a row's `fill` as the bar's colour. */}
        <BarChart data={r.byType.map((x) => ({ name: x.name, rate: x.fillBp === null ? 0 : x.fillBp / 100 }))} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis tickFormatter={f.percentTick} tick={AXIS} width={56} domain={[0, 100]} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.percentTick(Number(v))} />
          <Bar isAnimationActive={false} dataKey="rate" name={t('reports.col.fill')} fill={SERIES.fill} />
        </BarChart>
      </ChartBox>
      <h3 className="report__subtitle">{t('reports.cls.byType')}</h3>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.cls.byType') })}
        rows={types}
        total={{ ...r.totals, key: 'total', name: total }}
        columns={fillColumns<TypeRow>(t, f, { id: 'name', header: t('reports.col.classType'), cell: (x) => x.name })}
        rowId={(x) => x.key}
        empty={t('reports.noData')}
      />
      <h3 className="report__subtitle">{t('reports.cls.bySlot')}</h3>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.cls.bySlot') })}
        rows={slots}
        columns={fillColumns<SlotRow>(t, f, { id: 'slot', header: t('reports.col.timeSlot'), cell: (x) => x.slot })}
        rowId={(x) => x.key}
        empty={t('reports.noData')}
      />
    </>
  );
}

export function TeachersView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'teachers', range.from, range.to], queryFn: () => invoke('reports.teachers', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.totals.sessions === 0) return <NoData hint={t('reports.cls.noDataClasses')} />;
  const name = (x: { teacherId: number | null; name: string }) => (x.teacherId === null ? t('reports.cls.noTeacher') : x.name);
  type Row = TeacherFigures & { key: string; name: string; month?: string };
  const figures = (): ReportColumn<Row>[] => [
    { id: 'sessions', header: t('reports.col.sessionsHeld'), num: true, cell: (x) => f.count(x.sessions) },
    { id: 'hours', header: t('reports.col.hours'), num: true, cell: (x) => <strong>{hours(f, x.minutes)}</strong> },
    { id: 'attended', header: t('reports.col.attended'), num: true, cell: (x) => f.count(x.attended) },
    { id: 'noShows', header: t('reports.col.noShows'), num: true, cell: (x) => f.count(x.noShows) },
  ];
  const teachers: Row[] = r.teachers.map((x) => ({ ...x, key: String(x.teacherId), name: name(x) }));
  const months: Row[] = r.months.map((x: TeacherReport['months'][number]) => ({ ...x, key: `${x.teacherId}-${x.month}`, name: name(x), month: x.month }));
  return (
    <>
      <p className="report__summary" data-testid="report-summary">{t('reports.cls.hoursSummary', { hours: hours(f, r.totals.minutes), sessions: f.count(r.totals.sessions) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.cls.hoursChart') })} caption={t('reports.cls.hoursChart')} height={220}>
        <BarChart data={teachers.map((x) => ({ name: x.name, hours: hoursOf(x.minutes) }))} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis {...countAxis(f)} allowDecimals />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => t('reports.cls.hoursValue', { hours: f.count(Number(v)) })} />
          <Bar isAnimationActive={false} dataKey="hours" name={t('reports.col.hours')} fill={SERIES.hours} />
        </BarChart>
      </ChartBox>
      <h3 className="report__subtitle">{t('reports.cls.byTeacher')}</h3>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.cls.byTeacher') })}
        rows={teachers}
        total={{ ...r.totals, key: 'total', name: t('reports.total') }}
        columns={[{ id: 'name', header: t('reports.col.teacher'), cell: (x) => x.name }, ...figures()]}
        rowId={(x) => x.key}
        empty={t('reports.noData')}
      />
      <h3 className="report__subtitle">{t('reports.cls.byMonth')}</h3>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.cls.byMonth') })}
        rows={months}
        columns={[
          { id: 'name', header: t('reports.col.teacher'), cell: (x) => x.name },
          { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.month ? f.month(x.month) : '') },
          ...figures(),
        ]}
        rowId={(x) => x.key}
        empty={t('reports.noData')}
      />
    </>
  );
}

export function RenewalRateView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'renewalRate', range.from, range.to], queryFn: () => invoke('reports.renewalRate', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.totals.ended === 0) return <NoData hint={t('reports.cls.noDataRenewals')} />;
  type Row = RenewalRateFigures & { month: string; isTotal?: boolean };
  const columns: ReportColumn<Row>[] = [
    { id: 'month', header: t('reports.col.month'), width: MONTH_WIDTH, cell: (x) => (x.isTotal ? x.month : f.month(x.month)) },
    { id: 'ended', header: t('reports.col.ended'), num: true, cell: (x) => f.count(x.ended) },
    { id: 'renewed', header: t('reports.col.renewedMembers'), num: true, cell: (x) => f.count(x.renewed) },
    { id: 'pending', header: t('reports.col.pending'), num: true, cell: (x) => f.count(x.pending) },
    { id: 'lost', header: t('reports.col.notRenewed'), num: true, cell: (x) => f.count(x.lost) },
    { id: 'rate', header: t('reports.col.renewalRate'), num: true, cell: (x) => <strong>{f.rate(x.rateBp)}</strong> },
  ];
  return (
    <>
      <p className="report__summary" data-testid="report-summary">
        {t('reports.cls.renewalSummary', { ended: f.count(r.totals.ended), renewed: f.count(r.totals.renewed), rate: f.rate(r.totals.rateBp), pending: f.count(r.totals.pending) })}
      </p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.cls.renewalChart') })} height={220}>
        <BarChart data={r.rows} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...monthAxis(f)} />
          <YAxis {...countAxis(f)} />
          <Tooltip {...monthTooltip(f, f.count)} />
          <Legend {...LEGEND_PROPS} />
          <Bar isAnimationActive={false} dataKey="ended" name={t('reports.col.ended')} fill={SERIES.ended} />
          <Bar isAnimationActive={false} dataKey="renewed" name={t('reports.col.renewedMembers')} fill={SERIES.renewed} />
        </BarChart>
      </ChartBox>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.kinds.renewalRate') })}
        rows={r.rows as Row[]}
        total={{ ...r.totals, month: t('reports.total'), isTotal: true }}
        columns={columns}
        rowId={(x) => x.month}
        empty={t('reports.noData')}
      />
    </>
  );
}

export function ChurnReasonsView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'churnReasons', range.from, range.to], queryFn: () => invoke('reports.churnReasons', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.total === 0) return <NoData hint={t('reports.cls.noDataCancellations')} />;
  type Row = { key: string; reason: string; cancellations: number; shareBp: number | null };
  const rows: Row[] = r.rows.map((x) => ({ key: x.reason ?? '', reason: x.reason ?? t('reports.cls.noReason'), cancellations: x.cancellations, shareBp: x.shareBp }));
  const columns: ReportColumn<Row>[] = [
    { id: 'reason', header: t('reports.col.cancelReason'), cell: (x) => x.reason },
    { id: 'cancellations', header: t('reports.col.cancellations'), num: true, cell: (x) => <strong>{f.count(x.cancellations)}</strong> },
    { id: 'share', header: t('reports.col.share'), num: true, cell: (x) => f.rate(x.shareBp) },
  ];
  return (
    <>
      <p className="report__summary" data-testid="report-summary">{t('reports.cls.churnSummary', { count: f.count(r.total) })}</p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.cls.churnChart') })} caption={t('reports.cls.churnChart')} height={220}>
        <BarChart data={rows} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="reason" tick={AXIS} interval={0} />
          <YAxis {...countAxis(f)} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.count(Number(v))} />
          <Bar isAnimationActive={false} dataKey="cancellations" name={t('reports.col.cancellations')} fill={SERIES.cancellations} />
        </BarChart>
      </ChartBox>
      <ReportTable
        label={t('reports.tableLabel', { name: t('reports.kinds.churnReasons') })}
        rows={rows}
        total={{ key: 'total', reason: t('reports.total'), cancellations: r.total, shareBp: 10_000 }}
        columns={columns}
        rowId={(x) => x.key}
        empty={t('reports.noData')}
      />
    </>
  );
}

export function FollowUpsView({ range }: { range: Range }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const q = useQuery({ queryKey: ['reports', 'followUps', range.from, range.to], queryFn: () => invoke('reports.followUps', range) });
  if (!q.data) return <p className="muted">{t('common.loading')}</p>;
  const r = q.data;
  if (r.totals.items === 0) return <NoData hint={t('reports.cls.noDataFollowUps')} />;
  type Row = FollowUpFigures & { key: string; name: string };
  const columns = (header: string): ReportColumn<Row>[] => [
    { id: 'name', header, width: '168px', cell: (x) => x.name },
    { id: 'items', header: t('reports.col.items'), num: true, cell: (x) => f.count(x.items) },
    ...OUTCOMES.map((o): ReportColumn<Row> => ({ id: o, header: t(`reports.cls.outcome.${o}`), num: true, cell: (x) => f.count(x.outcomes[o]) })),
    { id: 'renewed', header: t('reports.col.ledToRenewal'), num: true, cell: (x) => <strong>{f.count(x.renewed)}</strong> },
    { id: 'rate', header: t('reports.col.ledToRenewalRate'), num: true, cell: (x) => f.rate(x.renewedBp) },
  ];
  const byReason: Row[] = r.byReason.map((x) => ({ ...x, key: x.reason, name: t(`reports.cls.reason.${x.reason}`) }));
  const byStaff: Row[] = r.byStaff.map((x) => ({ ...x, key: x.staffName, name: x.staffName || t('reports.cls.nobody') }));
  const total: Row = { ...r.totals, key: 'total', name: t('reports.total') };
  return (
    <>
      <p className="report__summary" data-testid="report-summary">
        {t('reports.cls.followSummary', { items: f.count(r.totals.items), renewed: f.count(r.totals.renewed), rate: f.rate(r.totals.renewedBp) })}
      </p>
      <ChartBox label={t('reports.chartLabel', { name: t('reports.cls.followChart') })} height={220}>
        <BarChart data={byReason} margin={MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="name" tick={AXIS} interval={0} />
          <YAxis {...countAxis(f)} />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.count(Number(v))} />
          <Legend {...LEGEND_PROPS} />
          <Bar isAnimationActive={false} dataKey="items" name={t('reports.col.items')} fill={SERIES.followUps} />
          <Bar isAnimationActive={false} dataKey="renewed" name={t('reports.col.ledToRenewal')} fill={SERIES.renewed} />
        </BarChart>
      </ChartBox>
      <h3 className="report__subtitle">{t('reports.cls.byReason')}</h3>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.cls.byReason') })} rows={byReason} total={total} columns={columns(t('reports.col.followUpRule'))} rowId={(x) => x.key} empty={t('reports.noData')} />
      <h3 className="report__subtitle">{t('reports.cls.byStaff')}</h3>
      <ReportTable label={t('reports.tableLabel', { name: t('reports.cls.byStaff') })} rows={byStaff} columns={columns(t('reports.col.staffName'))} rowId={(x) => `staff-${x.key}`} empty={t('reports.noData')} />
    </>
  );
}
