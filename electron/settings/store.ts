import Conf from 'conf';
import type { Settings } from '../contract/settings';

/**
 * The settings file's storage. In the app it is electron-store (a subclass of `conf`
 * that lives in userData); in tests and the browser harness it is `conf` with an
 * explicit folder. Same file format. No JSON schema is given to them: every write is the
 * whole settings object after zod's `settingsSchema` accepted it (electron/settings/service.ts),
 * and compiling a JSON schema (ajv) cost 50–100 ms of every start for a second copy of the rules.
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
}

export const confStoreFactory: SettingsStoreFactory = (opts) =>
  new Conf<Settings>({
    cwd: opts.cwd,
    configName: opts.configName,
    defaults: opts.defaults,
    clearInvalidConfig: false,
  });
