/** Session packs (次卡 / 课时包): sold once on their own invoice, N sessions valid D days. */
import { addDays } from '../../../shared/dates';
import type { MemberPack } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import { descriptions } from '../../money/invoices/descriptions';
import type { ServiceEnv } from '../../contract/env';
import type { MembersService } from '../members/service';
import type { PlanRow, PlansService } from '../plans/service';
import { billPayerToday, deskAction } from '../subscriptions/desk';
import { createPacksRepo, type PackWithPlan } from '../../db/repos/packs';

/** Status is derived from dates and usage, so expiry needs no write: expired from `expires_on`. */
function toPack(r: PackWithPlan, used: number, today: string): MemberPack {
  const status = today >= r.expires_on ? 'expired' : used >= r.sessions_total ? 'used_up' : 'active';
  return {
    id: r.id,
    memberId: r.member_id,
    planId: r.plan_id,
    planName: r.plan_name,
    invoiceId: r.invoice_id,
    sessionsTotal: r.sessions_total,
    sessionsUsed: used,
    startDate: r.start_date,
    expiresOn: r.expires_on,
    status,
  };
}

export function createPacksService(env: ServiceEnv, plans: PlansService, members: MembersService) {
  const repo = createPacksRepo(env.db);

  function read(rows: PackWithPlan[]): MemberPack[] {
    const used = repo.sessionsUsed(rows.map((r) => r.id));
    return rows.map((r) => toPack(r, used.get(r.id) ?? 0, env.today()));
  }

  function get(id: number): MemberPack {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Pack ${id} does not exist.`, { entity: 'pack', id });
    return read([row])[0] as MemberPack;
  }

  function listByMember(memberId: number): MemberPack[] {
    members.get(memberId);
    return read(repo.ofMember(memberId));
  }

  /** The pack row and its invoice line for `plan` sold to `memberId` from `start` (billed to the payer today). */
  function issuePack(memberId: number, payerId: number, plan: PlanRow, start: string, price: number, description: string) {
    const sessions = plan.pack_sessions as number;
    const expires = addDays(start, plan.pack_valid_days as number);
    const invoiceId = billPayerToday(
      env,
      payerId,
      [
        {
          kind: 'pack', description, planId: plan.id, periodStart: start, periodEnd: expires,
          amount: price, taxRateBp: plan.tax_rate_bp,
          // For this member; the price as sold, over the whole validity.
          memberId, listPrice: price, daysUsed: plan.pack_valid_days, daysInPeriod: plan.pack_valid_days,
        },
      ],
      env.audit,
    );
    const id = repo.insert({
      member_id: memberId, plan_id: plan.id, invoice_id: invoiceId, sessions_total: sessions,
      start_date: start, expires_on: expires, created_at: env.now().toISOString(),
    });
    const pack = get(id);
    env.audit('member_pack', pack.id, null, pack);
    return { pack, invoiceId };
  }

  /** Sells a pack on its own invoice; the answer is the pack, its invoice and the invoices the catch-up issued. */
  function sell(input: { memberId: number; planId: number; startDate?: string | undefined; price?: number | undefined }) {
    const r = deskAction(env, env.audit, () => {
      const member = members.active(input.memberId);
      const plan = plans.sellable(input.planId, 'pack');
      const today = env.today();
      const start = input.startDate ?? today;
      if (start < addDays(today, -366) || start > addDays(today, 366)) {
        throw new AppError('DATE_OUT_OF_RANGE', `startDate ${start} must be within a year of today.`, { field: 'startDate', date: start });
      }
      const text = descriptions(env.settings.get().locale).pack(plan.name, plan.pack_sessions as number);
      return issuePack(member.id, member.payerId ?? member.id, plan, start, input.price ?? plan.price, text);
    });
    return { pack: r.pack, invoiceId: r.invoiceId, invoices: r.invoices };
  }

  /**
   * Sells a drop-in (单次入场): one session valid today, which the caller's check-in uses. Billed
   * like any sale today (inside a checkout: on the checkout's invoice).
   */
  function sellDropIn(input: { memberId: number; planId: number; price?: number | undefined }, description: (plan: string) => string) {
    return deskAction(env, env.audit, () => {
      const member = members.active(input.memberId);
      const plan = plans.sellable(input.planId, 'dropin');
      return issuePack(member.id, member.payerId ?? member.id, plan, env.today(), input.price ?? plan.price, description(plan.name));
    });
  }

  /** A checkout issues its one invoice after the sales: the packs it sold point at it. */
  function attachInvoice(packIds: number[], invoiceId: number): void {
    for (const id of packIds) repo.setInvoice(id, invoiceId);
  }

  return { get, listByMember, sell, sellDropIn, attachInvoice };
}

export type PacksService = ReturnType<typeof createPacksService>;
