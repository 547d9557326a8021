/**
 * Where each area's services and handlers are built. The host calls `createAreas` once;
 * an area adds its service and its handlers here, and its channels to contract/index.ts.
 */
import type { Db } from './db/open';
import { callEnv } from './call-scope';
import type { ServiceEnv } from './env';
import type { EventName, Events } from './contract';
import type { Handlers } from './handlers';
import type { Job } from './scheduler/scheduler';
import type { SettingsService } from './settings/service';
import { planHandlers } from './plans/handlers';
import { createPlansService } from './plans/service';
import { settingsHandlers } from './settings/handlers';
import { systemHandlers, type SystemDeps } from './system/handlers';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backup/handlers';
import type { BackupService } from './backup/service';
import { authHandlers, staffHandlers } from './staff/handlers';
import { createStaffService } from './staff/service';
import type { Session } from './staff/session';
import { createFrontDesk } from './members/front-desk';
import { createMembersService } from './members/service';
import { memberHandlers } from './members/handlers';
import type { BillingEnv } from './invoices/env';
import { invoiceHandlers } from './invoices/handlers';
import { billingHandlers, billingJobs } from './billing-run/handlers';
import { createSubscriptionsService } from './subscriptions/service';
import { subscriptionHandlers } from './subscriptions/handlers';
import { createPacksService } from './packs/service';
import { paymentHandlers } from './payments/handlers';
import { followUpHandlers } from './followup/handlers';
import { createFollowUpsService } from './followup/service';
import { closeoutHandlers } from './closeout/handlers';
import { createCloseoutService } from './closeout/service';
import { documentHandlers } from './documents/handlers';
import { lateFeeJob } from './latefees/job';
import { createExpensesService } from './expenses/service';
import { expenseHandlers } from './expenses/handlers';
import { createReportsService } from './reports/service';
import { reportHandlers } from './reports/handlers';
import { exportHandlers } from './exports/handlers';
import { demoHandlers } from './demo/handlers';

export interface AreaDeps {
  db: Db;
  dataDir: string;
  appVersion: string;
  settings: SettingsService;
  now: () => Date;
  /** Today in the business time zone, from the injected clock. */
  today: () => string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Appends an audit entry as the system (scheduler) outside any channel. */
  auditSystem(channel: string, entity: string, entityId: string | number, before: unknown, after: unknown): void;
  /** Who is signed in (host state, survives a restore). */
  session: Session;
  /** Backups and restore (host level: a restore rebuilds the areas). */
  backups: BackupService;
  /** Set when the data file failed its start-up check. */
  damaged(): { reason: string } | null;
  /** The support log and "Export diagnostics" (host level). */
  diagnostics: SystemDeps['diagnostics'];
}

export interface Areas {
  handlers: Handlers;
  /** Jobs the scheduler runs (startup, hourly, midnight). */
  jobs: Job[];
  close(): void;
}

export function createAreas(deps: AreaDeps): Areas {
  // One environment for every service; its audit follows the call in progress (call-scope.ts).
  const env: ServiceEnv = callEnv(
    { db: deps.db, settings: deps.settings, now: deps.now, today: deps.today },
    (entity, id, before, after) => deps.auditSystem('system', entity, id, before, after),
  );
  const billingEnv: BillingEnv = env;
  const plans = createPlansService(env);
  const members = createMembersService(env);
  const subscriptions = createSubscriptionsService(billingEnv, plans, members);
  const packs = createPacksService(billingEnv, plans, members);
  const reports = createReportsService(billingEnv);
  const staffDeps = { staff: createStaffService(deps.db, deps.now), session: deps.session, settings: deps.settings, damaged: deps.damaged };
  const handlers: Handlers = {
    ...systemHandlers({ dataDir: deps.dataDir, appVersion: deps.appVersion, db: deps.db, diagnostics: deps.diagnostics }),
    ...settingsHandlers(deps.settings),
    ...planHandlers(plans),
    ...memberHandlers(members),
    ...subscriptionHandlers(billingEnv, subscriptions, packs),
    ...invoiceHandlers(billingEnv),
    ...billingHandlers(billingEnv),
    ...authHandlers(staffDeps),
    ...staffHandlers(staffDeps),
    ...auditHandlers(),
    ...backupHandlers(deps.backups, deps.settings),
    ...createFrontDesk({
      db: deps.db,
      members,
      startImported: (ctx, memberId, planId, nextBillDate, price) =>
        void subscriptions.startImported({ memberId, planId, nextBillDate, price }, ctx.audit),
    }).handlers,
    ...paymentHandlers(),
    ...followUpHandlers(createFollowUpsService(env)),
    ...closeoutHandlers(createCloseoutService(env)),
    ...documentHandlers(),
    ...expenseHandlers(createExpensesService(env)),
    ...reportHandlers(reports),
    ...exportHandlers(reports),
    ...demoHandlers(deps.dataDir),
  };
  const jobs: Job[] = billingJobs(
    billingEnv,
    (trigger) => (entity, id, before, after) => deps.auditSystem(`billing.run:${trigger}`, entity, id, before, after),
    (run) => deps.emit('billing.runCompleted', run),
  );
  jobs.push(lateFeeJob(deps));
  return { handlers, jobs, close: () => undefined };
}
