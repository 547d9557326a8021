import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../../../electron/db/migrate';
import { openDatabase, type Db } from '../../../electron/db/open';
import { damageDataFile, databaseHash, failure, makeHost, tempDir, type TestHost } from '../../support/host';
import { DEFAULT_FOLLOW_UP_RULES } from '../../../electron/contract/settings';

let th: TestHost | undefined;
afterEach(() => {
  th?.close();
  th = undefined;
});

const fileOf = (dataDir: string) => path.join(dataDir, 'settings.json');
const readFile = (dataDir: string) => JSON.parse(fs.readFileSync(fileOf(dataDir), 'utf8')) as Record<string, unknown>;
const tableOf = (db: Db) =>
  Object.fromEntries(db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key').all().map((r) => [r.key, JSON.parse(r.value) as unknown]));
const settingsAudit = (db: Db) =>
  db.prepare("SELECT staff_name, channel, entity, entity_id, before, after FROM audit_log WHERE entity = 'settings' ORDER BY id").all() as {
    staff_name: string;
    channel: string;
    entity: string;
    entity_id: string;
    before: string;
    after: string;
  }[];

/** The shape of the settings file before the business settings moved into the database. */
const OLD_FILE = {
  businessName: 'Old Gym',
  address: '1 Harbour Road',
  phone: '020-5555',
  taxId: 'T-77',
  currency: 'HKD',
  locale: 'zh-CN',
  timeZone: 'Asia/Hong_Kong',
  pricesIncludeTax: false,
  defaultTaxRateBp: 500,
  invoiceNumberFormat: 'OG-{YYYY}-{####}',
  creditNoteNumberFormat: 'OC-{####}',
  paymentTermsDays: 10,
  householdDiscountBp: 1000,
  overdueBlockDays: 21,
  lateFee: 2500,
  lateFeeAfterDays: 5,
  autoLockMinutes: 3,
  catchUpMaxDays: 40,
  catchUpMaxInvoices: 600,
  backupFolder: '/mnt/usb/backups',
  setupCompleted: true,
};

/** Rules added after the move into the database: an old file has none, so they start at their defaults. */
const LATER_RULES = {
  freezeDefaultDays: 30,
  freezeDefaultMode: 'extend',
  openingHours: { opens: '06:00', closes: '22:00' },
  followUpRules: DEFAULT_FOLLOW_UP_RULES,
  cancelReasons: ['Moved away', 'Too expensive', 'No time', 'Health or injury', 'Unhappy with the service', 'Other'],
};

/** A data folder as the previous version left it: a schema-9 database and the old settings file. */
function oldInstall(): string {
  const dataDir = tempDir();
  const db = openDatabase(path.join(dataDir, 'subdesk.sqlite'));
  applyMigrations(db, loadMigrations().filter((m) => m.version <= 9));
  db.close();
  fs.writeFileSync(fileOf(dataDir), JSON.stringify(OLD_FILE, null, '\t'));
  return dataDir;
}

describe('business settings in the database', () => {
  it('writes business keys to the settings table and this PC’s keys to the file, with one audit entry', async () => {
    th = await makeHost({ setup: true });
    // The backup folder comes from main's folder dialog (backup.setFolder), not from this channel.
    const usb = tempDir('subdesk-usb-');
    th.host.settings.update({ backupFolder: usb });
    const before = await th.host.invoke('settings.get', {});
    const after = await th.host.invoke('settings.update', { address: '8 Nanjing Road', lateFee: 3000, locale: 'zh-CN' });
    expect(after).toMatchObject({ address: '8 Nanjing Road', lateFee: 3000, locale: 'zh-CN', backupFolder: usb });
    expect(tableOf(th.host.db)).toMatchObject({ businessName: 'Sunrise Fitness', address: '8 Nanjing Road', lateFee: 3000, timeZone: 'Asia/Shanghai', setupCompleted: true });
    expect(Object.keys(tableOf(th.host.db))).not.toContain('locale');
    expect(Object.keys(tableOf(th.host.db))).not.toContain('backupFolder');
    const file = readFile(th.dataDir);
    expect(file).toMatchObject({ locale: 'zh-CN', backupFolder: usb });
    expect(Object.keys(file).sort()).toEqual(['backupFolder', 'lastKnownBusiness', 'locale']);
    expect(file['lastKnownBusiness']).toMatchObject({ address: '8 Nanjing Road', lateFee: 3000 });
    const last = settingsAudit(th.host.db).at(-1)!;
    expect([last.staff_name, last.channel, last.entity_id]).toEqual(['Owner', 'settings.update', 'business']);
    expect(JSON.parse(last.before)).toEqual(before);
    expect(JSON.parse(last.after)).toEqual(after);
  });

  it('rolls back the change with its audit entry when a later write of the same call fails, and serves the old value', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: 'Kept address' });
    const hash = databaseHash(th.host.db);
    const fileBefore = fs.readFileSync(fileOf(th.dataDir), 'utf8');
    // The audit insert, which comes after the settings write in the same transaction, fails.
    th.host.db.exec("CREATE TEMP TRIGGER fail_settings_audit BEFORE INSERT ON audit_log WHEN NEW.entity = 'settings' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const err = await failure(th.host.invoke('settings.update', { address: 'Lost address', locale: 'zh-CN' }));
    expect(err.message).toContain('disk full');
    th.host.db.exec('DROP TRIGGER fail_settings_audit');
    expect(databaseHash(th.host.db)).toBe(hash);
    expect(tableOf(th.host.db)['address']).toBe('Kept address');
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ address: 'Kept address', locale: 'en' });
    expect(th.host.settings.get().address).toBe('Kept address');
    // This PC's key waits for the audit too: the file is untouched.
    expect(fs.readFileSync(fileOf(th.dataDir), 'utf8')).toBe(fileBefore);

    // A read inside the transaction sees the uncommitted value, and nothing keeps it after the rollback.
    const settings = th.host.settings;
    expect(() =>
      th!.host.db.transaction(() => {
        settings.update({ address: 'Uncommitted' });
        expect(settings.get().address).toBe('Uncommitted');
        throw new Error('a later write failed');
      })(),
    ).toThrow('a later write failed');
    expect(settings.get().address).toBe('Kept address');
    expect(databaseHash(th.host.db)).toBe(hash);
  });

  it('refuses a key sent as undefined with VALIDATION and changes nothing', async () => {
    th = await makeHost({ setup: true });
    const hash = databaseHash(th.host.db);
    const fileBefore = fs.readFileSync(fileOf(th.dataDir), 'utf8');
    for (const patch of [{ address: undefined }, { address: 'Half applied', lateFee: undefined }, { locale: undefined }, { setupCompleted: false }, { backupFolder: '/mnt/usb' }]) {
      const err = await failure(th.host.invoke('settings.update', patch as never));
      expect(err.code, JSON.stringify(Object.keys(patch))).toBe('VALIDATION');
    }
    expect(databaseHash(th.host.db)).toBe(hash);
    expect(fs.readFileSync(fileOf(th.dataDir), 'utf8')).toBe(fileBefore);
    expect((await th.host.invoke('settings.get', {})).address).toBe('');
  });

  it('keeps opening hours (06:00–22:00 by default) and refuses a bad time or a close before the opening, changing nothing', async () => {
    th = await makeHost({ setup: true });
    expect((await th.host.invoke('settings.get', {})).openingHours).toEqual({ opens: '06:00', closes: '22:00' });
    const hash = databaseHash(th.host.db);
    const bad: [unknown, string, string][] = [
      [{ opens: '6:00', closes: '22:00' }, 'openingHours.opens', 'invalid_time'],
      [{ opens: '06:00', closes: '25:00' }, 'openingHours.closes', 'invalid_time'],
      [{ opens: '24:00', closes: '24:00' }, 'openingHours.opens', 'invalid_time'],
      [{ opens: '09:00', closes: '09:00' }, 'openingHours.closes', 'closes_before_opens'],
      [{ opens: '22:00', closes: '06:00' }, 'openingHours.closes', 'closes_before_opens'],
      [{ opens: '06:00' }, 'openingHours.closes', 'invalid_time'],
      [{ opens: '06:00', closes: '22:00', lunch: '12:00' }, 'openingHours', 'Unrecognized key: "lunch"'],
    ];
    for (const [openingHours, path, message] of bad) {
      const err = await failure(th.host.invoke('settings.update', { openingHours } as never));
      expect(err.code, JSON.stringify(openingHours)).toBe('VALIDATION');
      expect((err.details as { issues: { path: string; message: string }[] }).issues[0], JSON.stringify(openingHours)).toMatchObject({ path, message });
    }
    expect(databaseHash(th.host.db)).toBe(hash);
    const after = await th.host.invoke('settings.update', { openingHours: { opens: '07:30', closes: '24:00' } });
    expect(after.openingHours).toEqual({ opens: '07:30', closes: '24:00' });
    expect(tableOf(th.host.db)['openingHours']).toEqual({ opens: '07:30', closes: '24:00' });
  });

  it('refuses number formats that would hand out one number twice, naming the field, and changes nothing', async () => {
    th = await makeHost({ setup: true });
    const hash = databaseHash(th.host.db);
    // The credit notes' sequence printing the invoices' numbers.
    expect(await failure(th.host.invoke('settings.update', { creditNoteNumberFormat: 'INV-{YYYY}-{#####}' }))).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'creditNoteNumberFormat', message: 'number_formats_overlap' }] },
    });
    // A new invoice format whose fresh counter would print INV-2026-00001 again.
    expect(await failure(th.host.invoke('settings.update', { invoiceNumberFormat: 'INV-{YYYY}-0{####}' }))).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'invoiceNumberFormat', message: 'number_format_reuses' }] },
    });
    expect(databaseHash(th.host.db)).toBe(hash);
    // Other text, or a different padding around the same text (the counter continues), is fine.
    expect(await th.host.invoke('settings.update', { invoiceNumberFormat: 'SD{YY}{MM}-{####}', creditNoteNumberFormat: 'RC{YY}{MM}-{####}' })).toMatchObject({
      invoiceNumberFormat: 'SD{YY}{MM}-{####}',
      creditNoteNumberFormat: 'RC{YY}{MM}-{####}',
    });
    expect(await th.host.invoke('settings.update', { invoiceNumberFormat: 'SD{YY}{MM}-{######}' })).toMatchObject({ invoiceNumberFormat: 'SD{YY}{MM}-{######}' });
  });

  it('pins a new data file’s defaults in the table without an audit entry, the time zone included', async () => {
    th = await makeHost({ signIn: false, osTimeZone: 'Europe/Berlin' });
    expect(tableOf(th.host.db)).toMatchObject({ timeZone: 'Europe/Berlin', currency: 'CNY', setupCompleted: false, autoLockMinutes: 10 });
    expect(settingsAudit(th.host.db)).toEqual([]);
    th.close();
    th = await makeHost({ dataDir: th.dataDir, signIn: false, osTimeZone: 'America/Chicago' });
    expect((await th.host.invoke('settings.get', {})).timeZone).toBe('Europe/Berlin');
  });
});

