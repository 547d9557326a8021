import { useMemo } from 'react';
import { useFormat } from '../../components/useFormat';
import { minorDigits } from '../../lib/format';
import { moneyFormat } from '../../../shared/money-text';
import { countTickFormatter, moneyTickFormatter, percentTickFormatter } from './chartKit';

/** Formatting for reports: money (in tables and on axes), percentages from basis points, months. */
export function useReportFormat() {
  const f = useFormat();
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
      count: (n: number) => count.format(n),
      maybeMoney: (minor: number | null) => (minor === null ? '—' : money(minor)),
    };
  }, [f]);
}

export type ReportFormat = ReturnType<typeof useReportFormat>;
