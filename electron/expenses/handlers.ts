import type { expenseChannels } from '../contract/expenses';
import type { AreaHandlers, Ctx } from '../handlers';
import type { Actor, ExpensesService } from './service';

function actor(ctx: Ctx): Actor {
  return { staffId: ctx.staff?.id ?? null, staffName: ctx.staff?.name ?? '', at: ctx.now().toISOString() };
}

export function expenseHandlers(expenses: ExpensesService): AreaHandlers<keyof typeof expenseChannels> {
  return {
    'expenses.list': (input) => expenses.list(input),
    'expenses.create': (input, ctx) => {
      const after = expenses.create(input, actor(ctx));
      ctx.audit('expense', after.id, null, after);
      return after;
    },
    'expenses.update': ({ id, ...input }, ctx) => {
      const { before, after } = expenses.update(id, input, ctx.now().toISOString());
      ctx.audit('expense', id, before, after);
      return after;
    },
    'expenses.delete': (input, ctx) => {
      const { before, after } = expenses.remove(input.id, input.reason, actor(ctx));
      ctx.audit('expense', input.id, before, after);
      return after;
    },
    'expenseCategories.list': (input) => expenses.categories(input.includeInactive),
    'expenseCategories.create': (input, ctx) => {
      const after = expenses.createCategory(input, ctx.now().toISOString());
      ctx.audit('expense_category', after.id, null, after);
      return after;
    },
    'expenseCategories.update': (input, ctx) => {
      const { before, after } = expenses.updateCategory(input, ctx.now().toISOString());
      ctx.audit('expense_category', after.id, before, after);
      return after;
    },
  };
}
