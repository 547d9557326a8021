import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MemberRow } from '../../../electron/contract';
import { errorText } from '../../app/errors';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { useScrollRegion } from '../../components/useScrollRegion';
import { invoke } from '../../lib/api';
import { BadgeList } from './Badges';
import { useQuery } from '@tanstack/react-query';
import { MEMBER_LIST_STATUSES, type MemberListStatus } from '../../../shared/lists';
import { useFormat } from '../../components/useFormat';
import { NO_FILTER, PAGE, useMemberRows, type ListFilter, type Sort } from './useMemberRows';

const ROW = 52;
/** How long the list must rest on a page it jumped to before that page is read. */
const SETTLE_MS = 120;

/**
 * One row of the list. Memoised: while scrolling only the rows that come into view (or whose
 * page just arrived) render; the others keep their elements and only move.
 */
const ListRow = memo(function ListRow(props: {
  index: number;
  start: number;
  active: boolean;
  row: MemberRow | undefined;
  onOpen: (id: number) => void;
  /** The list's `t` (a new one when the language changes, so rows re-render then). */
  t: TFunction;
  /** The list's date formatter (one for all rows: no row builds formatters or watches the settings). */
  date: (iso: string) => string;
}) {
  const { row, index, active, t, date } = props;
  return (
    <div
      id={`member-row-${index}`}
      role="option"
      aria-selected={active}
      className={`mlist__row${active ? ' mlist__row--active' : ''}`}
      style={{ transform: `translateY(${props.start}px)`, height: ROW }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => row && props.onOpen(row.id)}
    >
      {row ? (
        <>
          <span className="mlist__name">
            <span className="cell-strong">{row.name}</span>
            {row.tags.length ? <span className="cell-sub">{row.tags.join(' · ')}</span> : null}
          </span>
          <span className="num-text">{row.cardNo ?? ''}</span>
          <span className="num-text">{row.phone}</span>
          <span className="mlist__payer">{row.payerName ? t('members.paidBy', { name: row.payerName }) : ''}</span>
          <span>
            <BadgeList badges={row.badges} t={t} />
          </span>
          <span className={`mlist__due mlist__due--${row.due?.kind ?? 'none'}`}>{row.due ? t(`members.due.${row.due.kind}`, { date: date(row.due.date) }) : '—'}</span>
        </>
      ) : (
        <span className="muted">{t('common.loading')}</span>
      )}
    </div>
  );
});

/** What the list's keys and filters ask of the virtual list. */
type ListScroller = Pick<Virtualizer<HTMLDivElement, Element>, 'scrollToOffset' | 'scrollToIndex'>;

/**
 * Row elements are reused by position (index modulo this), not made per member: while scrolling, a row
 * that leaves at the top comes back as the row entering at the bottom with its text changed, instead of
 * one subtree removed and another built every frame. More than the rows a screen can show with overscan.
 */
const SLOTS = 128;

/**
 * The virtual list itself. It re-renders on every scroll frame (TanStack Virtual), so it holds only the
 * rows: the toolbar, the filters and the queries above it render when their data changes, not per frame.
 * It tells the list which pages are in view (once per page, not per frame).
 */
