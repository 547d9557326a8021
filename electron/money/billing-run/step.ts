/**
 * The billing engine's one step against the database: load a payer's live subscriptions as
 * machine states, let the state machine (electron/billing/subscription) bring them past date
 * `d`, write back what changed with its audit events, and return the invoice lines.
 * The run and the desk actions go through here; the machine itself is shared with the
 * forecast and the desk's standing, so they all agree.
 */
import { stepPayer, wake } from '../../billing/subscription/index';
import type { AuditFn, BillingEnv } from '../invoices/env';
import type { LineDraft } from '../invoices/issue';
import { auditEvents, lineDrafts, loadPayerStates, machineTerms, persistStates } from './states';

/**
 * One billing unit: every subscription of `payerId` that needs the engine on or before `d`
 * is brought past `d`. Returns the lines for the payer's invoice of that date (maybe none).
 */
export function stepPayerAt(env: BillingEnv, payerId: number, d: string, audit: AuditFn): LineDraft[] {
  const before = loadPayerStates(env.db, payerId);
  if (!before.some((s) => wake(s) <= d)) return [];
  const out = stepPayer(before, d, machineTerms(env));
  persistStates(env.db, before, out.states, env.now().toISOString());
  auditEvents(audit, out.events);
  return lineDrafts(env, out.lines);
}
