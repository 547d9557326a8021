/** The pieces every chart of the dashboard and the reports is built from (the plain values are in chartKit.ts). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveContainer } from 'recharts';
import { GRID } from './chartKit';
import type { ReportFormat } from './format';

/** A chart with a text alternative: the table below it carries every number. */
export function ChartBox(props: { label: string; height?: number; caption?: string; children: ReactElement }) {
  return (
    <figure className="report__chart" role="img" aria-label={props.label}>
      {props.caption ? <figcaption className="report__caption">{props.caption}</figcaption> : null}
      <ResponsiveContainer width="100%" height={props.height ?? 300}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

/** A line under a chart when the months before the first figure are left out ("Nothing before Mar 2026."). */
export function SkippedMonths({ all, shown, f }: { all: readonly { month: string }[]; shown: readonly { month: string }[]; f: ReportFormat }) {
  const { t } = useTranslation();
  if (shown.length === all.length || !shown.length) return null;
  return <p className="muted report__more">{t('reports.fromFirst', { month: f.month(shown[0]!.month) })}</p>;
}

/**
 * "No data yet" in place of a chart and its table of zeros: a new business, or dates before anything
 * happened. `hint` says what would make it appear.
 */
export function NoData({ hint }: { hint?: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state report__empty" role="status" data-testid="no-data">
      <p className="report__empty-title">{t('reports.noDataYet')}</p>
      <p>{hint ?? t('reports.noDataHint')}</p>
    </div>
  );
}

/** Tick text of every axis. */
export const AXIS = { fontSize: 12, fill: '#667085' };
export const TOOLTIP_STYLE = { borderRadius: 8, border: '1px solid #e3e6eb', fontSize: 13 };

/** Props shared by every chart's parts, spread onto the recharts elements. */
export const GRID_PROPS = { stroke: GRID, vertical: false } as const;
/** The legend above the plot, never under anything drawn or floating over the chart's foot. */
export const LEGEND_PROPS = {
  verticalAlign: 'top',
  align: 'left',
  itemSorter: null,
  wrapperStyle: { paddingBottom: 8, fontSize: 13, lineHeight: '20px' },
  // The swatch carries the colour; the words stay dark enough to read (a grey series' name too).
  formatter: (value: unknown) => <span className="chart-legend__text">{String(value)}</span>,
} as const;
export const MARGIN = { top: 4, right: 16, left: 4, bottom: 0 };

/**
 * The month axis of a monthly chart. The month under way is marked "to date" (its figures are partial, so
 * its drop is not news); a forecast's months are all ahead, so it passes `partial: false`.
 */
export function monthAxis(f: ReportFormat, opts: { partial?: boolean } = {}) {
  return { dataKey: 'month', tickFormatter: opts.partial === false ? f.monthShort : f.monthTick, tick: AXIS } as const;
}

/** A money axis: ¥ with thousands separators, wide enough for "-¥120,000". */
export function moneyAxis(f: ReportFormat) {
  return { tickFormatter: f.moneyTick, tick: AXIS, width: 84 } as const;
}

/** A count axis (members, visits): whole numbers with separators. */
export function countAxis(f: ReportFormat) {
  return { tickFormatter: f.countTick, tick: AXIS, allowDecimals: false, width: 56 } as const;
}

/** The tooltip of a monthly chart: the month in full, each value as the table shows it. */
export function monthTooltip(f: ReportFormat, value: (v: number) => string, opts: { partial?: boolean } = {}) {
  return {
    contentStyle: TOOLTIP_STYLE,
    labelFormatter: (m: unknown) => (opts.partial === false ? f.month(String(m)) : f.monthLabel(String(m))),
    formatter: (v: unknown) => (v === null || v === undefined ? '—' : value(Number(v))),
  };
}
