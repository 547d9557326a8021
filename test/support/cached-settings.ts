import type { SettingsService } from '../../electron/ops/settings/service';

/**
 * Settings read once per synchronous stretch of work, dropped at the next microtask so a change
 * made by another call is always seen. Only the tests wrap a settings service in it (the service
 * caches its own reads); kept here with its unit test.
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
