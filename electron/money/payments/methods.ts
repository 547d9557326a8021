/** The configurable list of payment methods, and top-up promotions (充值赠送). */
import { AppError } from '../../../shared/errors';
import type { PaymentMethod, TopUpPromotion } from '../../contract/payments';
import type { Db } from '../../db/open';
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

export function listMethods(db: Db, includeInactive: boolean): PaymentMethod[] {
  return db
    .prepare<[], PaymentMethodRow>(`SELECT * FROM payment_methods ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY position, code`)
    .all()
    .map(fromMethodRow);
}

export function getMethod(db: Db, code: string): PaymentMethod | undefined {
  const row = db.prepare<[string], PaymentMethodRow>('SELECT * FROM payment_methods WHERE code = ?').get(code);
  return row ? fromMethodRow(row) : undefined;
}

/** A method the desk may take money with (or give it back with): known and switched on. */
export function activeMethod(db: Db, code: string): PaymentMethod {
  const m = getMethod(db, code);
  if (!m || !m.active) throw new AppError('PAYMENT_METHOD_UNKNOWN', `"${code}" is not a payment method in use.`, { method: code });
  return m;
}

export function createMethod(db: Db, input: { name: string; isCash: boolean }): PaymentMethod {
  const taken = db.prepare<[string], PaymentMethodRow>('SELECT * FROM payment_methods WHERE lower(name) = lower(?)').get(input.name);
  if (taken) throw new AppError('PAYMENT_METHOD_EXISTS', `A payment method called "${input.name}" already exists.`);
  const next = db.prepare<[], { n: number }>("SELECT COUNT(*) + 1 AS n FROM payment_methods WHERE builtin = 0").get()!.n;
  const position = db.prepare<[], { p: number }>('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM payment_methods').get()!.p;
  let code = `custom-${next}`;
  for (let i = next; getMethod(db, code); i++) code = `custom-${i + 1}`;
  db.prepare('INSERT INTO payment_methods (code, name, is_cash, position) VALUES (?, ?, ?, ?)').run(code, input.name, input.isCash ? 1 : 0, position);
  return getMethod(db, code)!;
}

export function updateMethod(
  db: Db,
  input: { code: string; name?: string | undefined; active?: boolean | undefined; position?: number | undefined },
): { before: PaymentMethod; after: PaymentMethod } {
  const before = getMethod(db, input.code);
  if (!before) throw new AppError('NOT_FOUND', `No payment method "${input.code}".`);
  if (input.name !== undefined && before.builtin) {
    throw new AppError('PAYMENT_METHOD_BUILTIN', 'A built-in payment method keeps its name; add a custom one instead.');
  }
  if (input.active === false && before.active && listMethods(db, false).length === 1) {
    throw new AppError('PAYMENT_METHOD_LAST', 'At least one payment method must stay in use.');
  }
  db.prepare('UPDATE payment_methods SET name = ?, active = ?, position = ? WHERE code = ?').run(
    input.name ?? before.name,
    (input.active ?? before.active) ? 1 : 0,
    input.position ?? before.position,
    input.code,
  );
  return { before, after: getMethod(db, input.code)! };
}

export function listPromotions(db: Db, includeInactive: boolean): TopUpPromotion[] {
  return db
    .prepare<[], TopupPromotionRow>(`SELECT * FROM topup_promotions ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY min_amount, id`)
    .all()
    .map(fromPromotionRow);
}

export function getPromotion(db: Db, id: number): TopUpPromotion | undefined {
  const row = db.prepare<[number], TopupPromotionRow>('SELECT * FROM topup_promotions WHERE id = ?').get(id);
  return row ? fromPromotionRow(row) : undefined;
}

export function createPromotion(db: Db, input: { name: string; minAmount: number; bonus: number }, now: string): TopUpPromotion {
  const info = db
    .prepare('INSERT INTO topup_promotions (name, min_amount, bonus, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(input.name, input.minAmount, input.bonus, now, now);
  return getPromotion(db, Number(info.lastInsertRowid))!;
}

export function updatePromotion(
  db: Db,
  input: { id: number; name: string; minAmount: number; bonus: number; active: boolean },
  now: string,
): { before: TopUpPromotion; after: TopUpPromotion } {
  const before = getPromotion(db, input.id);
  if (!before) throw new AppError('NOT_FOUND', `No promotion ${input.id}.`);
  db.prepare('UPDATE topup_promotions SET name = ?, min_amount = ?, bonus = ?, active = ?, updated_at = ? WHERE id = ?').run(
    input.name,
    input.minAmount,
    input.bonus,
    input.active ? 1 : 0,
    now,
    input.id,
  );
  return { before, after: getPromotion(db, input.id)! };
}
