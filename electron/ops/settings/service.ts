/**
 * Settings in two homes behind one `get()`: the business's rules in the database's `settings`
 * table (changed in the call's transaction, audited, restored with the data) and this PC's
 * choices in the settings file (language, backup folder). `get()` is on hot paths (every
 * billing line, every "today"), so the merged value is kept in memory and read again only
 * after a write; a write inside a transaction is never cached, because the transaction may
 * still roll back (the host calls `settle()` after each mutating call).
 */
import { AppError } from '../../../shared/errors';
import { formatsCanCollide, numberPrefixKey } from '../../../shared/numbering';
import {
  BUSINESS_KEYS,
  DEFAULT_CANCEL_REASONS_EN,
  DEFAULT_CANCEL_REASONS_ZH,
  DEFAULT_FOLLOW_UP_RULES,
  PC_KEYS,
  settingsSchema,
  settingsUpdateSchema,
  type BusinessSettings,
  type Locale,
  type PcSettings,
  type Settings,
  type SettingsUpdate,
} from '../../contract/settings';
import type { Db } from '../../db/open';
import { businessRepo, type BusinessRepo } from './business';
import { confStoreFactory, type SettingsStore, type SettingsStoreFactory } from './store';

export interface SettingsServiceOptions {
  dataDir: string;
  osLocale?: string;
  osTimeZone?: string;
  storeFactory?: SettingsStoreFactory;
  /** A database already open (a tool or a child process outside the host): read the business settings from it, never copy them to the file. */
  db?: Db;
}

/** Called with the whole settings before and after a change, between the database write and the file write. */
export type SettingsAudit = (before: Settings, after: Settings) => void;
/** Appends an audit entry as the system (no staff member): used by the one-time move out of the file. */
export type SystemAudit = (channel: string, entity: string, entityId: string | number, before: unknown, after: unknown) => void;

/** Where the file keeps its read-only copy of the business settings (for the damaged-file screen only). */
export const LAST_KNOWN_BUSINESS_KEY = 'lastKnownBusiness';

/** One day to render both formats' date tokens for: only how the two compare matters, not which day. */
const FORMAT_CHECK_DAY = '2026-01-01';

/**
 * Document numbers are never handed out twice (docs/billing.md, "Numbers"): the credit-note format may not print
 * what the invoice format can, and a changed format may not restart a counter over numbers already issued (its
 * counter continues only when the text around it stays the same).
 */
function checkNumberFormats(before: Settings, after: Settings): void {
  const refuse = (path: 'invoiceNumberFormat' | 'creditNoteNumberFormat', message: string, text: string): never => {
    throw new AppError('VALIDATION', text, { issues: [{ path, code: 'custom', message }] });
  };
  const fields = ['invoiceNumberFormat', 'creditNoteNumberFormat'] as const;
  if (fields.every((f) => before[f] === after[f])) return;
  if (formatsCanCollide(after.invoiceNumberFormat, after.creditNoteNumberFormat, FORMAT_CHECK_DAY)) {
    refuse('creditNoteNumberFormat', 'number_formats_overlap', 'Credit notes and invoices would get the same numbers.');
  }
  for (const f of fields) {
    const [old, now] = [before[f], after[f]];
    if (old === now || numberPrefixKey(old, FORMAT_CHECK_DAY) === numberPrefixKey(now, FORMAT_CHECK_DAY)) continue;
    if (formatsCanCollide(old, now, FORMAT_CHECK_DAY)) refuse(f, 'number_format_reuses', 'The new format would hand out numbers already issued.');
  }
}

