import { useMemo, type ReactNode } from 'react';
import { DataTable, type Columns } from '../../components/DataTable';

/** The month column of a monthly table: room for "Sep 2026" / "2026年9月" beside many money columns. */
export const MONTH_WIDTH = '96px';

export interface ReportColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Numbers are right-aligned. */
  num?: boolean;
  width?: string;
}

/**
 * A report's table: its rows in order (no sorting, so the totals row stays last), numbers
 * right-aligned with tabular figures.
 */
export function ReportTable<T>(props: { label: string; rows: T[]; columns: ReportColumn<T>[]; total?: T | undefined; rowId: (row: T) => string; empty: string }) {
  const data = useMemo(() => (props.total ? [...props.rows, props.total] : props.rows), [props.rows, props.total]);
  const { columns: spec, total } = props;
  const columns = useMemo<Columns<T>>(
    () =>
      spec.map((c) => ({
        id: c.id,
        header: () => <TermHeader text={c.header} />,
        enableSorting: false,
        meta: { align: c.num ? 'right' : 'left', ...(c.width ? { width: c.width } : {}) },
        cell: ({ row }) => c.cell(row.original),
      })),
    [spec],
  );
  return (
    <DataTable
      label={props.label}
      data={data}
      columns={columns}
      getRowId={props.rowId}
      empty={props.empty}
      maxHeight={520}
      rowClassName={(row) => (row === total ? 'row--total report__total' : undefined)}
    />
  );
}

/**
 * A Chinese column name with its term in brackets ("已收未耗（递延收入）"): the bracket stays whole rather than
 * breaking between two characters (English already breaks between words).
 */
function TermHeader({ text }: { text: string }) {
  const m = /^(.+?)(（[^（]+）)$/.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      {m[1]}
      <span className="term-header__term">{m[2]}</span>
    </>
  );
}
