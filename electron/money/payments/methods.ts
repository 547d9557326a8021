/** The configurable list of payment methods, and top-up promotions (充值赠送). */
import { AppError, found } from '../../../shared/errors';
import type { ServiceEnv } from '../../contract/env';
import type { PaymentMethod, TopUpPromotion } from '../../contract/payments';
import type { Db } from '../../db/open';
import { paymentMethodsRepo } from '../../db/repos/payment-methods';
import type { PaymentMethodRow, TopupPromotionRow } from '../../db/rows';

const fromMethodRow = (r: PaymentMethodRow): PaymentMethod => ({
  code: r.code,
  name: r.name,
  builtin: r.builtin === 1,
  isCash: r.is_cash === 1,
  active: r.active === 1,
  position: r.position,
});

const fromPromotionRow = (r: TopupPromotionRow): TopUpPromotion => ({
  id: r.id,
  name: r.name,
  minAmount: r.min_amount,
  bonus: r.bonus,
  active: r.active === 1,
});

export function getMethod(db: Db, code: string): PaymentMethod | undefined {
  const row = paymentMethodsRepo(db).method(code);
  return row ? fromMethodRow(row) : undefined;
}

/** A method the desk may take money with (or give it back with): known and switched on. */
export function activeMethod(db: Db, code: string): PaymentMethod {
  const m = getMethod(db, code);
  if (!m || !m.active) throw new AppError('PAYMENT_METHOD_UNKNOWN', `"${code}" is not a payment method in use.`, { method: code });
  return m;
}

export function getPromotion(db: Db, id: number): TopUpPromotion | undefined {
  const row = paymentMethodsRepo(db).promotion(id);
  return row ? fromPromotionRow(row) : undefined;
}

export interface MethodUpdate {
  code: string;
  name?: string | undefined;
  active?: boolean | undefined;
  position?: number | undefined;
}
export interface PromotionInput {
  name: string;
  minAmount: number;
  bonus: number;
}

/** Payment methods and promotions: every change audited. */
export function createPaymentMethodsService(env: ServiceEnv) {
  const repo = paymentMethodsRepo(env.db);
  const at = () => env.now().toISOString();
  const method = (code: string) => found(getMethod(env.db, code), 'payment_method', code, `No payment method "${code}".`);
  const promotion = (id: number) => found(getPromotion(env.db, id), 'promotion', id, `No promotion ${id}.`);
  const listMethods = (includeInactive: boolean): PaymentMethod[] => repo.methods(includeInactive).map(fromMethodRow);

  function createMethod(input: { name: string; isCash: boolean }): PaymentMethod {
    if (repo.methodNamed(input.name)) throw new AppError('PAYMENT_METHOD_EXISTS', `A payment method called "${input.name}" already exists.`);
    const next = repo.customCount() + 1;
    let code = `custom-${next}`;
    for (let i = next; repo.method(code); i++) code = `custom-${i + 1}`;
    repo.insertMethod({ code, name: input.name, is_cash: input.isCash ? 1 : 0, position: repo.nextPosition() });
    const after = method(code);
    env.audit('payment_method', after.code, null, after);
    return after;
  }

  function updateMethod(input: MethodUpdate): PaymentMethod {
    const before = method(input.code);
    if (input.name !== undefined && before.builtin) {
      throw new AppError('PAYMENT_METHOD_BUILTIN', 'A built-in payment method keeps its name; add a custom one instead.');
    }
    if (input.active === false && before.active && listMethods(false).length === 1) {
      throw new AppError('PAYMENT_METHOD_LAST', 'At least one payment method must stay in use.');
    }
    const active = input.active ?? before.active;
    repo.updateMethod({ code: input.code, name: input.name ?? before.name, active: active ? 1 : 0, position: input.position ?? before.position });
    const after = method(input.code);
    env.audit('payment_method', after.code, before, after);
    return after;
  }

  function createPromotion(input: PromotionInput): TopUpPromotion {
    const after = promotion(repo.insertPromotion({ name: input.name, min_amount: input.minAmount, bonus: input.bonus }, at()));
    env.audit('promotion', after.id, null, after);
    return after;
  }

  function updatePromotion(input: PromotionInput & { id: number; active: boolean }): TopUpPromotion {
    const before = promotion(input.id);
    repo.updatePromotion(input.id, { name: input.name, min_amount: input.minAmount, bonus: input.bonus, active: input.active ? 1 : 0 }, at());
    const after = promotion(input.id);
    env.audit('promotion', after.id, before, after);
    return after;
  }

  return {
    listMethods,
    createMethod,
    updateMethod,
    listPromotions: (includeInactive: boolean): TopUpPromotion[] => repo.promotions(includeInactive).map(fromPromotionRow),
    createPromotion,
    updatePromotion,
  };
}

export type PaymentMethodsService = ReturnType<typeof createPaymentMethodsService>;
