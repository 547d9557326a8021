/**
 * Member import: the clerk's file is read and checked row by row (preview, changes nothing),
 * then the rows the clerk accepts are created in one transaction (commit).
 *
 * The preview keeps its checked rows on the host under a token (30 minutes, the last few
 * previews only): the screen reads them page by page, and the commit creates exactly those rows,
 * without reading the file again. If anything was written since the preview (the audit log grew),
 * the commit checks the kept rows again against the database first. The commit may also be given
 * the file itself with the same choices (columns, plan names, skipped values): it is read and
 * checked again, so what is imported is exactly what that preview showed.
 */
import { randomUUID } from 'node:crypto';
import type { ImportField } from '../../../contract/desk';
import type { ImportCommitResult, ImportPreview, ImportRow, ImportRowsPage } from '../../../contract/desk-types';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../../db/open';
import { searchIndexReady } from '../../../db/search-pending';
import { digitsOf, ftsTerm } from '../search-text';
import { decodeFile } from './decode';
import { guessMapping } from './columns';
import { ascii, cleanPhone, minorDigitsOf } from './cells';
import { parseCsv, toTable, type Table } from './parse';
import { resolvePlans, type PlanRef } from './plans';
import { emptyMapping, validateRows, type ImportContext, type Mapping } from './validate';
import { isXlsx, readXlsx } from './xlsx';

export interface ImportSource {
  content: string;
  mapping?: Partial<Record<ImportField, number | null>> | undefined;
  hasHeader: boolean;
  planMap: { value: string; planId: number | null }[];
  skipValues: { row: number; field: ImportField }[];
}

export interface ImportDeps {
  /** Runs the creation in one transaction (the commit reads the file before it opens). */
  transaction<T>(work: () => T): T;
  /** Runs one part of the creation as a write batch inside that transaction (its audit entries written together at its end). */
  batch<T>(work: () => T): T;
  /**
   * Creates the rows' members (through the members service: statements prepared once, one audit entry each,
   * no check again of what the import checked) and returns their ids in order.
   */
  createMembers(values: ImportRow['values'][]): number[];
  /** Starts each member's current plan so that its first invoiced period begins on `nextBillDate`. */
  startSubscriptions(starts: { memberId: number; planId: number; nextBillDate: string; price: number | null }[]): void;
  /** Records a pack paid for before Subdesk: `sessions` left, valid through `lastDay`. */
  startPack(memberId: number, planId: number, sessions: number, lastDay: string): void;
}

type Loaded = { encoding: ImportPreview['encoding']; table: Table };

/** Rows in the preview's answer; the others come a page at a time. */
export const IMPORT_PAGE = 100;
/** How long a preview's rows are kept for its pages and its commit. */
const KEEP_MS = 30 * 60_000;
/** Phones looked up per index question before a file's rows are checked. */
const PHONES_PER_QUESTION = 200;
/** From this many distinct phones in a file, and at least one phone per `MEMBERS_PER_PHONE` members, the members' index heads are read instead. */
const MANY_PHONES = 500;
const MEMBERS_PER_PHONE = 5;
const DIGITS_ONLY = /^[0-9]+$/;
/** Cards or names per question when the file's values are looked up ahead. */
const KEYS_PER_QUESTION = 500;
/** Previews kept at once (a new one drops the oldest): each holds every row of its file. */
const KEEP_COUNT = 3;
/**
 * Rows created per write batch inside the commit's one transaction: a part's audit entries and rows are
 * written and let go before the next part is built, so little of the commit's garbage outlives V8's young
 * generation (one batch for 49,000 rows kept ~100,000 entries alive to the end, and the collector copied them).
 */
const CREATE_PART = 1000;

export type ImportRowStatus = 'all' | 'new' | 'warnings' | 'errors' | 'existing';

/** A preview's checked rows, kept until its commit or until it expires. */
interface Held {
  source: ImportSource;
  loaded: Loaded;
  rows: ImportRow[];
  expires: number;
  /** The audit log's last id when the rows were checked: a commit after any change checks them again. */
  auditTop: number;
  /** Row positions by status, built on the first page asked for. */
  byStatus: Map<ImportRowStatus, number[]>;
}

