/**
 * Opening fast without trusting a damaged file (docs/decisions.md, "Opening"): after an unclean
 * shutdown the full quick_check runs on a worker from the open and every write waits for it (it
 * runs before the open only when the open itself must write); after a clean close
 * the open reads header and schema, and quick_check runs in the background after the first
 * answer, with the daily backup and the start-up runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { lightCheck, quickCheck } from '../../../electron/ops/backup/verify';
import { recordCleanClose } from '../../../electron/db/open';
import { createHost, type Host } from '../../../electron/host/host';
import { runAndKill } from '../crash/harness';
import { failure, makeHost, signInAs, tempDir, testClock, type TestHost } from '../../support/host';

let th: TestHost | undefined;
let extra: Host | undefined;
afterEach(() => {
  th?.close();
  th = undefined;
  extra?.close();
  extra = undefined;
});

const live = (dir: string) => path.join(dir, 'subdesk.sqlite');
const backupFiles = (dir: string) => {
  const d = path.join(dir, 'backups');
  return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.sqlite')).sort() : [];
};
const options = (dataDir: string, date: string) => {
  const clock = testClock(date);
  return { dataDir, now: clock.now, timers: false, idleLock: false, osTimeZone: 'Asia/Shanghai', osLocale: 'en' };
};

/** Garbles the leaf pages of the audit log (found with SQLite's dbstat), keeping the header, the schema and the size. */
function damageTablePages(file: string): void {
  const db = new Database(file, { readonly: true });
  const pages = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'").all();
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(file);
  for (const { pageno } of pages) for (let i = (pageno - 1) * pageSize + 8; i < pageno * pageSize; i += 13) bytes[i] = 0xa5;
  fs.writeFileSync(file, bytes);
}

/** A folder with an owner and some history (so the file has table pages to damage), closed cleanly. */
async function closedFolder(date = '2026-03-02'): Promise<string> {
  const t = await makeHost({ setup: true, startDate: date });
  for (let n = 0; n < 150; n++) await t.host.invoke('settings.update', { address: `Street ${n} ${'x'.repeat(200)}` });
  t.close();
  return t.dataDir;
}

