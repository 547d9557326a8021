import type { Db } from '../db/open';
import type { SettingsService } from '../settings/service';

/** What the billing services need: the database, settings and the injected clock. */
export interface BillingEnv {
  db: Db;
  settings: SettingsService;
  now(): Date;
  /** Today in the business time zone. */
  today(): string;
}

/** Records one audited change (ctx.audit in a channel, the system log in a scheduled run). */
export type AuditFn = (entity: string, entityId: string | number, before: unknown, after: unknown) => void;

/**
 * Settings read once per synchronous stretch of work: reading them parses and validates the
 * settings file, and a billing run asks thousands of times. The cached value is dropped at the
 * next microtask, so a change made by another call is always seen.
 */
export function cachedSettings(settings: SettingsService): SettingsService {
  let cached: ReturnType<SettingsService['get']> | undefined;
  return {
    ...settings,
    get() {
      if (cached === undefined) {
        cached = settings.get();
        queueMicrotask(() => (cached = undefined));
      }
      return cached;
    },
  };
}
