/**
 * The billing run: every due, not yet invoiced period up to `asOf`, in date order (catch-up),
 * each (payer, billing date) unit atomic (a savepoint) with one invoice dated on its billing
 * date, units committed in batches (group commit). Exactly once: a unit's invoice and the
 * subscriptions' advanced state commit together, and invoice_lines_once_per_period refuses a
 * period billed twice. After the periods, the day's late fees (electron/money/latefees/job.ts).
 */
import type { BillingRun } from '../../contract/billing-types';
import type { AuditFn, BillingEnv } from '../invoices/env';
import { issueInvoice } from '../invoices/issue';
import { withRunCache } from './cache';
import { dueSubscriptions } from './due';
import { fillMissingWakes } from './states';
import { stepPayerAt } from './step';
import { billingRunsRepo, type RunInsert } from '../../db/repos/billing-runs';
import type { BillingRunRow } from '../../db/rows';
import { daysBetween } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { billLateFees, lateFeesDue, payerFees } from '../latefees/job';
import type { LateFeeCandidate } from '../../db/repos/late-fees';
import { batchUnit, writeBatch } from '../../db/write-batch';
import { openReportBatch } from '../../db/report-batch';
import { withTempInMemory } from '../../db/open';

export type RunTrigger = BillingRun['trigger'];

export interface DueResult {
  invoicesCreated: number;
  amountTotal: number;
  errors: { subscriptionId: number; message: string }[];
}

/**
 * Group commit: units are billed in batches that share one transaction, each unit in its own
 * savepoint. With synchronous=FULL a commit is an fsync (milliseconds), far more than a unit's
 * own work, so one commit per batch instead of per unit. A batch ends after `units` units or
 * `ms` milliseconds, whichever comes first, so a crash loses little and other work waits little.
 */
export interface BatchLimits {
  units: number;
  ms: number;
}

export const DEFAULT_BATCH: BatchLimits = { units: 2000, ms: 500 };

/**
 * Bills every unit due on or before `asOf`, earliest date first (numbers stay chronological).
 * Each unit is atomic (a savepoint); batches of units commit together (group commit, or one
 * savepoint each inside the caller's transaction). A failing unit is rolled back to its
 * savepoint alone, reported per subscription, and its payer is left alone for the rest of this pass.
 */
export function billDue(
  env: BillingEnv,
  asOf: string,
  runId: number | null,
  audit: AuditFn,
  batch: BatchLimits = DEFAULT_BATCH,
  fees: () => ReadonlyMap<number, readonly LateFeeCandidate[]> = () => new Map(),
): DueResult {
  // Rows saved since their wake date was last computed (or written before the column) get it first.
  fillMissingWakes(env.db);
  // Each unit's savepoint journals the pages it changes: in memory, dropped as the unit ends (electron/db/open.ts).
  return withRunCache(env.db, () => withTempInMemory(env.db, () => billDueUnits(env, asOf, runId, audit, batch, fees)));
}

function billDueUnits(
  env: BillingEnv,
  asOf: string,
  runId: number | null,
  audit: AuditFn,
  batch: BatchLimits,
  fees: () => ReadonlyMap<number, readonly LateFeeCandidate[]>,
): DueResult {
  const result: DueResult = { invoicesCreated: 0, amountTotal: 0, errors: [] };
  // The fees due on the run's own day, worked out when its units come (last: after a catch-up's earlier days,
  // whose invoices may be overdue by then too).
  let feesToday: ReadonlyMap<number, readonly LateFeeCandidate[]> | undefined;
  const failed = new Set<number>();
  for (;;) {
    const due = dueSubscriptions(env.db, asOf).filter((r) => !failed.has(r.payer_id));
    const first = due[0];
    if (!first) return result;
    const date = first.wake;
    const today = due.filter((r) => r.wake === date);
    const payers = [...new Set(today.map((r) => r.payer_id))];
    // The late fees due on the run's day go on that day's invoice of the payer (one invoice per payer per billing date).
    if (date === asOf) feesToday ??= fees();
    const unit = (payerId: number) => billUnit(env, payerId, date, runId, audit, date === asOf ? feesToday?.get(payerId) : undefined);
    for (let next = 0; next < payers.length; ) {
      let done: BatchOutcome;
      try {
        done = billBatch(env, payers.slice(next, next + batch.units), batch.ms, unit);
      } catch (e) {
        if (!isDiskFull(e)) throw e;
        return stopOnFullDisk(env, asOf, result, e);
      }
      next += done.tried;
      result.invoicesCreated += done.invoices;
      result.amountTotal += done.amount;
      for (const [payerId, message] of done.failures) {
        failed.add(payerId);
        for (const r of today) if (r.payer_id === payerId) result.errors.push({ subscriptionId: r.id, message });
      }
    }
  }
}

