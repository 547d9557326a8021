import { AppError } from '../contract/errors';
import {
  settingsSchema,
  settingsUpdateSchema,
  type Locale,
  type Settings,
  type SettingsUpdate,
} from '../contract/settings';
import { confStoreFactory, type SettingsStore, type SettingsStoreFactory } from './store';

export interface SettingsServiceOptions {
  dataDir: string;
  osLocale?: string;
  osTimeZone?: string;
  storeFactory?: SettingsStoreFactory;
}

export function defaultSettings(osLocale = 'en', osTimeZone?: string): Settings {
  const zone = osTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  return {
    businessName: '',
    address: '',
    phone: '',
    taxId: '',
    currency: 'CNY',
    locale: osLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en',
    timeZone: zone,
    pricesIncludeTax: true,
    defaultTaxRateBp: 0,
    invoiceNumberFormat: 'INV-{YYYY}-{#####}',
    creditNoteNumberFormat: 'CN-{YYYY}-{#####}',
    paymentTermsDays: 7,
    householdDiscountBp: 0,
    overdueBlockDays: 14,
    lateFee: 0,
    lateFeeAfterDays: 7,
    autoLockMinutes: 10,
    backupFolder: '',
    setupCompleted: false,
  };
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsUpdate): { before: Settings; after: Settings };
  completeSetup(input: { businessName: string; currency: string; locale: Locale; timeZone?: string | undefined }): {
    before: Settings;
    after: Settings;
  };
  replace(snapshot: Record<string, unknown>): { before: Settings; after: Settings };
}

export function createSettingsService(opts: SettingsServiceOptions): SettingsService {
  const defaults = defaultSettings(opts.osLocale, opts.osTimeZone);
  const store: SettingsStore = (opts.storeFactory ?? confStoreFactory)({
    cwd: opts.dataDir,
    configName: 'settings',
    defaults,
  });

  // A hand-edited file is read leniently: a bad value falls back to its default.
  function get(): Settings {
    return lenient({ ...defaults, ...store.store });
  }

  function lenient(merged: Record<string, unknown>): Settings {
    const parsed = settingsSchema.safeParse(merged);
    if (parsed.success) return parsed.data;
    const out: Record<string, unknown> = { ...merged };
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && key in defaults) out[key] = defaults[key as keyof Settings];
      if (typeof key === 'string' && !(key in defaults)) delete out[key];
    }
    return settingsSchema.parse({ ...defaults, ...out });
  }

  function update(patch: SettingsUpdate) {
    const before = get();
    const after = settingsSchema.parse({ ...before, ...settingsUpdateSchema.parse(patch) });
    store.set(after);
    return { before, after };
  }

  function completeSetup(input: Parameters<SettingsService['completeSetup']>[0]) {
    const before = get();
    if (before.setupCompleted) throw new AppError('SETUP_ALREADY_DONE', 'The first-start set-up has already been completed.');
    const after: Settings = {
      ...before,
      businessName: input.businessName,
      currency: input.currency,
      locale: input.locale,
      timeZone: input.timeZone ?? before.timeZone,
      setupCompleted: true,
    };
    store.set(settingsSchema.parse(after));
    return { before, after };
  }

  /** A restore brings back the settings that travelled inside the copy; the backup folder stays this PC's. */
  function replace(snapshot: Record<string, unknown>) {
    const before = get();
    const known = Object.fromEntries(Object.entries(snapshot).filter(([k]) => k in defaults));
    const after = lenient({ ...defaults, ...known, backupFolder: before.backupFolder });
    store.set(after);
    return { before, after };
  }

  return { get, update, completeSetup, replace };
}
