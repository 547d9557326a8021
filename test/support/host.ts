import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createHost, type Host, type HostOptions } from '../../electron/host/host';
import type { Db } from '../../electron/db/open';
import type { Role } from '../../electron/contract/define';
import type { StaffBrief } from '../../electron/contract/staff';
import { RUN_TMP, tempBase } from './temp-root';

/** A movable clock for Kill Bill-style tests: set it, act, move it, check. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
  /** Moves to 09:00 business time (Asia/Shanghai) of a calendar date. */
  setDate(date: string): void;
  addDays(n: number): void;
}

export function testClock(startDate = '2026-01-05'): TestClock {
  let t = atNine(startDate);
  return {
    now: () => new Date(t.getTime()),
    set: (iso) => void (t = new Date(iso)),
    setDate: (date) => void (t = atNine(date)),
    addDays: (n) => void (t = new Date(t.getTime() + n * 86_400_000)),
  };
}

/** 09:00 in Asia/Shanghai (UTC+8, no DST) = 01:00 UTC the same day. */
function atNine(date: string): Date {
  return new Date(`${date}T01:00:00.000Z`);
}

/**
 * A new temp folder: in the run's folder when the runner made one (vitest: test/support/temp-root.ts,
 * in RAM and removed at the end), else in RAM when the machine has room there (/dev/shm), else the OS temp.
 * The tests open hundreds of hosts; they test the app, not the disk's fsync.
 */
export function tempDir(prefix = 'subdesk-test-'): string {
  const base = process.env[RUN_TMP] ?? tempBase();
  return fs.mkdtempSync(path.join(base, prefix));
}

export interface TestHost {
  host: Host;
  clock: TestClock;
  dataDir: string;
  /** Closes and opens a new host on the same folder, as a restart would. */
  reopen(): Promise<Host>;
  close(): void;
}

/**
 * A host on a temp folder with a movable clock. By default the owner ("Owner", PIN 1234) is
 * created and signed in right after it opens (and after `reopen()`); `signIn: false` starts
 * signed out, as a fresh install would. The idle auto-lock is off unless `idleLock: true`,
 * because tests jump the clock by days between calls. The host's start-up work is awaited
 * (`settle: false` leaves it to start after the first answer, as in the app).
 */
export async function makeHost(
  opts: { startDate?: string; dataDir?: string; setup?: boolean; signIn?: boolean; settle?: boolean } & Partial<HostOptions> = {},
): Promise<TestHost> {
  const clock = testClock(opts.startDate);
  const dataDir = opts.dataDir ?? tempDir();
  const options: HostOptions = { osTimeZone: 'Asia/Shanghai', osLocale: 'en', timers: false, idleLock: false, ...opts, dataDir, now: opts.now ?? clock.now };
  // The start-up work (daily backup, catch-up runs) runs before the test acts, as it did when it blocked the open.
  const open = async () => {
    const h = await createHost(options);
    if (opts.settle !== false) await h.settled();
    return h;
  };
  let host = await open();
  if (opts.signIn !== false) await signInAs(host, 'owner');
  if (opts.setup) await host.invoke('settings.completeSetup', { businessName: 'Sunrise Fitness', currency: 'CNY', locale: 'en' });
  const th: TestHost = {
    get host() {
      return host;
    },
    clock,
    dataDir,
    async reopen() {
      host.close();
      host = await open();
      if (opts.signIn !== false) await signInAs(host, 'owner');
      return host;
    },
    close() {
      host.close();
    },
  };
  return th;
}

/** The staff the test helpers create, one per role, with their PINs. */
export const TEST_STAFF: Record<Role, { name: string; pin: string }> = {
  owner: { name: 'Owner', pin: '1234' },
  manager: { name: 'Manager', pin: '2222' },
  desk: { name: 'Desk', pin: '1111' },
};

/**
 * Signs in a staff member of `role` (TEST_STAFF), creating them first if needed: on a fresh
 * database the owner is created by `staff.createOwner`, others by the owner with `staff.create`.
 */
export async function signInAs(host: Host, role: Role = 'owner'): Promise<StaffBrief> {
  let status = await host.invoke('auth.status', {});
  if (!status.staffExists) {
    await host.invoke('staff.createOwner', { name: TEST_STAFF.owner.name, pin: TEST_STAFF.owner.pin });
    status = await host.invoke('auth.status', {});
  }
  const find = (r: Role) => status.roster.find((s) => s.role === r && s.name === TEST_STAFF[r].name);
  let target = find(role);
  if (!target) {
    const owner = find('owner');
    if (!owner) throw new Error('signInAs: no test owner ("Owner") to create other staff with');
    await host.invoke('auth.signIn', { staffId: owner.id, pin: TEST_STAFF.owner.pin });
    const created = await host.invoke('staff.create', { name: TEST_STAFF[role].name, role, pin: TEST_STAFF[role].pin });
    target = { id: created.id, name: created.name, role: created.role };
  }
  await host.invoke('auth.signIn', { staffId: target.id, pin: TEST_STAFF[role].pin });
  return target;
}

/** A hash over every row of every table: equal hashes mean nothing in the database changed. */
export function databaseHash(db: Db, opts: { ignoreSignIns?: boolean } = {}): string {
  const h = createHash('sha256');
  // Tests that sign in and out between their checks ask to leave the sign-in entries out.
  const signIn = (name: string, row: unknown) =>
    opts.ignoreSignIns && name === 'audit_log' && (row as { channel: string; after: string | null }).channel === 'auth.signIn' && (row as { after: string | null }).after === '{"signedIn":true}';
  const tables = db
    .prepare<[], { name: string; sql: string | null }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  for (const { name, sql } of tables) {
    h.update(name);
    // WITHOUT ROWID tables (e.g. FTS5's config) have no rowid; they are read in primary-key order.
    const order = /WITHOUT\s+ROWID/i.test(sql ?? '') ? '' : ' ORDER BY rowid';
    for (const row of db.prepare(`SELECT * FROM "${name}"${order}`).all()) if (!signIn(name, row)) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** Awaits a promise expected to fail and returns its error for exact assertions. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Overwrites every 13th byte past the first two pages of a closed host's data file: the open finds it
 * damaged. Returns the file and its bytes as damaged (to check that nothing writes to it afterwards).
 */
export function damageDataFile(dataDir: string): { file: string; bytes: Buffer } {
  const file = path.join(dataDir, 'subdesk.sqlite');
  const bytes = fs.readFileSync(file);
  for (let i = 4096 * 2; i < bytes.length; i += 13) bytes[i] = 0xa5;
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}
