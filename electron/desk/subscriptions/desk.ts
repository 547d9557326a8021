/**
 * The frame of every desk action that can issue documents: refuse when the clock is behind
 * the last billing run, first bill whatever is already due (so numbers stay chronological and
 * the action sees invoiced periods), act, then bill what the action made due today on one
 * invoice dated today — the clerk sees it at once.
 */
import { assertClockNotBehind, billDue, rolledBack } from '../../money/billing-run/run';
import { dueSubscriptions } from '../../money/billing-run/due';
import { fillMissingWakes } from '../../money/billing-run/states';
import { stepPayerAt } from '../../money/billing-run/step';
import type { CreditNote, InvoiceDetail } from '../../contract/billing-types';
import { AppError } from '../../../shared/errors';
import type { AuditFn, BillingEnv } from '../../money/invoices/env';
import { issueInvoice, type LineDraft } from '../../money/invoices/issue';
import { getCreditNote, getInvoiceDetail } from '../../money/invoices/read';
import { prepared } from '../../db/statements';

function maxId(env: BillingEnv, table: 'invoices' | 'credit_notes'): number {
  return prepared<[], { m: number | null }>(env.db, `SELECT MAX(id) AS m FROM ${table}`).get()?.m ?? 0;
}

export interface DeskOutcome {
  invoices: InvoiceDetail[];
  creditNotes: CreditNote[];
}

/** Runs a desk action between the catch-up and the collection of the documents it issued. */
export function deskAction<T>(env: BillingEnv, audit: AuditFn, act: () => T): T & DeskOutcome {
  assertClockNotBehind(env);
  billDue(env, env.today(), null, audit);
  const invoicesBefore = maxId(env, 'invoices');
  const notesBefore = maxId(env, 'credit_notes');
  const value = act();
  // An action that saved a subscription without billing it leaves its wake date to compute.
  fillMissingWakes(env.db);
  const today = env.today();
  const invoices = prepared<[number], { id: number }>(env.db, 'SELECT id FROM invoices WHERE id > ? ORDER BY id')
    .all(invoicesBefore)
    .map((r) => getInvoiceDetail(env.db, r.id, today));
  const creditNotes = prepared<[number], { id: number }>(env.db, 'SELECT id FROM credit_notes WHERE id > ? ORDER BY id')
    .all(notesBefore)
    .map((r) => getCreditNote(env.db, r.id));
  return { ...value, invoices, creditNotes };
}

/** A checkout in progress on a database: the lines billed today for its payer, kept for its one invoice. */
const gathering = new WeakMap<BillingEnv['db'], { payerId: number; lines: LineDraft[] }>();

/**
 * Runs `act` (several desk sales for one payer) so that what they bill today is collected instead
 * of issued: the caller issues one invoice with every line. Billing another payer meanwhile is refused.
 */
export function gatherLines<T>(env: BillingEnv, payerId: number, act: () => T): { value: T; lines: LineDraft[] } {
  if (gathering.has(env.db)) throw new Error('a checkout is already gathering lines');
  const bag = { payerId, lines: [] as LineDraft[] };
  gathering.set(env.db, bag);
  try {
    return { value: act(), lines: bag.lines };
  } finally {
    gathering.delete(env.db);
  }
}

/**
 * Bills today, on one invoice dated today: `extra` lines (a setup fee, a proration) and
 * everything the payer's subscriptions have due up to today. Returns the invoice id, if any
 * (none while a checkout gathers the lines: its invoice is issued at its end).
 */
export function billPayerToday(env: BillingEnv, payerId: number, extra: LineDraft[], audit: AuditFn): number | null {
  const today = env.today();
  const lines = [...extra];
  fillMissingWakes(env.db);
  for (;;) {
    const next = dueSubscriptions(env.db, today, payerId)[0];
    if (!next) break;
    lines.push(...stepPayerAt(env, payerId, next.wake, audit));
  }
  const bag = gathering.get(env.db);
  if (bag) {
    if (bag.payerId !== payerId) throw new AppError('CHECKOUT_OTHER_PAYER', `Member ${payerId} is not the checkout's payer.`, { payerId: bag.payerId, other: payerId });
    bag.lines.push(...lines);
    return null;
  }
  if (lines.length === 0) return null;
  return issueInvoice(env, { payerId, issueDate: today, lines }, audit).id;
}

/** With dryRun the same action runs inside a savepoint that is rolled back: exact numbers, nothing kept. */
export function maybeDry<T extends object>(env: BillingEnv, dryRun: boolean, act: () => T): T & { dryRun: boolean } {
  if (!dryRun) return { ...act(), dryRun: false };
  return { ...rolledBack(env, act), dryRun: true };
}