export function defaultSettings(osLocale = 'en', osTimeZone?: string): Settings {
  const zone = osTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const zh = osLocale.toLowerCase().startsWith('zh');
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
    freezeDefaultDays: 30,
    freezeDefaultMode: 'extend',
    openingHours: { opens: '06:00', closes: '22:00' },
    autoLockMinutes: 10,
    catchUpMaxDays: 35,
    catchUpMaxInvoices: 500,
    backupFolder: '',
    followUpRules: DEFAULT_FOLLOW_UP_RULES,
    cancelReasons: zh ? DEFAULT_CANCEL_REASONS_ZH : DEFAULT_CANCEL_REASONS_EN,
    setupCompleted: false,
  };
}

/** An untouched default list of cancel reasons, in the set-up's language; an edited list stays as it is. */
function defaultCancelReasons(current: string[], locale: Locale): string[] {
  const untouched = [DEFAULT_CANCEL_REASONS_EN, DEFAULT_CANCEL_REASONS_ZH].some((d) => d.join('\n') === current.join('\n'));
  if (!untouched) return current;
  return locale === 'zh-CN' ? DEFAULT_CANCEL_REASONS_ZH : DEFAULT_CANCEL_REASONS_EN;
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsUpdate, audit?: SettingsAudit): { before: Settings; after: Settings };
  completeSetup(
    input: { businessName: string; currency: string; locale: Locale; timeZone?: string | undefined },
    audit?: SettingsAudit,
  ): { before: Settings; after: Settings };
  /** A restore of a backup taken before the settings moved into the database: its snapshot's business keys. */
  replace(snapshot: Record<string, unknown>): { before: Settings; after: Settings };
}

/** What only the host calls: which database the business settings are read from, and when a call is over. */
export interface HostSettingsService extends SettingsService {
  /**
   * Points the business settings at a newly opened database (start, restore). A damaged file's
   * stand-in (an empty in-memory database) gets the file's last known copy, so the rescue screen
   * keeps the business's name, currency and time zone.
   */
  attach(db: Db, opts: { damaged: boolean }): void;
  /** Fills an empty table once: from an old settings file (audited, then removed from the file), or with defaults. */
  fillOnce(audit: SystemAudit): 'kept' | 'moved' | 'defaults';
  /** After a mutating call committed or rolled back: read the truth again (and refresh the file's copy). */
  settle(): void;
  /**
   * The business settings as known before the database's table is read: an old settings file's keys (a
   * file from before the move into SQLite), else the last attached value, else the defaults. For the
   * migrations that run before the table exists.
   */
  legacy(): BusinessSettings;
}

const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]])) as Pick<T, K>;

