import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useScrollRegion } from './useScrollRegion';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** 'right' for numbers and money: right-aligned, tabular figures. */
    align?: 'left' | 'right' | 'center';
    /** CSS width of the column (the table has a fixed layout so columns do not jump while scrolling). */
    width?: string;
    /**
     * Never cut (money, counts, a payment method): the cells do not wrap and the column widens to
     * its widest value, the table scrolling sideways in its card if it must. Default: right-aligned columns.
     */
    fit?: boolean;
  }
}

// Column definitions mix value types; `any` here is TanStack's own convention for a column list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns<T> = ColumnDef<T, any>[];

const INTERACTIVE = 'button, a, input, select, textarea, label';

/**
 * A sortable, virtualised table (TanStack Table + TanStack Virtual).
 *
 * Only the rows in view (plus a few) are in the DOM, so 100,000 rows scroll smoothly; the
 * body scrolls inside the table with the header kept in view. Headers of sortable columns
 * are buttons. With `onRowClick`, rows are focusable: Arrow keys, Home/End and PageUp/Down
 * move between rows, Enter opens one; clicks on buttons inside a row do not open it.
 *
 * Columns: `{ accessorKey | accessorFn, header, cell, meta: { align: 'right', width: '120px' } }`;
 * set `enableSorting: false` on columns that make no sense to sort (actions).
 */
export function DataTable<T>(props: {
  /** Accessible name of the table. */
  label: string;
  data: T[];
  columns: Columns<T>;
  getRowId?: (row: T) => string;
  onRowClick?: (row: T) => void;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  /** The rows are still on their way: "Loading…" in place of the rows, never `empty` before the answer. */
  loading?: boolean;
  initialSorting?: SortingState;
  /** Height limit of the scrolling body; the table is shorter when it has fewer rows. */
  maxHeight?: number | string;
  /** Estimated row height in px (rows are measured once shown). */
  rowHeight?: number;
  rowClassName?: (row: T) => string | undefined;
}) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? []);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table manages its own memoisation
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    state: { sorting },
    onSortingChange: setSorting,
    // The first click sorts ascending for every column (TanStack would start numbers descending).
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    ...(props.getRowId ? { getRowId: (row: T) => props.getRowId!(row) } : {}),
  });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight ?? 44,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items.length ? items[0]!.start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const columnCount = table.getVisibleLeafColumns().length;
  const clickable = Boolean(props.onRowClick);
  const current = Math.min(active, Math.max(rows.length - 1, 0));
  const fitted = useFittedWidths(scrollRef);
  // A table taller or wider than its box scrolls from the keyboard too (a focusable region named like the table).
  const region = useScrollRegion(scrollRef, props.label);

  // After keyboard navigation, focus the new row once it is rendered.
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (!clickable || !(e.target instanceof HTMLTableRowElement)) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / (props.rowHeight ?? 44)) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const row = rows[current];
      if (row) props.onRowClick!(row.original);
    }
  }

  function onRowClick(e: MouseEvent, index: number) {
    // Clicks inside a dialog opened from the row bubble here through the React tree: ignore them too.
    const target = e.target as HTMLElement;
    if (!props.onRowClick || !e.currentTarget.contains(target) || target.closest(INTERACTIVE)) return;
    setActive(index);
    props.onRowClick(rows[index]!.original);
  }

  return (
    <div className="datatable" ref={scrollRef} style={{ maxHeight: props.maxHeight ?? 560 }} {...region}>
      <table className="table datatable__table" aria-label={props.label} aria-rowcount={rows.length + 1} aria-busy={props.loading || undefined}>
        <colgroup>
          {table.getVisibleLeafColumns().map((c) => {
            const width = fitted[c.id] ? `${fitted[c.id]}px` : c.columnDef.meta?.width;
            return <col key={c.id} style={width ? { width } : undefined} />;
          })}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const sorted = header.column.getIsSorted();
                const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    {...cellAttrs(header.column.id, meta)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="datatable__sort" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span className={`datatable__arrow${sorted ? ' datatable__arrow--on' : ''}`} aria-hidden="true">
                          {sorted === 'desc' ? '▼' : '▲'}
                        </span>
                        {sorted ? <span className="sr-only">{t(sorted === 'asc' ? 'ui.table.sortAscending' : 'ui.table.sortDescending')}</span> : null}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnCount} className="datatable__empty">
                {props.loading ? <div className="empty-state">{t('common.loading')}</div> : (props.empty ?? t('ui.table.empty'))}
              </td>
            </tr>
          ) : null}
          {paddingTop > 0 ? <Spacer height={paddingTop} span={columnCount} /> : null}
          {items.map((item) => {
            const row = rows[item.index]!;
            const extra = props.rowClassName?.(row.original);
            return (
              <tr
                key={row.id}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
                aria-selected={clickable ? item.index === current : undefined}
                tabIndex={clickable ? (item.index === current ? 0 : -1) : undefined}
                className={`${clickable ? 'datatable__row--clickable' : ''} ${extra ?? ''}`.trim() || undefined}
                onClick={clickable ? (e) => onRowClick(e, item.index) : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} {...cellAttrs(cell.column.id, cell.column.columnDef.meta)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? <Spacer height={paddingBottom} span={columnCount} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className="datatable__spacer">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}

type Meta = { align?: 'left' | 'right' | 'center'; fit?: boolean } | undefined;

/** Alignment class; fitted cells are marked `data-fit` with their column (what useFittedWidths and the layout test look for). */
function cellAttrs(column: string, meta: Meta): { className?: string; 'data-fit'?: string } {
  const fit = meta?.fit ?? meta?.align === 'right';
  const align = alignClass(meta?.align);
  if (!fit) return align ? { className: align } : {};
  return { className: align ? `${align} cell--fit` : 'cell--fit', 'data-fit': column };
}

const MAX_FIT = 480;

/**
 * Widths (px) of the fitted columns whose widest rendered cell needs more room than the column has.
 * Only ever grows, so rows scrolling in and out do not make the columns jump, and it settles at once.
 */
function useFittedWidths(scrollRef: RefObject<HTMLDivElement | null>): Record<string, number> {
  const [widths, setWidths] = useState<Record<string, number>>({});
  // After every render (rows scroll in, data arrives): it settles because widths only grow, to at most MAX_FIT.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const root = scrollRef.current;
    if (!root) return;
    let next: Record<string, number> | null = null;
    for (const cell of root.querySelectorAll<HTMLElement>('[data-fit]')) {
      const col = cell.dataset['fit']!;
      const need = Math.min(MAX_FIT, Math.ceil(cell.scrollWidth));
      if (need <= cell.clientWidth || need <= ((next ?? widths)[col] ?? 0)) continue;
      next = { ...(next ?? widths), [col]: need };
    }
    if (next) setWidths(next);
  });
  return widths;
}

function alignClass(align: 'left' | 'right' | 'center' | undefined): string | undefined {
  return align === 'right' ? 'num' : align === 'center' ? 'center' : undefined;
}
