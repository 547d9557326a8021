/**
 * Promotions (促销活动): campaigns a manager sets up (dates, plans, discount, optional code) and the
 * desk applies at the sale. A promotion only chooses the discount: the membership is sold with it
 * as its own subscription discount, so the state machine bills it like any other (the first N
 * periods, then full price) and nothing else computes it. The sale is recorded in promotion_sales.
 */
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { normalisePromotionCode, promotionRefusal, promotionStatus, promotionalPeriods } from '../../../shared/promotions';
import type { Promotion, PromotionDiscount, PromotionReport, promotionInput } from '../../contract/promotions';
import type { ServiceEnv } from '../../contract/env';
import { createPromotionsRepo, type PromotionTerms } from '../../db/repos/promotions';
import type { PromotionRow } from '../../db/rows';
import type { PlansService } from '../plans/service';

export type PromotionData = z.output<typeof promotionInput>;

function discountOf(r: PromotionRow): PromotionDiscount {
  return { kind: r.discount_kind, value: r.discount_value, duration: r.discount_duration, periods: r.discount_periods };
}

function columns(p: PromotionData): PromotionTerms {
  return {
    name: p.name,
    code: p.code,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
    discount_kind: p.discount.kind,
    discount_value: p.discount.value,
    discount_duration: p.discount.duration,
    discount_periods: p.discount.periods,
  };
}

export function createPromotionsService(env: ServiceEnv, plans: PlansService) {
  const repo = createPromotionsRepo(env.db);
  const at = () => env.now().toISOString();

  function fromRow(r: PromotionRow): Promotion {
    return {
      id: r.id,
      name: r.name,
      code: r.code,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      planIds: repo.plansOf(r.id),
      discount: discountOf(r),
      archived: r.archived === 1,
      status: promotionStatus({ startsOn: r.starts_on, endsOn: r.ends_on }, env.today()),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  function get(id: number): Promotion {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Promotion ${id} does not exist.`, { entity: 'promotion', id });
    return fromRow(row);
  }

  /** Every plan must be a recurring plan still sold (a promotion discounts a membership's periods). */
  function checkPlans(planIds: readonly number[], keep: readonly number[]): void {
    const all = new Map(plans.list(true).map((p) => [p.id, p]));
    for (const planId of planIds) {
      const plan = all.get(planId);
      // A plan archived after the promotion was set up may stay on it; a new one must be on sale.
      if (!plan || plan.kind !== 'recurring' || (plan.archived && !keep.includes(planId))) {
        throw new AppError('PROMOTION_PLAN_INVALID', `Plan ${planId} is not a recurring plan on sale.`, { planId });
      }
    }
  }

  function checkCode(code: string | null, self: number | null): void {
    if (code === null) return;
    const other = repo.byCode(code);
    if (other && other.id !== self) {
      throw new AppError('PROMOTION_CODE_EXISTS', `Promotion "${other.name}" already uses the code ${code}.`, { code, promotionId: other.id });
    }
  }

  function create(input: PromotionData): Promotion {
    checkPlans(input.planIds, []);
    checkCode(input.code, null);
    const id = repo.insert(columns(input), at());
    repo.setPlans(id, input.planIds);
    const after = get(id);
    env.audit('promotion', id, null, after);
    return after;
  }

  /** New terms for later sales; memberships already sold keep the discount they were sold with. */
  function update(id: number, input: PromotionData): Promotion {
    const before = get(id);
    checkPlans(input.planIds, before.planIds);
    checkCode(input.code, id);
    repo.update(id, columns(input), at());
    repo.setPlans(id, input.planIds);
    const after = get(id);
    env.audit('promotion', id, before, after);
    return after;
  }

  function archive(id: number, archived: boolean): Promotion {
    const before = get(id);
    repo.setArchived(id, archived, at());
    const after = get(id);
    env.audit('promotion', id, before, after);
    return after;
  }

  function list(includeArchived: boolean): Promotion[] {
    return repo.list(includeArchived).map(fromRow);
  }

  /** Those the clerk may pick for a sale of this plan today. */
  function eligible(planId: number): Promotion[] {
    return repo.forPlanOn(planId, env.today()).map(fromRow);
  }

  /** A promotion for a sale of `planId` today, by id or typed code; refused with the reason's code. */
  function forSale(planId: number, pick: { promotionId?: number | undefined; promotionCode?: string | undefined }): Promotion {
    let promo: Promotion;
    if (pick.promotionId !== undefined) {
      promo = get(pick.promotionId);
    } else {
      const code = normalisePromotionCode(pick.promotionCode ?? '');
      const row = repo.byCode(code);
      if (!row) throw new AppError('PROMOTION_CODE_UNKNOWN', `No promotion has the code ${code}.`, { code });
      promo = fromRow(row);
    }
    const refusal = promotionRefusal(promo, planId, env.today());
    if (refusal) {
      throw new AppError(refusal, `Promotion "${promo.name}" cannot be used for plan ${planId} on ${env.today()}.`, {
        promotionId: promo.id, planId, startsOn: promo.startsOn, endsOn: promo.endsOn,
      });
    }
    return promo;
  }

  /** Records that a membership was sold with the promotion (the report counts these). */
  function recordSale(promotionId: number, subscriptionId: number, memberId: number): void {
    const id = repo.recordSale(promotionId, subscriptionId, memberId, env.today(), at());
    env.audit('promotion_sale', id, null, { promotionId, subscriptionId, memberId, soldOn: env.today() });
  }

  function attachInvoice(invoiceId: number, subscriptionIds: readonly number[]): void {
    if (subscriptionIds.length > 0) repo.attachInvoice(invoiceId, subscriptionIds);
  }

  /**
   * Each promotion's sales, what the sales' invoices billed for the promoted memberships, what those
   * memberships billed to date, and how many renewed: billed more period charges than the promotion
   * discounted (see docs/reports.md).
   */
  function report(includeArchived: boolean): PromotionReport {
    const uptake = new Map(repo.uptake().map((u) => [u.promotion_id, u]));
    const rows = list(includeArchived).map((p) => {
      const u = uptake.get(p.id);
      const promotional = promotionalPeriods(p.discount);
      const renewed = repo.periodCounts(p.id).filter((c) => c.periods > promotional).length;
      return {
        id: p.id, name: p.name, code: p.code, startsOn: p.startsOn, endsOn: p.endsOn, status: p.status, archived: p.archived,
        discount: p.discount, sales: u?.sales ?? 0, revenue: u?.revenue ?? 0, revenueToDate: u?.revenue_to_date ?? 0,
        promotionalPeriods: promotional, renewed,
      };
    });
    return { today: env.today(), rows };
  }

  return { get, list, eligible, forSale, create, update, archive, recordSale, attachInvoice, report };
}

export type PromotionsService = ReturnType<typeof createPromotionsService>;
