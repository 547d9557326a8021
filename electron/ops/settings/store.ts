import Conf from 'conf';

/**
 * The settings file: this PC's choices (language, backup folder) and a read-only copy of the
 * business's settings for the damaged-file screen. In the app it is electron-store (a subclass
 * of `conf` that lives in userData); in tests and the browser harness it is `conf` with an
 * explicit folder. Same file format. No JSON schema is given to them: every value written has
 * passed zod first (electron/ops/settings/service.ts), and compiling a JSON schema (ajv) cost
 * 50–100 ms of every start for a second copy of the rules.
 */
export interface SettingsStore {
  /** The whole file; assigning replaces it (used once, to drop the business keys of an old file). */
  store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
}

export type SettingsStoreFactory = (opts: StoreOptions) => SettingsStore;

export interface StoreOptions {
  cwd: string;
  configName: string;
  defaults: Record<string, unknown>;
}

export const confStoreFactory: SettingsStoreFactory = (opts) =>
  new Conf<Record<string, unknown>>({
    cwd: opts.cwd,
    configName: opts.configName,
    defaults: opts.defaults,
    clearInvalidConfig: false,
  });
