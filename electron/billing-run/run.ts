/**
 * The billing run: every due, not yet invoiced period up to `asOf`, in date order (catch-up),
 * one transaction per (payer, billing date) unit, each unit one invoice dated on its billing
 * date. Exactly once: a unit's invoice and the subscriptions' advanced state commit together,
 * and invoice_lines_once_per_period refuses a period billed twice.
 */
import type { BillingRun } from '../contract/billing-types';
import type { AuditFn, BillingEnv } from '../invoices/env';
import { issueInvoice } from '../invoices/issue';
import { dueSubscriptions } from './due';
import { stepPayerAt } from './step';
import { prepared } from '../db/statements';

export type RunTrigger = BillingRun['trigger'];

export interface DueResult {
  invoicesCreated: number;
  amountTotal: number;
  errors: { subscriptionId: number; message: string }[];
}

/**
 * Bills every unit due on or before `asOf`, earliest date first (numbers stay chronological),
 * each in its own transaction (a savepoint when called inside one). A failing unit is rolled
 * back, reported per subscription, and its payer is left alone for the rest of this pass.
 */
export function billDue(env: BillingEnv, asOf: string, runId: number | null, audit: AuditFn): DueResult {
  const result: DueResult = { invoicesCreated: 0, amountTotal: 0, errors: [] };
  const failed = new Set<number>();
  for (;;) {
    const due = dueSubscriptions(env.db, asOf).filter((r) => !failed.has(r.payer_id));
    const first = due[0];
    if (!first) return result;
    const date = first.wake;
    const payers = [...new Set(due.filter((r) => r.wake === date).map((r) => r.payer_id))];
    for (const payerId of payers) {
      try {
        env.db.transaction(() => {
          const lines = stepPayerAt(env, payerId, date, audit);
          if (lines.length === 0) return;
          const invoice = issueInvoice(env, { payerId, issueDate: date, lines, runId }, audit);
          result.invoicesCreated += 1;
          result.amountTotal += invoice.total;
        })();
      } catch (e) {
        failed.add(payerId);
        const message = e instanceof Error ? e.message : String(e);
        for (const r of due) if (r.payer_id === payerId && r.wake === date) result.errors.push({ subscriptionId: r.id, message });
      }
    }
  }
}

interface RunRow {
  id: number;
  trigger: RunTrigger;
  as_of: string;
  started_at: string;
  finished_at: string | null;
  status: BillingRun['status'];
  invoices_created: number;
  amount_total: number;
  errors: string;
  message: string;
}

function fromRow(r: RunRow): BillingRun {
  return {
    id: r.id,
    trigger: r.trigger,
    asOf: r.as_of,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    invoicesCreated: r.invoices_created,
    amountTotal: r.amount_total,
    errors: JSON.parse(r.errors) as BillingRun['errors'],
    message: r.message,
  };
}

export function getRun(env: BillingEnv, id: number): BillingRun {
  const row = prepared<[number], RunRow>(env.db, 'SELECT * FROM billing_runs WHERE id = ?').get(id);
  if (!row) throw new Error(`billing run ${id} is missing`);
  return fromRow(row);
}

export function listRuns(env: BillingEnv, limit: number): BillingRun[] {
  return prepared<[number], RunRow>(env.db, 'SELECT * FROM billing_runs ORDER BY id DESC LIMIT ?').all(limit).map(fromRow);
}

/** The latest as-of date billing has reached (refused runs do not count). */
export function lastBilledAsOf(env: BillingEnv): string | null {
  return prepared<[], { d: string | null }>(env.db, "SELECT MAX(as_of) AS d FROM billing_runs WHERE status <> 'refused_clock_behind'").get()?.d ?? null;
}

/**
 * One logged run as of `asOf`. Refuses (and logs the refusal) when `asOf` is earlier than a
 * previous run's as-of date: the PC clock was set back, and billing from it could date
 * documents out of order.
 */
export function runBilling(env: BillingEnv, trigger: RunTrigger, asOf: string, audit: AuditFn): BillingRun {
  const startedAt = env.now().toISOString();
  const last = lastBilledAsOf(env);
  if (last !== null && asOf < last) {
    const info = prepared(env.db, 
        `INSERT INTO billing_runs (trigger, as_of, started_at, finished_at, status, message)
         VALUES (?, ?, ?, ?, 'refused_clock_behind', ?)`,
      )
      .run(trigger, asOf, startedAt, startedAt, `Today (${asOf}) is earlier than the last billing run (${last}). Nothing was billed; check the PC's date.`);
    return getRun(env, Number(info.lastInsertRowid));
  }
  const info = prepared(env.db, "INSERT INTO billing_runs (trigger, as_of, started_at, status) VALUES (?, ?, ?, 'running')")
    .run(trigger, asOf, startedAt);
  const id = Number(info.lastInsertRowid);
  const r = billDue(env, asOf, id, audit);
  prepared(env.db, 'UPDATE billing_runs SET finished_at = ?, status = ?, invoices_created = ?, amount_total = ?, errors = ? WHERE id = ?')
    .run(env.now().toISOString(), r.errors.length ? 'partial' : 'ok', r.invoicesCreated, r.amountTotal, JSON.stringify(r.errors), id);
  return getRun(env, id);
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
