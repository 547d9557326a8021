/**
 * What every chart of the dashboard and the reports shares, as plain functions and constants (the components
 * are in Chart.tsx): the axis tick formatters, one colour per meaning, the direction of a change, whether a
 * report has anything to draw, and the hours a business is open.
 */
import { minorDigits, moneyFormat } from '../../../shared/money-text';

/**
 * Money on an axis: the currency's narrow symbol and thousands separators, decimals only when a tick has
 * them ("¥12,000", "¥1,250.50", "-¥3,000"). The owner reads the same figure the table shows, not "¥12K".
 */
export function moneyTickFormatter(locale: string, currency: string): (minor: number) => string {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const format = moneyFormat(currency, locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
  return (minor) => format.format(minor / scale);
}

/** A rate in percent on an axis, with thousands separators like money ("12.5%", "1,200%"). */
export function percentTickFormatter(locale: string): (percent: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (percent) => `${format.format(percent)}%`;
}

/** A count on an axis ("1,200"). */
export function countTickFormatter(locale: string): (n: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (n) => format.format(n);
}

/**
 * One colour per meaning, the same on every chart: the money received is always the same green, a loss the
 * same red, whatever report draws it. Two meanings never share a colour on one chart.
 */
export const SERIES = {
  /** Monthly recurring revenue (the line of the MRR and dashboard charts). */
  mrr: '#1f6feb',
  /** Active members (the line of the members chart). */
  members: '#0e9384',
  /** Members and MRR gained. */
  new: '#12b76a',
  expansion: '#2e90fa',
  reactivation: '#7a5af8',
  resumed: '#06aed4',
  /** Members and MRR lost. */
  contraction: '#f79009',
  paused: '#98a2b3',
  churned: '#d92d20',
  /** Revenue as billed, as earned, and what was paid in advance. */
  invoiced: '#84caff',
  recognised: '#1f6feb',
  deferred: '#667085',
  /** Cash: money received, refunds and expenses paid out, and the running total of what is left. */
  collected: '#039855',
  refunds: '#fdb022',
  expenses: '#f97066',
  running: '#101828',
  /** Per member: average revenue and lifetime value. */
  arpu: '#84caff',
  ltv: '#7a5af8',
  /** Visits (attendance). */
  visits: '#1f6feb',
  /** Forecast: what will be invoiced, and what is left of it with the recent churn. */
  forecast: '#84caff',
  withChurn: '#d92d20',
  /** Classes: how full they were, hours taught. */
  fill: '#0e9384',
  hours: '#7a5af8',
  /** Keeping members: memberships that ended, members who renewed, cancellations, follow-ups done. */
  ended: '#98a2b3',
  renewed: '#12b76a',
  cancellations: '#d92d20',
  followUps: '#84caff',
} as const;

export type SeriesMeaning = keyof typeof SERIES;

/** Colours for open-ended series (plans), in order; none of them is one of the loss colours above. */
export const PALETTE = ['#1f6feb', '#12b76a', '#7a5af8', '#06aed4', '#ee46bc', '#66c61c', '#ca8504', '#475467', '#f79009', '#a15c07'];

/** Payment methods in the colours people know them by (WeChat green, Alipay blue…). */
export const METHOD_COLORS: Record<string, string> = { wechat: '#07c160', alipay: '#1677ff', cash: '#f79009', card: '#7a5af8', bank_transfer: '#475467', other: '#98a2b3' };

/** Money owed by age: from not yet due (calm) to 90+ days (alarm). */
export const AGING_COLORS = ['#84caff', '#fdb022', '#f79009', '#f04438', '#b42318'] as const;

/** Grid and zero line of every chart. */
export const GRID = '#eaecf0';
export const ZERO_LINE = '#98a2b3';

export type ChangeDirection = 'up' | 'down' | 'flat';

/** A change of zero is neither good nor bad news: no arrow and no colour. */
export function changeDirection(change: number): ChangeDirection {
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}

/** The arrow in front of a change: ▲ for a rise, ▼ for a fall, nothing for no change. */
export function changeArrow(change: number): '▲' | '▼' | '' {
  const d = changeDirection(change);
  return d === 'up' ? '▲' : d === 'down' ? '▼' : '';
}

/** Whether any row has something other than zero (or "undefined") in any of these fields: else "no data yet". */
export function hasData<T>(rows: readonly T[], keys: readonly (keyof T)[]): boolean {
  return rows.some((r) => keys.some((k) => {
    const v = r[k];
    return typeof v === 'number' && v !== 0;
  }));
}

/** Opening hours as the settings keep them ("06:00"–"22:00"; "24:00" closes at midnight). */
export interface OpeningHours {
  opens: string;
  closes: string;
}

/**
 * The hours of the day an attendance chart draws: from the hour the business opens to the last hour it is
 * open ("06:00"–"22:00" → 6…21; "06:30"–"21:30" → 6…21; "00:00"–"24:00" → 0…23).
 */
export function openHours(hours: OpeningHours): number[] {
  const first = Number(hours.opens.slice(0, 2));
  const [ch, cm] = hours.closes.split(':').map(Number) as [number, number];
  const last = Math.min(cm > 0 ? ch : ch - 1, 23);
  const out: number[] = [];
  for (let h = first; h <= last; h++) out.push(h);
  return out;
}

/**
 * The months from the first one with a figure: a business opened in March shows no empty months before it
 * (the range's totals are unchanged, since those months hold nothing). All rows when none has a figure.
 */
export function fromFirstFigure<T>(rows: readonly T[], keys: readonly (keyof T)[]): T[] {
  const first = rows.findIndex((r) => hasData([r], keys));
  return first <= 0 ? [...rows] : rows.slice(first);
}
