/**
 * The expenses ledger (money paid out: rent, salaries…) and its editable categories.
 * Every change is audited by the handlers; a deleted expense stays, marked, out of all totals.
 */
import type { Expense, ExpenseCategory, ExpenseList } from '../contract/expenses';
import { AppError } from '../contract/errors';
import type { Db } from '../db/open';
import { activeMethod } from '../payments/methods';

interface ExpenseRow {
  id: number;
  date: string;
  amount: number;
  category_id: number;
  name_en: string;
  name_zh: string;
  method: string;
  note: string;
  staff_name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

interface CategoryRow {
  id: number;
  code: ExpenseCategory['code'];
  name_en: string;
  name_zh: string;
  active: number;
  position: number;
  expenses: number;
}

const toExpense = (r: ExpenseRow): Expense => ({
  id: r.id,
  date: r.date,
  amount: r.amount,
  categoryId: r.category_id,
  categoryNameEn: r.name_en,
  categoryNameZh: r.name_zh,
  method: r.method,
  note: r.note,
  staffName: r.staff_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deleted: r.deleted_at ? { at: r.deleted_at, by: r.deleted_by ?? '', reason: r.delete_reason ?? '' } : null,
});

const toCategory = (r: CategoryRow): ExpenseCategory => ({
  id: r.id,
  code: r.code,
  nameEn: r.name_en,
  nameZh: r.name_zh,
  active: r.active === 1,
  position: r.position,
  expenses: r.expenses,
});

const EXPENSE_SELECT = `SELECT e.*, c.name_en, c.name_zh FROM expenses e JOIN expense_categories c ON c.id = e.category_id`;
const CATEGORY_SELECT = `SELECT c.*, (SELECT COUNT(*) FROM expenses e WHERE e.category_id = c.id AND e.deleted_at IS NULL) AS expenses
  FROM expense_categories c`;

export interface ExpenseInput {
  date: string;
  amount: number;
  categoryId: number;
  method: string;
  note: string;
}

export interface Actor {
  staffId: number | null;
  staffName: string;
  at: string;
}

export function createExpensesService(db: Db) {
  function get(id: number): Expense {
    const row = db.prepare<[number], ExpenseRow>(`${EXPENSE_SELECT} WHERE e.id = ?`).get(id);
    if (!row) throw new AppError('NOT_FOUND', `Expense ${id} does not exist.`, { entity: 'expense', id });
    return toExpense(row);
  }

  function category(id: number): ExpenseCategory {
    const row = db.prepare<[number], CategoryRow>(`${CATEGORY_SELECT} WHERE c.id = ?`).get(id);
    if (!row) throw new AppError('NOT_FOUND', `Expense category ${id} does not exist.`, { entity: 'expense_category', id });
    return toCategory(row);
  }

  /** A category may take new entries only while it is in use; an existing entry may keep its (now inactive) one. */
  function checkCategory(id: number, keep: number | null): void {
    const c = category(id);
    if (!c.active && c.id !== keep) {
      throw new AppError('EXPENSE_CATEGORY_INACTIVE', `Expense category ${id} is switched off.`, { categoryId: id });
    }
  }

  function checkMethod(code: string, keep: string | null): void {
    if (code !== keep) activeMethod(db, code);
  }

  function list(f: { from?: string | undefined; to?: string | undefined; categoryId?: number | undefined; includeDeleted: boolean; limit: number; offset: number }): ExpenseList {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const when = (clause: string, key: string, value: unknown) => {
      where.push(clause);
      params[key] = value;
    };
    if (f.from) when('e.date >= @from', 'from', f.from);
    if (f.to) when('e.date <= @to', 'to', f.to);
    if (f.categoryId) when('e.category_id = @cat', 'cat', f.categoryId);
    const live = [...where, 'e.deleted_at IS NULL'];
    if (!f.includeDeleted) where.push('e.deleted_at IS NULL');
    const clause = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
    const rows = db
      .prepare<Record<string, unknown>, ExpenseRow>(`${EXPENSE_SELECT} ${clause(where)} ORDER BY e.date DESC, e.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: f.limit, offset: f.offset });
    const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM expenses e ${clause(where)}`).get(params)!.n;
    const amount = db.prepare<Record<string, unknown>, { s: number }>(`SELECT COALESCE(SUM(e.amount), 0) AS s FROM expenses e ${clause(live)}`).get(params)!.s;
    return { rows: rows.map(toExpense), total, amount };
  }

  function create(input: ExpenseInput, by: Actor): Expense {
    checkCategory(input.categoryId, null);
    checkMethod(input.method, null);
    const info = db
      .prepare(
        `INSERT INTO expenses (date, amount, category_id, method, note, staff_id, staff_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.date, input.amount, input.categoryId, input.method, input.note, by.staffId, by.staffName, by.at, by.at);
    return get(Number(info.lastInsertRowid));
  }

  function update(id: number, input: ExpenseInput, at: string): { before: Expense; after: Expense } {
    const before = get(id);
    if (before.deleted) throw new AppError('EXPENSE_DELETED', `Expense ${id} was deleted.`, { id });
    checkCategory(input.categoryId, before.categoryId);
    checkMethod(input.method, before.method);
    db.prepare('UPDATE expenses SET date = ?, amount = ?, category_id = ?, method = ?, note = ?, updated_at = ? WHERE id = ?').run(
      input.date,
      input.amount,
      input.categoryId,
      input.method,
      input.note,
      at,
      id,
    );
    return { before, after: get(id) };
  }

  function remove(id: number, reason: string, by: Actor): { before: Expense; after: Expense } {
    const before = get(id);
    if (before.deleted) throw new AppError('EXPENSE_DELETED', `Expense ${id} was already deleted.`, { id });
    db.prepare('UPDATE expenses SET deleted_at = ?, deleted_by = ?, delete_reason = ?, updated_at = ? WHERE id = ?').run(by.at, by.staffName, reason, by.at, id);
    return { before, after: get(id) };
  }

  function categories(includeInactive: boolean): ExpenseCategory[] {
    return db
      .prepare<[], CategoryRow>(`${CATEGORY_SELECT} ${includeInactive ? '' : 'WHERE c.active = 1'} ORDER BY c.position, c.id`)
      .all()
      .map(toCategory);
  }

  function checkUniqueName(nameEn: string, nameZh: string, exceptId: number): void {
    const taken = db
      .prepare<[string, string, number], { id: number }>('SELECT id FROM expense_categories WHERE (lower(name_en) = lower(?) OR name_zh = ?) AND id <> ?')
      .get(nameEn, nameZh, exceptId);
    if (taken) throw new AppError('EXPENSE_CATEGORY_EXISTS', `A category called "${nameEn || nameZh}" already exists.`, { id: taken.id });
  }

  function createCategory(input: { nameEn: string; nameZh: string }, at: string): ExpenseCategory {
    const nameEn = input.nameEn || input.nameZh;
    const nameZh = input.nameZh || input.nameEn;
    checkUniqueName(nameEn, nameZh, 0);
    const position = db.prepare<[], { p: number }>('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM expense_categories').get()!.p;
    const info = db
      .prepare('INSERT INTO expense_categories (name_en, name_zh, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(nameEn, nameZh, position, at, at);
    return category(Number(info.lastInsertRowid));
  }

  function updateCategory(
    input: { id: number; nameEn?: string | undefined; nameZh?: string | undefined; active?: boolean | undefined; position?: number | undefined },
    at: string,
  ): { before: ExpenseCategory; after: ExpenseCategory } {
    const before = category(input.id);
    // A blank name takes the other language's text, as on create.
    const nameEn = input.nameEn === undefined ? before.nameEn : input.nameEn || input.nameZh || before.nameZh;
    const nameZh = input.nameZh === undefined ? before.nameZh : input.nameZh || input.nameEn || before.nameEn;
    checkUniqueName(nameEn, nameZh, before.id);
    db.prepare('UPDATE expense_categories SET name_en = ?, name_zh = ?, active = ?, position = ?, updated_at = ? WHERE id = ?').run(
      nameEn,
      nameZh,
      input.active === undefined ? (before.active ? 1 : 0) : input.active ? 1 : 0,
      input.position ?? before.position,
      at,
      before.id,
    );
    return { before, after: category(before.id) };
  }

  return { get, list, create, update, remove, categories, createCategory, updateCategory };
}

export type ExpensesService = ReturnType<typeof createExpensesService>;
