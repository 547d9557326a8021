import type { BusinessSettings } from '../../contract/settings';
import type { Db } from '../../db/open';
import type { SettingsRow } from '../../db/rows';

/** The business settings' table on one connection (a restore opens a new one, and a new repository). */
export interface BusinessRepo {
  readonly db: Db;
  /** Every stored key with its parsed value; a value that is not JSON is left out (read as its default). */
  read(): Record<string, unknown>;
  write(values: Partial<BusinessSettings>): void;
  isEmpty(): boolean;
}

export function businessRepo(db: Db): BusinessRepo {
  const all = db.prepare<[], SettingsRow>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const any = db.prepare<[], { n: number }>('SELECT 1 AS n FROM settings LIMIT 1');
  return {
    db,
    read() {
      const out: Record<string, unknown> = {};
      for (const row of all.all()) {
        try {
          out[row.key] = JSON.parse(row.value);
        } catch {
          // the CHECK keeps JSON out of reach of the app; a hand edit falls back to the default
        }
      }
      return out;
    },
    write(values) {
      for (const [key, value] of Object.entries(values)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    },
    isEmpty: () => any.get() === undefined,
  };
}