const ListBody = memo(function ListBody(props: {
  handle: RefObject<ListScroller | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
  total: number;
  rowAt: (i: number) => MemberRow | undefined;
  active: number | null;
  open: (id: number) => void;
  t: TFunction;
  date: (iso: string) => string;
  shownFirst: number;
  onPages: (update: (v: { first: number; last: number }) => { first: number; last: number }) => void;
}) {
  const { scrollRef, shownFirst, onPages, t } = props;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual manages its own memoisation
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  useImperativeHandle(props.handle, () => virtualizer, [virtualizer]);
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);
  useEffect(() => {
    const apply = () => onPages((v) => (v.first === firstPage && v.last === lastPage ? v : { first: firstPage, last: lastPage }));
    // Scrolling page by page: read at once (the page ahead is usually here already). Flying past
    // many pages (a scrollbar drag): read only where the list settles, not every page it passes,
    // so the host is not kept busy while the frames are drawn.
    if (Math.abs(firstPage - shownFirst) <= 1) return apply();
    const timer = setTimeout(apply, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [firstPage, lastPage, shownFirst, onPages]);
  const slots = Math.max(SLOTS, items.length);
  return (
    <div id="member-list" role="listbox" aria-label={t('members.listLabel')} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {items.map((item) => (
        <ListRow key={item.index % slots} index={item.index} start={item.start} active={props.active === item.index} row={props.rowAt(item.index)} onOpen={props.open} t={t} date={props.date} />
      ))}
    </div>
  );
});

/**
 * The whole member list, virtualised (only the rows in view are in the page), with search as
 * you type. The search box keeps the focus: ↑/↓ move through the rows, Enter opens the chosen
 * row — or, right after typing, the best match (a scanned card number + Enter opens its member).
 */
export function MemberList(props: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { date } = useFormat();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('name');
  const [active, setActive] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const region = useScrollRegion(scrollRef, t('members.listLabel'));
  const inputRef = useRef<HTMLInputElement>(null);
  // The pages in view, not the rows: the list re-renders for data once per page scrolled, not per frame.
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const data = useMemberRows(query, sort, pages, filter);
  const tags = useQuery({ queryKey: ['members', 'tags'], queryFn: () => invoke('members.tags', {}), staleTime: 30_000 });
  const filtered = filter.status !== undefined || filter.tag !== undefined || filter.endsSoon || filter.overdue;
  function changeFilter(next: Partial<ListFilter> | 'clear') {
    setFilter((v) => (next === 'clear' ? NO_FILTER : { ...v, ...next }));
    setActive(null);
    listRef.current?.scrollToOffset(0);
  }
  // The virtual list's scroller, for the keys and the filters (the body owns it: it re-renders per frame, this does not).
  const listRef = useRef<ListScroller | null>(null);
  const onOpenRef = useRef(props.onOpen);
  useEffect(() => {
    onOpenRef.current = props.onOpen;
  });
  const open = useCallback((id: number) => onOpenRef.current(id), []);

  useEffect(() => inputRef.current?.focus(), []);

  function move(to: number) {
    if (data.total === 0) return;
    const next = Math.max(0, Math.min(data.total - 1, to));
    setActive(next);
    listRef.current?.scrollToIndex(next, { align: 'auto' });
  }

  async function openBest() {
    const text = inputRef.current?.value.trim() ?? '';
    if (active !== null) {
      const row = data.rowAt(active);
      if (row) props.onOpen(row.id);
      return;
    }
    if (!text) return;
    // Ask again with exactly what is in the box: a scanner types faster than the list refreshes.
    const best = await invoke('members.search', { query: text, limit: 1 });
    if (best[0]) props.onOpen(best[0].id);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW) - 1);
    const moves: Record<string, number> = { ArrowDown: (active ?? -1) + 1, ArrowUp: (active ?? 1) - 1, PageDown: (active ?? 0) + page, PageUp: (active ?? 0) - page };
    if (e.key in moves) {
      e.preventDefault();
      move(moves[e.key]!);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void openBest();
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
      setActive(null);
    }
  }

  const activeId = active !== null ? `member-row-${active}` : undefined;
  const listed = !(data.total === 0 && !data.loading);
  return (
    <div className="mlist-wrap">
      <div className="toolbar mlist-toolbar">
        <div className="searchbox">
          <span className="searchbox__icon" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={inputRef}
            className="searchbox__input"
            type="search"
            role="combobox"
            // The list it drives exists only while there are rows (an empty list shows a sentence instead).
            aria-expanded={listed}
            aria-controls={listed ? 'member-list' : undefined}
            aria-activedescendant={activeId}
            aria-label={t('members.search.label')}
            placeholder={t('members.search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(null);
              listRef.current?.scrollToOffset(0);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <Segmented
          label={t('members.sort.label')}
          value={sort}
          options={(['name', 'card', 'newest'] as const).map((v) => ({ value: v, label: t(`members.sort.${v}`) }))}
          onChange={(v) => {
            setSort(v);
            setActive(null);
            listRef.current?.scrollToOffset(0);
          }}
        />
      </div>
      <div className="mlist-filters" role="group" aria-label={t('members.listFilter.label')}>
        <select
          aria-label={t('members.listFilter.status')}
          value={filter.status ?? ''}
          onChange={(e) => changeFilter({ status: (e.target.value || undefined) as MemberListStatus | undefined })}
        >
          <option value="">{t('members.listFilter.anyStatus')}</option>
          {MEMBER_LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`members.listFilter.statuses.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('members.listFilter.tag')} value={filter.tag ?? ''} onChange={(e) => changeFilter({ tag: e.target.value || undefined })}>
          <option value="">{t('members.listFilter.anyTag')}</option>
          {(tags.data ?? []).map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={filter.endsSoon} onChange={(e) => changeFilter({ endsSoon: e.target.checked })} />
          {t('members.listFilter.endsSoon')}
        </label>
        <label>
          <input type="checkbox" checked={filter.overdue} onChange={(e) => changeFilter({ overdue: e.target.checked })} />
          {t('members.listFilter.overdue')}
        </label>
        {filtered ? (
          <button type="button" className="btn btn--small" onClick={() => changeFilter('clear')}>
            {t('members.listFilter.clear')}
          </button>
        ) : null}
      </div>
      <div className="toolbar__meta mlist-meta" aria-live="polite">
        {data.searching
          ? data.capped
            ? t('members.search.capped', { count: data.total })
            : t('members.search.count', { count: data.total })
          : t('members.count', { count: data.total, n: data.total.toLocaleString(i18n.language) })}
        <span className="mlist-hint">{t('members.search.hint')}</span>
      </div>
      {data.error ? <Banner kind="error">{errorText(t, data.error)}</Banner> : null}
      <div className="card card--flush mlist">
        <div className="mlist__head" aria-hidden="true">
          <span>{t('members.col.name')}</span>
          <span>{t('members.col.card')}</span>
          <span>{t('members.col.phone')}</span>
          <span>{t('members.col.payer')}</span>
          <span>{t('members.col.status')}</span>
          <span>{t('members.dueCol')}</span>
        </div>
        <div ref={scrollRef} className="mlist__scroll" {...region}>
          {!listed ? (
            <div className="empty-state">{data.searching ? t('members.search.none', { query: query.trim() }) : filtered ? t('members.listFilter.none') : t('members.empty')}</div>
          ) : (
            <ListBody
              handle={listRef}
              scrollRef={scrollRef}
              total={data.total}
              rowAt={data.rowAt}
              active={active}
              open={open}
              t={t}
              date={date}
              shownFirst={pages.first}
              onPages={setPages}
            />
          )}
        </div>
      </div>
    </div>
  );
}