function isDiskFull(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 'SQLITE_FULL';
}

/**
 * A full disk rolls the whole batch back (SQLite ends the transaction), so every later unit
 * would fail the same way: stop, keep the batches already committed, and log every unit still due
 * so the run says what was not billed. The next run, once space is freed, bills exactly those.
 */
function stopOnFullDisk(env: BillingEnv, asOf: string, result: DueResult, e: unknown): DueResult {
  const message = e instanceof Error ? e.message : String(e);
  for (const r of dueSubscriptions(env.db, asOf)) result.errors.push({ subscriptionId: r.id, message });
  return result;
}

/**
 * One (payer, date) unit: the engine step and its invoice, with the payer's late fees of the day when given.
 * Returns the invoice total, or null when no period was due (the fees then get an invoice of their own).
 */
function billUnit(env: BillingEnv, payerId: number, date: string, runId: number | null, audit: AuditFn, overdue?: readonly LateFeeCandidate[]): number | null {
  const lines = stepPayerAt(env, payerId, date, audit);
  if (lines.length === 0) return null;
  const fees = overdue ? payerFees(env, payerId, overdue, date, audit) : null;
  const invoice = issueInvoice(env, { payerId, issueDate: date, lines: fees ? [...lines, ...fees.lines] : lines, runId }, audit);
  fees?.record(invoice);
  return invoice.total;
}

interface BatchOutcome {
  tried: number;
  invoices: number;
  amount: number;
  failures: [number, string][];
}

/**
 * Bills payers in one transaction until they run out or `ms` have passed, each in a savepoint.
 * Counts only what committed: the outcome is returned after the commit.
 */
function billBatch(env: BillingEnv, payers: number[], ms: number, unit: (payerId: number) => number | null): BatchOutcome {
  const out: BatchOutcome = { tried: 0, invoices: 0, amount: 0, failures: [] };
  const started = performance.now();
  // The batch's audit entries, document numbers and report summaries are written once, before the commit
  // (electron/db/write-batch.ts, electron/db/report-batch.ts).
  env.db.transaction(() => writeBatch(env.db, () => {
    openReportBatch(env.db);
    for (const payerId of payers) {
      if (out.tried > 0 && performance.now() - started >= ms) break;
      out.tried += 1;
      try {
        // The unit's savepoint inside its batch unit: whatever undoes the savepoint also undoes what the unit added to the batch.
        const total = batchUnit(env.db, () => env.db.transaction(() => unit(payerId))());
        if (total === null) continue;
        out.invoices += 1;
        out.amount += total;
      } catch (e) {
        // SQLite rolled the whole transaction back (a full disk, an I/O error): the batch is lost, not just this unit.
        if (!env.db.inTransaction) throw e;
        out.failures.push([payerId, e instanceof Error ? e.message : String(e)]);
      }
    }
  }))();
  return out;
}

function fromRow(r: BillingRunRow): BillingRun {
  return {
    id: r.id,
    trigger: r.trigger,
    asOf: r.as_of,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.held_after !== null ? 'held' : r.status,
    invoicesCreated: r.invoices_created,
    amountTotal: r.amount_total,
    errors: JSON.parse(r.errors) as BillingRun['errors'],
    message: r.message,
    held: r.held_after !== null ? { lastAsOf: r.held_after, wouldCreate: r.held_count ?? 0 } : null,
  };
}

export function getRun(env: BillingEnv, id: number): BillingRun {
  const row = billingRunsRepo(env.db).byId(id);
  if (!row) throw new Error(`billing run ${id} is missing`);
  return fromRow(row);
}

export function listRuns(env: BillingEnv, limit: number): BillingRun[] {
  return billingRunsRepo(env.db).latest(limit).map(fromRow);
}

/** The latest as-of date billing has reached (refused and held runs do not count: both are stored as refusals). */
export function lastBilledAsOf(env: BillingEnv): string | null {
  return billingRunsRepo(env.db).lastAsOf();
}

/** Refuses an action that would issue a document dated before the last run's (the PC clock was set back). */
export function assertClockNotBehind(env: BillingEnv): void {
  const last = lastBilledAsOf(env);
  const today = env.today();
  if (last !== null && today < last) {
    throw new AppError('CLOCK_BEHIND', `Today (${today}) is earlier than the last billing run (${last}).`, { today, lastRun: last });
  }
}