describe('first open after the upgrade', () => {
  it('moves the old file’s business keys into the table once, audited as the system, and keeps this PC’s keys in the file', async () => {
    const dataDir = oldInstall();
    th = await makeHost({ dataDir, signIn: false, startDate: '2026-03-02' });
    const business = Object.fromEntries(Object.entries(OLD_FILE).filter(([k]) => k !== 'locale' && k !== 'backupFolder'));
    expect(tableOf(th.host.db)).toEqual({ ...business, ...LATER_RULES });
    expect(await th.host.invoke('settings.get', {})).toEqual({ ...OLD_FILE, ...LATER_RULES });
    expect((await th.host.invoke('system.info', {})).today).toBe('2026-03-02');
    const file = readFile(dataDir);
    expect(Object.keys(file).sort()).toEqual(['backupFolder', 'lastKnownBusiness', 'locale']);
    expect(file).toMatchObject({ locale: 'zh-CN', backupFolder: '/mnt/usb/backups', lastKnownBusiness: business });
    const audit = settingsAudit(th.host.db);
    expect(audit).toHaveLength(1);
    expect([audit[0]!.staff_name, audit[0]!.channel, audit[0]!.entity, audit[0]!.entity_id]).toEqual(['system', 'settings.migrate', 'settings', 'business']);
    expect(JSON.parse(audit[0]!.before)).toEqual({ settingsFile: business });
    expect(JSON.parse(audit[0]!.after)).toEqual({ ...business, ...LATER_RULES });

    // Runs once: a reopen moves nothing, and a business key that reappears in the file is dropped, not read.
    th.close();
    fs.writeFileSync(fileOf(dataDir), JSON.stringify({ ...readFile(dataDir), address: 'Stale copy', lateFee: 1 }));
    th = await makeHost({ dataDir, signIn: false, startDate: '2026-03-02' });
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ address: '1 Harbour Road', lateFee: 2500 });
    expect(settingsAudit(th.host.db)).toHaveLength(1);
    expect(Object.keys(readFile(dataDir)).sort()).toEqual(['backupFolder', 'lastKnownBusiness', 'locale']);
  });

  it('reads a hand-broken value of the old file as its default', async () => {
    const dataDir = oldInstall();
    fs.writeFileSync(fileOf(dataDir), JSON.stringify({ ...OLD_FILE, lateFee: -5, timeZone: 'Mars/Olympus' }));
    th = await makeHost({ dataDir, signIn: false });
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ lateFee: 0, timeZone: 'Asia/Shanghai', address: '1 Harbour Road' });
    expect(tableOf(th.host.db)).toMatchObject({ lateFee: 0, timeZone: 'Asia/Shanghai' });
  });
});

