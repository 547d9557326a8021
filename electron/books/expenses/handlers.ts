import type { expenseChannels } from '../../contract/expenses';
import type { AreaHandlers } from '../../contract/handler';
import type { ExpensesService } from './service';

export function expenseHandlers(expenses: ExpensesService): AreaHandlers<keyof typeof expenseChannels> {
  return {
    'expenses.list': (input) => expenses.list(input),
    'expenses.create': (input) => expenses.create(input),
    'expenses.update': ({ id, ...input }) => expenses.update(id, input),
    'expenses.delete': (input) => expenses.remove(input.id, input.reason),
    'expenseCategories.list': (input) => expenses.categories(input.includeInactive),
    'expenseCategories.create': (input) => expenses.createCategory(input),
    'expenseCategories.update': (input) => expenses.updateCategory(input),
  };
}
