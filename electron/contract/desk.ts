/**
 * The front desk: finding members (search, the big list), duplicates and merges, member
 * import, and check-in with attendance. Output types live in desk-types.ts.
 */
import { z } from 'zod';
import { channel } from './define';
import { empty, id, isoDate, lineText, requiredText, text } from './common';
import { EXPORT_FORMATS, type ExportFile } from './exports';
import { LOCALES } from './settings';
import type {
  AttendanceByDay,
  AttendanceByMember,
  Checkin,
  CheckinResult,
  ImportCommitResult,
  ImportPreview,
  ImportRowsPage,
  MemberListPage,
  MemberProfile,
  MemberRow,
  MergeResult,
  SearchHit,
} from './desk-types';

const count = (min: number, max: number) =>
  z.number('out_of_range').int('out_of_range').min(min, 'out_of_range').max(max, 'out_of_range');

/** What the search box holds: a name, pinyin, initials, part of a phone, or a card number. */
const query = z.string('invalid_text').trim().max(100, 'too_long');

/** The import file's bytes, base64: the renderer reads the file it was given; no path crosses IPC. */
const fileContent = z
  .string('invalid_file')
  .max(28_000_000, 'file_too_large') // ~20 MB of CSV
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'invalid_file');

import { IMPORT_FIELDS, MEMBER_LIST_STATUSES, type ImportField } from '../../shared/lists';
export { IMPORT_FIELDS, type ImportField };

/** Field → 0-based column of the file, or null for "not imported". */
export const importMapping = z.strictObject(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, count(0, 199).nullable().optional()])) as Record<
    ImportField,
    z.ZodOptional<z.ZodNullable<z.ZodNumber>>
  >,
);

/** A plan name of the file → the plan it means (null: import the member without a plan). Applies to every row with that name. */
const planChoice = z.strictObject({ value: text(100), planId: id.nullable() });
/** One bad optional value the clerk chose to leave out: that field of that row only. */
const skipValue = z.strictObject({ row: count(1, 1_000_000), field: z.enum(IMPORT_FIELDS, 'invalid_choice') });

const importSource = {
  content: fileContent,
  /** Absent: guessed from the header row (English or Chinese column names). */
  mapping: importMapping.optional(),
  /** The first row holds column names (default) or is already data. */
  hasHeader: z.boolean('invalid_choice').default(true),
  planMap: z.array(planChoice, 'invalid_choice').max(500, 'too_long').default([]),
  skipValues: z.array(skipValue, 'invalid_choice').max(100_000, 'too_long').default([]),
};

/** The preview's answer: it names the checked rows the host holds until the commit (or for 30 minutes). */
const importToken = z.string('invalid_choice').regex(/^[0-9a-f-]{36}$/, 'invalid_choice');
const rowNumbers = z.array(count(1, 1_000_000), 'invalid_choice').max(100_000, 'too_long');

/** Which of the previewed rows a page lists: all, the ones that can come in (with or without warnings), ones with errors, ones already here. */
export const IMPORT_ROW_STATUSES = ['all', 'new', 'warnings', 'errors', 'existing'] as const;

/** The member list's filters: a status as the desk's badges name it, a tag, ending within 7 days, owing past due. */
export const memberListFilter = z.strictObject(
  {
    status: z.enum(MEMBER_LIST_STATUSES, 'invalid_choice').optional(),
    tag: lineText(30).pipe(z.string().min(1, 'required')).optional(),
    endsSoon: z.boolean('invalid_choice').default(false),
    overdue: z.boolean('invalid_choice').default(false),
  },
  'invalid_choice',
);
export type MemberListFilter = z.output<typeof memberListFilter>;

