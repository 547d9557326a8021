/**
 * Where each area's services and handlers are built. The host calls `createAreas` once;
 * an area adds its service and its handlers here, and its channels to contract/index.ts.
 */
import type { Db } from '../db/open';
import { callEnv } from './call-scope';
import type { ServiceEnv } from '../contract/env';
import type { EventName, Events } from '../contract/index';
import type { Handlers } from '../contract/handler';
import type { Job } from './scheduler/scheduler';
import type { SettingsService } from '../ops/settings/service';
import { planHandlers } from '../desk/plans/handlers';
import { createPlansService } from '../desk/plans/service';
import { settingsHandlers } from '../ops/settings/handlers';
import { systemHandlers, type SystemDeps } from '../ops/system/handlers';
import { auditHandlers } from '../ops/audit/handlers';
import { createAuditService } from '../ops/audit/query';
import { backupHandlers } from '../ops/backup/handlers';
import type { BackupService } from '../ops/backup/service';
import { authHandlers, staffHandlers } from '../desk/staff/handlers';
import { createStaffService } from '../desk/staff/service';
import type { Session } from '../desk/staff/session';
import { createFrontDesk } from '../desk/members/front-desk';
import { createMembersService } from '../desk/members/service';
import { memberHandlers } from '../desk/members/handlers';
import { createMemberPhotos } from '../desk/members/photos';
import type { BillingEnv } from '../money/invoices/env';
import { invoiceHandlers } from '../money/invoices/handlers';
import { createInvoicesService } from '../money/invoices/service';
import { billingHandlers, billingJobs } from '../money/billing-run/handlers';
import { createSubscriptionsService } from '../desk/subscriptions/service';
import { subscriptionHandlers } from '../desk/subscriptions/handlers';
import { createPacksService } from '../desk/packs/service';
import { paymentHandlers } from '../money/payments/handlers';
import { createPaymentsService } from '../money/payments/service';
import { followUpHandlers, renewalHandlers } from '../desk/followup/handlers';
import { createRenewalsService } from '../desk/followup/renewals';
import { createFollowUpsService } from '../desk/followup/service';
import { closeoutHandlers } from '../money/closeout/handlers';
import { createCloseoutService } from '../money/closeout/service';
import { documentHandlers } from '../books/documents/handlers';
import { createDocumentsService } from '../books/documents/service';
import { createLessonStatement } from '../books/documents/lesson-statement';
import { createExpensesService } from '../books/expenses/service';
import { expenseHandlers } from '../books/expenses/handlers';
import { createReportsService } from '../books/reports/service';
import { reportHandlers } from '../books/reports/handlers';
import { gettingStartedHandlers } from '../books/reports/getting-started';
import { classReportHandlers, createClassReports } from '../books/reports/class-reports';
import { exportHandlers } from '../books/exports/handlers';
import { demoHandlers } from './demo/handlers';
import { createFamilyService } from '../desk/family/service';
import { familyHandlers } from '../desk/family/handlers';
import { createCheckoutService } from '../desk/checkout/service';
import { checkoutHandlers } from '../desk/checkout/handlers';
import { createPromotionsService } from '../desk/promotions/service';
import { promotionHandlers } from '../desk/promotions/handlers';
import { createClassesService } from '../desk/classes/service';
import { classHandlers } from '../desk/classes/handlers';
import { startHandlers } from './start';
import { siteHandlers } from '../ops/site/handlers';
import type { SiteHooks } from '../contract/site';

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
  /** This PC's place on the site: sharing, pairing, the link to a main desk (electron/site). */
  site: SiteHooks;
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
  const packs = createPacksService(env, plans, members);
  const payments = createPaymentsService(env);
  const promotions = createPromotionsService(env, plans);
  const reports = createReportsService(billingEnv);
  const classReports = createClassReports(env);
  const classes = createClassesService(env, members);
  const documents = createDocumentsService(env);
  const staffDeps = { staff: createStaffService(env), session: deps.session, settings: deps.settings, damaged: deps.damaged };
  const handlers: Handlers = {
    ...systemHandlers({ dataDir: deps.dataDir, appVersion: deps.appVersion, db: deps.db, diagnostics: deps.diagnostics }),
    ...settingsHandlers(deps.settings),
    ...planHandlers(plans),
    ...memberHandlers(members, createMemberPhotos(env, members)),
    ...subscriptionHandlers(billingEnv, subscriptions, packs),
    ...invoiceHandlers(createInvoicesService(env)),
    ...billingHandlers(billingEnv),
    ...authHandlers(staffDeps),
    ...staffHandlers(staffDeps),
    ...auditHandlers(createAuditService(env)),
    ...backupHandlers(deps.backups, deps.settings),
    ...createFrontDesk({
      db: deps.db,
      env,
      members,
      door: classes.door,
      startImported: (ctx, starts) => subscriptions.startImported(starts, ctx.audit),
    }).handlers,
    ...paymentHandlers(payments),
    ...followUpHandlers(createFollowUpsService(env)),
    ...renewalHandlers(createRenewalsService(env)),
    ...closeoutHandlers(createCloseoutService(env)),
    ...documentHandlers(documents, createLessonStatement(env, { classes, members, documents })),
    ...expenseHandlers(createExpensesService(env)),
    ...reportHandlers(reports),
    ...exportHandlers(reports, classReports),
    ...demoHandlers(deps.dataDir),
    ...familyHandlers(createFamilyService(env)),
    ...checkoutHandlers(billingEnv, createCheckoutService(env, { subs: subscriptions, packs, members, payments, promotions })),
    ...promotionHandlers(promotions),
    ...classHandlers(classes),
    ...gettingStartedHandlers(env),
    ...classReportHandlers(classReports),
    ...startHandlers(() => handlers, deps.damaged),
    ...siteHandlers(deps.site),
  };
  const jobs: Job[] = billingJobs(
    billingEnv,
    (trigger) => (entity, id, before, after) => deps.auditSystem(`billing.run:${trigger}`, entity, id, before, after),
    (run) => deps.emit('billing.runCompleted', run),
  );
  return { handlers, jobs, close: () => undefined };
}
