import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHost, type Host, type HostOptions } from '../../electron/host';
import type { Db } from '../../electron/db/open';

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

export function tempDir(prefix = 'subdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestHost {
  host: Host;
  clock: TestClock;
  dataDir: string;
  /** Closes and opens a new host on the same folder, as a restart would. */
  reopen(): Promise<Host>;
  close(): void;
}

export async function makeHost(opts: { startDate?: string; dataDir?: string; setup?: boolean } & Partial<HostOptions> = {}): Promise<TestHost> {
  const clock = testClock(opts.startDate);
  const dataDir = opts.dataDir ?? tempDir();
  const options: HostOptions = { osTimeZone: 'Asia/Shanghai', osLocale: 'en', timers: false, ...opts, dataDir, now: opts.now ?? clock.now };
  let host = await createHost(options);
  if (opts.setup) await host.invoke('settings.completeSetup', { businessName: 'Sunrise Fitness', currency: 'CNY', locale: 'en' });
  const th: TestHost = {
    get host() {
      return host;
    },
    clock,
    dataDir,
    async reopen() {
      host.close();
      host = await createHost(options);
      return host;
    },
    close() {
      host.close();
    },
  };
  return th;
}

/** A hash over every row of every table: equal hashes mean nothing in the database changed. */
export function databaseHash(db: Db): string {
  const h = createHash('sha256');
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  for (const { name } of tables) {
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()) h.update(JSON.stringify(row));
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
