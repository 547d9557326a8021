/**
 * The expenses ledger (money paid out: rent, salaries…) and its editable categories.
 * Every change is audited here; a deleted expense stays, marked, out of all totals.
 */
import type { Expense, ExpenseCategory, ExpenseList } from '../../contract/expenses';
import { AppError } from '../../../shared/errors';
import { createExpensesRepo, type CategoryWithCount, type ExpenseWithCategory } from '../../db/repos/expenses';
import type { ServiceEnv } from '../../contract/env';
import { activeMethod } from '../../money/payments/methods';

const toExpense = (r: ExpenseWithCategory): Expense => ({
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

const toCategory = (r: CategoryWithCount): ExpenseCategory => ({
  id: r.id,
  code: r.code,
  nameEn: r.name_en,
  nameZh: r.name_zh,
  active: r.active === 1,
  position: r.position,
  expenses: r.expenses,
});

export interface ExpenseInput {
  date: string;
  amount: number;
  categoryId: number;
  method: string;
  note: string;
}

export function createExpensesService(env: ServiceEnv) {
  const repo = createExpensesRepo(env.db);
  const at = () => env.now().toISOString();

  function get(id: number): Expense {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Expense ${id} does not exist.`, { entity: 'expense', id });
    return toExpense(row);
  }

  function category(id: number): ExpenseCategory {
    const row = repo.category(id);
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
    if (code !== keep) activeMethod(env.db, code);
  }

  function list(f: { from?: string | undefined; to?: string | undefined; categoryId?: number | undefined; includeDeleted: boolean; limit: number; offset: number }): ExpenseList {
    const filter = { from: f.from || null, to: f.to || null, categoryId: f.categoryId || null, includeDeleted: f.includeDeleted ? 1 : 0 } as const;
    return { rows: repo.page(filter, f.limit, f.offset).map(toExpense), total: repo.count(filter), amount: repo.liveAmount(filter) };
  }

  function create(input: ExpenseInput): Expense {
    checkCategory(input.categoryId, null);
    checkMethod(input.method, null);
    const by = env.actor();
    const id = repo.insert({ ...columns(input), staff_id: by?.id ?? null, staff_name: by?.name ?? '', at: at() });
    const after = get(id);
    env.audit('expense', id, null, after);
    return after;
  }

  function update(id: number, input: ExpenseInput): Expense {
    const before = get(id);
    if (before.deleted) throw new AppError('EXPENSE_DELETED', `Expense ${id} was deleted.`, { id });
    checkCategory(input.categoryId, before.categoryId);
    checkMethod(input.method, before.method);
    repo.update({ ...columns(input), id, at: at() });
    return audited(before);
  }

  function remove(id: number, reason: string): Expense {
    const before = get(id);
    if (before.deleted) throw new AppError('EXPENSE_DELETED', `Expense ${id} was already deleted.`, { id });
    repo.markDeleted(id, at(), env.actor()?.name ?? '', reason);
    return audited(before);
  }

  function audited(before: Expense): Expense {
    const after = get(before.id);
    env.audit('expense', before.id, before, after);
    return after;
  }

  function categories(includeInactive: boolean): ExpenseCategory[] {
    return repo.categories(includeInactive).map(toCategory);
  }

  function checkUniqueName(nameEn: string, nameZh: string, exceptId: number): void {
    const taken = repo.categoryNamed(nameEn, nameZh, exceptId);
    if (taken) throw new AppError('EXPENSE_CATEGORY_EXISTS', `A category called "${nameEn || nameZh}" already exists.`, { id: taken.id });
  }

  function createCategory(input: { nameEn: string; nameZh: string }): ExpenseCategory {
    const nameEn = input.nameEn || input.nameZh;
    const nameZh = input.nameZh || input.nameEn;
    checkUniqueName(nameEn, nameZh, 0);
    const after = category(repo.insertCategory(nameEn, nameZh, at()));
    env.audit('expense_category', after.id, null, after);
    return after;
  }

  function updateCategory(input: { id: number; nameEn?: string | undefined; nameZh?: string | undefined; active?: boolean | undefined; position?: number | undefined }): ExpenseCategory {
    const before = category(input.id);
    // A blank name takes the other language's text, as on create.
    const nameEn = input.nameEn === undefined ? before.nameEn : input.nameEn || input.nameZh || before.nameZh;
    const nameZh = input.nameZh === undefined ? before.nameZh : input.nameZh || input.nameEn || before.nameEn;
    checkUniqueName(nameEn, nameZh, before.id);
    const active = input.active ?? before.active;
    repo.updateCategory({ id: before.id, name_en: nameEn, name_zh: nameZh, active: active ? 1 : 0, position: input.position ?? before.position, at: at() });
    const after = category(before.id);
    env.audit('expense_category', after.id, before, after);
    return after;
  }

  return { get, list, create, update, remove, categories, createCategory, updateCategory };
}

const columns = (input: ExpenseInput) => ({
  date: input.date,
  amount: input.amount,
  category_id: input.categoryId,
  method: input.method,
  note: input.note,
});

export type ExpensesService = ReturnType<typeof createExpensesService>;
