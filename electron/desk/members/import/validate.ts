/**
 * One import row → the values to create and what is wrong with them. Errors stop a row;
 * warnings (a member with that phone exists…) let the clerk decide. A bad optional value the
 * clerk chose to skip becomes a warning and the row comes in without it.
 */
import { addDays, compareDates } from '../../../../shared/dates';
import { IMPORT_FIELDS, IMPORT_SKIPPABLE, type ImportField } from '../../../../shared/lists';
import type { ImportIssue, ImportRow, ImportValues } from '../../../contract/desk-types';
import { isCleanLine, isCleanText } from '../../../contract/common';
import { birthdayProblem } from '../birthday';
import { ascii, cleanPhone, isScientific, parseAmountCell, parseDateCell, splitTags } from './cells';
import type { PlanRef, PlanResolver } from './plans';

const PHONE = /^\+?[\d\s-]{5,25}$/;
const CARD = /^[A-Za-z0-9-]{1,40}$/;
const SESSIONS = /^\d{1,5}$/;

export type { PlanRef };

/** What validation needs to know about the database and the business. */
export interface ImportContext {
  today: string;
  minorDigits: number;
  plans: PlanResolver;
  /** The member holding this card number, if any. */
  cardOwner(card: string): { id: number; name: string } | null;
  /** Members with this phone (digits compared). */
  phoneOwners(phone: string): { id: number; name: string }[];
  sameNameBirthday(name: string, birthday: string): { id: number; name: string }[];
  /** "row:field" of the values the clerk chose to skip. */
  skipped: Set<string>;
}

export type Mapping = Record<ImportField, number | null>;
type Cell = (f: ImportField) => string;
type Err = (field: ImportField, code: string, params?: ImportIssue['params']) => void;

/** Validates every row; repeats inside the file (same card, same phone) name the earlier row's file line. */
export function validateRows(table: { rows: { line: number; cells: string[] }[] }, mapping: Mapping, ctx: ImportContext): ImportRow[] {
  const cardsSeen = new Map<string, number>();
  const phonesSeen = new Map<string, number>();
  return table.rows.map((r, i) => {
    const cell: Cell = (f) => {
      const col = mapping[f];
      return col === null || col === undefined ? '' : (r.cells[col] ?? '').trim();
    };
    const row = validateRow(i + 1, r.line, r.cells, cell, ctx);
    const card = row.values.cardNo;
    if (card && !row.existing && !row.errors.some((e) => e.field === 'cardNo')) {
      const earlier = cardsSeen.get(card.toLowerCase());
      if (earlier) row.errors.push({ field: 'cardNo', code: 'card_repeated', params: { row: earlier } });
      else cardsSeen.set(card.toLowerCase(), row.line);
    }
    const digits = row.values.phone.replace(/\D/g, '');
    if (digits && !row.existing) {
      const earlier = phonesSeen.get(digits);
      if (earlier) row.warnings.push({ field: 'phone', code: 'phone_repeated', params: { row: earlier } });
      else phonesSeen.set(digits, row.line);
    }
    return applySkips(row, ctx.skipped, cell);
  });
}

/** The clerk's "import without this value": the field's error goes, the value is left empty, a warning says so. */
function applySkips(row: ImportRow, skipped: Set<string>, cell: Cell): ImportRow {
  row.errors = dedupe(row.errors);
  const skip = row.errors.filter((e) => e.field && IMPORT_SKIPPABLE.includes(e.field) && skipped.has(`${row.row}:${e.field}`));
  if (!skip.length) return row;
  row.errors = row.errors.filter((e) => !skip.includes(e));
  for (const e of skip) {
    const field = e.field!;
    const v = row.values;
    if (field === 'phone') v.phone = '';
    else if (field === 'cardNo') v.cardNo = null;
    else if (field === 'birthday') v.birthday = null;
    else if (field === 'notes') v.notes = '';
    else if (field === 'tags') v.tags = [];
    else if (field === 'price') v.price = null;
    row.warnings.push({ field, code: 'value_skipped', params: { value: cell(field) } });
  }
  row.warnings = row.warnings.filter((w) => !skip.some((e) => e.field === w.field && w.code !== 'value_skipped'));
  return row;
}

