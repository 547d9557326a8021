/**
 * Facts a billing run reads once instead of once per unit. While billDue runs nothing else
 * writes (the run is synchronous), and the run itself never creates plans, pauses or add-ons:
 * it only ends or resumes them. So a subscription without an open pause or an add-on at the
 * start of the run has none all through it, and a plan row read once stays right.
 * Outside a run (desk actions after their catch-up) there is no cache and every lookup queries.
 */
import type { Db } from '../../db/open';
import { billingRunsRepo } from '../../db/repos/billing-runs';
import type { PlanRow } from '../../db/rows';

export interface RunCache {
  plans: Map<number, PlanRow>;
  /** Subscriptions with a pause not yet resumed when the run started. */
  withOpenPause: Set<number>;
  /** Subscriptions with an add-on row when the run started. */
  withAddons: Set<number>;
}

const active = new WeakMap<Db, RunCache>();

/** Runs `fn` with a run cache on `db` (the caller's one, if a run is already going). */
export function withRunCache<T>(db: Db, fn: () => T): T {
  if (active.has(db)) return fn();
  const repo = billingRunsRepo(db);
  active.set(db, { plans: new Map(), withOpenPause: repo.withOpenPause(), withAddons: repo.withAddons() });
  try {
    return fn();
  } finally {
    active.delete(db);
  }
}

export function runCache(db: Db): RunCache | undefined {
  return active.get(db);
}
