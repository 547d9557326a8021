/**
 * The one seam (DESIGN.md): main, the tests, the benchmark and the browser harness all
 * reach the app through `createHost(...).invoke`. Nothing that matters lives in main.ts.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { createAuditLog } from './audit/audit';
import { todayInZone } from './billing/dates';
import { AppError, channels, isChannel, type Channel, type EventName, type Events, type Input, type Output } from './contract';
import { applyMigrations, assertNotTooNew, defaultMigrationsDir, loadMigrations, schemaVersion } from './db/migrate';
import { openDatabase, type Db } from './db/open';
import type { Ctx, Handlers, StaffRef } from './handlers';
import { createScheduler, type Job, type Scheduler } from './scheduler/scheduler';
import { createSettingsService, type SettingsService } from './settings/service';
import type { SettingsStoreFactory } from './settings/store';
import { createAreas } from './areas';

export interface HostOptions {
  dataDir: string;
  /** The injected clock: every "today" comes from here. */
  now?: () => Date;
  nativeBinding?: string;
  settingsStoreFactory?: SettingsStoreFactory;
  migrationsDir?: string;
  osLocale?: string;
  osTimeZone?: string;
  appVersion?: string;
  /** Start the hourly/midnight timers (the startup run happens either way). Tests leave it off. */
  timers?: boolean;
}

export interface Host {
  invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Every push event, for forwarding to the renderer. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): void;
  readonly db: Db;
  readonly dataDir: string;
  readonly scheduler: Scheduler;
  readonly settings: SettingsService;
}

export const DB_FILE = 'subdesk.sqlite';
const ANY = Symbol('any event');

export async function createHost(opts: HostOptions): Promise<Host> {
  const now = opts.now ?? (() => new Date());
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const db = await openAndMigrate(opts);
  const settings = createSettingsService({
    dataDir: opts.dataDir,
    ...(opts.osLocale ? { osLocale: opts.osLocale } : {}),
    ...(opts.osTimeZone ? { osTimeZone: opts.osTimeZone } : {}),
    ...(opts.settingsStoreFactory ? { storeFactory: opts.settingsStoreFactory } : {}),
  });
  const audit = createAuditLog(db);
  const events = new EventEmitter();
  const staff: StaffRef | null = null;
  const today = () => todayInZone(now(), settings.get().timeZone);

  const emit: Ctx['emit'] = (event, payload) => {
    events.emit(event, payload);
    events.emit(ANY, event, payload);
  };
  const areas = createAreas({
    db,
    dataDir: opts.dataDir,
    appVersion: opts.appVersion ?? '0.0.0-dev',
    settings,
    now,
    today,
    emit,
    auditSystem: (channel, entity, entityId, before, after) =>
      audit.record({ at: now().toISOString(), staffId: null, staffName: 'system', channel, entity, entityId: String(entityId), before, after }),
  });
  const handlers: Handlers = areas.handlers;
  assertEveryChannelHandled(handlers);

  function makeCtx(channel: string): Ctx {
    return {
      db,
      channel,
      staff,
      settings,
      now,
      today,
      audit: (entity, entityId, before, after) =>
        audit.record({
          at: now().toISOString(),
          staffId: staff?.id ?? null,
          staffName: staff?.name ?? '',
          channel,
          entity,
          entityId: String(entityId),
          before,
          after,
        }),
      emit,
    };
  }

  async function invoke<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
    if (!isChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 100)}`);
    const def = channels[channel];
    const parsed = parseInput(def.input, input);
    const handler = handlers[channel] as (input: unknown, ctx: Ctx) => unknown;
    const ctx = makeCtx(channel);
    if (!def.mutates || def.tx === 'self') return (await handler(parsed, ctx)) as Output<K>;
    // One user action = one transaction: the change and its audit rows commit together or not at all.
    return db.transaction(() => {
      const result = handler(parsed, ctx);
      if (result instanceof Promise) throw new Error(`mutating handler ${channel} must be synchronous`);
      return result as Output<K>;
    })();
  }

  const jobs: Job[] = areas.jobs;
  const scheduler = createScheduler({
    jobs,
    now,
    localParts: (instant) => localParts(instant, settings.get().timeZone),
    onError: (job, e) => console.error(`[scheduler] ${job} failed:`, e),
  });
  await scheduler.start();
  if (opts.timers === false) scheduler.stop();

  return {
    invoke,
    on(event, listener) {
      events.on(event, listener as (p: unknown) => void);
      return () => events.off(event, listener as (p: unknown) => void);
    },
    onAny(listener) {
      events.on(ANY, listener);
      return () => events.off(ANY, listener);
    },
    close() {
      scheduler.stop();
      areas.close();
      events.removeAllListeners();
      if (db.open) db.close();
    },
    db,
    dataDir: opts.dataDir,
    scheduler,
    settings,
  };
}

/** Runs the schema; reports field paths so the screen can put each error next to its field. */
export function parseInput(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 50).map((i) => ({
    path: i.path.map(String).join('.'),
    code: i.code,
    message: i.message,
  }));
  throw new AppError('VALIDATION', `Invalid input: ${issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; ')}`, {
    issues,
  });
}

function assertEveryChannelHandled(handlers: Partial<Handlers>): void {
  const missing = Object.keys(channels).filter((c) => typeof handlers[c as Channel] !== 'function');
  if (missing.length) throw new Error(`channels without a handler: ${missing.join(', ')}`);
}

function localParts(instant: Date, timeZone: string): { date: string; hour: number } {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant),
  );
  return { date: todayInZone(instant, timeZone), hour };
}

/**
 * Opens the data file and brings its schema up to date. A file from a newer app is
 * refused untouched; an existing file is copied with the SQLite backup API before any
 * migration touches it.
 */
async function openAndMigrate(opts: HostOptions): Promise<Db> {
  const file = path.join(opts.dataDir, DB_FILE);
  const migrations = loadMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  const existed = fs.existsSync(file);
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  if (existed) {
    // Look before touching: even setting WAL mode would write to a newer app's file.
    const probe = openDatabase(file, { ...binding, readonly: true });
    try {
      assertNotTooNew(probe, migrations.length);
    } finally {
      probe.close();
    }
  }
  const db = openDatabase(file, binding);
  try {
    assertNotTooNew(db, migrations.length);
    const current = schemaVersion(db);
    if (existed && current > 0 && current < migrations.length) {
      const dir = path.join(opts.dataDir, 'backups', 'pre-migration');
      fs.mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await db.backup(path.join(dir, `subdesk-v${current}-${stamp}.sqlite`));
    }
    applyMigrations(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