describe('check at open', () => {
  it('checks a new file as new, a cleanly closed one lightly, and takes the proof of the clean close when it opens', async () => {
    const dir = tempDir();
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02' });
    expect(th.host.openCheck).toBe('new');
    th.close();
    expect(fs.existsSync(`${live(dir)}.closed`)).toBe(true);
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02' });
    expect(th.host.openCheck).toBe('light');
    expect(th.host.damaged).toBeNull();
    // While open there is no proof of a clean close: a kill from now on means a full check next time.
    expect(fs.existsSync(`${live(dir)}.closed`)).toBe(false);
    await th.reopen();
    expect(th.host.openCheck).toBe('light');
  });

  it('runs the full check before the first answer after the process was killed', async () => {
    const dir = await closedFolder();
    const killed = await runAndKill(dir, 'settings', '2026-03-02T02:00:00.000Z', 150);
    expect(killed.killed).toBe(true);
    expect(killed.error).toBe('');
    expect(fs.existsSync(`${live(dir)}.closed`)).toBe(false);
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02' });
    expect(th.host.openCheck).toBe('full');
    expect(th.host.damaged).toBeNull();
    // Its clean close makes the next open light again.
    await th.reopen();
    expect(th.host.openCheck).toBe('light');
  });

  it('runs the full check when the file changed while closed, and finds the damage before the first write', async () => {
    const dir = await closedFolder();
    damageTablePages(live(dir)); // a new modification time: the record no longer matches
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02', signIn: false });
    expect(th.host.openCheck).toBe('full');
    expect(th.host.damaged?.reason).toMatch(/./);
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('DB_DAMAGED');
  });

  it('finds damage the clean-close record cannot see in the background check after the first answer, and refuses writes from then on', async () => {
    const dir = await closedFolder();
    const file = live(dir);
    damageTablePages(file);
    recordCleanClose(file); // bits rotted on disk without the file looking changed
    // The fixture is what the test means: header and schema read, table pages do not.
    expect(lightCheck(file)).toBeNull();
    expect(quickCheck(file)).not.toBeNull();
    const bytes = fs.readFileSync(file);

    const host = (extra = await createHost(options(dir, '2026-03-02')));
    expect(host.openCheck).toBe('light');
    expect(host.damaged).toBeNull();
    const first = await host.invoke('auth.status', {});
    expect(first.damaged).toBeNull();
    await host.settled();
    expect(host.damaged?.reason).toMatch(/./);
    expect((await host.invoke('auth.status', {})).damaged).toEqual(host.damaged);
    expect((await failure(host.invoke('auth.signIn', { staffId: 1, pin: '1234' }))).code).toBe('DB_DAMAGED');
    expect((await failure(host.invoke('settings.update', { address: 'x' }))).code).toBe('DB_DAMAGED');
    expect((await host.invoke('backup.list', {})).damaged).toEqual(host.damaged);
    host.close();
    extra = undefined;
    // Nothing was written to it, no proof of a clean close was left, and the next open checks in full.
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}.closed`)).toBe(false);
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02', signIn: false });
    expect(th.host.openCheck).toBe('full');
    expect(th.host.damaged?.reason).toMatch(/./);
  });
});

describe('the full check after an unclean shutdown holds writes, not reads', () => {
  /** A check the test finishes by hand; `calls` counts how often the host asked for it. */
  function heldCheck() {
    let finish!: (problem: string | null) => void;
    const result = new Promise<string | null>((r) => (finish = r));
    const held = { calls: 0, finish, run: (_file: string) => ((held.calls += 1), result) };
    return held;
  }
  const killedFolder = async () => {
    const dir = await closedFolder();
    const killed = await runAndKill(dir, 'settings', '2026-03-02T02:00:00.000Z', 150);
    expect(killed.killed).toBe(true);
    return dir;
  };

  it('answers reads while the check runs, and runs a write only once the check passed', async () => {
    const dir = await killedFolder();
    const check = heldCheck();
    const host = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: check.run }));
    expect(host.openCheck).toBe('full');
    expect(check.calls).toBe(1);
    expect((await host.invoke('auth.status', {})).staffExists).toBe(true);
    const order: string[] = [];
    const signIn = signInAs(host, 'owner').then(() => order.push('signed in'));
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual([]); // the write waits
    order.push('check passed');
    check.finish(null);
    await signIn;
    expect(order).toEqual(['check passed', 'signed in']);
    await host.invoke('settings.update', { address: 'After the check' });
    expect(host.damaged).toBeNull();
    host.close();
    extra = undefined;
    // A checked file closed cleanly: the next open is light.
    th = await makeHost({ dataDir: dir, startDate: '2026-03-02' });
    expect(th.host.openCheck).toBe('light');
  });

  it('refuses every write when the check finds damage, writes nothing, and checks in full again next time', async () => {
    const dir = await killedFolder();
    const file = live(dir);
    const check = heldCheck();
    const host = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: check.run }));
    const bytes = fs.readFileSync(file);
    const write = failure(host.invoke('auth.signIn', { staffId: 1, pin: '1234' }));
    check.finish('database disk image is malformed');
    expect((await write).code).toBe('DB_DAMAGED');
    expect(host.damaged?.reason).toBe('database disk image is malformed');
    expect((await failure(host.invoke('settings.update', { address: 'x' }))).code).toBe('DB_DAMAGED');
    await host.settled(); // no daily backup of an unchecked or damaged file
    expect(backupFiles(dir)).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    host.close();
    extra = undefined;
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}.closed`)).toBe(false);
  });

  it('asks again when the check meets a lock, and holds writes for good on any other failure', async () => {
    const dir = await killedFolder();
    let calls = 0;
    const busyOnce = async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return null;
    };
    const host = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: busyOnce }));
    await signInAs(host, 'owner');
    expect(calls).toBe(2);
    expect(host.damaged).toBeNull();
    host.close();

    const denied = async () => {
      throw Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    };
    await runAndKill(dir, 'settings', '2026-03-02T02:00:00.000Z', 150);
    const refused = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: denied }));
    expect((await failure(refused.invoke('auth.signIn', { staffId: 1, pin: '1234' }))).code).toBe('DB_DAMAGED');
    expect(refused.damaged?.reason).toBe('SQLITE_CANTOPEN unable to open database file');
  });

  it('closing before the check finished leaves no proof of a clean close', async () => {
    const dir = await killedFolder();
    const check = heldCheck();
    const host = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: check.run }));
    await host.invoke('auth.status', {});
    host.close();
    extra = undefined;
    check.finish(null);
    expect(fs.existsSync(`${live(dir)}.closed`)).toBe(false);
  });

  it('checks before the open when the open must write (settings to fill), never on a worker afterwards', async () => {
    const dir = await killedFolder();
    const db = new Database(live(dir));
    db.prepare('DELETE FROM settings').run();
    db.close();
    const check = heldCheck();
    const host = (extra = await createHost({ ...options(dir, '2026-03-02'), checkOffThread: check.run }));
    expect(host.openCheck).toBe('full');
    expect(check.calls).toBe(0);
    await signInAs(host, 'owner'); // not held: the file was checked before it opened
    expect(host.damaged).toBeNull();
  });
});

