import Conf from 'conf';
import type { Settings } from '../contract/settings';

/**
 * The settings file's storage. In the app it is electron-store (a subclass of `conf`
 * that lives in userData); in tests and the browser harness it is `conf` with an
 * explicit folder. Same file format, same schema.
 */
export interface SettingsStore {
  readonly store: Partial<Settings>;
  set(values: Partial<Settings>): void;
}

export type SettingsStoreFactory = (opts: StoreOptions) => SettingsStore;

export interface StoreOptions {
  cwd: string;
  configName: string;
  defaults: Settings;
  schema: Record<string, unknown>;
}

/** A JSON schema of the stored types, which conf/electron-store check on every write. Business rules live in zod. */
export const storeSchema: Record<string, unknown> = {
  businessName: { type: 'string', maxLength: 100 },
  address: { type: 'string', maxLength: 300 },
  phone: { type: 'string', maxLength: 40 },
  taxId: { type: 'string', maxLength: 50 },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  locale: { type: 'string', enum: ['en', 'zh-CN'] },
  timeZone: { type: 'string', minLength: 1 },
  pricesIncludeTax: { type: 'boolean' },
  defaultTaxRateBp: { type: 'integer', minimum: 0, maximum: 10000 },
  invoiceNumberFormat: { type: 'string', minLength: 1, maxLength: 40 },
  creditNoteNumberFormat: { type: 'string', minLength: 1, maxLength: 40 },
  paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365 },
  householdDiscountBp: { type: 'integer', minimum: 0, maximum: 10000 },
  overdueBlockDays: { type: 'integer', minimum: 1, maximum: 365 },
  lateFee: { type: 'integer', minimum: 0 },
  lateFeeAfterDays: { type: 'integer', minimum: 1, maximum: 365 },
  autoLockMinutes: { type: 'integer', minimum: 0, maximum: 240 },
  backupFolder: { type: 'string', maxLength: 1000 },
  setupCompleted: { type: 'boolean' },
};

export const confStoreFactory: SettingsStoreFactory = (opts) =>
  new Conf<Settings>({
    cwd: opts.cwd,
    configName: opts.configName,
    defaults: opts.defaults,
    schema: opts.schema as never,
    clearInvalidConfig: false,
  });