export const deskChannels = {
  /** Ranked matches for the search box: card number, phone, name, pinyin, initials, then partial. */
  'members.search': channel<SearchHit[]>()(
    z.strictObject({ query, limit: count(1, 200).default(20), filter: memberListFilter.optional() }),
    { access: 'desk', mutates: false },
  ),
  /**
   * One page of the whole member list (for a virtualised list of any length): from the start,
   * or after the cursor a previous page returned as `next` (keyset paging), skipping `offset`
   * rows more for a jump. `total` is counted only with `count: true` (the default).
   */
  'members.list': channel<MemberListPage>()(
    z.strictObject({
      sort: z.enum(['name', 'card', 'newest', 'oldest'], 'invalid_choice').default('name'),
      after: z.strictObject({ key: z.string('invalid_choice').max(200, 'too_long').nullable(), id }, 'invalid_choice').optional(),
      offset: count(0, 10_000_000).default(0),
      limit: count(1, 500).default(100),
      count: z.boolean('invalid_choice').default(true),
      /** Only members matching every filter given (see docs/decisions.md, "Member list, photos and shortcuts"). */
      filter: memberListFilter.default({ endsSoon: false, overdue: false }),
    }),
    { access: 'desk', mutates: false },
  ),
  /** Every tag live members carry, in order, for the list's tag filter. */
  'members.tags': channel<string[]>()(empty, { access: 'desk', mutates: false }),
  /** The member page's header: the member, payer, dependants, badges, merged records. */
  'members.profile': channel<MemberProfile>()(z.strictObject({ id }), { access: 'desk', mutates: false }),
  /** Members a new or edited record may duplicate: same phone, or same name and birthday. */
  'members.duplicates': channel<MemberRow[]>()(
    z.strictObject({ name: text(100), phone: text(30).default(''), birthday: isoDate.nullable().default(null), excludeId: id.nullable().default(null) }),
    { access: 'desk', mutates: false },
  ),
  /** Joins two records of one person: every row of `mergeId` moves to `keepId`. */
  'members.merge': channel<MergeResult>()(z.strictObject({ keepId: id, mergeId: id }), { access: 'desk', mutates: true }),
  /**
   * Reads a CSV or Excel file and checks every row. Changes nothing. Answers a summary (counts by status, errors
   * by field), the first page of rows and a token naming the checked rows, which the host keeps for the pages and
   * the commit (docs/decisions.md, "Member import in pages").
   */
  'members.importPreview': channel<ImportPreview>()(z.strictObject(importSource), { access: 'desk', mutates: false }),
  /** One page of a preview's rows (all, or one status), in file order. */
  'members.importRows': channel<ImportRowsPage>()(
    z.strictObject({
      token: importToken,
      offset: count(0, 1_000_000).default(0),
      limit: count(1, 500).default(100),
      status: z.enum(IMPORT_ROW_STATUSES, 'invalid_choice').default('all'),
    }),
    { access: 'desk', mutates: false },
  ),
  /**
   * Imports in one transaction. With a preview's `token`: every row that preview found importable except the
   * rows in `skip`, exactly as previewed (rows already here are skipped). With the file itself (`content`):
   * the accepted `rows` (1-based row numbers), checked again; a row with errors refuses the import, a row
   * already here is skipped. It manages its own transaction: an .xlsx file is read before it opens.
   */
  'members.importCommit': channel<ImportCommitResult>()(
    z
      .strictObject({
        ...importSource,
        content: fileContent.optional(),
        token: importToken.optional(),
        skip: rowNumbers.default([]),
        rows: rowNumbers.min(1, 'required').optional(),
      })
      .refine((v) => v.token !== undefined || v.content !== undefined, { message: 'required', path: ['token'] })
      .refine((v) => v.token !== undefined || v.rows !== undefined, { message: 'required', path: ['rows'] }),
    { access: 'desk', mutates: true, tx: 'self' },
  ),
  /** A template file the importer reads, in the clerk's language: its headers and one membership and one pack row. */
  'members.importTemplate': channel<ExportFile>()(
    z.strictObject({ locale: z.enum(LOCALES, 'invalid_choice'), format: z.enum(EXPORT_FORMATS, 'invalid_choice') }),
    { access: 'desk', mutates: false },
  ),

  /** Checks in a member (by id, or the best match of what the box holds). Blocked results change nothing. */
  'checkin.checkIn': channel<CheckinResult>()(
    z
      .strictObject({ memberId: id.optional(), query: query.optional() })
      .refine((v) => (v.memberId === undefined) !== (v.query === undefined || v.query === ''), { message: 'required', path: ['query'] }),
    { access: 'desk', mutates: true },
  ),
  /** What a check-in would say now, without checking in. */
  'checkin.evaluate': channel<CheckinResult>()(z.strictObject({ memberId: id }), { access: 'desk', mutates: false }),
  /** A manager lets a blocked member in; the reason is stored and audited. */
  'checkin.override': channel<CheckinResult>()(z.strictObject({ memberId: id, reason: requiredText(300) }), {
    access: 'manager',
    mutates: true,
  }),
  /** Undoes a mistaken check-in of today; a pack gets its session back. */
  'checkin.undo': channel<Checkin>()(z.strictObject({ id, reason: text(300).default('') }), { access: 'desk', mutates: true }),
  'checkin.today': channel<Checkin[]>()(z.strictObject({ includeUndone: z.boolean('invalid_choice').default(true) }), {
    access: 'desk',
    mutates: false,
  }),
  'checkin.history': channel<Checkin[]>()(z.strictObject({ memberId: id, limit: count(1, 5000).default(200) }), {
    access: 'desk',
    mutates: false,
  }),
  /** Visits per day, or per member, over [from, to] (inclusive business dates). */
  'checkin.attendance': channel<AttendanceByDay | AttendanceByMember>()(
    z
      .strictObject({ from: isoDate, to: isoDate, by: z.enum(['day', 'member'], 'invalid_choice').default('day'), memberId: id.optional() })
      .refine((v) => v.from <= v.to, { message: 'date_range', path: ['to'] }),
    { access: 'desk', mutates: false },
  ),
};
