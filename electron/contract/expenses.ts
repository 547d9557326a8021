import { z } from 'zod';
import { channel } from './define';
import { id, isoDate, lineText, positiveMoney, requiredText, text } from './common';

export const EXPENSE_CATEGORY_CODES = ['rent', 'salaries', 'utilities', 'equipment', 'marketing', 'other'] as const;

/** An expense category: the six defaults have a code; every category has a name in both languages. */
export interface ExpenseCategory {
  id: number;
  code: (typeof EXPENSE_CATEGORY_CODES)[number] | null;
  nameEn: string;
  nameZh: string;
  active: boolean;
  position: number;
  /** Expenses (not deleted) filed under it. */
  expenses: number;
}

export interface Expense {
  id: number;
  date: string;
  amount: number;
  categoryId: number;
  categoryNameEn: string;
  categoryNameZh: string;
  /** A payment method code (cash, bank_transfer, wechat…; see paymentMethods.list). */
  method: string;
  note: string;
  staffName: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the entry was deleted (kept for the audit trail; left out of every total). */
  deleted: { at: string; by: string; reason: string } | null;
}

export interface ExpenseList {
  rows: Expense[];
  /** Rows matching the filter (before limit/offset). */
  total: number;
  /** Sum of the matching, not deleted expenses. */
  amount: number;
}

const expenseFields = {
  date: isoDate,
  amount: positiveMoney,
  categoryId: id,
  method: requiredText(40),
  note: text(500).default(''),
};

/** Names of a category: give one or both; a blank one takes the other's text. */
const categoryNames = z
  .strictObject({ nameEn: lineText(60).default(''), nameZh: lineText(60).default('') })
  .refine((c) => c.nameEn !== '' || c.nameZh !== '', { message: 'required', path: ['nameEn'] });

export const expenseChannels = {
  'expenses.list': channel<ExpenseList>()(
    z
      .strictObject({
        from: isoDate.optional(),
        to: isoDate.optional(),
        categoryId: id.optional(),
        includeDeleted: z.boolean('invalid_choice').default(false),
        limit: z.number('out_of_range').int('out_of_range').min(1, 'out_of_range').max(100_000, 'out_of_range').default(1000),
        offset: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').default(0),
      })
      .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'date_range', path: ['to'] }),
    { access: 'manager', mutates: false },
  ),
  'expenses.create': channel<Expense>()(z.strictObject(expenseFields), { access: 'manager', mutates: true }),
  'expenses.update': channel<Expense>()(z.strictObject({ id, ...expenseFields }), { access: 'manager', mutates: true }),
  /** Deletes softly: the entry stays for the audit trail, out of every total. */
  'expenses.delete': channel<Expense>()(z.strictObject({ id, reason: requiredText(300) }), { access: 'manager', mutates: true }),

  'expenseCategories.list': channel<ExpenseCategory[]>()(z.strictObject({ includeInactive: z.boolean('invalid_choice').default(false) }), {
    access: 'manager',
    mutates: false,
  }),
  'expenseCategories.create': channel<ExpenseCategory>()(categoryNames, { access: 'manager', mutates: true }),
  /** Rename, switch on or off (a category in use is never deleted), or move in the list. */
  'expenseCategories.update': channel<ExpenseCategory>()(
    z.strictObject({
      id,
      nameEn: lineText(60).optional(),
      nameZh: lineText(60).optional(),
      active: z.boolean('invalid_choice').optional(),
      position: z.number('out_of_range').int('out_of_range').min(0, 'out_of_range').max(1000, 'out_of_range').optional(),
    }),
    { access: 'manager', mutates: true },
  ),
};
