import type { BillingRun } from '../../contract/billing-types';
import type { billingChannels } from '../../contract/invoices';
import type { AreaHandlers } from '../../contract/handler';
import type { AuditFn, BillingEnv } from '../invoices/env';
import type { Ctx, Job } from '../../contract/handler';
import { previewBilling } from './preview';
import { DEFAULT_BATCH, listRuns, runBilling, type RunTrigger } from './run';
import { AppError } from '../../../shared/errors';

/**
 * The owner confirms the held catch-up shown for `asOf` (today): audited with the figures, then
 * the run bills every period due, each on its own date. Nothing held for today: refused.
 */
function confirmCatchUp(env: BillingEnv, asOf: string, ctx: Ctx): BillingRun {
  const held = listRuns(env, 1)[0];
  if (held?.status !== 'held' || !held.held || held.asOf !== asOf || asOf !== env.today()) {
    throw new AppError('NO_CATCH_UP_HELD', `No catch-up is waiting for confirmation as of ${asOf}.`, { asOf, today: env.today() });
  }
  ctx.audit('billing_run', held.id, null, { confirmed: 'catch_up', lastAsOf: held.held.lastAsOf, asOf, wouldCreate: held.held.wouldCreate });
  return runAndReport(env, 'manual', ctx.audit, (run) => ctx.emit('billing.runCompleted', run), true);
}

/** A run as of today, then its push event: the desk sees every run, scheduled or not. */
export function runAndReport(env: BillingEnv, trigger: RunTrigger, audit: AuditFn, emit: (run: BillingRun) => void, confirmed = false): BillingRun {
  const run = runBilling(env, trigger, env.today(), audit, DEFAULT_BATCH, confirmed);
  emit(run);
  return run;
}

export function billingHandlers(env: BillingEnv): AreaHandlers<keyof typeof billingChannels> {
  return {
    'billing.run': (_input, ctx) => runAndReport(env, 'manual', ctx.audit, (run) => ctx.emit('billing.runCompleted', run)),
    'billing.confirmCatchUp': (input, ctx) => confirmCatchUp(env, input.asOf, ctx),
    'billing.preview': (input, ctx) => previewBilling(env, input.asOf, ctx.audit),
    'billing.runs': (input) => listRuns(env, input.limit),
  };
}

/** The scheduler's billing jobs: at start-up, every hour and just after local midnight. */
export function billingJobs(env: BillingEnv, audit: (trigger: RunTrigger) => AuditFn, emit: (run: BillingRun) => void): Job[] {
  return (['startup', 'hourly', 'midnight'] as const).map((trigger) => ({
    name: `billing:${trigger}`,
    triggers: [trigger],
    run: () => void runAndReport(env, trigger, audit(trigger), emit),
  }));
}
