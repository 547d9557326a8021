/** Payment methods and top-up promotions (statements cached per connection by `prepared`). */
import type { Db } from '../open';
import type { PaymentMethodRow, TopupPromotionRow } from '../rows';
import { prepared, perConnection } from '../statements';

export type PromotionTerms = Pick<TopupPromotionRow, 'name' | 'min_amount' | 'bonus'>;

function buildPaymentMethodsRepo(db: Db) {
  return {
    methods: (includeInactive: boolean) =>
      prepared<[], PaymentMethodRow>(db, `SELECT * FROM payment_methods ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY position, code`).all(),
    method: (code: string) => prepared<[string], PaymentMethodRow>(db, 'SELECT * FROM payment_methods WHERE code = ?').get(code),
    methodNamed: (name: string) => prepared<[string], PaymentMethodRow>(db, 'SELECT * FROM payment_methods WHERE lower(name) = lower(?)').get(name),
    customCount: () => prepared<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM payment_methods WHERE builtin = 0').get()!.n,
    nextPosition: () => prepared<[], { p: number }>(db, 'SELECT COALESCE(MAX(position), 0) + 1 AS p FROM payment_methods').get()!.p,
    insertMethod: (row: Pick<PaymentMethodRow, 'code' | 'name' | 'is_cash' | 'position'>): void =>
      void prepared<typeof row>(db, 'INSERT INTO payment_methods (code, name, is_cash, position) VALUES (@code, @name, @is_cash, @position)').run(row),
    updateMethod: (row: Pick<PaymentMethodRow, 'code' | 'name' | 'active' | 'position'>): void =>
      void prepared<typeof row>(db, 'UPDATE payment_methods SET name = @name, active = @active, position = @position WHERE code = @code').run(row),
    promotions: (includeInactive: boolean) =>
      prepared<[], TopupPromotionRow>(db, `SELECT * FROM topup_promotions ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY min_amount, id`).all(),
    promotion: (id: number) => prepared<[number], TopupPromotionRow>(db, 'SELECT * FROM topup_promotions WHERE id = ?').get(id),
    insertPromotion: (terms: PromotionTerms, at: string): number =>
      Number(
        prepared<PromotionTerms & { at: string }>(
          db,
          'INSERT INTO topup_promotions (name, min_amount, bonus, created_at, updated_at) VALUES (@name, @min_amount, @bonus, @at, @at)',
        ).run({ ...terms, at }).lastInsertRowid,
      ),
    updatePromotion: (id: number, terms: PromotionTerms & { active: number }, at: string): void =>
      void prepared<PromotionTerms & { active: number; id: number; at: string }>(
        db,
        'UPDATE topup_promotions SET name = @name, min_amount = @min_amount, bonus = @bonus, active = @active, updated_at = @at WHERE id = @id',
      ).run({ ...terms, id, at }),
  };
}

/** Built once per connection. */
export const paymentMethodsRepo = perConnection(buildPaymentMethodsRepo);
