/**
 * The one seam (docs/architecture.md): main, the tests, the benchmark and the browser harness all
 * reach the app through `createHost(...).invoke`. Nothing that matters lives in main.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { z } from 'zod';
import { createAuditLog, type AuditLog } from '../ops/audit/audit';
import { finishPendingRestore } from '../ops/backup/restore';
import { noDialogs, type Dialogs } from '../ops/backup/dialogs';
import { createBackupService, type BackupFaults } from '../ops/backup/service';
import { lightCheck, quickCheck, quickCheckOffThread, RESTORE_PENDING_KEY } from '../ops/backup/verify';
import { errorParts } from '../ops/backup/check-worker';
import { todayInZone } from '../../shared/dates';
import { AppError, channels, isChannel, type Channel, type EventName, type Events, type Input, type Output } from '../contract/index';
import type { Access } from '../contract/define';
import { refusedBy } from '../contract/access';
import { applyMigrations, assertNotTooNew, defaultMigrationsDir, loadMigrations, schemaVersion, type Migration, type MigrationContext } from '../db/migrate';
import { openDatabase, recordCleanClose, takeCleanClose, type Db } from '../db/open';
import type { Ctx, Handlers, StaffRef } from '../contract/handler';
import { createScheduler, type Job, type Scheduler } from './scheduler/scheduler';
import { createSettingsService, type HostSettingsService, type SettingsService, type SystemAudit } from '../ops/settings/service';
import type { SettingsStoreFactory } from '../ops/settings/store';
import { createAreas, type Areas } from './areas';
import { inCall } from './call-scope';
import { createDiagnostics, type ShellVersions } from '../ops/diagnostics/export';
import { createDiagnosticsLog, nodeLogWriter, type DiagnosticsLog, type LogWriter } from '../ops/diagnostics/log';
import { toWireError } from '../contract/envelope';
import { createSession, type Session } from '../desk/staff/session';
import type { SiteHooks } from '../contract/site';
import type { Settings } from '../contract/settings';
import { aloneSite } from '../ops/site/handlers';
import { siteRepo } from '../db/repos/site';
import { SEARCH_PART, searchIndexCatchUp, searchIndexOwed, searchIndexReady, setSearchWrites } from '../db/search-pending';

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
  /** Lock the session after `autoLockMinutes` of the injected clock without calls (default on; off for tests that jump days). */
  idleLock?: boolean;
  /** Fault injection for backup tests (a full disk, a kill mid-swap). */
  backupFaults?: BackupFaults;
  /** The native file dialogs (main passes Electron's; tests and the e2e harness play them). */
  dialogs?: Dialogs;
  /** The support log's writer (main: electron-log/main); default electron-log/node, same file. */
  logger?: LogWriter;
  /** Versions only the shell knows (main passes process.versions: electron, chrome). */
  versions?: ShellVersions;
  /** Tests only: replaces the worker-thread quick_check (to hold it open, or to make it find damage). */
  checkOffThread?: (file: string) => Promise<string | null>;
  /**
   * Off on a connected desk (docs/site.md): the main desk runs billing, late fees and backups;
   * this PC's host then never starts the scheduler. Default on.
   */
  scheduler?: boolean;
  /** This PC's place on the site (electron/site): sharing, pairing, forwarding to a main desk. Default: alone. */
  site?: SiteHooks;
}

/**
 * A call that came from a connected desk over the local network (electron/site): it runs through
 * the same dispatch as a call from this PC's window, with that desk's own sign-in, and its audit
 * entries name the desk.
 */
export interface Caller {
  device: { id: number; name: string };
  /** The desk's own staff session (each desk signs in on its own). */
  session: Session;
  /**
   * Runs inside a mutating call's transaction with its answer, so what the site server keeps
   * for a retried call commits together with the change (or not at all).
   */
  remember?: (answer: unknown) => void;
  /** A check-in that waited in the desk's queue while this PC was unreachable: when it was made at that door. */
  madeAt?: string;
}

