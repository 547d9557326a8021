import type { DataEnv } from '../../contract/env';
import type { SettingsService } from '../../ops/settings/service';

export type { AuditFn } from '../../contract/env';

/** What the billing services need: the database, settings and the injected clock (electron/contract/env.ts). */
export type BillingEnv = DataEnv;

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
