/**
 * Export, import and the backup folder pick their path in main's native dialogs (played here by
 * a fake): the channels take no path, a cancelled dialog changes nothing, an existing file is
 * never replaced, and the backup extension is forced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDialogs, type FakeDialogs } from '../../support/dialogs';
import { databaseHash, failure, makeHost, tempDir, type TestHost } from '../../support/host';

let th: TestHost | undefined;
let dialogs: FakeDialogs;
afterEach(() => th?.close());

const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const lastAudit = (t: TestHost) =>
  t.host.db.prepare('SELECT channel, entity, entity_id AS entityId, before, after FROM audit_log ORDER BY id DESC LIMIT 1').get();

async function start(locale: 'en' | 'zh-CN' = 'en'): Promise<TestHost> {
  dialogs = fakeDialogs();
  th = await makeHost({ setup: true, dialogs });
  if (locale !== 'en') await th.host.invoke('settings.update', { locale });
  return th;
}

describe('backup.export through the save dialog', () => {
  it('does nothing when the dialog is cancelled', async () => {
    const t = await start();
    const backups = listing(path.join(t.dataDir, 'backups'));
    const data = listing(t.dataDir);
    dialogs.answer(null);
    expect(await t.host.invoke('backup.export', {})).toEqual({ status: 'cancelled' });
    expect(dialogs.shown.map((d) => d.kind)).toEqual(['save']);
    expect(listing(path.join(t.dataDir, 'backups'))).toEqual(backups);
    expect(listing(t.dataDir)).toEqual(data);
  });

  it('refuses an existing file with FILE_EXISTS and leaves it untouched', async () => {
    const t = await start();
    const dir = tempDir();
    const existing = path.join(dir, 'monday.sqlite');
    fs.writeFileSync(existing, 'the owner’s other file');
    dialogs.answer(existing);
    const err = await failure(t.host.invoke('backup.export', {}));
    expect([err.code, err.details]).toEqual(['FILE_EXISTS', { file: 'monday.sqlite' }]);
    expect(fs.readFileSync(existing, 'utf8')).toBe('the owner’s other file');
    // Typed without the extension, the name still lands on the existing file: refused too.
    dialogs.answer(path.join(dir, 'monday'));
    expect((await failure(t.host.invoke('backup.export', {}))).code).toBe('FILE_EXISTS');
    expect(listing(dir)).toEqual(['monday.sqlite']);
    expect(fs.readFileSync(existing, 'utf8')).toBe('the owner’s other file');
  });

  it('refuses a file that appeared while the copy was being written, and leaves no half copy', async () => {
    dialogs = fakeDialogs();
    const dir = tempDir();
    const target = path.join(dir, 'late.sqlite');
    // The hook runs after the copy is written and before it takes its name.
    const afterWrite = (partial: string) => {
      if (partial === `${target}.partial`) fs.writeFileSync(target, 'saved meanwhile');
    };
    th = await makeHost({ setup: true, dialogs, backupFaults: { afterWrite } });
    expect(listing(dir)).toEqual([]);
    dialogs.answer(target);
    expect((await failure(th.host.invoke('backup.export', {}))).code).toBe('FILE_EXISTS');
    expect(fs.readFileSync(target, 'utf8')).toBe('saved meanwhile');
    expect(listing(dir)).toEqual(['late.sqlite']);
  });

  it('forces the .sqlite extension and keeps one already there in any case', async () => {
    const t = await start();
    const dir = tempDir();
    dialogs.answer(path.join(dir, 'for-the-accountant'), path.join(dir, 'Copy.SQLITE'), path.join(dir, 'notes.txt'));
    const first = await t.host.invoke('backup.export', {});
    const second = await t.host.invoke('backup.export', {});
    const third = await t.host.invoke('backup.export', {});
    expect([first, second, third].map((r) => (r.status === 'done' ? path.basename(r.file) : r.status))).toEqual([
      'for-the-accountant.sqlite',
      'Copy.SQLITE',
      'notes.txt.sqlite',
    ]);
    expect(listing(dir)).toEqual(['Copy.SQLITE', 'for-the-accountant.sqlite', 'notes.txt.sqlite']);
  });

  it('titles the dialog in the business language', async () => {
    const t = await start('zh-CN');
    dialogs.answer(null, null, null);
    await t.host.invoke('backup.export', {});
    await t.host.invoke('backup.import', {});
    await t.host.invoke('backup.setFolder', { folder: 'choose' });
    expect(dialogs.shown.map((d) => d.title)).toEqual(['导出全部商户数据', '选择要导入的 Subdesk 导出文件或备份', '选择备份文件夹']);
  });
});

describe('backup.import through the open dialog', () => {
  it('changes nothing when the dialog is cancelled: no safety copy, same data', async () => {
    const t = await start();
    await t.host.invoke('settings.update', { address: 'Still here' });
    const hash = databaseHash(t.host.db);
    const backups = listing(path.join(t.dataDir, 'backups'));
    dialogs.answer(null);
    expect(await t.host.invoke('backup.import', {})).toEqual({ status: 'cancelled' });
    expect(databaseHash(t.host.db)).toBe(hash);
    expect(listing(path.join(t.dataDir, 'backups'))).toEqual(backups);
    expect((await t.host.invoke('settings.get', {})).address).toBe('Still here');
  });
});

describe('backup.setFolder through the folder dialog', () => {
  it('keeps the folder when cancelled, uses the picked one, and goes back to the default', async () => {
    const t = await start();
    const defaultFolder = path.join(t.dataDir, 'backups');
    dialogs.answer(null);
    expect(await t.host.invoke('backup.setFolder', { folder: 'choose' })).toEqual({ status: 'cancelled' });
    expect((await t.host.invoke('backup.list', {})).folder).toBe(defaultFolder);

    const usb = tempDir();
    dialogs.answer(usb);
    expect(await t.host.invoke('backup.setFolder', { folder: 'choose' })).toEqual({ status: 'done', folder: usb });
    expect((await t.host.invoke('settings.get', {})).backupFolder).toBe(usb);
    expect(lastAudit(t)).toEqual({
      channel: 'backup.setFolder',
      entity: 'settings',
      entityId: 'backupFolder',
      before: JSON.stringify({ backupFolder: '' }),
      after: JSON.stringify({ backupFolder: usb }),
    });
    const made = await t.host.invoke('backup.now', {});
    expect(listing(usb)).toEqual([made.id, `${made.id}.json`]);

    expect(await t.host.invoke('backup.setFolder', { folder: 'default' })).toEqual({ status: 'done', folder: defaultFolder });
    expect(dialogs.shown).toHaveLength(2); // 'default' opens no dialog
    expect((await t.host.invoke('backup.list', {})).isDefaultFolder).toBe(true);
  });

  it('takes no path from the caller', async () => {
    const t = await start();
    const err = await failure(t.host.invoke('backup.setFolder', { folder: '/tmp' } as never));
    expect(err.code).toBe('VALIDATION');
    expect((await t.host.invoke('settings.get', {})).backupFolder).toBe('');
    expect(dialogs.shown).toEqual([]);
  });
});
