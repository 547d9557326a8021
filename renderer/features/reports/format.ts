import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/useFormat';
import { invoke } from '../../lib/api';
import { minorDigits } from '../../lib/format';
import { moneyFormat } from '../../../shared/money-text';
import { countTickFormatter, moneyTickFormatter, percentTickFormatter } from './chartKit';

/** Formatting for reports: money (in tables and on axes), percentages from basis points, months. */
export function useReportFormat() {
  const f = useFormat();
  const { t } = useTranslation();
  // The business's today (the injected clock), to mark the month still under way.
  const info = useQuery({ queryKey: ['system.info'], queryFn: () => invoke('system.info', {}) });
  const current = info.data?.today.slice(0, 7);
  return useMemo(() => {
    const scale = 10 ** minorDigits(f.currency);
    const full = moneyFormat(f.currency, f.locale);
    const month = new Intl.DateTimeFormat(f.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const monthShort = new Intl.DateTimeFormat(f.locale, { year: '2-digit', month: 'short', timeZone: 'UTC' });
    const count = new Intl.NumberFormat(f.locale);
    const money = (minor: number) => full.format(minor / scale);
    return {
      ...f,
      money,
      /** Minor units → "¥12,000" on an axis (chartKit's one tick formatter). */
      moneyTick: moneyTickFormatter(f.locale, f.currency),
      /** Percent → "12.5%" on an axis. */
      percentTick: percentTickFormatter(f.locale),
      /** A count on an axis → "1,200". */
      countTick: countTickFormatter(f.locale),
      /** Basis points → "12.5%", "—" when undefined. */
      rate: (bp: number | null) => (bp === null ? '—' : f.percent(bp)),
      month: (m: string) => month.format(new Date(`${m}-01T00:00:00Z`)),
      monthShort: (m: string) => monthShort.format(new Date(`${m}-01T00:00:00Z`)),
      /** The month on a monthly chart's axis and tooltip; the month under way reads "Dec 26 to date" / "26年12月至今". */
      monthTick: (m: string) => (m === current ? t('reports.monthToDate', { month: monthShort.format(new Date(`${m}-01T00:00:00Z`)) }) : monthShort.format(new Date(`${m}-01T00:00:00Z`))),
      monthLabel: (m: string) => (m === current ? t('reports.monthToDate', { month: month.format(new Date(`${m}-01T00:00:00Z`)) }) : month.format(new Date(`${m}-01T00:00:00Z`))),
      count: (n: number) => count.format(n),
      maybeMoney: (minor: number | null) => (minor === null ? '—' : money(minor)),
    };
  }, [f, t, current]);
}

export type ReportFormat = ReturnType<typeof useReportFormat>;
