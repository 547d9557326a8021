import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDialogs } from '../../support/dialogs';
import { databaseHash, failure, makeHost, tempDir, type TestHost } from '../../support/host';

let th: TestHost | undefined;
afterEach(() => th?.close());

const backupsDir = (t: TestHost) => path.join(t.dataDir, 'backups');
const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort() : []);

describe('backups', () => {
  it('makes a verified copy with the SQLite backup API, described and listed', async () => {
    th = await makeHost({ setup: true, startDate: '2026-03-02' });
    th.clock.set('2026-03-02T03:04:05.000Z');
    await th.host.invoke('settings.update', { address: 'Before the backup' });
    const info = await th.host.invoke('backup.now', {});
    expect(info).toMatchObject({ id: 'subdesk-20260302T030405Z-manual.sqlite', at: '2026-03-02T03:04:05.000Z', reason: 'manual', status: 'verified' });
    const file = path.join(backupsDir(th), info.id);
    expect(info.size).toBe(fs.statSync(file).size);
    // A single self-contained file: no WAL beside it, integrity ok, same rows as the live data.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const audit = (db: Database.Database) => db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    expect(audit(copy)).toEqual(audit(th.host.db));
    expect(info.rowCounts['audit_log']).toBe((audit(th.host.db) as { n: number }).n);
    expect(info.rowCounts['staff']).toBe(1);
    const snapshot = JSON.parse((copy.prepare("SELECT value FROM meta WHERE key = 'settings.snapshot'").get() as { value: string }).value);
    expect(snapshot).toMatchObject({ businessName: 'Sunrise Fitness', address: 'Before the backup' });
    copy.close();
    // The live database got no settings snapshot: only the copy carries one.
    expect(th.host.db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key = 'settings.snapshot'").get()).toEqual({ n: 0 });
    const overview = await th.host.invoke('backup.list', {});
    expect(overview.folder).toBe(backupsDir(th));
    expect(overview.isDefaultFolder).toBe(true);
    expect(overview.backups.map((b) => [b.id, b.reason])).toEqual([
      [info.id, 'manual'],
      ['subdesk-20260302T010000Z-daily.sqlite', 'daily'],
    ]);
    expect(overview.lastFailure).toBeNull();
  });

  it('backs up at the first start of each day only, and on quit', async () => {
    th = await makeHost({ startDate: '2026-03-02' });
    expect(files(backupsDir(th))).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    th.clock.set('2026-03-02T09:00:00.000Z');
    await th.reopen();
    expect(files(backupsDir(th))).toEqual(['subdesk-20260302T010000Z-daily.sqlite']);
    await th.host.backupOnQuit();
    th.clock.setDate('2026-03-03');
    await th.reopen();
    expect(files(backupsDir(th))).toEqual([
      'subdesk-20260302T010000Z-daily.sqlite',
      'subdesk-20260302T090000Z-quit.sqlite',
      'subdesk-20260303T010000Z-daily.sqlite',
    ]);
    // A running app gets its daily copy at midnight too.
    th.clock.set('2026-03-03T16:00:30.000Z'); // 00:00:30 on Mar 4 in Shanghai
    await th.host.scheduler.tick();
    expect(files(backupsDir(th))).toContain('subdesk-20260303T160030Z-daily.sqlite');
  });

  it('prunes to the retention set after each backup', async () => {
    th = await makeHost({ startDate: '2026-03-01' });
    for (let day = 1; day <= 9; day++) {
      th.clock.addDays(1);
      await th.host.scheduler.tick(); // midnight: the daily copy
    }
    th.clock.set('2026-03-10T02:00:00.000Z');
    await th.host.invoke('backup.now', {});
    // Ten days of daily copies: the 7 newest days stay whole; of the older ones, the newest of its week and month.
    expect((await th.host.invoke('backup.list', {})).backups.map((b) => `${b.at.slice(0, 10)} ${b.reason}`)).toEqual([
      '2026-03-10 manual',
      '2026-03-10 daily',
      '2026-03-09 daily',
      '2026-03-08 daily',
      '2026-03-07 daily',
      '2026-03-06 daily',
      '2026-03-05 daily',
      '2026-03-04 daily',
      '2026-03-01 daily',
    ]);
    expect(files(backupsDir(th))).toHaveLength(9);
  });

  it('reports a missing folder, a folder that is a file and a full disk, and leaves no half copy', async () => {
    const usb = path.join(tempDir(), 'usb-stick');
    let full = false;
    th = await makeHost({
      backupFaults: {
        afterWrite: () => {
          if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        },
      },
    });
    th.host.settings.update({ backupFolder: usb });
    const missing = await failure(th.host.invoke('backup.now', {}));
    expect([missing.code, missing.details]).toEqual(['BACKUP_FAILED', { failure: 'folder_missing' }]);
    let overview = await th.host.invoke('backup.list', {});
    expect(overview.lastFailure).toMatchObject({ ok: false, reason: 'manual', failure: 'folder_missing', id: null });
    expect(overview.lastFailure!.message).toContain(usb);

    fs.writeFileSync(usb, 'not a folder');
    expect((await failure(th.host.invoke('backup.now', {}))).details).toEqual({ failure: 'not_a_folder' });
    fs.rmSync(usb);
    fs.mkdirSync(usb);
    full = true;
    expect((await failure(th.host.invoke('backup.now', {}))).details).toEqual({ failure: 'disk_full' });
    expect(fs.readdirSync(usb)).toEqual([]);
    overview = await th.host.invoke('backup.list', {});
    expect(overview.attempts.map((a) => a.failure)).toEqual(['disk_full', 'not_a_folder', 'folder_missing', null]);
    expect(overview.backups).toEqual([]);
    // The daily backup failing at start-up is recorded too (not thrown at the clerk).
    th.clock.addDays(1);
    await th.reopen();
    expect((await th.host.invoke('backup.list', {})).lastFailure).toMatchObject({ reason: 'daily', failure: 'disk_full' });

    full = false;
    const ok = await th.host.invoke('backup.now', {});
    overview = await th.host.invoke('backup.list', {});
    expect(overview.lastFailure).toBeNull();
    expect(overview.folder).toBe(usb);
    expect(overview.backups.map((b) => b.id)).toEqual([ok.id]);
    expect(fs.readdirSync(usb).sort()).toEqual([ok.id, `${ok.id}.json`]);
  });

  it('is owner only', async () => {
    th = await makeHost();
    const { signInAs } = await import('../../support/host');
    await signInAs(th.host, 'manager');
    for (const ch of ['backup.list', 'backup.now'] as const) expect((await failure(th.host.invoke(ch, {}))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('backup.restore', { id: 'subdesk-20260105T010000Z-daily.sqlite' }))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('backup.import', {}))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('backup.export', {}))).code).toBe('FORBIDDEN');
    expect((await failure(th.host.invoke('backup.setFolder', { folder: 'choose' }))).code).toBe('FORBIDDEN');
  });
});

