import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';
import type { Db } from './open';
import { MIGRATION_STEPS, type MigrationContext } from './steps';

export type { MigrationContext } from './steps';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A one-time data step that SQL cannot do, run after the SQL in the same transaction. */
  step?: ((db: Db, ctx: MigrationContext) => void) | undefined;
}

/**
 * Where the numbered .sql files live. In source that is ./migrations beside this file;
 * the build copies them to out/main/migrations, beside the bundled main.
 */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, 'migrations');
}

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f));
  const list = files
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8'), step: MIGRATION_STEPS[f] }))
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 001.. without gaps; found ${m.name}`);
  });
  return list;
}

/** Without a host (tests, tools): the default settings. */
const DEFAULT_CONTEXT: MigrationContext = { taxMode: () => 'inclusive' };

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database written by a newer app: never modify what we don't understand. */
export function assertNotTooNew(db: Db, latest: number): void {
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'DB_TOO_NEW',
      `This data file was written by a newer version of Subdesk (schema ${current}; this app knows up to ${latest}). Install the newer version to open it.`,
      { fileVersion: current, appVersion: latest },
    );
  }
}

/**
 * Applies the pending migrations, each in its own transaction with its user_version bump (its
 * SQL, then its data step if it has one). `ctx` gives the steps what lives outside the file.
 */
export function applyMigrations(db: Db, migrations: Migration[], ctx: MigrationContext = DEFAULT_CONTEXT): number[] {
  assertNotTooNew(db, migrations.length);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.step?.(db, ctx);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
