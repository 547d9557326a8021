/**
 * One import row → the values to create and what is wrong with them. Errors stop a row;
 * warnings (a member with that phone exists…) let the clerk decide.
 */
import { compareDates } from '../../../../shared/dates';
import { IMPORT_FIELDS, type ImportField } from '../../../contract/desk';
import type { ImportIssue, ImportRow, ImportValues } from '../../../contract/desk-types';
import { isCleanLine, isCleanText } from '../../../contract/common';
import { birthdayProblem } from '../birthday';
import { ascii, cleanPhone, isScientific, parseAmountCell, parseDateCell, splitTags } from './cells';

const PHONE = /^\+?[\d\s-]{5,25}$/;
const CARD = /^[A-Za-z0-9-]{1,40}$/;

export interface PlanRef {
  id: number;
  name: string;
  kind: 'recurring' | 'pack';
  archived: boolean;
}

/** What validation needs to know about the database and the business. */
export interface ImportContext {
  today: string;
  minorDigits: number;
  plans: PlanRef[];
  /** The member holding this card number, if any. */
  cardOwner(card: string): { id: number; name: string } | null;
  /** Members with this phone (digits compared). */
  phoneOwners(phone: string): { id: number; name: string }[];
  sameNameBirthday(name: string, birthday: string): { id: number; name: string }[];
}

export type Mapping = Record<ImportField, number | null>;

export function planKey(name: string): string {
  return ascii(name).toLowerCase().replace(/\s+/g, ' ');
}

/** Validates every row; repeats inside the file (same card, same phone) are found across rows. */
export function validateRows(table: { rows: { line: number; cells: string[] }[] }, mapping: Mapping, ctx: ImportContext): ImportRow[] {
  const plans = new Map<string, PlanRef>();
  for (const p of ctx.plans) if (!plans.has(planKey(p.name)) || !p.archived) plans.set(planKey(p.name), p);
  const cardsSeen = new Map<string, number>();
  const phonesSeen = new Map<string, number>();
  return table.rows.map((r, i) => {
    const cell = (f: ImportField) => {
      const col = mapping[f];
      return col === null || col === undefined ? '' : (r.cells[col] ?? '').trim();
    };
    const row = validateRow(i + 1, r.line, r.cells, cell, plans, ctx);
    const card = row.values.cardNo;
    if (card && !row.errors.some((e) => e.field === 'cardNo')) {
      const earlier = cardsSeen.get(card.toLowerCase());
      if (earlier) row.errors.push({ field: 'cardNo', code: 'card_repeated', params: { row: earlier } });
      else cardsSeen.set(card.toLowerCase(), row.row);
    }
    const digits = row.values.phone.replace(/\D/g, '');
    if (digits) {
      const earlier = phonesSeen.get(digits);
      if (earlier) row.warnings.push({ field: 'phone', code: 'phone_repeated', params: { row: earlier } });
      else phonesSeen.set(digits, row.row);
    }
    return row;
  });
}

function validateRow(
  n: number,
  line: number,
  raw: string[],
  cell: (f: ImportField) => string,
  plans: Map<string, PlanRef>,
  ctx: ImportContext,
): ImportRow {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const err = (field: ImportField, code: string, params?: ImportIssue['params']) => errors.push(params ? { field, code, params } : { field, code });

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
  else if (cardNo) {
    const owner = ctx.cardOwner(cardNo);
    if (owner) err('cardNo', 'card_taken', { name: owner.name });
  }

  const birthdayCell = cell('birthday');
  const birthday = birthdayCell ? parseDateCell(birthdayCell) : null;
  if (birthdayCell && !birthday) err('birthday', 'bad_date', { value: birthdayCell });
  else if (birthdayProblem(birthday, ctx.today)) err('birthday', 'birthday_future');

  const notes = cell('notes');
  if (notes.length > 2000) err('notes', 'too_long');
  else if (!isCleanText(notes)) err('notes', 'invalid_characters');

  const tags = splitTags(cell('tags'));
  if (tags.length > 20 || tags.some((t) => t.length > 30)) err('tags', 'too_long');
  else if (!tags.every(isCleanLine)) err('tags', 'invalid_characters');

  const planCell = cell('plan');
  let plan: PlanRef | null = null;
  if (planCell) {
    plan = plans.get(planKey(planCell)) ?? null;
    if (!plan) err('plan', 'unknown_plan', { value: planCell });
    else if (plan.kind !== 'recurring') err('plan', 'pack_not_importable', { value: planCell });
    else if (plan.archived) err('plan', 'plan_archived', { value: planCell });
  }

  const nextCell = cell('nextBillDate');
  const nextBillDate = nextCell ? parseDateCell(nextCell) : null;
  if (nextCell && !nextBillDate) err('nextBillDate', 'bad_date', { value: nextCell });
  else if (nextBillDate && compareDates(nextBillDate, ctx.today) < 0) err('nextBillDate', 'next_date_past');
  if (planCell && !nextCell) err('nextBillDate', 'next_date_required');
  if (!planCell && nextCell) err('plan', 'plan_required');

  const priceCell = cell('price');
  const price = priceCell ? parseAmountCell(priceCell, ctx.minorDigits) : null;
  if (priceCell && price === null) err('price', 'bad_amount', { value: priceCell });
  else if (priceCell && !planCell) err('plan', 'plan_required');

  if (name && !errors.some((e) => e.field === 'phone') && phone.replace(/\D/g, '').length >= 5) {
    const owners = ctx.phoneOwners(phone);
    if (owners.length) warnings.push({ field: 'phone', code: 'phone_exists', params: { name: owners[0]!.name } });
  }
  if (name && birthday) {
    const same = ctx.sameNameBirthday(name, birthday);
    if (same.length) warnings.push({ field: 'name', code: 'name_birthday_exists', params: { name: same[0]!.name } });
  }

  const values: ImportValues = {
    name,
    phone,
    cardNo,
    birthday,
    notes,
    tags,
    planId: plan?.id ?? null,
    planName: plan?.name ?? (planCell || null),
    nextBillDate,
    price,
  };
  return { row: n, line, raw, values, errors: dedupe(errors), warnings };
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
