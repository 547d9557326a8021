/** The expenses ledger and its categories: every statement prepared once. */
import type { Db } from '../open';
import type { ExpenseCategoryRow, ExpenseRow } from '../rows';

/** An expense with its category's names. */
export type ExpenseWithCategory = ExpenseRow & Pick<ExpenseCategoryRow, 'name_en' | 'name_zh'>;
/** A category with how many live expenses use it. */
export type CategoryWithCount = ExpenseCategoryRow & { expenses: number };

/** A filter of the list; null means "any". */
export interface ExpenseFilter {
  from: string | null;
  to: string | null;
  categoryId: number | null;
  includeDeleted: 0 | 1;
}

const EXPENSE_SELECT = 'SELECT e.*, c.name_en, c.name_zh FROM expenses e JOIN expense_categories c ON c.id = e.category_id';
const CATEGORY_SELECT = `SELECT c.*, (SELECT COUNT(*) FROM expenses e WHERE e.category_id = c.id AND e.deleted_at IS NULL) AS expenses
  FROM expense_categories c`;
// One statement for every filter: a null parameter switches its condition off.
const FILTER = `(@from IS NULL OR e.date >= @from) AND (@to IS NULL OR e.date <= @to)
  AND (@categoryId IS NULL OR e.category_id = @categoryId)`;

type ExpenseInsert = Pick<ExpenseRow, 'date' | 'amount' | 'category_id' | 'method' | 'note' | 'staff_id' | 'staff_name'> & { at: string };
type ExpenseUpdate = Pick<ExpenseRow, 'id' | 'date' | 'amount' | 'category_id' | 'method' | 'note'> & { at: string };
type CategoryUpdate = Pick<ExpenseCategoryRow, 'id' | 'name_en' | 'name_zh' | 'active' | 'position'> & { at: string };

export function createExpensesRepo(db: Db) {
  const byId = db.prepare<[number], ExpenseWithCategory>(`${EXPENSE_SELECT} WHERE e.id = ?`);
  const page = db.prepare<ExpenseFilter & { limit: number; offset: number }, ExpenseWithCategory>(
    `${EXPENSE_SELECT} WHERE ${FILTER} AND (@includeDeleted = 1 OR e.deleted_at IS NULL) ORDER BY e.date DESC, e.id DESC LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<ExpenseFilter, { n: number }>(
    `SELECT COUNT(*) AS n FROM expenses e WHERE ${FILTER} AND (@includeDeleted = 1 OR e.deleted_at IS NULL)`,
  );
  // Deleted expenses never count towards the amount, even when the list shows them.
  const sum = db.prepare<Omit<ExpenseFilter, 'includeDeleted'>, { s: number }>(
    `SELECT COALESCE(SUM(e.amount), 0) AS s FROM expenses e WHERE ${FILTER} AND e.deleted_at IS NULL`,
  );
  const insert = db.prepare<ExpenseInsert>(
    `INSERT INTO expenses (date, amount, category_id, method, note, staff_id, staff_name, created_at, updated_at)
     VALUES (@date, @amount, @category_id, @method, @note, @staff_id, @staff_name, @at, @at)`,
  );
  const update = db.prepare<ExpenseUpdate>(
    'UPDATE expenses SET date = @date, amount = @amount, category_id = @category_id, method = @method, note = @note, updated_at = @at WHERE id = @id',
  );
  const markDeleted = db.prepare<[string, string, string, string, number]>(
    'UPDATE expenses SET deleted_at = ?, deleted_by = ?, delete_reason = ?, updated_at = ? WHERE id = ?',
  );
  const category = db.prepare<[number], CategoryWithCount>(`${CATEGORY_SELECT} WHERE c.id = ?`);
  const allCategories = db.prepare<[], CategoryWithCount>(`${CATEGORY_SELECT} ORDER BY c.position, c.id`);
  const activeCategories = db.prepare<[], CategoryWithCount>(`${CATEGORY_SELECT} WHERE c.active = 1 ORDER BY c.position, c.id`);
  const nameTaken = db.prepare<[string, string, number], { id: number }>(
    'SELECT id FROM expense_categories WHERE (lower(name_en) = lower(?) OR name_zh = ?) AND id <> ?',
  );
  const nextPosition = db.prepare<[], { p: number }>('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM expense_categories');
  const insertCategory = db.prepare<[string, string, number, string, string]>(
    'INSERT INTO expense_categories (name_en, name_zh, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateCategory = db.prepare<CategoryUpdate>(
    'UPDATE expense_categories SET name_en = @name_en, name_zh = @name_zh, active = @active, position = @position, updated_at = @at WHERE id = @id',
  );

  return {
    byId: (id: number) => byId.get(id),
    page: (f: ExpenseFilter, limit: number, offset: number) => page.all({ ...f, limit, offset }),
    count: (f: ExpenseFilter) => count.get(f)!.n,
    liveAmount: (f: ExpenseFilter) => sum.get({ from: f.from, to: f.to, categoryId: f.categoryId })!.s,
    insert: (row: ExpenseInsert) => Number(insert.run(row).lastInsertRowid),
    update: (row: ExpenseUpdate) => void update.run(row),
    markDeleted: (id: number, at: string, by: string, reason: string) => void markDeleted.run(at, by, reason, at, id),
    category: (id: number) => category.get(id),
    categories: (includeInactive: boolean) => (includeInactive ? allCategories : activeCategories).all(),
    categoryNamed: (nameEn: string, nameZh: string, exceptId: number) => nameTaken.get(nameEn, nameZh, exceptId),
    insertCategory: (nameEn: string, nameZh: string, at: string) =>
      Number(insertCategory.run(nameEn, nameZh, nextPosition.get()!.p, at, at).lastInsertRowid),
    updateCategory: (row: CategoryUpdate) => void updateCategory.run(row),
  };
}

export type ExpensesRepo = ReturnType<typeof createExpensesRepo>;
