/**
 * What a new invoice line's facts are worked out from when its draft leaves them open: the
 * subscription as it stands, its plan's schedule, an add-on's price and the period charges
 * already issued. Read-only; statements cached per connection (`prepared`).
 */
import type { Db } from '../open';
import type { PlanRow, SubscriptionRow } from '../rows';
import { prepared, perConnection } from '../statements';

export type PlanSchedule = Pick<PlanRow, 'id' | 'price' | 'interval' | 'interval_count' | 'alignment'>;

function buildLineFactsRepo(db: Db) {
  return {
    subscription: (id: number) => prepared<[number], SubscriptionRow>(db, 'SELECT * FROM subscriptions WHERE id = ?').get(id),
    plan: (id: number) => prepared<[number], PlanSchedule>(db, 'SELECT id, price, interval, interval_count, alignment FROM plans WHERE id = ?').get(id),
    addonPrice: (id: number) => prepared<[number], { price: number }>(db, 'SELECT price FROM subscription_addons WHERE id = ?').get(id)?.price,
    /** The first period start and the largest period amount issued for a subscription on a plan. */
    periodCharges: (subId: number, planId: number | null) =>
      prepared<[number, number | null], { first: string | null; largest: number | null }>(
        db,
        `SELECT MIN(l.period_start) AS first, MAX(l.amount) AS largest FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
          WHERE l.subscription_id = ? AND l.plan_id IS ? AND l.kind = 'period' AND i.status = 'issued' AND l.period_start IS NOT NULL`,
      ).get(subId, planId),
  };
}

/** Built once per connection. */
export const lineFactsRepo = perConnection(buildLineFactsRepo);
