import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** A chart with a text alternative: the table below it carries every number. */
export function ChartBox(props: { label: string; height?: number; children: ReactElement }) {
  return (
    <figure className="report__chart" role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={props.height ?? 300}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

/** Tooltip and axis styling shared by every chart. */
export const AXIS = { fontSize: 12, fill: '#667085' };
export const TOOLTIP_STYLE = { borderRadius: 8, border: '1px solid #e3e6eb', fontSize: 13 };
