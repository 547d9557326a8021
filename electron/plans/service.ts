/**
 * Plans: what is sold (recurring memberships and session packs). A plan's later change never
 * rewrites a subscription: subscriptions copy the terms they were sold with.
 */
import { normalisedMonthly } from '../billing/periods';
import type { Plan } from '../contract/billing-types';
import { AppError } from '../contract/errors';
import type { planInput } from '../contract/plans';
import type { Db } from '../db/open';
import type { z } from 'zod';

export type PlanData = z.output<typeof planInput>;

export interface PlanRow {
  id: number;
  kind: 'recurring' | 'pack';
  name: string;
  description: string;
  price: number;
  tax_rate_bp: number;
  interval: 'week' | 'month' | 'year' | null;
  interval_count: number | null;
  alignment: 'anniversary' | 'calendar' | null;
  setup_fee: number;
  trial_days: number;
  session_quota: number | null;
  term_periods: number | null;
  auto_renew: number;
  freeze_days_per_year: number;
  freeze_fee: number;
  pack_sessions: number | null;
  pack_valid_days: number | null;
  checkins_per_day: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export function planFromRow(r: PlanRow): Plan {
  return {
    id: r.id,
    kind: r.kind,
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
    packSessions: r.pack_sessions,
    packValidDays: r.pack_valid_days,
    checkinsPerDay: r.checkins_per_day,
    archived: r.archived === 1,
    monthlyPrice: r.interval && r.interval_count ? normalisedMonthly(r.price, r.interval, r.interval_count) : 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Column values for a plan input; the tax rate falls back to the business default. */
function columns(p: PlanData, defaultTaxRateBp: number) {
  const recurring = p.kind === 'recurring' ? p : null;
  const pack = p.kind === 'pack' ? p : null;
  return {
    kind: p.kind,
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
    pack_sessions: pack?.packSessions ?? null,
    pack_valid_days: pack?.packValidDays ?? null,
    checkins_per_day: p.checkinsPerDay,
  };
}

export function createPlansService(db: Db) {
  const byId = db.prepare<[number], PlanRow>('SELECT * FROM plans WHERE id = ?');

  function getRow(id: number): PlanRow {
    const row = byId.get(id);
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
    if (row.kind !== kind) {
      throw new AppError('PLAN_KIND_MISMATCH', `Plan "${row.name}" is a ${row.kind} plan, not a ${kind} plan.`, { planId: id });
    }
    return row;
  }

  function list(includeArchived: boolean): Plan[] {
    const sql = includeArchived
      ? 'SELECT * FROM plans ORDER BY archived, kind DESC, name COLLATE NOCASE, id'
      : 'SELECT * FROM plans WHERE archived = 0 ORDER BY kind DESC, name COLLATE NOCASE, id';
    return db.prepare<[], PlanRow>(sql).all().map(planFromRow);
  }

  function create(input: PlanData, defaultTaxRateBp: number, at: string): Plan {
    const c = columns(input, defaultTaxRateBp);
    const info = db
      .prepare(
        `INSERT INTO plans (kind, name, description, price, tax_rate_bp, interval, interval_count, alignment, setup_fee,
           trial_days, session_quota, term_periods, auto_renew, freeze_days_per_year, freeze_fee, pack_sessions,
           pack_valid_days, checkins_per_day, created_at, updated_at)
         VALUES (@kind, @name, @description, @price, @tax_rate_bp, @interval, @interval_count, @alignment, @setup_fee,
           @trial_days, @session_quota, @term_periods, @auto_renew, @freeze_days_per_year, @freeze_fee, @pack_sessions,
           @pack_valid_days, @checkins_per_day, @at, @at)`,
      )
      .run({ ...c, at });
    return get(Number(info.lastInsertRowid));
  }

  /** Replaces the plan's terms. The kind is fixed for life: subscriptions and packs point at it. */
  function update(id: number, input: PlanData, defaultTaxRateBp: number, at: string): { before: Plan; after: Plan } {
    const before = get(id);
    if (before.kind !== input.kind) {
      throw new AppError('PLAN_KIND_MISMATCH', `A ${before.kind} plan cannot become a ${input.kind} plan.`, { planId: id });
    }
    const c = columns(input, input.taxRateBp === undefined ? before.taxRateBp : defaultTaxRateBp);
    db.prepare(
      `UPDATE plans SET name = @name, description = @description, price = @price, tax_rate_bp = @tax_rate_bp,
         interval = @interval, interval_count = @interval_count, alignment = @alignment, setup_fee = @setup_fee,
         trial_days = @trial_days, session_quota = @session_quota, term_periods = @term_periods, auto_renew = @auto_renew,
         freeze_days_per_year = @freeze_days_per_year, freeze_fee = @freeze_fee, pack_sessions = @pack_sessions,
         pack_valid_days = @pack_valid_days, checkins_per_day = @checkins_per_day, updated_at = @at
       WHERE id = @id`,
    ).run({ ...c, id, at });
    return { before, after: get(id) };
  }

  function archive(id: number, archived: boolean, at: string): { before: Plan; after: Plan } {
    const before = get(id);
    db.prepare('UPDATE plans SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, at, id);
    return { before, after: get(id) };
  }

  return { get, getRow, sellable, list, create, update, archive };
}

export type PlansService = ReturnType<typeof createPlansService>;