function validateRow(n: number, line: number, raw: string[], cell: Cell, ctx: ImportContext): ImportRow {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const err: Err = (field, code, params) => errors.push(params ? { field, code, params } : { field, code });
  const person = personValues(cell, ctx, err);
  const membership = membershipValues(cell, ctx, err);
  const existing = findExisting(person, ctx);
  if (existing) {
    // Already here: nothing of the row is created, so nothing else about it matters.
    errors.length = 0;
  } else {
    if (person.cardNo && !errors.some((e) => e.field === 'cardNo')) {
      const owner = ctx.cardOwner(person.cardNo);
      if (owner) err('cardNo', 'card_taken', { name: owner.name });
    }
    warnings.push(...lookalikes(person, errors, ctx));
  }
  const values: ImportValues = { ...person, ...membership };
  return { row: n, line, raw, values, errors, warnings, existing };
}

function personValues(cell: Cell, ctx: ImportContext, err: Err) {
  const name = ascii(cell('name')).replace(/\s+/g, ' ');
  if (!name) err('name', 'required');
  else if (name.length > 100) err('name', 'too_long');
  else if (!isCleanLine(name)) err('name', 'invalid_characters');

  const phoneCell = cell('phone');
  const phone = cleanPhone(phoneCell);
  if (phoneCell && isScientific(phoneCell)) err('phone', 'phone_scientific');
  else if (phone && !PHONE.test(phone)) err('phone', 'invalid_phone');

  const cardCell = ascii(cell('cardNo'));
  const cardNo = cardCell || null;
  if (cardNo && isScientific(cardNo)) err('cardNo', 'card_scientific');
  else if (cardNo && !CARD.test(cardNo)) err('cardNo', 'invalid_card');

  const birthdayCell = cell('birthday');
  let birthday = birthdayCell ? parseDateCell(birthdayCell) : null;
  if (birthdayCell && !birthday) err('birthday', 'bad_date', { value: birthdayCell });
  else if (birthdayProblem(birthday, ctx.today)) err('birthday', 'birthday_future');
  if (birthdayProblem(birthday, ctx.today)) birthday = null;

  const notes = cell('notes');
  if (notes.length > 2000) err('notes', 'too_long');
  else if (!isCleanText(notes)) err('notes', 'invalid_characters');

  const tags = splitTags(cell('tags'));
  if (tags.length > 20 || tags.some((t) => t.length > 30)) err('tags', 'too_long');
  else if (!tags.every(isCleanLine)) err('tags', 'invalid_characters');
  return { name, phone, cardNo, birthday, notes, tags };
}

/** The plan and its dates: a recurring plan needs its next billing date; a pack its sessions left and last day. */
function membershipValues(cell: Cell, ctx: ImportContext, err: Err) {
  const planCell = cell('plan');
  const resolved = planCell ? ctx.plans.resolve(planCell) : 'no_plan';
  const plan = typeof resolved === 'object' ? resolved : null;
  const none = { planId: null, planName: planCell || null, nextBillDate: null, price: null, packSessions: null, packExpiry: null };
  if (resolved === 'none') {
    err('plan', 'unknown_plan', { value: planCell });
    // Pack or membership is not known yet: only what is wrong either way is said.
    const { nextBillDate } = nextDate(cell, ctx, err);
    checkPrice(cell, ctx, err);
    return { ...none, nextBillDate };
  }
  if (!plan) {
    // No plan (or the clerk left this name out): the dates and price of the row have nothing to belong to.
    if (!planCell && (cell('nextBillDate') || cell('price') || cell('packSessions'))) err('plan', 'plan_required');
    return none;
  }
  if (plan.archived) err('plan', 'plan_archived', { value: planCell });
  const base = { planId: plan.id, planName: plan.name };
  return plan.kind === 'pack' ? { ...base, ...packValues(cell, ctx, err) } : { ...base, ...recurringValues(cell, ctx, err) };
}