const statusOf = (r: ImportRow): Exclude<ImportRowStatus, 'all'> =>
  r.existing ? 'existing' : r.errors.length ? 'errors' : r.warnings.length ? 'warnings' : 'new';
/** Whether a row is listed under a status ("new" includes rows with warnings: they can come in too). */
const listed = (r: ImportRow, status: ImportRowStatus) =>
  status === 'all' || statusOf(r) === status || (status === 'new' && statusOf(r) === 'warnings');

/** The file's bytes → a table: an .xlsx workbook's first sheet, or CSV text in whichever encoding it was saved. */
async function load(source: ImportSource): Promise<Loaded> {
  const bytes = Buffer.from(source.content, 'base64');
  if (isXlsx(bytes)) return { encoding: 'xlsx', table: toTable(await readXlsx(bytes), source.hasHeader, '') };
  const { text, encoding } = decodeFile(bytes);
  return { encoding, table: parseCsv(text, source.hasHeader) };
}

/** The distinct non-empty `values`, handed to `ask` `size` at a time (one index question each). */
function inGroups(values: string[], size: number, ask: (part: string[]) => void): void {
  const wanted = [...new Set(values.filter(Boolean))];
  for (let i = 0; i < wanted.length; i += size) ask(wanted.slice(i, i + size));
}

function once<T>(cache: Map<string, T>, key: string, read: () => T): T {
  if (cache.has(key)) return cache.get(key)!;
  const value = read();
  cache.set(key, value);
  return value;
}

function checkMapping(mapping: Mapping, width: number): void {
  for (const [field, col] of Object.entries(mapping)) {
    if (col !== null && col !== undefined && col >= width) {
      throw new AppError('VALIDATION', `Column ${col + 1} does not exist in this file.`, {
        issues: [{ path: `mapping.${field}`, code: 'custom', message: 'out_of_range' }],
      });
    }
  }
}

