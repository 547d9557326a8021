/**
 * Finding members: the ranked search box and the paged list.
 *
 * Ranking (best first): the exact card number; the exact phone; the whole name, full pinyin
 * or initials; a start of any of those (or of the phone or card); any other part. Within a
 * rank, by name in pinyin order. The full-text index (member_search, migration 004) answers
 * each step from its b-tree, so a search costs well under a millisecond at 100,000 members.
 */
import type { Statement } from 'better-sqlite3';
import type { ListCursor, MatchKind, MemberListPage, MemberRow, SearchHit } from '../../contract/desk-types';
import type { Db } from '../../db/open';
import type { MemberRows } from './rows';
import { cardToken, ftsTerm, phoneKey, queryWords } from './search-text';
import type { MemberListFilter } from '../../contract/desk';
import { filterParams, filterWhere, isFiltered, matchesInCode, needsStale, STALE_SUB } from './list-filter';
import { searchIndexReady } from '../../db/search-pending';

const RANK: Record<MatchKind, number> = { card: 0, phone: 1, name: 2, start: 3, partial: 4 };
/** Candidates read from the index per step: enough to rank, few enough to stay fast. */
const CANDIDATES = 50;

export type ListSort = 'name' | 'card' | 'newest' | 'oldest';
const ORDER: Record<ListSort, string> = {
  name: 'm.sort_key, m.id',
  card: '(m.card_no IS NULL), m.card_no, m.id',
  newest: 'm.id DESC',
  oldest: 'm.id',
};
/** The sort key a keyset cursor carries, as a column of `members m` (newest/oldest need only the id). */
const KEY: Record<ListSort, string> = { name: 'm.sort_key', card: 'm.card_no', newest: 'NULL', oldest: 'NULL' };

interface PageKey {
  id: number;
  key: string | null;
}

/** How `row` matched the query's words, read from its index tokens (no pinyin work per row). */
export function matchKind(
  row: { id: number; phone: string; card_no: string | null; search_text: string },
  query: string,
  words: string[],
  cardHolderId: number | null = null,
): MatchKind {
  const q = words.join('');
  if (cardHolderId !== null && row.id === cardHolderId) return 'card';
  if (row.card_no && (row.card_no === query.trim() || cardToken(row.card_no) === q)) return 'card';
  if (row.phone && phoneKey(row.phone) === q) return 'phone';
  const heads = headTokens(row.search_text);
  if (heads.includes(q)) return 'name';
  if (words.every((w) => heads.some((h) => h.startsWith(w)))) return 'start';
  return 'partial';
}

function headTokens(searchText: string): string[] {
  const bar = searchText.indexOf(' | ');
  return (bar < 0 ? searchText : searchText.slice(0, bar)).split(' ').filter(Boolean);
}