function nextDate(cell: Cell, ctx: ImportContext, err: Err) {
  const nextCell = cell('nextBillDate');
  const nextBillDate = nextCell ? parseDateCell(nextCell) : null;
  if (nextCell && !nextBillDate) err('nextBillDate', 'bad_date', { value: nextCell });
  else if (nextBillDate && compareDates(nextBillDate, ctx.today) < 0) err('nextBillDate', 'next_date_past');
  return { nextCell, nextBillDate };
}

function checkPrice(cell: Cell, ctx: ImportContext, err: Err): number | null {
  const priceCell = cell('price');
  const price = priceCell ? parseAmountCell(priceCell, ctx.minorDigits) : null;
  if (priceCell && price === null) err('price', 'bad_amount', { value: priceCell });
  return price;
}

function recurringValues(cell: Cell, ctx: ImportContext, err: Err) {
  const { nextCell, nextBillDate } = nextDate(cell, ctx, err);
  if (!nextCell) err('nextBillDate', 'next_date_required');
  const price = checkPrice(cell, ctx, err);
  return { nextBillDate, price, packSessions: null, packExpiry: null };
}

/** A pack paid for before Subdesk: what is left of it, valid through its last day. */
function packValues(cell: Cell, ctx: ImportContext, err: Err) {
  const sessionsCell = ascii(cell('packSessions'));
  const packSessions = SESSIONS.test(sessionsCell) && Number(sessionsCell) > 0 ? Number(sessionsCell) : null;
  if (!sessionsCell) err('packSessions', 'sessions_required');
  else if (packSessions === null) err('packSessions', 'bad_sessions', { value: sessionsCell });
  const expiryCell = cell('packExpiry');
  const packExpiry = expiryCell ? parseDateCell(expiryCell) : null;
  if (!expiryCell) err('packExpiry', 'expiry_required');
  else if (!packExpiry) err('packExpiry', 'bad_date', { value: expiryCell });
  else if (compareDates(packExpiry, ctx.today) < 0) err('packExpiry', 'pack_expired');
  else if (compareDates(packExpiry, addDays(ctx.today, 3660)) > 0) err('packExpiry', 'expiry_too_far');
  return { nextBillDate: null, price: null, packSessions, packExpiry };
}

/** A member already here: the same card, or the same phone and the same name. */
function findExisting(p: { name: string; phone: string; cardNo: string | null }, ctx: ImportContext): { id: number; name: string } | null {
  if (!p.name) return null;
  if (p.cardNo && CARD.test(p.cardNo)) {
    const owner = ctx.cardOwner(p.cardNo);
    if (owner && owner.name === p.name) return owner;
  }
  if (p.phone.replace(/\D/g, '').length >= 5 && PHONE.test(p.phone)) {
    const same = ctx.phoneOwners(p.phone).find((o) => o.name === p.name);
    if (same) return same;
  }
  return null;
}

/** Someone else with this phone (a family shares one), or this name and birthday: for the clerk to judge. */
function lookalikes(p: { name: string; phone: string; birthday: string | null }, errors: ImportIssue[], ctx: ImportContext): ImportIssue[] {
  const out: ImportIssue[] = [];
  if (p.name && !errors.some((e) => e.field === 'phone') && p.phone.replace(/\D/g, '').length >= 5) {
    const owners = ctx.phoneOwners(p.phone);
    if (owners.length) out.push({ field: 'phone', code: 'phone_exists', params: { name: owners[0]!.name } });
  }
  if (p.name && p.birthday) {
    const same = ctx.sameNameBirthday(p.name, p.birthday);
    if (same.length) out.push({ field: 'name', code: 'name_birthday_exists', params: { name: same[0]!.name } });
  }
  return out;
}

/** One error per field is enough to show (the first found). */
function dedupe(issues: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = i.field ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function emptyMapping(): Mapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Mapping;
}
