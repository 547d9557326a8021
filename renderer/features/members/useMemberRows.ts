import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { MemberRow, SearchHit } from '../../../electron/contract';
import { invoke } from '../../lib/api';

export const PAGE = 100;
export const SEARCH_LIMIT = 200;
export type Sort = 'name' | 'card' | 'newest';

/**
 * The rows behind the member list: with a query, its ranked matches (up to 200); without,
 * the whole list in pages of 100, fetched as they scroll into view.
 */
export function useMemberRows(query: string, sort: Sort, visible: { start: number; end: number }) {
  const searching = query.trim() !== '';
  const search = useQuery({
    queryKey: ['members', 'search', query.trim()],
    queryFn: () => invoke('members.search', { query: query.trim(), limit: SEARCH_LIMIT }),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const first = useQuery({
    queryKey: ['members', 'list', sort, 0],
    queryFn: () => invoke('members.list', { sort, offset: 0, limit: PAGE }),
    enabled: !searching,
    staleTime: 10_000,
  });
  const total = searching ? (search.data?.length ?? 0) : (first.data?.total ?? 0);
  const pageNumbers: number[] = [];
  if (!searching) {
    for (let p = Math.floor(visible.start / PAGE); p <= Math.floor(Math.max(visible.end, 0) / PAGE); p++) if (p > 0) pageNumbers.push(p);
  }
  const pages = useQueries({
    queries: pageNumbers.map((p) => ({
      queryKey: ['members', 'list', sort, p],
      queryFn: () => invoke('members.list', { sort, offset: p * PAGE, limit: PAGE }),
      staleTime: 10_000,
    })),
  });
  const byPage = new Map<number, MemberRow[]>();
  if (first.data) byPage.set(0, first.data.rows);
  pages.forEach((q, i) => q.data && byPage.set(pageNumbers[i]!, q.data.rows));

  function rowAt(i: number): MemberRow | SearchHit | undefined {
    if (searching) return search.data?.[i];
    return byPage.get(Math.floor(i / PAGE))?.[i % PAGE];
  }

  return {
    searching,
    total,
    rowAt,
    loading: searching ? search.isPending : first.isPending,
    error: searching ? search.error : first.error,
    capped: searching && (search.data?.length ?? 0) >= SEARCH_LIMIT,
  };
}