export interface Host {
  /** `caller`: the connected desk a call came from (electron/site); absent for this PC's own window. */
  invoke<K extends Channel>(channel: K, input: Input<K>, caller?: Caller): Promise<Output<K>>;
  /** A new staff session with this host's auto-lock rules, for a connected desk's sign-in. */
  newSession(): Session;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Every push event, for forwarding to the renderer. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
  /** Relays a push event that happened elsewhere (a connected desk hears the main desk's). */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): void;
  /** The backup taken when the app quits (main.ts awaits it before closing). */
  backupOnQuit(): Promise<void>;
  /** The live connection (a restore replaces it). */
  readonly db: Db;
  /** Set when the data file failed its start-up check (or the background check) and nothing may be written. */
  readonly damaged: { reason: string } | null;
  /**
   * How the data file was checked when it opened (docs/decisions.md, "Opening"): 'full' runs
   * quick_check before the first write (after an unclean shutdown, or a file changed while
   * closed): reads answer while it runs on a worker, writes wait for it (it runs before the
   * first answer when the open itself must write: a migration, a restore to finish, empty
   * settings); 'light' reads header and schema only, after a clean close, and quick_check runs
   * in the background after the first answer; 'new' is a file this open created.
   */
  readonly openCheck: OpenCheck;
  /**
   * Starts the start-up work if it has not started (it starts by itself after the first answer)
   * and resolves when it is done: the daily backup, the background check, the start-up runs.
   */
  settled(): Promise<void>;
  readonly dataDir: string;
  readonly scheduler: Scheduler;
  readonly settings: SettingsService;
  /** The support log (<data folder>/logs): failed calls, main and window errors. */
  readonly log: DiagnosticsLog;
}

export const DB_FILE = 'subdesk.sqlite';
export type OpenCheck = 'full' | 'light' | 'new';
/** Start-up work begins after the first answer, or after this long without any call. */
const BACKGROUND_FALLBACK_MS = 3000;
const ANY = Symbol('any event');

/**
 * The host lives in the front-desk PC's main process all day beside the window: V8 grows its heap
 * by 10 % over the live data after each full collection instead of its default (up to ~100 %), so a
 * burst of work (the billing run of 100,000 members) no longer runs the heap far ahead of what it
 * holds: 308–312 MB peak without it, 242 MB with it, the run's speed unchanged (docs/decisions.md).
 */
function favourMemory(): void {
  v8.setFlagsFromString('--heap-growing-percent=10');
}