describe('start-up work after the first answer', () => {
  it('takes and verifies the daily backup just after the first answer, not before', async () => {
    const dir = await closedFolder('2026-03-02');
    expect(backupFiles(dir)).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    const host = (extra = await createHost(options(dir, '2026-03-03')));
    const status = await host.invoke('auth.status', {});
    expect(status.staffExists).toBe(true);
    // Answered before any start-up work ran: no copy of the new day yet.
    expect(backupFiles(dir)).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    await host.settled();
    expect(backupFiles(dir)).toEqual(['subdesk-20260302T010000Z-daily.sqlite', 'subdesk-20260303T010000Z-daily.sqlite']);
    await signInAs(host, 'owner');
    const overview = await host.invoke('backup.list', {});
    const daily = overview.backups.find((b) => b.id === 'subdesk-20260303T010000Z-daily.sqlite')!;
    expect(daily).toMatchObject({ reason: 'daily', status: 'verified', at: '2026-03-03T01:00:00.000Z' });
    expect(daily.rowCounts['staff']).toBe(1);
    expect(overview.attempts[0]).toEqual({ at: '2026-03-03T01:00:00.000Z', reason: 'daily', ok: true, id: daily.id, failure: null, message: '' });
    expect(overview.lastFailure).toBeNull();
  });

  it('starts the start-up work on its own when no call comes, and runs it once', async () => {
    const dir = await closedFolder('2026-03-02');
    const host = (extra = await createHost(options(dir, '2026-03-04')));
    await Promise.all([host.settled(), host.settled()]);
    await host.invoke('auth.status', {});
    await host.settled();
    expect(backupFiles(dir)).toEqual(['subdesk-20260302T010000Z-daily.sqlite', 'subdesk-20260304T010000Z-daily.sqlite']);
  });

  it('reports a daily backup that fails in the background as before', async () => {
    const dir = await closedFolder('2026-03-02');
    const host = (extra = await createHost({
      ...options(dir, '2026-03-03'),
      backupFaults: {
        afterWrite: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      },
    }));
    await host.invoke('auth.status', {});
    await host.settled();
    await signInAs(host, 'owner');
    const overview = await host.invoke('backup.list', {});
    expect(overview.backups.map((b) => b.id)).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    expect(overview.lastFailure).toEqual({
      at: '2026-03-03T01:00:00.000Z',
      reason: 'daily',
      ok: false,
      id: null,
      failure: 'disk_full',
      message: 'The disk is full: ENOSPC: no space left on device, write',
    });
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
    // The data itself was fine: the background check still ran and found nothing.
    expect(host.damaged).toBeNull();
  });
});

/**
 * The state a kill leaves in the middle of a checkpoint: SQLite copies the log's pages into the
 * file in page order, so page 1 (with the new page count in its header) can land before the file
 * has grown. The log still holds every page, so the data is whole.
 */
function killedMidCheckpoint(): string {
  const dir = tempDir();
  const file = live(dir);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run('y'.repeat(500));
  })();
  // Copied while open: the folder a kill leaves (file and log, no checkpoint on close).
  const crashed = tempDir();
  for (const suffix of ['', '-wal']) fs.copyFileSync(file + suffix, live(crashed) + suffix);
  db.close();
  const pageSize = 4096;
  const wal = fs.readFileSync(live(crashed) + '-wal');
  let page1: Buffer | null = null;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at) === 1) page1 = wal.subarray(at + 24, at + 24 + pageSize);
  }
  const fd = fs.openSync(live(crashed), 'r+');
  fs.writeSync(fd, page1!, 0, pageSize, 0);
  fs.closeSync(fd);
  return crashed;
}

describe('a kill in the middle of a checkpoint', () => {
  it('is not damage: the header may count pages the log still holds, and the data reads whole', () => {
    const dir = killedMidCheckpoint();
    const header = fs.readFileSync(live(dir)).subarray(0, 100);
    expect(header.readUInt32BE(28) * 4096).toBeGreaterThan(fs.statSync(live(dir)).size); // the state is real
    expect(lightCheck(live(dir))).toBeNull();
    expect(quickCheck(live(dir))).toBeNull();
    const raw = new Database(live(dir), { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 400 });
    raw.close();
  });

  it('is still damage when the file is short and no log holds the missing pages', () => {
    const dir = killedMidCheckpoint();
    fs.rmSync(live(dir) + '-wal');
    expect(lightCheck(live(dir))).toMatch(/^database disk image is malformed \(header says \d+ pages of 4096 bytes\)$/);
  });
});
