import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Area, AreaChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MemberAtRisk, RiskReason } from '../../../electron/contract';
import { addMonthsClamped, startOfMonth } from '../../../shared/dates';
import { DataTable, type Columns } from '../../components/DataTable';
import { Card, Page } from '../../components/Page';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { invoke } from '../../lib/api';
import { AXIS } from '../reports/Chart';
import { changeArrow, changeDirection, hasData, SERIES } from '../reports/chartKit';
import { useReportFormat } from '../reports/format';
import { GettingStarted } from '../setup/GettingStarted';

const REASON_TONE: Record<RiskReason, Tone> = { overdue: 'red', pause_ending: 'amber', no_visit: 'grey' };

/** The first screen for managers and owners: today, money, who owes, who may leave. */
export function DashboardScreen() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const d = useQuery({ queryKey: ['reports', 'dashboard'], queryFn: () => invoke('reports.dashboard', {}) });
  const today = d.data?.today;
  const trend = useQuery({
    queryKey: ['reports', 'mrr', 'trend', today],
    queryFn: () => invoke('reports.mrr', { from: addMonthsClamped(startOfMonth(today!), -5), to: today! }),
    enabled: !!today,
  });
  const columns = useMemo<Columns<MemberAtRisk>>(
    () => [
      { id: 'name', accessorKey: 'name', header: t('dashboard.col.member'), meta: { width: '24%' }, cell: ({ row }) => <span className="cell-strong">{row.original.name}</span> },
      { id: 'phone', accessorKey: 'phone', header: t('dashboard.col.phone'), meta: { width: '16%' } },
      {
        id: 'why',
        header: t('dashboard.col.why'),
        enableSorting: false,
        meta: { width: '28%' },
        cell: ({ row }) => (
          <span className="badge-row">
            {row.original.reasons.map((r) => (
              <StatusBadge key={r} tone={REASON_TONE[r]}>
                {t(`dashboard.reasons.${r}`)}
              </StatusBadge>
            ))}
          </span>
        ),
      },
      {
        id: 'detail',
        header: t('dashboard.col.detail'),
        enableSorting: false,
        cell: ({ row: { original: m } }) => (
          <div className="cell-stack">
            {m.reasons.includes('overdue') ? <span>{t('dashboard.detail.overdue', { amount: f.money(m.overdue), days: m.daysOverdue })}</span> : null}
            {m.pauseEnds ? <span>{t('dashboard.detail.pauseEnds', { date: f.date(m.pauseEnds) })}</span> : null}
            <span className="cell-sub">{m.lastVisit ? t('dashboard.detail.lastVisit', { date: f.date(m.lastVisit) }) : t('dashboard.detail.neverVisited')}</span>
          </div>
        ),
      },
    ],
    [t, f],
  );
  if (!d.data) return <Page title={t('dashboard.title')}>{t('common.loading')}</Page>;
  const x = d.data;
  // A change of zero is neither good nor bad news: no arrow, no colour.
  const direction = changeDirection(x.mrrChange);
  const hasHistory = !!trend.data && hasData(trend.data.rows, ['startMrr', 'endMrr']);
  return (
    <Page
      title={t('dashboard.title')}
      subtitle={t('dashboard.subtitle', { date: f.date(x.today) })}
      actions={
        <Link className="btn" to="/reports">
          {t('dashboard.openReports')}
        </Link>
      }
    >
      <GettingStarted />
      <div className="kpis">
        <Card className="kpi kpi--wide">
          <div className="kpi__label">{t('reports.terms.mrr')}</div>
          <div className="kpi__value">{f.money(x.mrr)}</div>
          <div className={`kpi__sub${direction === 'flat' ? '' : ` kpi__${direction}`}`} data-testid="mrr-change">
            {direction === 'flat' ? t('dashboard.mrrNoChange') : `${changeArrow(x.mrrChange)} ${t('dashboard.mrrChange', { change: f.money(x.mrrChange) })}`}
          </div>
          {trend.data && !hasHistory ? <p className="kpi__sub muted">{t('dashboard.noDataYet')}</p> : null}
          {trend.data && hasHistory ? (
            <div className="kpi__chart" role="img" aria-label={t('dashboard.mrrTrend')}>
              <ResponsiveContainer width="100%" height={84}>
                <AreaChart data={trend.data.rows} margin={{ top: 4, right: 4, left: 4, bottom: 0 }}>
                  <XAxis dataKey="month" tickFormatter={f.monthShort} tick={{ ...AXIS, fontSize: 11 }} axisLine={false} tickLine={false} interval={0} height={18} padding={{ left: 18, right: 18 }} />
                  <YAxis hide domain={['dataMin', 'dataMax']} />
                  <Tooltip labelFormatter={(m) => f.month(String(m))} formatter={(v) => f.money(Number(v))} />
                  <Area isAnimationActive={false} dataKey="endMrr" name={t('reports.terms.mrr')} stroke={SERIES.mrr} fill="#d1e9ff" strokeWidth={2} dot={{ r: 2 }} type="linear" />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          ) : null}
        </Card>
        <Card className="kpi">
          <div className="kpi__label">{t('dashboard.active')}</div>
          <div className="kpi__value">{f.count(x.activeMembers)}</div>
          <div className="kpi__sub">{t('dashboard.paying', { count: x.payingMembers })}</div>
        </Card>
        <Card className="kpi">
          <div className="kpi__label">{t('dashboard.checkins')}</div>
          <div className="kpi__value">{f.count(x.checkinsToday)}</div>
        </Card>
        <Card className="kpi">
          <div className="kpi__label">{t('dashboard.moneyToday')}</div>
          <div className="kpi__value">{f.money(x.moneyTodayTotal)}</div>
          {x.moneyToday.length ? (
            <ul className="kpi__list">
              {x.moneyToday.map((m) => (
                <li key={m.method}>
                  <span>{m.name || t(`payments.methods.${m.method}`, { defaultValue: m.method })}</span>
                  <span className="num-text">
                    {f.money(m.received)}
                    {m.refunded ? <span className="muted"> · {t('dashboard.refunded', { amount: f.money(m.refunded) })}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <div className="kpi__sub">{t('dashboard.noMoneyToday')}</div>
          )}
        </Card>
        <Card className="kpi">
          <div className="kpi__label">{t('dashboard.overdue')}</div>
          <div className={`kpi__value${x.overdueTotal ? ' kpi__value--bad' : ''}`}>{f.money(x.overdueTotal)}</div>
          <div className="kpi__sub">{t('dashboard.overduePayers', { count: x.overduePayers })}</div>
        </Card>
      </div>
      <Card title={t('dashboard.atRisk')} className="card--table">
        <p className="card__lead muted">
          {t('dashboard.atRiskLead')} {t('dashboard.counts', { overdue: x.atRiskCounts.overdue, pause: x.atRiskCounts.pause_ending, visit: x.atRiskCounts.no_visit })}
        </p>
        <DataTable label={t('dashboard.atRisk')} data={x.atRisk} columns={columns} getRowId={(m) => String(m.memberId)} empty={t('dashboard.noneAtRisk')} maxHeight={460} />
      </Card>
    </Page>
  );
}