export async function createHost(opts: HostOptions): Promise<Host> {
  favourMemory();
  const now = opts.now ?? (() => new Date());
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const migrations = loadMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  // Start-up order: this PC's settings file now; the business settings once the database is
  // open (openCore attaches them), and nothing reads them before that.
  const settings = createSettingsService({
    dataDir: opts.dataDir,
    ...(opts.osLocale ? { osLocale: opts.osLocale } : {}),
    ...(opts.osTimeZone ? { osTimeZone: opts.osTimeZone } : {}),
    ...(opts.settingsStoreFactory ? { storeFactory: opts.settingsStoreFactory } : {}),
  });
  const events = new EventEmitter();
  const today = () => todayInZone(now(), settings.get().timeZone);
  const newSession = () => createSession({ now, autoLockMinutes: () => settings.get().autoLockMinutes, idleLock: opts.idleLock ?? true });
  // This PC's own sign-in; a call from a connected desk brings its own (`Caller`), and the session
  // every part of the host sees is the one of the call in progress.
  const ownSession = newSession();
  const callers = new AsyncLocalStorage<Caller>();
  const session = sessionOfCall(() => callers.getStore()?.session ?? ownSession);

  const emit: Ctx['emit'] = (event, payload) => {
    events.emit(event, payload);
    events.emit(ANY, event, payload);
  };

  // While a restore swaps the data file, every other call waits here.
  let gate: Promise<unknown> | null = null;
  const waitGate = async () => {
    while (gate) await gate.catch(() => undefined);
  };
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    await waitGate();
    const p = work();
    gate = p;
    try {
      return await p;
    } finally {
      if (gate === p) gate = null;
    }
  }

  let core: Core | undefined;
  let closed = false;
  const site = opts.site ?? aloneSite(() => !!core && !core.damaged && siteRepo(core.db).hasStaff());
  const log = createDiagnosticsLog(opts.logger ?? nodeLogWriter(opts.dataDir), opts.dataDir);
  const diagnostics = {
    log,
    versions: opts.versions ?? {},
    service: createDiagnostics({
      dataDir: opts.dataDir,
      dbFile: path.join(opts.dataDir, DB_FILE),
      appVersion: opts.appVersion ?? '0.0.0-dev',
      versions: opts.versions ?? {},
      log,
      dialogs: opts.dialogs ?? noDialogs,
      settings,
      now,
      nativeBinding: opts.nativeBinding,
      damaged: () => core?.damaged ?? null,
    }),
  };
  const backups = createBackupService({
    dataDir: opts.dataDir,
    dbFile: DB_FILE,
    settings,
    now,
    latestVersion: migrations.length,
    nativeBinding: opts.nativeBinding,
    liveDb: () => (core && !core.damaged ? core.db : null),
    damaged: () => core?.damaged ?? null,
    exclusive,
    async reopenAfter(fileOp) {
      await checking; // the background check reads the file that is about to be swapped
      closeCore(core!);
      try {
        fileOp();
      } finally {
        core = await openCore('full');
        session.refresh((id) => (core!.damaged ? null : core!.staffRef(id)));
      }
    },
    faults: opts.backupFaults,
    isClosed: () => closed,
    dialogs: opts.dialogs,
  });

  /** Opens the data file and builds everything that holds statements on it; a restore rebuilds this. */
  async function openCore(check: 'full' | 'light', mayDefer = false): Promise<Core> {
    const { db, damaged, checked, deferred } = await openAndMigrate(opts, migrations, check, migrationContext(settings), mayDefer);
    openCheck = checked;
    checkDeferred = deferred;
    // Mutable: the background check can find damage after the first answer.
    const health = { damaged };
    const audit = createAuditLog(db);
    const auditSystem: SystemAudit = (channel, entity, entityId, before, after) =>
      audit.record({ at: now().toISOString(), staffId: null, staffName: 'system', channel, entity, entityId: String(entityId), before, after });
    openBusinessSettings(db, damaged !== null, auditSystem);
    const areas = createAreas({
      db,
      dataDir: opts.dataDir,
      appVersion: opts.appVersion ?? '0.0.0-dev',
      settings,
      now,
      today,
      emit,
      auditSystem,
      session,
      backups,
      damaged: () => health.damaged,
      diagnostics,
      site,
    });
    assertEveryChannelHandled(areas.handlers);
    // The search index's owed rows (after an import) are written only while the file may be written.
    setSearchWrites(db, () => !checkDeferred && !health.damaged);
    const staffRow = db.prepare<[number], StaffRef>("SELECT id, name, role FROM staff WHERE id = ? AND active = 1");
    return {
      db,
      audit,
      areas,
      handlers: areas.handlers,
      get damaged() {
        return health.damaged;
      },
      markDamaged: (reason) => void (health.damaged = { reason: reason.slice(0, 500) }),
      staffRef: (id) => staffRow.get(id) ?? null,
    };
  }
  /**
   * Business settings come from the database just opened. A damaged file's stand-in gets the
   * last known copy; a restored file finishes its restore; an old settings file moves in once.
   */
  function openBusinessSettings(db: Db, damaged: boolean, auditSystem: SystemAudit): void {
    settings.attach(db, { damaged });
    if (damaged) return;
    const restored = finishPendingRestore(db, settings);
    settings.fillOnce(auditSystem);
    settings.settle();
    if (restored) emit('settings.changed', { locale: settings.get().locale });
  }
  const dbFile = path.join(opts.dataDir, DB_FILE);
  let openCheck: OpenCheck = 'full';
  // The open answered before its full check: writes wait for `writesHeld` (docs/decisions.md, "Opening").
  let checkDeferred = false;
  let writesHeld: Promise<void> = Promise.resolve();
  let checking: Promise<unknown> = Promise.resolve();
  let unguard = () => {};
  // Taken (and removed) before the file opens: a session that dies from here on leaves no proof of a clean close.
  core = await openCore(takeCleanClose(dbFile) ? 'light' : 'full', true);
  if (checkDeferred) startDeferredCheck(core);

  /** After an unclean shutdown: quick_check on a worker now, damage found switches writes off before any write. */
  function startDeferredCheck(c: Core): void {
    // A second, read-only connection held until the check passes: the read-write one is then never the
    // last to close, so its closing checkpoint cannot copy the WAL into a file not known to be sound.
    const walGuard = openDatabase(dbFile, { ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), readonly: true });
    walGuard.prepare('SELECT count(*) FROM sqlite_master').get(); // a first read takes the lock it keeps in WAL mode
    unguard = () => {
      if (walGuard.open) walGuard.close();
    };
    const check = checkRetryingLocks(opts.checkOffThread ?? offThread);
    checking = check.catch(() => undefined);
    writesHeld = check.then(
      (problem) => {
        if (problem) c.markDamaged(problem);
        else unguard();
      },
      // Not damage (a lock, permissions): nothing proves the file sound, so nothing is written to it.
      (e: unknown) => {
        const { code, message } = errorParts(e);
        c.markDamaged(`${code} ${message}`.trim());
      },
    ).finally(() => {
      checkDeferred = false;
    });
  }
  /** A lock or busy answer is not a verdict on the file: ask again a few times before holding writes for good. */
  async function checkRetryingLocks(check: (file: string) => Promise<string | null>): Promise<string | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await check(dbFile);
      } catch (e) {
        if (attempt >= 4 || !/BUSY|LOCKED/.test(errorParts(e).code) || closed) throw e;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
  function offThread(file: string): Promise<string | null> {
    return quickCheckOffThread(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  }

  function makeCtx(channel: string): Ctx {
    const c = core!;
    return {
      db: c.db,
      channel,
      // Read at use: staff.createOwner and auth.signIn change who is acting mid-call.
      get staff() {
        return session.current();
      },
      actor: () => session.current(),
      replayed: () => {
        const c = callers.getStore();
        return c?.madeAt ? { device: c.device.name, madeAt: c.madeAt } : null;
      },
      settings,
      now,
      today,
      audit: (entity, entityId, before, after) => {
        const staff = session.current();
        c.audit.record({
          device: callers.getStore()?.device.name ?? null,
          at: now().toISOString(),
          staffId: staff?.id ?? null,
          staffName: staff?.name ?? '',
          channel,
          entity,
          entityId: String(entityId),
          before,
          after,
        });
      },
      emit,
    };
  }

  /**
   * Order of checks: unknown channel, damaged data file, sign-in / lock / role, then the
   * input schema — a caller without the right learns nothing about a channel's input.
   */
  function guard(channel: Channel, access: Access, mutates: boolean): void {
    const c = core!;
    if (c.damaged) {
      if (DAMAGED_RESCUE.has(channel)) return; // anyone may bring back a backup over a damaged file
      if (access !== 'public' || (mutates && channel !== 'settings.setLocale')) {
        throw new AppError('DB_DAMAGED', 'The data file is damaged: restore a backup to continue.', { reason: c.damaged.reason });
      }
    }
    session.authorize(access);
  }

  /** The channel's input-dependent access (contract `when`), e.g. refunds need a manager. */
  function guardInput(channel: Channel, parsed: unknown): void {
    const role = session.current()?.role;
    const rule = refusedBy(role, channel, parsed);
    if (rule) throw new AppError('FORBIDDEN', rule.message, { role: role ?? null, required: rule.role });
  }

  async function invoke<K extends Channel>(channel: K, input: Input<K>, caller?: Caller): Promise<Output<K>> {
    try {
      if (!caller) return await answer(channel, input);
      return await callers.run(caller, async () => {
        // Staff edits or a restore on any desk: the desk keeps its sign-in only if that person is still active.
        caller.session.refresh((id) => (core!.damaged ? null : core!.staffRef(id)));
        return answer(channel, input);
      });
    } catch (e) {
      // Channel and code only: the input may hold a PIN or a member's details.
      const code = toWireError(e).code;
      log.failedCall(isChannel(channel) ? channel : '(unknown channel)', code, code === 'INTERNAL' ? e : undefined);
      throw e;
    } finally {
      startBackgroundSoon();
    }
  }

  /**
   * A connected desk's language is this PC's choice (kept in its settings file, like any PC's), not the main
   * desk's: the settings the main desk answers carry this PC's language instead of its own.
   */
  function thisDesksLanguage(channel: Channel, out: unknown): unknown {
    const locale = settings.get().locale;
    if (channel === 'settings.get' || channel === 'settings.update' || channel === 'settings.completeSetup') return { ...(out as Settings), locale };
    if (channel === 'app.start' || channel === 'staff.firstStart') {
      const o = out as { settings: Settings };
      return { ...o, settings: { ...o.settings, locale } };
    }
    return out;
  }

  async function answer<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
    const out = await answerHere(channel, input);
    // A connected desk switched its own language here (the site keeps the switch local): it shows the main desk's settings in it.
    if (channel === 'settings.setLocale' && site.forwards('settings.get')) return thisDesksLanguage('settings.get', await site.forward('settings.get', {})) as Output<K>;
    return out;
  }

  async function answerHere<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
    if (!isChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 100)}`);
    // A connected desk: the main desk answers, through its own host.invoke (docs/site.md); the language is this desk's own.
    if (site.forwards(channel)) return thisDesksLanguage(channel, await site.forward(channel, input)) as Output<K>;
    await waitGate();
    const def = channels[channel];
    if (def.mutates) await writesHeld;
    guard(channel, def.access, def.mutates);
    const parsed = parseInput(def.input, input);
    guardInput(channel, parsed);
    const c = core!;
    const handler = c.handlers[channel] as (input: unknown, ctx: Ctx) => unknown;
    const ctx = makeCtx(channel);
    if (!def.mutates) return (await inCall(ctx, () => handler(parsed, ctx))) as Output<K>;
    try {
      const result =
        def.tx === 'self'
          ? ((await inCall(ctx, () => handler(parsed, ctx))) as Output<K>)
          : // One user action = one transaction: the change and its audit rows commit together or not at all.
            c.db.transaction(() => {
              const result = inCall(ctx, () => handler(parsed, ctx));
              if (result instanceof Promise) throw new Error(`mutating handler ${channel} must be synchronous`);
              callers.getStore()?.remember?.(result);
              return result as Output<K>;
            })();
      // An import leaves search-index rows owed: written a part at a time from the next turn on.
      const after = core!; // a restore swaps the core
      if (!closed && after.db.open && !after.damaged && searchIndexOwed(after.db)) indexSoon();
      // Other desks refresh their lists (a sign-in changes nothing they show).
      if (!channel.startsWith('auth.')) emit('data.changed', { channel, deviceId: callers.getStore()?.device.id ?? null, here: !callers.getStore() });
      return result;
    } finally {
      // Committed or rolled back: the settings cache reads the truth again if the call wrote settings.
      settings.settle();
    }
  }

  // The daily backup verifies a copy with integrity_check: when it ran on this start, it also
  // checked the data as opened, and the background quick_check is not needed.
  let verifiedByBackup = false;
  // Jobs are looked up by name at run time, so they follow the areas across a restore.
  const jobs: Job[] = [
    {
      name: 'backup.daily',
      triggers: ['startup', 'midnight'],
      run: async () => {
        await writesHeld; // a copy of a file not yet checked is not a backup to keep
        if (closed || core!.damaged) return;
        if (await backups.dailyIfNeeded()) verifiedByBackup = true;
      },
    },
    { name: 'db.check', triggers: ['startup'], run: () => backgroundCheck() },
    // Rows an import left owed when the app stopped before writing them.
    { name: 'search.index', triggers: ['startup'], run: () => indexSoon() },
    ...core.areas.jobs.map(
      (j): Job => ({
        name: j.name,
        triggers: j.triggers,
        run: async () => {
          await waitGate();
          await writesHeld;
          if (closed || core!.damaged) return;
          await core!.areas.jobs.find((x) => x.name === j.name)?.run();
        },
      }),
    ),
  ];
  const scheduler = createScheduler({
    jobs,
    now,
    localParts: (instant) => localParts(instant, settings.get().timeZone),
    onError: (job, e) => {
      console.error(`[scheduler] ${job} failed:`, e);
      log.mainError(`scheduler ${job}`, e);
    },
  });

  /**
   * Writes the search-index rows an import still owes, a part per turn of the event loop, so calls are
   * answered in between (a question to the index writes the rest itself first). One chain at a time.
   */
  let indexing: Promise<void> | null = null;
  function indexSoon(): Promise<void> {
    indexing ??= (async () => {
      try {
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          await waitGate();
          await writesHeld;
          if (closed || core!.damaged || !searchIndexCatchUp(core!.db, SEARCH_PART)) return;
        }
      } catch (e) {
        log.mainError('search index', e);
      } finally {
        indexing = null;
      }
    })();
    return indexing;
  }

  /** After a light open, the full quick_check on a worker thread; damage found switches writes off. */
  async function backgroundCheck(): Promise<void> {
    if (closed || openCheck !== 'light' || verifiedByBackup || core!.damaged) return;
    const c = core!;
    const check = quickCheckOffThread(dbFile, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    checking = check.catch(() => undefined);
    const problem = await check;
    if (problem && core === c && !closed) c.markDamaged(problem);
  }

  // Start-up work (daily backup, background check, catch-up runs) waits for the first answer, so
  // opening the window never waits for it; the fallback starts it when no call comes.
  let background: Promise<void> | null = null;
  function startBackground(): Promise<void> {
    background ??= (async () => {
      clearTimeout(fallback);
      if (closed || opts.scheduler === false) return;
      await scheduler.start();
      if (opts.timers === false || closed) scheduler.stop();
    })();
    return background;
  }
  function startBackgroundSoon(): void {
    if (!background) setImmediate(() => void startBackground());
  }
  const fallback = setTimeout(() => void startBackground(), BACKGROUND_FALLBACK_MS);
  fallback.unref();

  return {
    invoke,
    newSession,
    emit,
    on(event, listener) {
      events.on(event, listener as (p: unknown) => void);
      return () => events.off(event, listener as (p: unknown) => void);
    },
    onAny(listener) {
      events.on(ANY, listener);
      return () => events.off(ANY, listener);
    },
    close() {
      closed = true;
      clearTimeout(fallback);
      scheduler.stop();
      const c = core!;
      // A clean close leaves the search index whole (an import's owed rows: well under a second at 50,000).
      try {
        if (!c.damaged && !checkDeferred && c.db.open) searchIndexReady(c.db);
      } catch (e) {
        log.mainError('search index', e);
      }
      closeCore(c);
      unguard(); // after the read-write connection: see startDeferredCheck
      // Proof of a clean close for the next open (not for a damaged file, nor one whose full check
      // has not finished: those are checked in full next time).
      if (!c.damaged && !checkDeferred) recordCleanClose(dbFile);
      events.removeAllListeners();
    },
    async backupOnQuit() {
      await background;
      await waitGate();
      await backups.onQuit();
    },
    get openCheck() {
      return openCheck;
    },
    settled: startBackground,
    get db() {
      return core!.db;
    },
    get damaged() {
      return core!.damaged;
    },
    dataDir: opts.dataDir,
    scheduler,
    settings,
    log,
  };
}

/**
 * Whether opening this file writes to it before the first call (a migration, a restore to finish,
 * settings to fill): then its full check cannot wait for the first write and runs before the open.
 */
function writesAtOpen(probe: Db, latest: number): boolean {
  if (schemaVersion(probe) < latest) return true;
  const has = (sql: string) => probe.prepare(sql).get() !== undefined;
  return has(`SELECT 1 FROM meta WHERE key = '${RESTORE_PENDING_KEY}'`) || !has('SELECT 1 FROM settings LIMIT 1');
}

/** What a restore closes and rebuilds: the connection and everything holding statements on it. */
interface Core {
  db: Db;
  audit: AuditLog;
  areas: Areas;
  handlers: Handlers;
  readonly damaged: { reason: string } | null;
  /** The background check found damage: from now on the host refuses writes as for a damaged file. */
  markDamaged(reason: string): void;
  staffRef(id: number): StaffRef | null;
}

/** A session that is, at each use, the one `pick` gives (the call in progress's desk, or this PC). */
function sessionOfCall(pick: () => Session): Session {
  return {
    current: () => pick().current(),
    locked: () => pick().locked(),
    signIn: (staff) => pick().signIn(staff),
    signOut: () => pick().signOut(),
    lock: () => pick().lock(),
    authorize: (access) => pick().authorize(access),
    refresh: (lookup) => pick().refresh(lookup),
  };
}

/** With a damaged data file only these non-public channels still work (to restore a backup). */
const DAMAGED_RESCUE = new Set<string>(['backup.list', 'backup.restore', 'system.exportDiagnostics']);

function closeCore(core: Core): void {
  core.areas.close();
  if (core.db.open) core.db.close();
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

/** What migration data steps read from outside the data file: the one place to rewire when settings move. */
/** Migrations run before the settings table is read: they see the settings the file (or the last open) knew. */
function migrationContext(settings: HostSettingsService): MigrationContext {
  return { taxMode: () => (settings.legacy().pricesIncludeTax ? 'inclusive' : 'exclusive') };
}

/**
 * Opens the data file and brings its schema up to date. A file from a newer app is
 * refused untouched; an existing file is copied with the SQLite backup API before any
 * migration touches it. A file that fails its check (`quick_check`, or only header and
 * schema after a clean close) is never written to: the host
 * then runs on an empty in-memory database in "damaged" mode, offering only a restore.
 */
async function openAndMigrate(
  opts: HostOptions,
  migrations: Migration[],
  check: 'full' | 'light',
  ctx: MigrationContext,
  mayDefer: boolean,
): Promise<{ db: Db; damaged: { reason: string } | null; checked: OpenCheck; deferred: boolean }> {
  const file = path.join(opts.dataDir, DB_FILE);
  const existed = fs.existsSync(file);
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  const checked: OpenCheck = existed ? check : 'new';
  let deferred = false;
  if (existed) {
    const damagedMode = (problem: string) => {
      const memory = openDatabase(':memory:', binding);
      applyMigrations(memory, migrations);
      return { db: memory, damaged: { reason: problem.slice(0, 500) }, checked, deferred: false };
    };
    // Header and schema first in every case: a foreign or truncated file is refused in milliseconds.
    const problem = lightCheck(file, binding);
    if (problem) return damagedMode(problem);
    // Look before touching: even setting WAL mode would write to a newer app's file.
    const probe = openDatabase(file, { ...binding, readonly: true });
    try {
      assertNotTooNew(probe, migrations.length);
      deferred = check === 'full' && mayDefer && !writesAtOpen(probe, migrations.length);
    } finally {
      probe.close();
    }
    if (check === 'full' && !deferred) {
      const full = quickCheck(file, binding);
      if (full) return damagedMode(full);
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
    applyMigrations(db, migrations, ctx);
    return { db, damaged: null, checked, deferred };
  } catch (e) {
    db.close();
    throw e;
  }
}