export function createImporter(db: Db) {
  const cardOwner = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM members WHERE card_no = ? COLLATE NOCASE LIMIT 1');
  const byPhone = db.prepare<[string], { id: number; name: string }>(
    `SELECT m.id, m.name FROM member_search s JOIN members m ON m.id = s.rowid WHERE member_search MATCH ? AND m.merged_into IS NULL LIMIT 20`,
  );
  // Many phones in one question; a hit is then asked again phone by phone (below).
  const anyPhone = db.prepare<[string], { search_text: string }>(
    `SELECT m.search_text FROM member_search s JOIN members m ON m.id = s.rowid WHERE member_search MATCH ? AND m.merged_into IS NULL`,
  );
  // The search index's head of every live member (as the index triggers cut it from search_text).
  const liveHeads = db.prepare<[], string>("SELECT substr(search_text, 1, instr(search_text || '|', '|') - 1) FROM members WHERE merged_into IS NULL").pluck();
  const lastMemberId = db.prepare<[], number | null>('SELECT MAX(id) FROM members').pluck();
  const byNameBirthday = db.prepare<[string, string], { id: number; name: string }>(
    'SELECT id, name FROM members WHERE name = ? AND birthday = ? AND merged_into IS NULL LIMIT 5',
  );
  // The same two questions for many values at once (a JSON array), answered in id order as the ones above are.
  const cardsOf = db.prepare<[string], { wanted: string; id: number; name: string }>(
    'SELECT j.value AS wanted, m.id, m.name FROM json_each(?) j JOIN members m ON m.card_no = j.value COLLATE NOCASE ORDER BY m.id',
  );
  const namesOf = db.prepare<[string], { id: number; name: string; birthday: string }>(
    'SELECT m.id, m.name, m.birthday FROM json_each(?) j JOIN members m ON m.name = j.value WHERE m.merged_into IS NULL AND m.birthday IS NOT NULL ORDER BY m.id',
  );
  const plans = db.prepare<[], { id: number; name: string; kind: 'recurring' | 'pack'; archived: number }>(
    'SELECT id, name, kind, archived FROM plans ORDER BY archived, id',
  );
  const auditTop = db.prepare<[], number | null>('SELECT MAX(id) FROM audit_log').pluck();
  const held = new Map<string, Held>();

  function keep(h: Omit<Held, 'byStatus' | 'auditTop' | 'expires'>, now: number): string {
    for (const [token, old] of held) if (old.expires <= now) held.delete(token);
    while (held.size >= KEEP_COUNT) held.delete(held.keys().next().value!);
    const token = randomUUID();
    held.set(token, { ...h, byStatus: new Map(), auditTop: auditTop.get() ?? 0, expires: now + KEEP_MS });
    return token;
  }

  function heldOf(token: string, now: number): Held {
    const h = held.get(token);
    if (!h || h.expires <= now) {
      held.delete(token);
      throw new AppError('IMPORT_EXPIRED', 'This preview is no longer kept: choose the file again.', { token });
    }
    return h;
  }

  /** The members with each phone (by its digits), as `byPhone` answers it, deduplicated. */
  const ownersOf = (digits: string) => byPhone.all(`head : ${ftsTerm(digits)}`).filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);

  /**
   * Looks up the file's phones before the rows are checked; any phone that may have an owner is then asked
   * alone, exactly as the check asks it (`ownersOf`), and any other has none.
   * - Few phones for the business's size: 200 phones to an index question; a phone that no member found by
   *   it has anywhere in their search text has no owner (a member with that phone would have been found).
   * - Many (a big file): the digit-only words of every live member's index head, read once. `byPhone` matches
   *   a whole word of that head (the words hold only letters and digits, and digits are not folded), so a
   *   phone that is no such word has no owner. Reading the heads costs ~2 µs a member, against ~10 µs a phone
   *   for the index questions when the index holds many segments.
   */
  function phonesAhead(all: string[], cache: Map<string, { id: number; name: string }[]>): void {
    const wanted = [...new Set(all.filter((d) => d && !cache.has(d)))];
    if (wanted.length >= MANY_PHONES && wanted.length * MEMBERS_PER_PHONE >= (lastMemberId.get() ?? 0)) {
      const words = new Set<string>();
      for (const head of liveHeads.iterate()) for (const w of head.split(' ')) if (DIGITS_ONLY.test(w)) words.add(w);
      for (const digits of wanted) cache.set(digits, words.has(digits) ? ownersOf(digits) : []);
      return;
    }
    inGroups(wanted, PHONES_PER_QUESTION, (part) => {
      const found = anyPhone.all(`head : (${part.map(ftsTerm).join(' OR ')})`).map((r) => r.search_text);
      for (const digits of part) cache.set(digits, found.some((t) => t.includes(digits)) ? ownersOf(digits) : []);
    });
  }

  /** Each distinct card of the file with its holder (the lowest id, as `cardOwner`), 500 cards a question. */
  function cardsAhead(all: string[], cache: Map<string, { id: number; name: string } | null>): void {
    inGroups(all.filter((c) => !cache.has(c)), KEYS_PER_QUESTION, (part) => {
      for (const card of part) cache.set(card, null);
      for (const r of cardsOf.all(JSON.stringify(part))) if (cache.get(r.wanted) === null) cache.set(r.wanted, { id: r.id, name: r.name });
    });
  }

  /**
   * The members with each distinct name of the file and a birthday, 500 names a question: `sameNameBirthday`
   * then answers those names from memory (the first five by id, as `byNameBirthday`) and asks for any other.
   */
  function namesAhead(all: string[]): (name: string, birthday: string) => { id: number; name: string }[] {
    const asked = new Set<string>();
    const found = new Map<string, { id: number; name: string }[]>();
    inGroups(all, KEYS_PER_QUESTION, (part) => {
      for (const name of part) asked.add(name);
      for (const r of namesOf.all(JSON.stringify(part))) {
        const key = `${r.name}\n${r.birthday}`;
        const list = found.get(key) ?? [];
        if (list.length < 5) list.push({ id: r.id, name: r.name });
        found.set(key, list);
      }
    });
    return (name, birthday) => (asked.has(name) ? (found.get(`${name}\n${birthday}`) ?? []) : byNameBirthday.all(name, birthday));
  }

  /** Checks every row against the database as it is now (inside the commit's transaction when committing). */
  function check(source: ImportSource, { table }: Loaded, today: string, currency: string) {
    const mapping: Mapping = { ...emptyMapping(), ...(source.mapping ?? guessMapping(table.headers)) };
    checkMapping(mapping, table.headers.length);
    searchIndexReady(db); // the phones are looked up in the index: rows an earlier import still owes first
    const planRefs = plans.all().map((p): PlanRef => ({ id: p.id, name: p.name, kind: p.kind, archived: p.archived === 1 }));
    const at = (r: { cells: string[] }, f: ImportField) => { const col = mapping[f]; return col == null ? '' : (r.cells[col] ?? '').trim(); };
    const planCells = table.rows.map((r) => ({ value: at(r, 'plan'), pack: at(r, 'packSessions') !== '' })).filter((c) => c.value);
    const resolver = resolvePlans(planCells, planRefs, source.planMap);
    const cards = new Map<string, { id: number; name: string } | null>();
    const phones = new Map<string, { id: number; name: string }[]>();
    phonesAhead(table.rows.map((r) => digitsOf(cleanPhone(at(r, 'phone')))), phones);
    // Read as the rows' own check reads them (validate.ts personValues): a value read otherwise is asked alone.
    cardsAhead(table.rows.map((r) => ascii(at(r, 'cardNo'))), cards);
    const sameNameBirthday = namesAhead(table.rows.map((r) => ascii(at(r, 'name')).replace(/\s+/g, ' ')));
    const ctx: ImportContext = {
      today,
      minorDigits: minorDigitsOf(currency),
      plans: resolver,
      // A row asks twice (already here? taken by someone else?): each card and phone is looked up once.
      cardOwner: (card) => once(cards, card, () => cardOwner.get(card) ?? null),
      phoneOwners: (phone) => {
        const digits = digitsOf(phone);
        return digits ? once(phones, digits, () => ownersOf(digits)) : [];
      },
      sameNameBirthday,
      skipped: new Set(source.skipValues.map((s) => `${s.row}:${s.field}`)),
    };
    const rows = validateRows(table, mapping, ctx);
    const live = planRefs.filter((p) => !p.archived).map(({ id, name, kind }) => ({ id, name, kind }));
    return { mapping, rows, planValues: resolver.values, plans: live };
  }

  async function preview(source: ImportSource, today: string, currency: string, now: Date): Promise<ImportPreview> {
    const loaded = await load(source);
    const { mapping, rows, planValues, plans: live } = check(source, loaded, today, currency);
    const counts = { total: rows.length, valid: 0, invalid: 0, withWarnings: 0, existing: 0 };
    const errorsByField: ImportPreview['errorsByField'] = {};
    for (const r of rows) {
      const status = statusOf(r);
      if (status === 'existing') counts.existing++;
      else if (status === 'errors') counts.invalid++;
      else counts.valid++;
      if (status === 'warnings') counts.withWarnings++;
      if (status === 'errors') for (const e of r.errors) if (e.field) errorsByField[e.field] = (errorsByField[e.field] ?? 0) + 1;
    }
    const token = keep({ source: { ...source, mapping }, loaded, rows }, now.getTime());
    return {
      token,
      encoding: loaded.encoding,
      delimiter: loaded.table.delimiter,
      headers: loaded.table.headers,
      mapping,
      rows: rows.slice(0, IMPORT_PAGE),
      pageSize: IMPORT_PAGE,
      planValues,
      plans: live,
      counts,
      errorsByField,
    };
  }

  /** A page of a kept preview's rows, of one status or all, in file order. */
  function page(token: string, offset: number, limit: number, status: ImportRowStatus, now: Date): ImportRowsPage {
    const h = heldOf(token, now.getTime());
    if (status === 'all') return { total: h.rows.length, offset, rows: h.rows.slice(offset, offset + limit) };
    let at = h.byStatus.get(status);
    if (!at) {
      at = [];
      h.rows.forEach((r, i) => listed(r, status) && at!.push(i));
      h.byStatus.set(status, at);
    }
    return { total: at.length, offset, rows: at.slice(offset, offset + limit).map((i) => h.rows[i]!) };
  }

  /**
   * Creates every importable row of a kept preview except `skip`: exactly the rows previewed. If anything was
   * written since, the kept rows are checked again first (a card taken meanwhile refuses the import).
   */
  function commitPreviewed(token: string, skip: number[], today: string, currency: string, now: Date, deps: ImportDeps): ImportCommitResult {
    const h = heldOf(token, now.getTime());
    const left = new Set(skip);
    const wanted = h.rows.filter((r) => !left.has(r.row) && (r.existing || !r.errors.length)).map((r) => r.row);
    if (!wanted.length) throw new AppError('VALIDATION', 'No row is left to import.', { issues: [{ path: 'skip', code: 'custom', message: 'required' }] });
    const result = deps.transaction(() => {
      const rows = (auditTop.get() ?? 0) === h.auditTop ? h.rows : check(h.source, h.loaded, today, currency).rows;
      return create(rows, wanted, deps);
    });
    held.delete(token);
    return result;
  }

  /** Creates the accepted rows; any accepted row with an error refuses the whole import; rows already here are skipped. */
  async function commit(source: ImportSource, accept: number[], today: string, currency: string, deps: ImportDeps): Promise<ImportCommitResult> {
    if (source.mapping && source.mapping.name == null) {
      throw new AppError('VALIDATION', 'Choose the column that holds the name.', {
        issues: [{ path: 'mapping.name', code: 'custom', message: 'required' }],
      });
    }
    const loaded = await load(source);
    return deps.transaction(() => create(check(source, loaded, today, currency).rows, accept, deps));
  }

  function create(rows: ImportRow[], accept: number[], deps: ImportDeps): ImportCommitResult {
    const wanted = [...new Set(accept)].sort((a, b) => a - b);
    const missing = wanted.filter((n) => n > rows.length);
    const bad = wanted.filter((n) => n <= rows.length && !rows[n - 1]!.existing && rows[n - 1]!.errors.length > 0);
    if (missing.length || bad.length) {
      const lines = bad.map((n) => rows[n - 1]!.line);
      throw new AppError('IMPORT_ROW_INVALID', `Lines ${lines.slice(0, 20).join(', ') || '-'} of the file cannot be imported as they are${missing.length ? `; rows ${missing.slice(0, 20).join(', ')} do not exist` : ''}.`, {
        rows: [...bad, ...missing],
      });
    }
    const result: ImportCommitResult = { created: 0, subscriptions: 0, packs: 0, memberIds: [], alreadyHere: [] };
    const fresh: ImportRow[] = [];
    for (const n of wanted) {
      const row = rows[n - 1]!;
      if (row.existing) result.alreadyHere.push(row.line);
      else fresh.push(row);
    }
    for (let i = 0; i < fresh.length; i += CREATE_PART) {
      const part = fresh.slice(i, i + CREATE_PART);
      deps.batch(() => createPart(part, result, deps));
    }
    result.created = result.memberIds.length;
    return result;
  }

  /** One part of the commit: its members, then their packs and memberships (the audit entries in that order). */
  function createPart(part: ImportRow[], result: ImportCommitResult, deps: ImportDeps): void {
    const ids = deps.createMembers(part.map((r) => r.values));
    const starts: Parameters<ImportDeps['startSubscriptions']>[0] = [];
    part.forEach(({ values }, k) => {
      const id = ids[k]!;
      result.memberIds.push(id);
      if (values.planId !== null && values.nextBillDate !== null) {
        starts.push({ memberId: id, planId: values.planId, nextBillDate: values.nextBillDate, price: values.price });
      } else if (values.planId !== null && values.packSessions !== null && values.packExpiry !== null) {
        deps.startPack(id, values.planId, values.packSessions, values.packExpiry);
        result.packs++;
      }
    });
    deps.startSubscriptions(starts);
    result.subscriptions += starts.length;
  }

  return { preview, page, commit, commitPreviewed };
}

export type Importer = ReturnType<typeof createImporter>;