export function createSettingsService(opts: SettingsServiceOptions): HostSettingsService {
  const defaults = defaultSettings(opts.osLocale, opts.osTimeZone);
  const file: SettingsStore = (opts.storeFactory ?? confStoreFactory)({
    cwd: opts.dataDir,
    configName: 'settings',
    defaults: pick(defaults, PC_KEYS),
  });
  let repo: BusinessRepo | null = null;
  let damaged = false;
  let cached: Settings | undefined;
  // The settings as they were before the last attach: a restored copy without any keeps them.
  let previous: Settings | undefined;
  // Set by every write: the next read goes to the database (and caches only outside a transaction).
  let dirty = true;

  function source(): BusinessRepo {
    if (!repo) throw new Error('business settings read before the database was opened');
    return repo;
  }

  function get(): Settings {
    if (cached && !dirty) return cached;
    const value = Object.freeze(lenient({ ...defaults, ...source().read(), ...pick(file.store as Partial<PcSettings>, PC_KEYS) }));
    if (source().db.inTransaction) return value;
    cached = value;
    dirty = false;
    if (!damaged && !opts.db) keepCopy(value);
    return value;
  }

  // A hand-edited value (file or table) is read leniently: a bad value falls back to its default.
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

  /** The file's copy of the business settings, rewritten only when it differs. */
  function keepCopy(value: Settings): void {
    const business = pick(value, BUSINESS_KEYS);
    if (JSON.stringify(file.store[LAST_KNOWN_BUSINESS_KEY]) !== JSON.stringify(business)) file.set({ [LAST_KNOWN_BUSINESS_KEY]: business });
  }

  /** Business keys to the database (inside the caller's transaction), then the audit, then this PC's keys to the file. */
  function write(before: Settings, after: Settings, audit: SettingsAudit | undefined) {
    const changed = <K extends keyof Settings>(keys: readonly K[]) => keys.filter((k) => before[k] !== after[k]);
    const business = changed(BUSINESS_KEYS);
    dirty = true;
    if (business.length) source().write(pick(after, business));
    audit?.(before, after);
    const pc = changed(PC_KEYS);
    if (pc.length) file.set(pick(after, pc));
    return { before, after };
  }

  function update(patch: SettingsUpdate, audit?: SettingsAudit) {
    const before = get();
    const after = settingsSchema.parse({ ...before, ...settingsUpdateSchema.parse(patch) });
    checkNumberFormats(before, after);
    return write(before, after, audit);
  }

  function completeSetup(input: Parameters<SettingsService['completeSetup']>[0], audit?: SettingsAudit) {
    const before = get();
    if (before.setupCompleted) throw new AppError('SETUP_ALREADY_DONE', 'The first-start set-up has already been completed.');
    const after = settingsSchema.parse({
      ...before,
      businessName: input.businessName,
      currency: input.currency,
      locale: input.locale,
      timeZone: input.timeZone ?? before.timeZone,
      // The default cancel reasons follow the language chosen at set-up (the owner edits them later).
      cancelReasons: defaultCancelReasons(before.cancelReasons, input.locale),
      setupCompleted: true,
    });
    return write(before, after, audit);
  }

  function replace(snapshot: Record<string, unknown>) {
    const before = get();
    const after = lenient({ ...before, ...pick(snapshot as Partial<BusinessSettings>, BUSINESS_KEYS) });
    return write(before, after, undefined);
  }

  function attach(db: Db, o: { damaged: boolean }): void {
    previous = cached ?? previous;
    repo = businessRepo(db);
    damaged = o.damaged;
    dirty = true;
    cached = undefined;
    if (damaged && repo.isEmpty()) {
      const copy = file.store[LAST_KNOWN_BUSINESS_KEY];
      const known = copy && typeof copy === 'object' ? (copy as Partial<BusinessSettings>) : previous ?? {};
      repo.write(pick(lenient({ ...defaults, ...pick(known, BUSINESS_KEYS) }), BUSINESS_KEYS));
    }
  }

  function fillOnce(audit: SystemAudit): 'kept' | 'moved' | 'defaults' {
    const r = source();
    const old = pick(file.store as Partial<BusinessSettings>, BUSINESS_KEYS);
    const moved = Object.keys(old).length > 0;
    const empty = r.isEmpty();
    if (empty) {
      const values = pick(lenient({ ...defaults, ...previous, ...old }), BUSINESS_KEYS);
      r.db.transaction(() => {
        r.write(values);
        // The move is audited; a new data file's defaults are part of creating it, like the schema's.
        if (moved) audit('settings.migrate', 'settings', 'business', { settingsFile: old }, values);
      })();
    }
    // Once in the database, the file's business keys are never read again: drop them.
    if (moved) file.store = Object.fromEntries(Object.entries(file.store).filter(([k]) => !(BUSINESS_KEYS as readonly string[]).includes(k)));
    dirty = true;
    return !empty ? 'kept' : moved ? 'moved' : 'defaults';
  }

  function legacy(): BusinessSettings {
    return pick(lenient({ ...defaults, ...previous, ...cached, ...pick(file.store as Partial<BusinessSettings>, BUSINESS_KEYS) }), BUSINESS_KEYS);
  }

  function settle(): void {
    if (dirty && repo && !repo.db.inTransaction) get();
  }

  if (opts.db) attach(opts.db, { damaged: false });
  return { get, update, completeSetup, replace, attach, fillOnce, settle, legacy };
}