/**
 * One logged run as of `asOf`. Refuses (and logs the refusal) when `asOf` is earlier than a
 * previous run's as-of date: the PC clock was set back, and billing from it could date
 * documents out of order. Holds (bills nothing, logs the hold) a catch-up beyond the owner's
 * limits unless `confirmed`: a clock jumped ahead must not bill a year of invoices unasked.
 */
export function runBilling(
  env: BillingEnv,
  trigger: RunTrigger,
  asOf: string,
  audit: AuditFn,
  batch: BatchLimits = DEFAULT_BATCH,
  confirmed = false,
): BillingRun {
  const startedAt = env.now().toISOString();
  const last = lastBilledAsOf(env);
  if (last !== null && asOf < last) {
    const message = `Today (${asOf}) is earlier than the last billing run (${last}). Nothing was billed; check the PC's date.`;
    return getRun(env, logRun(env, { trigger, as_of: asOf, started_at: startedAt, finished_at: startedAt, status: 'refused_clock_behind', message }));
  }
  const wouldCreate = last === null || confirmed ? null : catchUpBeyondLimits(env, last, asOf, audit);
  if (last !== null && wouldCreate !== null) return holdRun(env, trigger, asOf, last, wouldCreate, startedAt);
  const id = logRun(env, { trigger, as_of: asOf, started_at: startedAt, finished_at: null, status: 'running', message: '' });
  // The day's late fees ride on the payers' invoices of the day; the rest get an invoice of fees, counted with the run's.
  const r = billDue(env, asOf, id, audit, batch, () => lateFeesDue(env, asOf));
  const fees = billLateFees(env, asOf, id, audit);
  billingRunsRepo(env.db).finish({
    id,
    finished_at: env.now().toISOString(),
    status: r.errors.length ? 'partial' : 'ok',
    invoices_created: r.invoicesCreated + fees.invoices,
    amount_total: r.amountTotal + fees.amount,
    errors: JSON.stringify(r.errors),
  });
  return getRun(env, id);
}

/**
 * The number of invoices a catch-up from `last` to `asOf` would create when it goes beyond the
 * owner's limits, else null. A run one day after the last never waits (a normal day, however
 * busy); only then is the count taken, with a dry run of the real code.
 */
function catchUpBeyondLimits(env: BillingEnv, last: string, asOf: string, audit: AuditFn): number | null {
  const days = daysBetween(last, asOf);
  if (days <= 1) return null;
  const { catchUpMaxDays, catchUpMaxInvoices } = env.settings.get();
  // Within the days and without an invoice limit, no dry run is needed.
  if (days <= catchUpMaxDays && catchUpMaxInvoices === 0) return null;
  const count = rolledBack(env, () => billDue(env, asOf, null, audit).invoicesCreated);
  return days > catchUpMaxDays || (catchUpMaxInvoices > 0 && count > catchUpMaxInvoices) ? count : null;
}

/** Logs a held run (once per day and figures: the hourly job does not repeat it) and bills nothing. */
function holdRun(env: BillingEnv, trigger: RunTrigger, asOf: string, last: string, count: number, startedAt: string): BillingRun {
  const latest = listRuns(env, 1)[0];
  if (latest?.status === 'held' && latest.asOf === asOf && latest.held?.lastAsOf === last && latest.held.wouldCreate === count) return latest;
  const message = `Billing from ${last} to ${asOf} would create ${count} invoices, more than the catch-up limits allow. Nothing was billed; the owner must check the PC's date and confirm.`;
  return getRun(env, logRun(env, { trigger, as_of: asOf, started_at: startedAt, finished_at: startedAt, status: 'refused_clock_behind', message, held_after: last, held_count: count }));
}

/** Writes a run's log entry; returns its id. */
function logRun(env: BillingEnv, row: Omit<RunInsert, 'held_after' | 'held_count'> & Partial<Pick<RunInsert, 'held_after' | 'held_count'>>): number {
  return billingRunsRepo(env.db).insert({ held_after: null, held_count: null, ...row });
}

const ROLLBACK = Symbol('rollback');

/** Runs `fn` in a transaction (a savepoint inside one) and rolls it back: a dry run of the real code. */
export function rolledBack<T>(env: BillingEnv, fn: () => T): T {
  let out: { value: T } | undefined;
  try {
    env.db.transaction(() => {
      out = { value: fn() };
      throw ROLLBACK;
    })();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  if (!out) throw new Error('dry run produced no result');
  return out.value;
}