describe('restore', () => {
  it('brings back the older data and settings, keeps serving, and keeps a safety copy', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: 'Old address', defaultTaxRateBp: 600 });
    const old = await th.host.invoke('backup.now', {});
    const oldHash = databaseHash(th.host.db);
    th.clock.set(new Date(th.clock.now().getTime() + 3_600_000).toISOString());
    await th.host.invoke('settings.update', { businessName: 'Renamed Gym', address: 'New address', defaultTaxRateBp: 0 });
    await th.host.invoke('staff.create', { name: 'Newcomer', role: 'desk', pin: '4444' });
    const dbBefore = th.host.db;

    const result = await th.host.invoke('backup.restore', { id: old.id });
    expect(result.restoredFrom).toBe(old.id);
    expect(result.safetyBackup).toMatch(/^subdesk-\d{8}T\d{6}Z-pre_restore\.sqlite$/);
    // The host reopened in place: a new connection, the same invoke.
    expect(th.host.db).not.toBe(dbBefore);
    expect(dbBefore.open).toBe(false);
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ businessName: 'Sunrise Fitness', address: 'Old address', defaultTaxRateBp: 600 });
    expect((await th.host.invoke('auth.status', {})).roster.map((s) => s.name)).toEqual(['Owner']);
    // The owner who restored is still signed in (they exist in the restored data).
    expect((await th.host.invoke('auth.status', {})).staff).toMatchObject({ id: 1, name: 'Owner' });
    // The data is the backup's plus exactly one audit entry recording the restore.
    const last = th.host.db.prepare('SELECT staff_name, channel, entity, entity_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({
      staff_name: 'Owner',
      channel: 'backup.restore',
      entity: 'database',
      entity_id: old.id,
      before: JSON.stringify({ safetyBackup: result.safetyBackup }),
      after: JSON.stringify({ restoredFrom: old.id }),
    });
    expect((await th.host.invoke('audit.verify', {})).ok).toBe(true);
    expect(th.host.db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key IN ('restore.pending', 'settings.snapshot')").get()).toEqual({ n: 0 });
    expect(oldHash).not.toBe(databaseHash(th.host.db));
    await th.host.invoke('settings.update', { phone: '010-1234' }); // writes work after the swap

    // The safety copy holds what was there just before: the restore can be undone.
    const undo = await th.host.invoke('backup.restore', { id: result.safetyBackup! });
    expect(undo.restoredFrom).toBe(result.safetyBackup);
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ businessName: 'Renamed Gym', address: 'New address' });
    expect((await th.host.invoke('auth.status', {})).roster.map((s) => s.name).sort()).toEqual(['Newcomer', 'Owner']);
  });

  it('keeps the data and settings across a restart after a restore', async () => {
    th = await makeHost({ setup: true });
    const old = await th.host.invoke('backup.now', {});
    await th.host.invoke('settings.update', { businessName: 'Later Name' });
    await th.host.invoke('backup.restore', { id: old.id });
    await th.reopen();
    expect((await th.host.invoke('settings.get', {})).businessName).toBe('Sunrise Fitness');
  });

  it('signs out when the restored data does not have the person who restored', async () => {
    th = await makeHost({ signIn: false });
    const empty = (await th.host.invoke('auth.status', {})).staffExists;
    expect(empty).toBe(false);
    const { signInAs } = await import('../../support/host');
    await signInAs(th.host, 'owner');
    const before = (await th.host.invoke('backup.list', {})).backups.find((b) => b.reason === 'daily')!; // taken before any staff
    await th.host.invoke('backup.restore', { id: before.id });
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ staffExists: false, staff: null });
  });

  it('refuses a damaged or foreign file and changes nothing', async () => {
    const dialogs = fakeDialogs();
    th = await makeHost({ setup: true, dialogs });
    const good = await th.host.invoke('backup.now', {});
    const dir = tempDir();
    const corrupt = path.join(dir, 'corrupt.sqlite');
    const bytes = fs.readFileSync(path.join(backupsDir(th), good.id));
    for (let i = 4096 + 200; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 101) % 256;
    fs.writeFileSync(corrupt, bytes);
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'just some text, not a database at all'.repeat(200));
    const other = path.join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    foreign.close();
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(path.join(backupsDir(th), good.id), newer);
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();

    const hash = databaseHash(th.host.db);
    const backupsBefore = files(backupsDir(th));
    const cases: [string, string][] = [
      [corrupt, 'damaged'],
      [text, 'damaged'],
      [other, 'not_subdesk'],
      [newer, 'too_new'],
      [path.join(dir, 'missing.sqlite'), 'missing'],
    ];
    for (const [file, reason] of cases) {
      dialogs.answer(file);
      const err = await failure(th.host.invoke('backup.import', {}));
      expect([err.code, err.details], file).toEqual(['BACKUP_INVALID', { reason }]);
    }
    // A listed backup spoiled after it was listed is refused the same way.
    fs.writeFileSync(path.join(backupsDir(th), good.id), bytes);
    expect((await failure(th.host.invoke('backup.restore', { id: good.id }))).code).toBe('BACKUP_INVALID');
    expect((await failure(th.host.invoke('backup.restore', { id: 'subdesk-20200101T000000Z-daily.sqlite' }))).code).toBe('NOT_FOUND');
    expect(databaseHash(th.host.db)).toBe(hash);
    expect(files(backupsDir(th))).toEqual(backupsBefore); // no safety copy either: nothing was attempted
    expect(fs.readdirSync(th.dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('exports the whole business to one file and imports it back, keeping this PC’s backup folder', async () => {
    const dialogs = fakeDialogs();
    th = await makeHost({ setup: true, dialogs });
    await th.host.invoke('settings.update', { address: 'Exported address', invoiceNumberFormat: 'SD-{#####}' });
    const file = path.join(tempDir(), 'business.sqlite');
    dialogs.answer(file);
    const out = await th.host.invoke('backup.export', {});
    expect(out).toEqual({ status: 'done', file, size: fs.statSync(file).size });
    expect(dialogs.shown[0]).toEqual({ kind: 'save', title: 'Export the whole business', defaultName: 'subdesk-export-2026-01-05.sqlite', extensions: ['sqlite'] });

    const usb = tempDir();
    await th.host.invoke('settings.update', { address: 'Changed', invoiceNumberFormat: 'INV-{#####}' });
    th.host.settings.update({ backupFolder: usb });
    dialogs.answer(file);
    const result = await th.host.invoke('backup.import', {});
    expect(result.status === 'done' && result.restoredFrom).toBe('business.sqlite');
    expect(result.status === 'done' && result.safetyBackup).toMatch(/-pre_import\.sqlite$/);
    expect(fs.existsSync(path.join(usb, (result as { safetyBackup: string }).safetyBackup))).toBe(true);
    expect(dialogs.shown[1]).toEqual({ kind: 'open', title: 'Choose the Subdesk export or backup file to bring in', extensions: ['sqlite'] });
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ address: 'Exported address', invoiceNumberFormat: 'SD-{#####}', backupFolder: usb });
    dialogs.answer('/no/such/folder/x.sqlite');
    expect((await failure(th.host.invoke('backup.export', {}))).details).toEqual({ failure: 'folder_missing' });
    // The channels take no path: one sent anyway is refused by the schema.
    expect((await failure(th.host.invoke('backup.export', { file } as never))).code).toBe('VALIDATION');
    expect((await failure(th.host.invoke('backup.import', { file: '/tmp/../etc/passwd' } as never))).code).toBe('VALIDATION');
  });
});

