import { useMemo } from 'react';
import { useFormat } from '../../components/useFormat';
import { minorDigits } from '../../lib/format';
import { moneyFormat } from '../../../shared/money-text';

/** Colours of the report series: the same meaning keeps the same colour on every chart. */
export const COLORS = {
  new: '#12b76a',
  expansion: '#2e90fa',
  reactivation: '#7a5af8',
  contraction: '#f79009',
  churned: '#f04438',
  resumed: '#06aed4',
  paused: '#667085',
  line: '#101828',
  primary: '#1f6feb',
  soft: '#84caff',
  muted: '#98a2b3',
  expense: '#f97066',
  refund: '#fdb022',
};

/** A palette for open-ended series (plans, payment methods). */
export const PALETTE = ['#1f6feb', '#12b76a', '#f79009', '#7a5af8', '#f04438', '#06aed4', '#ee46bc', '#66c61c', '#854ce0', '#475467'];

/** Formatting for reports: money (full and short for axes), percentages from basis points, months. */
export function useReportFormat() {
  const f = useFormat();
  return useMemo(() => {
    const scale = 10 ** minorDigits(f.currency);
    const full = moneyFormat(f.currency, f.locale);
    const short = moneyFormat(f.currency, f.locale, { notation: 'compact', maximumFractionDigits: 1 });
    const month = new Intl.DateTimeFormat(f.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const monthShort = new Intl.DateTimeFormat(f.locale, { year: '2-digit', month: 'short', timeZone: 'UTC' });
    const count = new Intl.NumberFormat(f.locale);
    const money = (minor: number) => full.format(minor / scale);
    return {
      ...f,
      money,
      /** Minor units → "¥1.2K" for axes. */
      moneyShort: (minor: number) => short.format(minor / scale),
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
