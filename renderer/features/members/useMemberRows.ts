import { keepPreviousData, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MemberListPage, MemberRow, SearchHit } from '../../../electron/contract';
import { START_LIST, type MemberListStatus } from '../../../shared/lists';
import { invoke } from '../../lib/api';

export const PAGE: number = START_LIST.limit;
export const SEARCH_LIMIT = 200;
export type Sort = 'name' | 'card' | 'newest';

/** The list's filters as the screen holds them (every one optional; all given must match). */
export interface ListFilter {
  status?: MemberListStatus;
  tag?: string;
  endsSoon: boolean;
  overdue: boolean;
}
export const NO_FILTER: ListFilter = { ...START_LIST.filter };

/** A page's query key (app.start seeds page 0 of the list as it opens). */
export const listKey = (sort: Sort, filter: ListFilter, page: number) => ['members', 'list', sort, filter, page] as const;

/**
 * Page `p` of the list, read after the cursor of the nearest page before it that is already
 * here (keyset paging: an index range, never a scan of the rows above), skipping the pages in
 * between. Page 0 also brings the count; the later ones do not pay for it.
 */
function fetchPage(qc: QueryClient, sort: Sort, filter: ListFilter, p: number): Promise<MemberListPage> {
  if (p === 0) return invoke('members.list', { sort, filter, limit: PAGE, count: true });
  for (let q = p - 1; q >= 0; q--) {
    const known = qc.getQueryData<MemberListPage>(listKey(sort, filter, q));
    if (!known) continue;
    if (!known.next) return Promise.resolve({ total: null, rows: [], next: null });
    return invoke('members.list', { sort, filter, after: known.next, offset: (p - q - 1) * PAGE, limit: PAGE, count: false });
  }
  return invoke('members.list', { sort, filter, offset: p * PAGE, limit: PAGE, count: false });
}

/**
 * The rows behind the member list: with a query, its ranked matches (up to 200); without,
 * the whole list in pages of 100, fetched as they come into view, and the next page ahead.
 * `pages` is the first and last page in view (the list changes it once per page, not per frame).
 */
export function useMemberRows(query: string, sort: Sort, pages: { first: number; last: number }, filter: ListFilter = NO_FILTER) {
  const qc = useQueryClient();
  const searching = query.trim() !== '';
  const search = useQuery({
    queryKey: ['members', 'search', query.trim(), filter],
    queryFn: () => invoke('members.search', { query: query.trim(), limit: SEARCH_LIMIT, filter }),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const first = useQuery({
    queryKey: listKey(sort, filter, 0),
    queryFn: () => fetchPage(qc, sort, filter, 0),
    enabled: !searching,
    staleTime: 10_000,
  });
  const total = searching ? (search.data?.length ?? 0) : (first.data?.total ?? 0);
  const lastPage = Math.max(0, Math.ceil(total / PAGE) - 1);
  const pageNumbers: number[] = [];
  // Later pages wait for page 0: its cursor starts the chain of keyset reads.
  if (!searching && first.data) {
    for (let p = Math.max(1, pages.first); p <= Math.min(lastPage, pages.last + 1); p++) pageNumbers.push(p);
  }
  const later = useQueries({
    queries: pageNumbers.map((p) => ({
      queryKey: listKey(sort, filter, p),
      queryFn: () => fetchPage(qc, sort, filter, p),
      staleTime: 10_000,
      // Rows are shown as read; comparing 100 rows deeply with the previous answer buys nothing.
      structuralSharing: false,
    })),
  });
  const byPage = new Map<number, MemberRow[]>();
  if (first.data) byPage.set(0, first.data.rows);
  later.forEach((q, i) => q.data && byPage.set(pageNumbers[i]!, q.data.rows));

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