describe('restore and damaged file', () => {
  it('brings back the backup’s business settings, keeps this PC’s language, and tells the screen', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: 'Old address', overdueBlockDays: 30 });
    const old = await th.host.invoke('backup.now', {});
    await th.host.invoke('settings.update', { address: 'New address', overdueBlockDays: 3, locale: 'zh-CN' });
    const changed: unknown[] = [];
    th.host.on('settings.changed', (p) => changed.push(p));
    await th.host.invoke('backup.restore', { id: old.id });
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ address: 'Old address', overdueBlockDays: 30, locale: 'zh-CN' });
    expect(th.host.settings.get().overdueBlockDays).toBe(30);
    expect(readFile(th.dataDir)['lastKnownBusiness']).toMatchObject({ address: 'Old address', overdueBlockDays: 30 });
    expect(changed).toEqual([{ locale: 'zh-CN' }]);
  });

  it('restores a backup taken before the move from the settings it carried', async () => {
    th = await makeHost({ setup: true });
    await th.host.invoke('settings.update', { address: 'Current address' });
    // A copy as the previous version made it: schema 9, the settings only in its snapshot.
    const folder = path.join(th.dataDir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    const id = 'subdesk-20251201T010000Z-manual.sqlite';
    const copy = openDatabase(path.join(folder, id));
    applyMigrations(copy, loadMigrations().filter((m) => m.version <= 9));
    copy.prepare("INSERT INTO meta (key, value) VALUES ('settings.snapshot', ?)").run(JSON.stringify({ ...OLD_FILE, locale: 'en', backupFolder: '/elsewhere' }));
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const info = { id, at: '2025-12-01T01:00:00.000Z', reason: 'manual', size: 0, status: 'verified', schemaVersion: 9, rowCounts: {} };
    fs.writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(info));
    await th.host.invoke('backup.restore', { id });
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ businessName: 'Old Gym', address: '1 Harbour Road', currency: 'HKD', lateFee: 2500, locale: 'en', backupFolder: '' });
    expect(tableOf(th.host.db)).toMatchObject({ businessName: 'Old Gym', timeZone: 'Asia/Hong_Kong' });
  });

  it('answers settings reads from the last known copy when the data file is damaged, and the language switch still works', async () => {
    th = await makeHost({ setup: true, startDate: '2026-04-10' });
    await th.host.invoke('settings.update', { address: 'Before the damage', timeZone: 'America/New_York' });
    th.close();
    const { file: live, bytes } = damageDataFile(th.dataDir);
    // 2026-04-10T01:00Z is still 2026-04-09 in New York: "today" follows the business's zone.
    th = await makeHost({ dataDir: th.dataDir, signIn: false, startDate: '2026-04-10' });
    expect(th.host.damaged).not.toBeNull();
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ businessName: 'Sunrise Fitness', address: 'Before the damage', timeZone: 'America/New_York', locale: 'en' });
    expect((await th.host.invoke('system.info', {})).today).toBe('2026-04-09');
    expect((await failure(th.host.invoke('settings.update', { address: 'x' }))).code).toBe('DB_DAMAGED');
    expect((await th.host.invoke('settings.setLocale', { locale: 'zh-CN' })).locale).toBe('zh-CN');
    expect(readFile(th.dataDir)).toMatchObject({ locale: 'zh-CN', lastKnownBusiness: { address: 'Before the damage' } });
    expect(fs.readFileSync(live).equals(bytes)).toBe(true);
  });

  it('uses the defaults when a damaged data file comes with no copy in the settings file', async () => {
    th = await makeHost({ setup: true });
    th.close();
    fs.rmSync(fileOf(th.dataDir));
    damageDataFile(th.dataDir);
    th = await makeHost({ dataDir: th.dataDir, signIn: false, osLocale: 'zh-CN' });
    expect(th.host.damaged).not.toBeNull();
    expect(await th.host.invoke('settings.get', {})).toMatchObject({ businessName: '', timeZone: 'Asia/Shanghai', locale: 'zh-CN', setupCompleted: false });
  });
});