export function createFinder(db: Db, rows: MemberRows) {
  const byCard = db.prepare<[string], { id: number; merged_into: number | null }>('SELECT id, merged_into FROM members WHERE card_no = ?');
  const mergedInto = db.prepare<[number], { merged_into: number | null }>('SELECT merged_into FROM members WHERE id = ?');

  /** The member holding this exact card number; an old card of a merged record leads to the record it joined. */
  function cardHolder(card: string): number | null {
    const hit = byCard.get(card);
    if (!hit) return null;
    let id = hit.id;
    let next = hit.merged_into;
    for (let hops = 0; next !== null && hops < 20; hops++) {
      id = next;
      next = mergedInto.get(id)?.merged_into ?? null;
    }
    return id;
  }
  const match = db.prepare<[string, number], { id: number }>('SELECT rowid AS id FROM member_search WHERE member_search MATCH ? LIMIT ?');
  const rankRows = db.prepare<[string], { id: number; phone: string; card_no: string | null; sort_key: string; search_text: string }>(
    'SELECT id, phone, card_no, sort_key, search_text FROM members WHERE id IN (SELECT value FROM json_each(?))',
  );
  // Pages are read as ids and keys from the sort's index, then loaded by id (rows.byId). A filtered list adds
  // its WHERE fragment (list-filter.ts) and named parameters; statements are prepared once per fragment.
  const pageStatements = new Map<string, ReturnType<typeof prepareFor>>();
  function prepareFor(filter: string) {
    const live = filter ? `m.merged_into IS NULL AND ${filter}` : 'm.merged_into IS NULL';
    type After = [string | null, number, number, number];
    return {
      total: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM members m WHERE ${live}`),
      fromStart: Object.fromEntries(
        (Object.keys(ORDER) as ListSort[]).map((sort) => [
          sort,
          db.prepare<[number, number], PageKey>(`SELECT m.id, ${KEY[sort]} AS key FROM members m WHERE ${live} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`),
        ]),
      ) as Record<ListSort, Statement<[number, number], PageKey>>,
      name: db.prepare<After, PageKey>(`SELECT m.id, m.sort_key AS key FROM members m WHERE ${live} AND (m.sort_key, m.id) > (?, ?) ORDER BY m.sort_key, m.id LIMIT ? OFFSET ?`),
      newest: db.prepare<[number, number, number], PageKey>(`SELECT m.id, NULL AS key FROM members m WHERE ${live} AND m.id < ? ORDER BY m.id DESC LIMIT ? OFFSET ?`),
      oldest: db.prepare<[number, number, number], PageKey>(`SELECT m.id, NULL AS key FROM members m WHERE ${live} AND m.id > ? ORDER BY m.id LIMIT ? OFFSET ?`),
      // Members with a card come first (by card number, which is unique), then those without (by id).
      // "ORDER BY card_no, id" with "(card_no IS NULL) = 0" keeps SQLite on members_card_sort without a sort step.
      card: db.prepare<After, PageKey>(
        `SELECT m.id, m.card_no AS key FROM members m WHERE ${live} AND (m.card_no IS NULL) = 0 AND (m.card_no, m.id) > (?, ?) ORDER BY m.card_no, m.id LIMIT ? OFFSET ?`,
      ),
      cardCount: db.prepare<[string, number], { n: number }>(
        `SELECT count(*) AS n FROM members m WHERE ${live} AND (m.card_no IS NULL) = 0 AND (m.card_no, m.id) > (?, ?)`,
      ),
      noCard: db.prepare<[number, number, number], PageKey>(`SELECT m.id, NULL AS key FROM members m WHERE ${live} AND m.card_no IS NULL AND m.id > ? ORDER BY m.id LIMIT ? OFFSET ?`),
    };
  }
  function statementsFor(filter: string) {
    let st = pageStatements.get(filter);
    if (!st) pageStatements.set(filter, (st = prepareFor(filter)));
    return st;
  }
  statementsFor('');
  // Members whose subscriptions the engine has not stepped today: the filters judge them in code.
  const staleMembers = db.prepare<{ today: string }, { id: number }>(`SELECT DISTINCT s.member_id AS id FROM subscriptions s WHERE ${STALE_SUB}`);
  const allTags = db.prepare<[], { tag: string }>(
    'SELECT DISTINCT t.value AS tag FROM members m, json_each(m.tags) t WHERE m.merged_into IS NULL ORDER BY t.value',
  );

  /**
   * Member ids matching the query, by step: exact head tokens (card, phone, whole name, pinyin,
   * initials), then head prefixes, then any part. Each step only finds ranks below the previous
   * ones, so once `want` are found the later, costlier steps are skipped.
   */
  function candidates(words: string[], want: number, card: number | null): number[] {
    const found = new Set<number>();
    if (card !== null) found.add(card);
    searchIndexReady(db); // rows an import still owes are written before the index is asked
    const exact = words.map(ftsTerm).join(' AND ');
    const prefix = words.map((w) => `${ftsTerm(w)}*`).join(' AND ');
    const per = Math.max(want, CANDIDATES);
    // "zhang wei" typed with a space is also the one token "zhangwei".
    const joined = words.length > 1 ? [`head : (${ftsTerm(words.join(''))}*)`] : [];
    for (const expr of [`head : (${exact})`, ...joined, `head : (${prefix})`, prefix]) {
      if (found.size >= want) break;
      for (const r of match.all(expr, per)) found.add(r.id);
    }
    return [...found];
  }

  /** Ranked matches; with filters, only those matching them (judged in code: a search has at most a few hundred candidates). */
  function search(query: string, limit: number, today: string, filter?: MemberListFilter): SearchHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const holder = cardHolder(query.trim());
    const filtered = filter && isFiltered(filter) ? filter : null;
    const ids = candidates(words, filtered ? Math.max(limit, 200) : limit, holder);
    if (ids.length === 0) return [];
    const ranked = rankRows
      .all(JSON.stringify(ids))
      .map((r) => ({ r, kind: matchKind(r, query, words, holder) }))
      .sort((a, b) => RANK[a.kind] - RANK[b.kind] || (a.r.sort_key < b.r.sort_key ? -1 : a.r.sort_key > b.r.sort_key ? 1 : a.r.id - b.r.id));
    if (!filtered) {
      const top = ranked.slice(0, limit);
      return rows.byId(
        top.map((x) => x.r.id),
        today,
      ).map((row, i) => ({ ...row, match: top[i]!.kind }));
    }
    const { rows: all, states } = rows.byIdWithStanding(
      ranked.map((x) => x.r.id),
      today,
    );
    return all
      .map((row, i) => ({ ...row, match: ranked[i]!.kind }))
      .filter((row) => (filtered.tag === undefined || row.tags.includes(filtered.tag)) && matchesInCode(filtered, row.badges, states.get(row.id) ?? [], today))
      .slice(0, limit);
  }

  const sameNameBirthday = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM members WHERE name = ? AND birthday = ? AND merged_into IS NULL LIMIT 20',
  );

  type Bind = <T>(st: Statement<unknown[], T>, ...args: unknown[]) => T[];
  /** Ids and keys of `limit` rows after the cursor (skipping `offset` more), each step one index range. */
  function pageAfter(st: ReturnType<typeof prepareFor>, all: Bind, count: (s: Statement<unknown[], { n: number }>, ...a: unknown[]) => number, sort: ListSort, after: ListCursor, offset: number, limit: number): PageKey[] {
    if (sort === 'name') return all(st.name, after.key ?? '', after.id, limit, offset);
    if (sort === 'newest' || sort === 'oldest') return all(st[sort], after.id, limit, offset);
    if (after.key === null) return all(st.noCard, after.id, limit, offset);
    const carded = all(st.card, after.key, after.id, limit, offset);
    if (carded.length === limit) return carded;
    // The card holders ran out: go on with the members without a card, minus what the offset already skipped.
    const skipped = carded.length ? offset : count(st.cardCount, after.key, after.id);
    return [...carded, ...all(st.noCard, 0, limit - carded.length, offset - skipped)];
  }

  /** The members judged in code for these filters (stale standing), and which of them match. */
  function judgedInCode(filter: MemberListFilter, today: string): { stale: number[]; hits: number[] } {
    if (!needsStale(filter)) return { stale: [], hits: [] };
    const stale = staleMembers.all({ today }).map((r) => r.id);
    if (!stale.length) return { stale, hits: [] };
    const { rows: judged, states } = rows.byIdWithStanding(stale, today);
    const hits = judged.filter((r) => matchesInCode(filter, r.badges, states.get(r.id) ?? [], today)).map((r) => r.id);
    return { stale, hits };
  }

  /**
   * One page of the list: after a cursor (keyset paging: an index range, as fast at row 99,900
   * as at row 0) and/or after `offset` rows (a jump; costs the rows skipped). The count is
   * read only when asked for: a scrolling list needs it once. With filters, only the members
   * matching all of them (list-filter.ts).
   */
  function list(
    sort: ListSort,
    page: { after?: ListCursor | undefined; offset: number; limit: number; count: boolean; filter?: MemberListFilter | undefined },
    today: string,
  ): MemberListPage {
    const filter = page.filter && isFiltered(page.filter) ? page.filter : null;
    const st = statementsFor(filter ? filterWhere(filter) : '');
    const named = filter ? (() => {
      const judged = judgedInCode(filter, today);
      return filterParams(filter, today, judged.stale, judged.hits);
    })() : null;
    const bind = (args: unknown[]) => (named ? [...args, named] : args);
    const all: Bind = (statement, ...args) => statement.all(...bind(args));
    const count = (statement: Statement<unknown[], { n: number }>, ...args: unknown[]) => statement.get(...bind(args))?.n ?? 0;
    const keys = page.after ? pageAfter(st, all, count, sort, page.after, page.offset, page.limit) : all(st.fromStart[sort], page.limit, page.offset);
    const last = keys[keys.length - 1];
    return {
      total: page.count ? count(st.total) : null,
      rows: rows.byId(
        keys.map((k) => k.id),
        today,
      ),
      next: last && keys.length === page.limit ? { key: last.key, id: last.id } : null,
    };
  }

  /** Every tag a live member carries, in order (the list's tag filter offers them). */
  function tags(): string[] {
    return allTags.all().map((r) => r.tag);
  }

  /** Same phone (by digits), or same name and birthday: a likely second record of one person. */
  function duplicates(input: { name: string; phone: string; birthday: string | null; excludeId: number | null }, today: string): MemberRow[] {
    const found = new Set<number>();
    const key = phoneKey(input.phone);
    if (key.length >= 5) {
      const ids = match.all(`head : ${ftsTerm(key)}`, 50).map((r) => r.id);
      // The index also holds card numbers: keep only members whose phone is this number.
      for (const r of rankRows.all(JSON.stringify(ids))) if (phoneKey(r.phone) === key) found.add(r.id);
    }
    if (input.name.trim() && input.birthday) {
      const same = sameNameBirthday.all(input.name.trim(), input.birthday);
      for (const r of same) found.add(r.id);
    }
    if (input.excludeId !== null) found.delete(input.excludeId);
    return rows.byId([...found], today);
  }

  return { search, list, duplicates, tags };
}

export type Finder = ReturnType<typeof createFinder>;

