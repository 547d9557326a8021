/**
 * Plans: what is sold (recurring memberships and session packs). A plan's later change never
 * rewrites a subscription: subscriptions copy the terms they were sold with.
 */
import { normalisedMonthly } from '../../billing/periods';
import type { Plan } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { planInput } from '../../contract/plans';
import { createPlansRepo, type PlanTerms } from '../../db/repos/plans';
import type { PlanRow } from '../../db/rows';
import type { ServiceEnv } from '../../contract/env';
import type { z } from 'zod';

export type PlanData = z.output<typeof planInput>;

export type { PlanRow };

export function planFromRow(r: PlanRow): Plan {
  return {
    id: r.id,
    kind: r.single_visit ? 'dropin' : r.kind,
    name: r.name,
    description: r.description,
    price: r.price,
    taxRateBp: r.tax_rate_bp,
    interval: r.interval,
    intervalCount: r.interval_count,
    alignment: r.alignment,
    setupFee: r.setup_fee,
    trialDays: r.trial_days,
    sessionQuota: r.session_quota,
    termPeriods: r.term_periods,
    autoRenew: r.auto_renew === 1,
    freezeDaysPerYear: r.freeze_days_per_year,
    freezeFee: r.freeze_fee,
    pauseMode: r.pause_mode,
    packSessions: r.pack_sessions,
    packValidDays: r.pack_valid_days,
    checkinsPerDay: r.checkins_per_day,
    archived: r.archived === 1,
    monthlyPrice: r.interval && r.interval_count ? normalisedMonthly(r.price, r.interval, r.interval_count) : 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A drop-in is stored as a pack of one session valid one day, marked single_visit. */
const DROP_IN = { packSessions: 1, packValidDays: 1 };

/** Column values for a plan input; the tax rate falls back to the business default. */
function columns(p: PlanData, defaultTaxRateBp: number): PlanTerms {
  const recurring = p.kind === 'recurring' ? p : null;
  const pack = p.kind === 'pack' ? p : p.kind === 'dropin' ? DROP_IN : null;
  return {
    kind: p.kind === 'recurring' ? 'recurring' : 'pack',
    single_visit: p.kind === 'dropin' ? 1 : 0,
    name: p.name,
    description: p.description,
    price: p.price,
    tax_rate_bp: p.taxRateBp ?? defaultTaxRateBp,
    interval: recurring?.interval ?? null,
    interval_count: recurring?.intervalCount ?? null,
    alignment: recurring?.alignment ?? null,
    setup_fee: recurring?.setupFee ?? 0,
    trial_days: recurring?.trialDays ?? 0,
    session_quota: recurring?.sessionQuota ?? null,
    term_periods: recurring?.termPeriods ?? null,
    auto_renew: recurring?.autoRenew ? 1 : 0,
    freeze_days_per_year: recurring?.freezeDaysPerYear ?? 0,
    freeze_fee: recurring?.freezeFee ?? 0,
    pause_mode: recurring?.pauseMode ?? 'credit',
    pack_sessions: pack?.packSessions ?? null,
    pack_valid_days: pack?.packValidDays ?? null,
    checkins_per_day: p.checkinsPerDay,
  };
}

export function createPlansService(env: ServiceEnv) {
  const repo = createPlansRepo(env.db);
  const defaultTaxRateBp = () => env.settings.get().defaultTaxRateBp;
  const at = () => env.now().toISOString();

  function getRow(id: number): PlanRow {
    const row = repo.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Plan ${id} does not exist.`, { entity: 'plan', id });
    return row;
  }

  function get(id: number): Plan {
    return planFromRow(getRow(id));
  }

  /** A plan that may be sold now, of the expected kind. */
  function sellable(id: number, kind: Plan['kind']): PlanRow {
    const row = getRow(id);
    if (row.archived) throw new AppError('PLAN_ARCHIVED', `Plan "${row.name}" is archived.`, { planId: id });
    const actual = planFromRow(row).kind;
    if (actual !== kind) {
      throw new AppError('PLAN_KIND_MISMATCH', `Plan "${row.name}" is a ${actual} plan, not a ${kind} plan.`, { planId: id });
    }
    return row;
  }

  function list(includeArchived: boolean): Plan[] {
    return repo.list(includeArchived).map(planFromRow);
  }

  function create(input: PlanData): Plan {
    const plan = get(repo.insert(columns(input, defaultTaxRateBp()), at()));
    env.audit('plan', plan.id, null, plan);
    return plan;
  }

  /** Replaces the plan's terms. The kind is fixed for life: subscriptions and packs point at it. */
  function update(id: number, input: PlanData): Plan {
    const before = get(id);
    if (before.kind !== input.kind) {
      throw new AppError('PLAN_KIND_MISMATCH', `A ${before.kind} plan cannot become a ${input.kind} plan.`, { planId: id });
    }
    repo.update(id, columns(input, input.taxRateBp === undefined ? before.taxRateBp : defaultTaxRateBp()), at());
    return audited(before);
  }

  function archive(id: number, archived: boolean): Plan {
    const before = get(id);
    repo.setArchived(id, archived, at());
    return audited(before);
  }

  function audited(before: Plan): Plan {
    const after = get(before.id);
    env.audit('plan', after.id, before, after);
    return after;
  }

  return { get, getRow, sellable, list, create, update, archive };
}

export type PlansService = ReturnType<typeof createPlansService>;
