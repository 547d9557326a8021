import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingRun } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Banner, Card, Page } from '../../components/Page';
import { useFormat } from '../../components/useFormat';
import { ApiError, invoke, onEvent } from '../../lib/api';
import { HeldBanner } from './HeldBanner';
import { PreviewCard } from './PreviewCard';
import { RunsCard } from './RunsCard';

/**
 * The billing panel: run billing now, the log of recent runs, and a dry-run preview of any
 * date. Scheduled runs push 'billing.runCompleted', which refreshes everything here.
 */
export function BillingScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const info = useQuery({ queryKey: ['system', 'info'], queryFn: () => invoke('system.info', {}) });
  const runs = useQuery({ queryKey: ['billing', 'runs'], queryFn: () => invoke('billing.runs', { limit: 50 }) });
  const run = useMutation({
    mutationFn: () => invoke('billing.run', {}),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['billing'] });
      void qc.invalidateQueries({ queryKey: ['system', 'info'] });
    },
  });

  useEffect(() => onEvent('billing.runCompleted', () => void qc.invalidateQueries({ queryKey: ['billing'] })), [qc]);

  const today = info.data?.today;
  const latest = runs.data?.[0];
  // A refusal by a scheduled run is news too; the clerk's own refusal is shown in the run card.
  const showLastRefused = latest?.status === 'refused_clock_behind' && !run.data && !run.error;

  return (
    <Page title={t('billing.title')} subtitle={t('billing.subtitle')}>
      <HeldBanner />
      {showLastRefused ? <Banner kind="warning">{t('billing.run.lastRefused', { when: f.instant(latest.startedAt) })}</Banner> : null}
      <Card title={t('billing.run.title')} className="card--split">
        <div className="split">
          <p className="muted split__text">{t('billing.run.explain', { today: today ? f.date(today) : '…' })}</p>
          <button type="button" className="btn btn--primary" data-channel="billing.run" onClick={() => run.mutate()} disabled={run.isPending}>
            {run.isPending ? t('billing.run.running') : t('billing.run.button')}
          </button>
        </div>
        {run.data || run.error ? <RunOutcome run={run.data} error={run.error} today={today} lastBilled={lastBilled(runs.data)} /> : null}
      </Card>
      <RunsCard runs={runs.data} error={runs.error} loading={runs.isPending} />
      {today ? <PreviewCard today={today} /> : null}
    </Page>
  );
}

/** The latest as-of date that was actually billed (the date a clock-behind refusal compares with). */
function lastBilled(runs: BillingRun[] | undefined): string | null {
  const dates = (runs ?? []).filter((r) => r.status === 'ok' || r.status === 'partial').map((r) => r.asOf);
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

/** The result of the clerk's "Run billing now": counts and amount, or the clock-behind refusal as a warning. */
function RunOutcome(props: { run: BillingRun | undefined; error: Error | null; today: string | undefined; lastBilled: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { run, error } = props;
  const clockBehind = run?.status === 'refused_clock_behind' || (error instanceof ApiError && error.code === 'CLOCK_BEHIND');
  if (clockBehind) {
    const day = run?.asOf ?? props.today;
    return (
      <div className="banner banner--warning outcome" role="alert">
        <strong className="outcome__title">{t('billing.run.refusedTitle')}</strong>
        <span>{t('billing.run.refused', { today: day ? f.date(day) : '—', last: props.lastBilled ? f.date(props.lastBilled) : '—' })}</span>
      </div>
    );
  }
  if (run?.status === 'held') return <Banner kind="warning">{t('billing.held.title')}</Banner>;
  if (error || !run) return <Banner kind="error">{errorText(t, error)}</Banner>;
  const values = { count: run.invoicesCreated, amount: f.money(run.amountTotal), errors: run.errors.length };
  if (run.status === 'partial' || run.errors.length > 0) return <Banner kind="warning">{t('billing.run.partial', values)}</Banner>;
  return <Banner kind="success">{run.invoicesCreated ? t('billing.run.created', values) : t('billing.run.nothingDue')}</Banner>;
}