describe('start-up check', () => {
  /** Garbles the middle of the file, past the header, as a failing disk would. */
  function damage(file: string): void {
    const bytes = fs.readFileSync(file);
    for (let i = 4096 * 2; i < bytes.length; i += 13) bytes[i] = 0xa5;
    fs.writeFileSync(file, bytes);
  }

  it('never writes to a damaged file and offers only a restore of a verified backup', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: 'Saved before the damage' });
    th.clock.set('2026-01-05T02:00:00.000Z');
    const good = await th.host.invoke('backup.now', {});
    th.close();
    const live = path.join(th.dataDir, 'subdesk.sqlite');
    damage(live);
    const bytes = fs.readFileSync(live);

    th = await makeHost({ dataDir: th.dataDir, signIn: false });
    expect(th.host.damaged).not.toBeNull();
    const status = await th.host.invoke('auth.status', {});
    expect(status.damaged).toEqual(th.host.damaged);
    expect(status.staffExists).toBe(false);
    for (const [ch, input] of [
      ['settings.update', { address: 'x' }],
      ['staff.createOwner', { name: 'Intruder', pin: '1234' }],
      ['auth.signIn', { staffId: 1, pin: '1234' }],
      ['backup.now', {}],
      ['audit.verify', {}],
    ] as const) {
      expect((await failure(th.host.invoke(ch, input as never))).code, ch).toBe('DB_DAMAGED');
    }
    expect((await th.host.invoke('settings.get', {})).address).toBe('Saved before the damage');
    const overview = await th.host.invoke('backup.list', {});
    expect(overview.damaged).toEqual(th.host.damaged);
    expect(overview.backups[0]!.id).toBe(good.id);
    // No daily backup of damaged data was taken, and the file is byte for byte as found.
    expect(overview.backups.every((b) => b.reason !== 'daily' || b.at < good.at)).toBe(true);
    expect(fs.readFileSync(live).equals(bytes)).toBe(true);
    th.close();
    th = await makeHost({ dataDir: th.dataDir, signIn: false });
    expect(fs.readFileSync(live).equals(bytes)).toBe(true);

    const result = await th.host.invoke('backup.restore', { id: good.id });
    expect(result.safetyBackup).toBeNull();
    expect(th.host.damaged).toBeNull();
    expect(await th.host.invoke('auth.status', {})).toMatchObject({ damaged: null, staffExists: true, staff: null });
    const kept = fs.readdirSync(th.dataDir).filter((f) => f.startsWith('subdesk-damaged-') && f.endsWith('.sqlite'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(th.dataDir, kept[0]!)).equals(bytes)).toBe(true);
    const { signInAs } = await import('../../support/host');
    await signInAs(th.host, 'owner');
    expect((await th.host.invoke('settings.get', {})).address).toBe('Saved before the damage');
    expect(th.host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('treats a file that is not a database at all as damaged', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'subdesk.sqlite'), Buffer.alloc(8192, 7));
    th = await makeHost({ dataDir: dir, signIn: false });
    expect(th.host.damaged?.reason).toMatch(/not a database/);
    expect((await th.host.invoke('backup.list', {})).backups).toEqual([]);
  });
});
