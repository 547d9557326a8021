/** Promotions (促销活动), their plans and the sales that used them: every statement prepared once. */
import type { Db } from '../open';
import type { PromotionRow, PromotionSaleRow } from '../rows';

/** The columns a promotion's terms write (everything but id, archived and the timestamps). */
export type PromotionTerms = Omit<PromotionRow, 'id' | 'archived' | 'created_at' | 'updated_at'>;

/** What the report reads of one promotion's sales, summed in SQL. */
export interface PromotionUptake {
  promotion_id: number;
  sales: number;
  /** The promoted memberships' lines on the sales' own invoices (not void). */
  revenue: number;
  /** Every line of those memberships on invoices not void, less credit notes against them. */
  revenue_to_date: number;
}

export function createPromotionsRepo(db: Db) {
  const byId = db.prepare<[number], PromotionRow>('SELECT * FROM promotions WHERE id = ?');
  const byCode = db.prepare<[string], PromotionRow>('SELECT * FROM promotions WHERE code = ?'); // the column is NOCASE
  const all = db.prepare<[], PromotionRow>('SELECT * FROM promotions ORDER BY archived, starts_on DESC, id DESC');
  const live = db.prepare<[], PromotionRow>('SELECT * FROM promotions WHERE archived = 0 ORDER BY starts_on DESC, id DESC');
  const forPlanOn = db.prepare<[number, string, string], PromotionRow>(
    `SELECT p.* FROM promotions p JOIN promotion_plans pp ON pp.promotion_id = p.id
     WHERE pp.plan_id = ? AND p.archived = 0 AND p.starts_on <= ? AND p.ends_on >= ?
     ORDER BY p.ends_on, p.name COLLATE NOCASE, p.id`,
  );
  const plansOf = db.prepare<[number], { plan_id: number }>('SELECT plan_id FROM promotion_plans WHERE promotion_id = ? ORDER BY plan_id');
  const insert = db.prepare<PromotionTerms & { at: string }>(
    `INSERT INTO promotions (name, code, starts_on, ends_on, discount_kind, discount_value, discount_duration, discount_periods, created_at, updated_at)
     VALUES (@name, @code, @starts_on, @ends_on, @discount_kind, @discount_value, @discount_duration, @discount_periods, @at, @at)`,
  );
  const update = db.prepare<PromotionTerms & { id: number; at: string }>(
    `UPDATE promotions SET name = @name, code = @code, starts_on = @starts_on, ends_on = @ends_on, discount_kind = @discount_kind,
       discount_value = @discount_value, discount_duration = @discount_duration, discount_periods = @discount_periods, updated_at = @at
     WHERE id = @id`,
  );
  const archive = db.prepare<[number, string, number]>('UPDATE promotions SET archived = ?, updated_at = ? WHERE id = ?');
  const clearPlans = db.prepare<[number]>('DELETE FROM promotion_plans WHERE promotion_id = ?');
  const addPlan = db.prepare<[number, number]>('INSERT INTO promotion_plans (promotion_id, plan_id) VALUES (?, ?)');
  const insertSale = db.prepare<[number, number, number, string, string]>(
    'INSERT INTO promotion_sales (promotion_id, subscription_id, member_id, sold_on, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const attach = db.prepare<[number, string]>(
    'UPDATE promotion_sales SET invoice_id = ? WHERE invoice_id IS NULL AND subscription_id IN (SELECT value FROM json_each(?))',
  );
  const salesOf = db.prepare<[number], PromotionSaleRow>('SELECT * FROM promotion_sales WHERE promotion_id = ? ORDER BY id');
  const uptake = db.prepare<[], PromotionUptake>(
    `SELECT s.promotion_id,
       COUNT(*) AS sales,
       COALESCE(SUM((SELECT SUM(l.gross) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                     WHERE l.subscription_id = s.subscription_id AND l.invoice_id = s.invoice_id AND i.status <> 'void')), 0) AS revenue,
       COALESCE(SUM((SELECT SUM(l.gross) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                     WHERE l.subscription_id = s.subscription_id AND i.status <> 'void')), 0)
       - COALESCE(SUM((SELECT SUM(c.gross) FROM credit_note_lines c LEFT JOIN invoice_lines l ON l.id = c.invoice_line_id
                       WHERE COALESCE(l.subscription_id, c.subscription_id) = s.subscription_id)), 0) AS revenue_to_date
     FROM promotion_sales s GROUP BY s.promotion_id`,
  );
  /** Period charges (on invoices not void) of each membership sold with the promotion. */
  const periodCounts = db.prepare<[number], { subscription_id: number; periods: number }>(
    `SELECT s.subscription_id,
       (SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.subscription_id = s.subscription_id AND l.kind = 'period' AND i.status <> 'void') AS periods
     FROM promotion_sales s WHERE s.promotion_id = ? ORDER BY s.id`,
  );

  return {
    byId: (id: number): PromotionRow | undefined => byId.get(id),
    byCode: (code: string): PromotionRow | undefined => byCode.get(code),
    list: (includeArchived: boolean): PromotionRow[] => (includeArchived ? all : live).all(),
    /** Not archived and valid on `date` for the plan. */
    forPlanOn: (planId: number, date: string): PromotionRow[] => forPlanOn.all(planId, date, date),
    plansOf: (id: number): number[] => plansOf.all(id).map((r) => r.plan_id),
    /** Returns the new promotion's id. */
    insert: (terms: PromotionTerms, at: string): number => Number(insert.run({ ...terms, at }).lastInsertRowid),
    update: (id: number, terms: PromotionTerms, at: string): void => void update.run({ ...terms, id, at }),
    setArchived: (id: number, archived: boolean, at: string): void => void archive.run(archived ? 1 : 0, at, id),
    setPlans(id: number, planIds: readonly number[]): void {
      clearPlans.run(id);
      for (const planId of new Set(planIds)) addPlan.run(id, planId);
    },
    recordSale: (promotionId: number, subscriptionId: number, memberId: number, soldOn: string, at: string): number =>
      Number(insertSale.run(promotionId, subscriptionId, memberId, soldOn, at).lastInsertRowid),
    /** The checkout's invoice billed these promoted memberships. */
    attachInvoice: (invoiceId: number, subscriptionIds: readonly number[]): void => void attach.run(invoiceId, JSON.stringify(subscriptionIds)),
    salesOf: (id: number): PromotionSaleRow[] => salesOf.all(id),
    uptake: (): PromotionUptake[] => uptake.all(),
    periodCounts: (id: number) => periodCounts.all(id),
  };
}

export type PromotionsRepo = ReturnType<typeof createPromotionsRepo>;
