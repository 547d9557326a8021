import type { BillingRun } from '../../contract/billing-types';
import type { billingChannels } from '../../contract/invoices';
import type { AreaHandlers } from '../../contract/handler';
import type { AuditFn, BillingEnv } from '../invoices/env';
import type { Job } from '../../contract/handler';
import { previewBilling } from './preview';
import { listRuns, runBilling, type RunTrigger } from './run';

/** A run as of today, then its push event: the desk sees every run, scheduled or not. */
export function runAndReport(env: BillingEnv, trigger: RunTrigger, audit: AuditFn, emit: (run: BillingRun) => void): BillingRun {
  const run = runBilling(env, trigger, env.today(), audit);
  emit(run);
  return run;
}

export function billingHandlers(env: BillingEnv): AreaHandlers<keyof typeof billingChannels> {
  return {
    'billing.run': (_input, ctx) => runAndReport(env, 'manual', ctx.audit, (run) => ctx.emit('billing.runCompleted', run)),
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
