import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Banner } from '../../components/Page';
import { Segmented } from '../../components/Segmented';
import { invoke } from '../../lib/api';
import { Badges } from './Badges';
import { useMemberRows, type Sort } from './useMemberRows';

const ROW = 52;

/**
 * The whole member list, virtualised (only the rows in view are in the page), with search as
 * you type. The search box keeps the focus: ↑/↓ move through the rows, Enter opens the chosen
 * row — or, right after typing, the best match (a scanned card number + Enter opens its member).
 */
export function MemberList(props: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('name');
  const [active, setActive] = useState<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [visible, setVisible] = useState({ start: 0, end: 30 });
  const data = useMemberRows(query, sort, visible);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual manages its own memoisation
  const virtualizer = useVirtualizer({
    count: data.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    setVisible((v) => (v.start === start && v.end === end ? v : { start, end }));
  }, [start, end]);

  useEffect(() => inputRef.current?.focus(), []);

  function move(to: number) {
    if (data.total === 0) return;
    const next = Math.max(0, Math.min(data.total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
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
            aria-expanded="true"
            aria-controls="member-list"
            aria-activedescendant={activeId}
            aria-label={t('members.search.label')}
            placeholder={t('members.search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(null);
              virtualizer.scrollToOffset(0);
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
            virtualizer.scrollToOffset(0);
          }}
        />
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
        </div>
        <div ref={scrollRef} className="mlist__scroll">
          {data.total === 0 && !data.loading ? (
            <div className="empty-state">{data.searching ? t('members.search.none', { query: query.trim() }) : t('members.empty')}</div>
          ) : (
            <div id="member-list" role="listbox" aria-label={t('members.listLabel')} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = data.rowAt(item.index);
                return (
                  <div
                    key={item.key}
                    id={`member-row-${item.index}`}
                    role="option"
                    aria-selected={active === item.index}
                    className={`mlist__row${active === item.index ? ' mlist__row--active' : ''}`}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW }}
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
                          <Badges badges={row.badges} />
                        </span>
                      </>
                    ) : (
                      <span className="muted">{t('common.loading')}</span>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
